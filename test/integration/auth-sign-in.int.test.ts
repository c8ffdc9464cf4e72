/**
 * Signing in and out: the answer to a failed sign-in, the session cookie, the session id
 * changing at sign-in, the second factor (stage, replay, compulsory set-up).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { listAuditEvents } from '../../src/platform/audit/service.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { sessions } from '../../src/platform/auth/schema.js';
import { hashToken, SIGN_IN_FAILED } from '../../src/platform/auth/service.js';
import { totpCode } from '../../src/platform/auth/totp.js';
import { findUserIdByEmail } from '../../src/platform/auth/users-service.js';
import {
  Agent,
  clockPastLastCode,
  createTestApp,
  signIn,
  type TestApp,
  principalFor,
} from '../app.js';
import {
  FACTORY_PASSWORD,
  makeAccount,
  makeAccounts,
  signInAccount,
  type FactoryAccount,
} from '../factories/accounts.js';

const PASSWORD = 'lamp orbit cactus rinse 9';
const SESSION_COOKIE = 'bridge_session';

const ROLES = [
  'administrator',
  'director',
  'ctset',
  'requester',
  'coordination_unit',
  'authority_member',
  'lay_visitor',
] as const;

let t: TestApp;
/** An account for each role the tests sign in as. */
let accounts: Record<(typeof ROLES)[number], FactoryAccount>;
before(async () => {
  t = await createTestApp({ demo: false });
  accounts = await makeAccounts(t, ROLES);
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

function resetPathIn(text: string): string {
  const match = /http:\/\/localhost:3000(\/reset-password\/[\w-]+)/.exec(text);
  assert.ok(match, `a set-password link in: ${text}`);
  return match[1]!;
}

async function latestMailTo(address: string) {
  const { items } = await t.services.mail.list({ limit: 1000, offset: 0 });
  const message = items.find((m) => m.toAddress === address);
  assert.ok(message, `an e-mail to ${address}`);
  return message;
}

/** A new account with a role, whose password is set through the invitation link. */
async function createAccount(role: Role) {
  const tag = randomBytes(4).toString('hex');
  const email = `person-${tag}@example.org`;
  const displayName = `Person ${tag}`;
  const id = await t.services.users.create(await principalFor(t, accounts.administrator.email), {
    email,
    displayName,
    role,
  });
  const token = resetPathIn((await latestMailTo(email)).bodyText)
    .split('/')
    .pop()!;
  await t.services.auth.resetPassword(token, { newPassword: PASSWORD, confirmPassword: PASSWORD });
  return { id, email, displayName };
}

async function sessionCount(userId?: string): Promise<number> {
  const [row] = await t.services.db
    .select({ n: count() })
    .from(sessions)
    .where(userId ? eq(sessions.userId, userId) : undefined);
  return Number(row?.n ?? 0);
}

function cookieOf(response: LightMyRequestResponse, name = SESSION_COOKIE) {
  return response.cookies.find((c) => c.name === name);
}

async function postSignIn(agent: Agent, email: string, password: string) {
  await agent.get('/sign-in');
  return agent.post('/sign-in', { email, password });
}

function assertFormError(response: LightMyRequestResponse, field: string, message: string) {
  assert.match(response.body, /There is a problem/);
  assert.ok(
    response.body.includes(`href="#${field}">${message}</a>`),
    `the error summary links "${message}" to #${field}`,
  );
  assert.match(
    response.body,
    new RegExp(
      `<p id="${field}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span> ${message}`,
    ),
  );
}

describe('a failed sign-in', () => {
  test('wrong password and unknown e-mail get the same message and status, and no session', async () => {
    const sessionsBefore = await sessionCount();
    const wrongPassword = await postSignIn(
      new Agent(t.app),
      accounts.director.email,
      'not the right password at all',
    );
    const unknown = await postSignIn(new Agent(t.app), 'nobody@factory.example', FACTORY_PASSWORD);
    for (const response of [wrongPassword, unknown]) {
      assert.equal(response.statusCode, 400);
      assertFormError(response, 'email', SIGN_IN_FAILED);
      assert.equal(cookieOf(response), undefined, 'no session cookie');
    }
    // The pages differ only in the typed e-mail address and the per-request tokens.
    const normalise = (r: LightMyRequestResponse) =>
      r.body.replace(/value="[^"]*"/g, 'value=""').replace(/nonce="[^"]*"/g, 'nonce=""');
    assert.equal(normalise(wrongPassword), normalise(unknown));
    assert.equal(await sessionCount(), sessionsBefore);
  });

  test('a deactivated account gets the same answer even with the right password', async () => {
    const person = await createAccount('advisor');
    const admin = await principalFor(t, accounts.administrator.email);
    const detail = await t.services.users.get(admin, person.id);
    await t.services.users.setStatus(admin, person.id, 'deactivated', detail.version);
    const response = await postSignIn(new Agent(t.app), person.email, PASSWORD);
    assert.equal(response.statusCode, 400);
    assertFormError(response, 'email', SIGN_IN_FAILED);
    assert.equal(await sessionCount(person.id), 0);
  });

  test('blank fields are asked for, each beside its field', async () => {
    const response = await postSignIn(new Agent(t.app), '  ', '');
    assert.equal(response.statusCode, 400);
    assertFormError(response, 'email', 'Enter your e-mail address');
    assertFormError(response, 'password', 'Enter your password');
  });

  test('the e-mail address is matched whatever its case and surrounding spaces', async () => {
    const agent = new Agent(t.app);
    const typed = `  ${accounts.director.email.toUpperCase().replace('FACTORY.EXAMPLE', 'Factory.Example')} `;
    const response = await postSignIn(agent, typed, FACTORY_PASSWORD);
    assert.equal(response.statusCode, 303);
    assert.equal((await agent.get('/account')).statusCode, 200);
  });
});

describe('odd input to the sign-in form', () => {
  test('a field sent twice counts as missing, never an error', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const response = await agent.post('/sign-in', {
      email: [accounts.director.email, 'other@example.org'],
      password: FACTORY_PASSWORD,
    });
    assert.equal(response.statusCode, 400);
    assertFormError(response, 'email', 'Enter your e-mail address');
  });

  test('an over-large body is refused with 413 and signs no one in', async () => {
    const before = await sessionCount();
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const response = await agent.post('/sign-in', {
      email: accounts.director.email,
      password: 'x'.repeat(t.config.bodyLimitBytes + 1),
    });
    assert.equal(response.statusCode, 413);
    assert.equal(await sessionCount(), before);
  });

  test('after signing in, only a path on this site is followed', async () => {
    for (const [next, location] of [
      ['/directory?q=camden', '/directory?q=camden'],
      ['https://evil.example/', '/'],
      ['//evil.example/', '/'],
      ['/\\evil.example/', '/'],
    ]) {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const response = await agent.post('/sign-in', {
        email: accounts.ctset.email,
        password: FACTORY_PASSWORD,
        next: next!,
      });
      assert.equal(response.statusCode, 303, next);
      assert.equal(response.headers.location, location, next);
    }
  });
});

describe('the session cookie', () => {
  test('is HttpOnly, SameSite=Lax, for the whole site, and not Secure over http', async () => {
    const response = await postSignIn(new Agent(t.app), accounts.ctset.email, FACTORY_PASSWORD);
    assert.equal(response.statusCode, 303);
    const cookie = cookieOf(response);
    assert.ok(cookie, 'a session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.ok(!cookie.secure, 'not Secure over plain http');
    // 256 bits of randomness, base64url: 43 characters.
    assert.match(cookie.value, /^[\w-]{43}$/);
    // No Max-Age or Expires: it ends with the browser; the server decides when it expires.
    assert.equal(cookie.maxAge, undefined);
    assert.equal(cookie.expires, undefined);
  });

  test('is Secure when the request arrived over https through a trusted proxy', async () => {
    const proxied = await createTestApp({ demo: false, config: { trustProxy: 1 } });
    try {
      const director = await makeAccount(proxied, { role: 'director' });
      for (const [proto, secure] of [
        ['https', true],
        ['http', false],
      ] as const) {
        const agent = new Agent(proxied.app);
        await agent.get('/sign-in', { 'x-forwarded-proto': proto });
        const params = new URLSearchParams({
          email: director.email,
          password: FACTORY_PASSWORD,
          _csrf: agent.csrfToken!,
        });
        const response = await proxied.app.inject({
          method: 'POST',
          url: '/sign-in',
          headers: {
            cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-proto': proto,
          },
          payload: params.toString(),
        });
        assert.equal(response.statusCode, 303, proto);
        const cookie = cookieOf(response);
        assert.ok(cookie, `a session cookie over ${proto}`);
        assert.equal(Boolean(cookie.secure), secure, `Secure over ${proto}`);
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, 'Lax');
      }
    } finally {
      await proxied.close();
    }
  });

  test('an x-forwarded-proto header is ignored when the proxy is not trusted', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in', { 'x-forwarded-proto': 'https' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: {
        cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
      },
      payload: new URLSearchParams({
        email: accounts.director.email,
        password: FACTORY_PASSWORD,
        _csrf: agent.csrfToken!,
      }).toString(),
    });
    assert.equal(response.statusCode, 303);
    assert.ok(!cookieOf(response)?.secure);
  });
});

