/**
 * nunjucks finds a template named relative to another (every GOV.UK macro includes
 * "./template.njk") with `path.resolve` on every include, so on every macro call: on a list
 * page that was a fifth of the time spent rendering (issue 8, `npm run bench`). The same two
 * names always give the same path, so each loader remembers what it worked out; the names are
 * those in our templates and the design system's, so the memory is bounded.
 */
import type nunjucks from 'nunjucks';

interface ResolvingLoader {
  resolve?: (from: string, to: string) => string;
}

export function memoizeRelativeNames(env: nunjucks.Environment): void {
  for (const loader of (env as unknown as { loaders: ResolvingLoader[] }).loaders) {
    const resolve = loader.resolve?.bind(loader);
    if (!resolve) continue;
    const known = new Map<string, string>();
    loader.resolve = (from, to) => {
      const key = `${from}\0${to}`;
      let resolved = known.get(key);
      if (resolved === undefined) {
        resolved = resolve(from, to);
        known.set(key, resolved);
      }
      return resolved;
    };
  }
}
