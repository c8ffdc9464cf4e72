/**
 * Where to go after signing in: the `next` parameter of the sign-in pages, made safe to follow.
 * It is resolved against the public URL and kept only if it stays on the same origin; control
 * characters and backslashes (which browsers drop or read as `/`, turning `/\t/evil.example`
 * into `//evil.example`) refuse it outright. What comes back is a path on this site, encoded so
 * that it can always be sent in a Location header; anything else becomes '/'.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const REFUSED = /[\u0000-\u001f\u007f-\u009f\\]/;

export function safeNext(value: unknown, publicUrl: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 2000 || REFUSED.test(value))
    return '/';
  let base: URL;
  let url: URL;
  try {
    base = new URL(publicUrl);
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base.origin || url.username || url.password) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as a host.
  if (!path.startsWith('/') || path.startsWith('//')) return '/';
  return path;
}