describe('the session id changes at sign-in', () => {
  test('signing in again gives a new id, and the old one stops working', async () => {
    const agent = new Agent(t.app);
    await postSignIn(agent, accounts.requester.email, FACTORY_PASSWORD);
    const first = agent.cookies.get(SESSION_COOKIE);
    assert.ok(first);
    assert.equal((await agent.get('/account')).statusCode, 200);

    const again = await agent.post('/sign-in', {
      email: accounts.requester.email,
      password: FACTORY_PASSWORD,
    });
    assert.equal(again.statusCode, 303);
    const second = agent.cookies.get(SESSION_COOKIE);
    assert.ok(second);
    assert.notEqual(second, first);
    assert.equal((await agent.get('/account')).statusCode, 200);

    const old = new Agent(t.app);
    old.cookies.set(SESSION_COOKIE, first);
    const refused = await old.get('/account');
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, '/sign-in?next=%2Faccount');
    const [row] = await t.services.db
      .select({ n: count() })
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(first)));
    assert.equal(Number(row?.n), 0, 'the old session is deleted, not just replaced');
  });

  test('a session id planted before sign-in is not the one used after', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const planted = randomBytes(32).toString('base64url');
    agent.cookies.set(SESSION_COOKIE, planted);
    const response = await agent.post('/sign-in', {
      email: accounts.ctset.email,
      password: FACTORY_PASSWORD,
    });
    assert.equal(response.statusCode, 303);
    const issued = cookieOf(response)?.value;
    assert.ok(issued);
    assert.notEqual(issued, planted);
    const attacker = new Agent(t.app);
    attacker.cookies.set(SESSION_COOKIE, planted);
    assert.equal((await attacker.get('/account')).statusCode, 303);
  });

  test('passing the second factor gives yet another id', async () => {
    await clockPastLastCode(t, accounts.administrator.email);
    const admin = accounts.administrator;
    const agent = new Agent(t.app);
    await postSignIn(agent, admin.email, FACTORY_PASSWORD);
    const partial = agent.cookies.get(SESSION_COOKIE);
    assert.ok(partial);
    const response = await agent.post('/sign-in/second-factor', {
      code: totpCode(admin.totpSecret!, t.clock.now()),
    });
    assert.equal(response.statusCode, 303);
    const full = agent.cookies.get(SESSION_COOKIE);
    assert.ok(full);
    assert.notEqual(full, partial);
    const stale = new Agent(t.app);
    stale.cookies.set(SESSION_COOKIE, partial);
    assert.equal((await stale.get('/sign-in/second-factor')).headers.location, '/sign-in');
    assert.equal((await agent.get('/admin/users')).statusCode, 200);
  });
});

