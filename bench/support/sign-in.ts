/**
 * Signing in over real HTTP, as a browser does (the CSRF token from the form, the session cookie,
 * the second factor where the role needs it), so the load runs as a signed-in person would.
 */
import { totpCode } from '../../src/platform/auth/totp.js';

/** Cookies kept between requests, as a browser keeps them for one site. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function formToken(base: string, path: string, jar: CookieJar): Promise<string> {
  const response = await fetch(base + path, { headers: { cookie: jar.header() } });
  jar.take(response);
  const html = await response.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no form token on ${path} (${response.status})`);
  return token;
}

async function post(
  base: string,
  path: string,
  jar: CookieJar,
  fields: Record<string, string>,
): Promise<Response> {
  const response = await fetch(base + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  jar.take(response);
  return response;
}

/** Signs in and returns the Cookie header that carries the session. */
export async function signInOverHttp(
  base: string,
  account: { email: string; password: string; totpSecret?: string | undefined },
): Promise<string> {
  const jar = new CookieJar();
  const first = await post(base, '/sign-in', jar, {
    _csrf: await formToken(base, '/sign-in', jar),
    email: account.email,
    password: account.password,
  });
  if (first.status !== 303) throw new Error(`sign-in refused for ${account.email}`);
  if (first.headers.get('location')?.startsWith('/sign-in/second-factor')) {
    if (!account.totpSecret) throw new Error(`${account.email} needs a second factor`);
    const second = await post(base, '/sign-in/second-factor', jar, {
      _csrf: await formToken(base, '/sign-in/second-factor', jar),
      code: totpCode(account.totpSecret, new Date()),
    });
    if (second.status !== 303) throw new Error(`second factor refused for ${account.email}`);
  }
  return jar.header();
}
