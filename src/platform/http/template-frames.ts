/**
 * nunjucks keeps a template's variables in frames, and `Frame.set` splits the variable's name
 * on dots on every call, to allow names like `loop.index`. A `{% for %}` sets seven such names on
 * every pass, and each GOV.UK macro sets several more. On a list page, a third of the time spent
 * in a 50-row loop went to those splits (issue 8, `npm run bench`).
 *
 * This keeps each name's parts once worked out; otherwise it does what nunjucks 3.2's own
 * `Frame.set` does, step for step. The names are those written in our templates and the
 * design system's, so what is kept is bounded. It is installed once, on the one nunjucks runtime.
 */
import nunjucks from 'nunjucks';

interface FrameLike {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): FrameLike | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}

const runtime = nunjucks.runtime as unknown as { Frame: { prototype: FrameLike } };
let installed = false;

export function rememberFrameNameParts(): void {
  if (installed) return;
  installed = true;
  const partsOf = new Map<string, string[]>();
  runtime.Frame.prototype.set = function set(this: FrameLike, name, value, resolveUp) {
    let parts = partsOf.get(name);
    if (!parts) {
      parts = name.split('.');
      partsOf.set(name, parts);
    }
    if (resolveUp) {
      const frame = this.resolve(parts[0]!, true);
      if (frame) {
        frame.set(name, value);
        return;
      }
    }
    let target = this.variables;
    for (let i = 0; i < parts.length - 1; i++) {
      const id = parts[i]!;
      if (!target[id]) target[id] = {};
      target = target[id] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = value;
  };
}