describe('the second factor', () => {
  test('after the password alone, no signed-in page can be reached', async () => {
    await clockPastLastCode(t, accounts.administrator.email);
    const agent = new Agent(t.app);
    const response = await postSignIn(agent, accounts.administrator.email, FACTORY_PASSWORD);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/sign-in/second-factor');
    for (const url of [
      '/account',
      '/account/sessions',
      '/admin/users',
      '/admin/outbox',
      '/directory',
    ]) {
      const page = await agent.get(url);
      assert.equal(page.statusCode, 303, url);
      assert.equal(page.headers.location, `/sign-in?next=${encodeURIComponent(url)}`, url);
    }
    const post = await agent.post('/admin/users/new', {
      displayName: 'Sneaky',
      email: 'sneaky@example.org',
      role: 'administrator',
    });
    assert.equal(post.statusCode, 303);
    assert.equal(post.headers.location, '/sign-in');
    assert.equal(await findUserIdByEmail(t.services.db, 'sneaky@example.org'), undefined);
    // The sign-in page sends the person back to the code.
    const signInPage = await agent.get('/sign-in?next=/account');
    assert.equal(signInPage.headers.location, '/sign-in/second-factor?next=%2Faccount');
    // The home page treats them as signed out.
    const home = await agent.get('/');
    assert.doesNotMatch(home.body, /href="\/admin\/users"/);
  });

  test('a wrong or blank code is refused with the field’s message', async () => {
    await clockPastLastCode(t, accounts.coordination_unit.email);
    const agent = new Agent(t.app);
    await postSignIn(agent, accounts.coordination_unit.email, FACTORY_PASSWORD);
    const blank = await agent.post('/sign-in/second-factor', { code: '' });
    assert.equal(blank.statusCode, 400);
    assertFormError(blank, 'code', 'Enter the 6-digit code from your authenticator app');
    const wrong = await agent.post('/sign-in/second-factor', { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    assertFormError(
      wrong,
      'code',
      'The code is not correct or has already been used. Enter the current code',
    );
    assert.equal((await agent.get('/account')).statusCode, 303);
  });

  test('a code already used is refused; the next one is accepted', async () => {
    await clockPastLastCode(t, accounts.administrator.email);
    const admin = accounts.administrator;
    const code = totpCode(admin.totpSecret!, t.clock.now());
    const first = new Agent(t.app);
    await postSignIn(first, admin.email, FACTORY_PASSWORD);
    assert.equal((await first.post('/sign-in/second-factor', { code })).statusCode, 303);

    // Someone who overheard the code (and knows the password) tries it in the same 30 seconds.
    const replay = new Agent(t.app);
    await postSignIn(replay, admin.email, FACTORY_PASSWORD);
    const refused = await replay.post('/sign-in/second-factor', { code });
    assert.equal(refused.statusCode, 400);
    assertFormError(
      refused,
      'code',
      'The code is not correct or has already been used. Enter the current code',
    );
    assert.equal((await replay.get('/admin/users')).statusCode, 303);

    // The code of the step before the one used is refused too, though within the window.
    const earlier = totpCode(admin.totpSecret!, new Date(t.clock.now().getTime() - 30_000));
    assert.equal((await replay.post('/sign-in/second-factor', { code: earlier })).statusCode, 400);

    t.clock.advanceMinutes(1);
    const next = await replay.post('/sign-in/second-factor', {
      code: totpCode(admin.totpSecret!, t.clock.now()),
    });
    assert.equal(next.statusCode, 303);
    assert.equal((await replay.get('/admin/users')).statusCode, 200);
  });

  test('the same code sent twice at once lets in only one', async () => {
    await clockPastLastCode(t, accounts.administrator.email);
    const admin = accounts.administrator;
    const a = new Agent(t.app);
    const b = new Agent(t.app);
    await postSignIn(a, admin.email, FACTORY_PASSWORD);
    await postSignIn(b, admin.email, FACTORY_PASSWORD);
    const code = totpCode(admin.totpSecret!, t.clock.now());
    // Through the service, so both requests surely read the account before either writes.
    const contexts = await Promise.all(
      [a, b].map((agent) => t.services.auth.resolveSession(agent.cookies.get(SESSION_COOKIE))),
    );
    const client = { ip: '127.0.0.1', userAgent: undefined };
    const results = await Promise.allSettled(
      contexts.map((context) => t.services.auth.completeSecondFactor(context!, code, client)),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    assert.match(String(refused?.reason), /already been used/);
  });

  test('a role that needs a second factor, with none set up, is sent to set one up', async () => {
    t.clock.advanceMinutes(1);
    const admin = await signInAccount(t, accounts.administrator);
    const tag = randomBytes(4).toString('hex');
    const email = `coordinator-${tag}@example.org`;
    const created = await admin.post('/admin/users/new', {
      displayName: `New Coordinator ${tag}`,
      email,
      role: 'coordination_unit',
    });
    assert.equal(created.statusCode, 303);
    const userId = created.headers.location!.split('/').pop()!;

    // The invitation link sets the password.
    const link = resetPathIn((await latestMailTo(email)).bodyText);
    const person = new Agent(t.app);
    assert.equal((await person.get(link)).statusCode, 200);
    const set = await person.post(link, { newPassword: PASSWORD, confirmPassword: PASSWORD });
    assert.equal(set.statusCode, 303);

    const signedIn = await person.post('/sign-in', { email, password: PASSWORD });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/sign-in/set-up-second-factor');
    assert.equal((await person.get('/account')).statusCode, 303);
    assert.equal((await person.get('/directory')).statusCode, 303);
    assert.equal(
      (await person.get('/sign-in/second-factor')).headers.location,
      '/sign-in/set-up-second-factor',
    );

    const page = await person.get('/sign-in/set-up-second-factor');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Set up a second factor/);
    assert.match(page.body, /<img src="data:image\/png;base64,/);
    const sealed = /name="sealedSecret" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(sealed);
    const secret = t.services.secretBox.open(sealed);
    assert.ok(page.body.includes(secret.slice(0, 4)), 'the key is shown for typing in');

    const wrong = await person.post('/sign-in/set-up-second-factor', {
      sealedSecret: sealed,
      code: '123456' === totpCode(secret, t.clock.now()) ? '654321' : '123456',
    });
    assert.equal(wrong.statusCode, 400);
    assertFormError(
      wrong,
      'code',
      'The code is not correct. Enter the code your authenticator app shows now',
    );
    assert.ok(wrong.body.includes(sealed), 'the same key is offered again');
    assert.equal(
      (await t.services.users.get(await principalFor(t, accounts.administrator.email), userId))
        .hasSecondFactor,
      false,
    );

    const done = await person.post('/sign-in/set-up-second-factor', {
      sealedSecret: sealed,
      code: totpCode(secret, t.clock.now()),
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/');
    const account = await person.get('/account');
    assert.equal(account.statusCode, 200);
    assert.equal((await person.get('/directory')).statusCode, 200);
    const detail = await t.services.users.get(
      await principalFor(t, accounts.administrator.email),
      userId,
    );
    assert.equal(detail.hasSecondFactor, true);
    const events = await listAuditEvents(
      t.services.db,
      { recordType: 'user', recordId: userId },
      { limit: 50, offset: 0 },
    );
    assert.ok(events.items.some((e) => e.action === 'user.second-factor-enabled'));

    // From now on the code is asked for at sign-in.
    t.clock.advanceMinutes(1);
    const later = new Agent(t.app);
    const again = await postSignIn(later, email, PASSWORD);
    assert.equal(again.headers.location, '/sign-in/second-factor');
    const agent = await signIn(t.app, email, {
      password: PASSWORD,
      totpSecret: secret,
      now: t.clock.now(),
    });
    assert.equal((await agent.get('/account')).statusCode, 200);
  });

  test('a tampered set-up key is refused, and a fresh one offered', async () => {
    const person = await createAccount('administrator');
    const agent = new Agent(t.app);
    await postSignIn(agent, person.email, PASSWORD);
    const page = await agent.get('/sign-in/set-up-second-factor');
    const sealed = /name="sealedSecret" value="([^"]+)"/.exec(page.body)![1]!;
    const response = await agent.post('/sign-in/set-up-second-factor', {
      // The first character of the IV changed: the box no longer opens.
      sealedSecret: sealed.replace(/^v1\.(.)/, (_m, c: string) => `v1.${c === 'A' ? 'B' : 'A'}`),
      code: '123456',
    });
    assert.equal(response.statusCode, 400);
    assertFormError(response, 'code', 'The set-up has expired. Scan the new code and try again');
    const offered = /name="sealedSecret" value="([^"]+)"/.exec(response.body)?.[1];
    assert.ok(offered && offered !== sealed);
  });

  test('a signed-in person given a role that needs a second factor must set one up first', async () => {
    const person = await createAccount('director');
    const agent = new Agent(t.app);
    await postSignIn(agent, person.email, PASSWORD);
    assert.equal((await agent.get('/account')).statusCode, 200);

    const admin = await principalFor(t, accounts.administrator.email);
    await t.services.users.grantRole(admin, person.id, { role: 'administrator' });

    const users = await agent.get('/admin/users');
    assert.equal(users.statusCode, 303, 'no administration without a second factor');
    assert.equal(users.headers.location, '/sign-in?next=%2Fadmin%2Fusers');
    const signInPage = await agent.get('/sign-in');
    assert.equal(signInPage.headers.location, '/sign-in/set-up-second-factor');
    const page = await agent.get('/sign-in/set-up-second-factor');
    assert.equal(page.statusCode, 200);
    const sealed = /name="sealedSecret" value="([^"]+)"/.exec(page.body)![1]!;
    const secret = t.services.secretBox.open(sealed);
    const done = await agent.post('/sign-in/set-up-second-factor', {
      sealedSecret: sealed,
      code: totpCode(secret, t.clock.now()),
    });
    assert.equal(done.statusCode, 303);
    assert.equal((await agent.get('/admin/users')).statusCode, 200);
  });
});

