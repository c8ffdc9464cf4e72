/** Route options that more than one module gives its routes. */

/**
 * A form anyone may send without an account (an application to an advisory group or to be a
 * custody visitor): open to the public, so rate-limited per address.
 */
export const publicFormRoute = {
  config: { access: 'public' as const, rateLimit: { max: 20, timeWindow: '1 minute' } },
};

/**
 * A page anyone may read, kept while nothing Bridge counts has changed (ADR 0016), naming the
 * query parameters it reads (a request with any other is answered afresh).
 */
export const keptPage = (...query: string[]) => ({
  config: { access: 'public' as const, publicCache: { query } },
});
