/**
 * A route's address, defined once: its pattern registers the route (`route.pattern`) and the
 * same object builds its links (`route(id)`), so a link cannot drift from the route it names.
 *   const member = route('/groups/:groupId/members/:membershipId');
 *   app.get(member.pattern, ...);          // '/groups/:groupId/members/:membershipId'
 *   member(group.id, membership.id);       // '/groups/3f.../members/9a...'
 * The arguments are the pattern's parameters in order; TypeScript counts them. An address with
 * no parameters is a plain string constant: it is its own pattern and its own link.
 */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? [Name, ...ParamNames<`/${Rest}`>]
  : P extends `${string}:${infer Name}`
    ? [Name]
    : [];

type Strings<T extends unknown[]> = { [K in keyof T]: string };

/** One string for each parameter of the pattern. */
export type RouteArgs<P extends string> = Strings<ParamNames<P>>;

export type Route<P extends string> = ((...args: RouteArgs<P>) => string) & { pattern: P };

const PARAM = /:([A-Za-z_][A-Za-z0-9_]*)/g;

export function route<const P extends string>(pattern: P): Route<P> {
  const count = pattern.match(PARAM)?.length ?? 0;
  const build = (...args: string[]): string => {
    if (args.length !== count)
      throw new TypeError(`${pattern} takes ${count} values, given ${args.length}`);
    let i = 0;
    return pattern.replace(PARAM, () => encodeURIComponent(args[i++] ?? ''));
  };
  return Object.assign(build as (...args: RouteArgs<P>) => string, { pattern });
}

/**
 * A route under a prefix known only at run time (a module that serves several kinds of body
 * mounts the same pages under each body's own prefix, e.g. /groups): `.pattern(prefix)`
 * registers it (`/groups/:bodyId/meetings`) and `(prefix, ...values)` builds its links, so the
 * two cannot drift. The prefix is a plain address with no parameters of its own.
 *   const bodyMeetings = underPrefix('/:bodyId/meetings');
 *   app.get(bodyMeetings.pattern('/groups'), ...);   // '/groups/:bodyId/meetings'
 *   bodyMeetings('/groups', group.id);               // '/groups/3f.../meetings'
 */
export type PrefixedRoute<P extends string> = ((
  prefix: string,
  ...args: RouteArgs<P>
) => string) & {
  pattern: (prefix: string) => string;
};

export function underPrefix<const P extends `/${string}`>(pattern: P): PrefixedRoute<P> {
  const rest = route(pattern);
  return Object.assign((prefix: string, ...args: RouteArgs<P>) => `${prefix}${rest(...args)}`, {
    pattern: (prefix: string) => `${prefix}${rest.pattern}`,
  });
}