describe('signing out', () => {
  test('ends the session, clears the cookie and is recorded', async () => {
    const agent = await signInAccount(t, accounts.authority_member);
    const token = agent.cookies.get(SESSION_COOKIE)!;
    const userId = (await findUserIdByEmail(t.services.db, accounts.authority_member.email))!;
    const response = await agent.post('/sign-out');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/sign-in');
    const cleared = cookieOf(response);
    assert.ok(cleared && cleared.value === '', 'the cookie is cleared');
    const [row] = await t.services.db
      .select({ n: count() })
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)));
    assert.equal(Number(row?.n), 0);
    const replay = new Agent(t.app);
    replay.cookies.set(SESSION_COOKIE, token);
    assert.equal((await replay.get('/account')).statusCode, 303);
    const events = await listAuditEvents(
      t.services.db,
      { recordType: 'user', recordId: userId },
      { limit: 10, offset: 0 },
    );
    assert.equal(events.items[0]?.action, 'session.signed-out');
  });

  test('signing out without the CSRF token is refused and the session goes on', async () => {
    const agent = await signInAccount(t, accounts.lay_visitor);
    const response = await agent.post('/sign-out', {}, { csrf: false });
    assert.equal(response.statusCode, 403);
    assert.equal((await agent.get('/account')).statusCode, 200);
  });

  test('signing in without the CSRF token is refused and writes no session', async () => {
    const before = await sessionCount();
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const response = await agent.post(
      '/sign-in',
      { email: accounts.director.email, password: FACTORY_PASSWORD },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.equal(cookieOf(response), undefined);
    assert.equal(await sessionCount(), before);
  });

  test('a page without a form sets no CSRF cookie; a form carries the token of the cookie it sets', async () => {
    const list = await t.app.inject({ url: '/advisory-groups' });
    assert.equal(list.statusCode, 200);
    assert.equal(cookieOf(list, 'bridge_csrf'), undefined);
    assert.doesNotMatch(list.body, /name="_csrf"/);

    const form = await t.app.inject({ url: '/sign-in' });
    assert.ok(cookieOf(form, 'bridge_csrf'), 'the sign-in form sets the CSRF cookie');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(token && /^[\w-]{20,}$/.test(token), `a real token, not ${token}`);
    // The same token in every form of one page.
    const tokens = new Set(
      [...form.body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]),
    );
    assert.equal(tokens.size, 1);
  });
});
