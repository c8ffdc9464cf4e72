/**
 * Repeated failed sign-ins are slowed and then locked for a while, per account and per address
 * (ASVS 2.2.1). Each part builds its own application, so failures do not leak between them.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testConfig } from '../../src/app.js';
import { totpCode } from '../../src/platform/auth/totp.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { FACTORY_PASSWORD, makeAccounts, type FactoryAccount } from '../factories/accounts.js';

const LOCKED = (minutes: number) =>
  `Too many failed attempts to sign in. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;

/** Posts the sign-in form as a new browser, from the given address. */
async function attempt(
  app: FastifyInstance,
  email: string,
  password: string,
  remoteAddress = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  const agent = new Agent(app);
  await agent.get('/sign-in');
  return app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress,
    headers: {
      cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ email, password, _csrf: agent.csrfToken! }).toString(),
  });
}

function assertLocked(response: LightMyRequestResponse, minutes: number) {
  assert.equal(response.statusCode, 429);
  assert.match(response.body, /There is a problem/);
  assert.ok(response.body.includes(`href="#email">${LOCKED(minutes)}</a>`), LOCKED(minutes));
  assert.match(response.body, /<p id="email-error" class="govuk-error-message">/);
  assert.equal(
    response.cookies.find((c) => c.name === 'bridge_session'),
    undefined,
    'no session is started',
  );
}

describe('per account', () => {
  let t: TestApp;
  let accounts: Record<
    'director' | 'ctset' | 'requester' | 'authority_officer' | 'coordination_unit',
    FactoryAccount
  >;
  before(async () => {
    t = await createTestApp({ demo: false });
    accounts = await makeAccounts(t, [
      'director',
      'ctset',
      'requester',
      'authority_officer',
      'coordination_unit',
    ]);
  });
  after(() => t.close());
  // Each test begins at the same moment, whatever the tests before it did to the clock.
  afterEach(() => t.clock.reset());

  test('after 5 failures even the right password is refused for 15 minutes, then accepted', async () => {
    const email = accounts.director.email;
    assert.equal(t.config.signIn.maxFailuresPerAccount, 5);
    for (let i = 0; i < 5; i++) {
      const failed = await attempt(t.app, email, `wrong password number ${i}`);
      assert.equal(failed.statusCode, 400, `failure ${i + 1} is an ordinary failure`);
    }
    const locked = await attempt(t.app, email, FACTORY_PASSWORD);
    assertLocked(locked, 15);
    assert.equal(locked.headers['retry-after'], String(15 * 60));

    // Other accounts from the same address are not locked.
    assert.equal((await attempt(t.app, accounts.ctset.email, FACTORY_PASSWORD)).statusCode, 303);

    t.clock.advanceMinutes(14);
    assertLocked(await attempt(t.app, email, FACTORY_PASSWORD), 1);
    t.clock.advanceMinutes(1);
    const unlocked = await attempt(t.app, email, FACTORY_PASSWORD);
    assert.equal(unlocked.statusCode, 303, 'unlocked after the lock period');

    // A success starts the count afresh: one more failure does not lock.
    assert.equal((await attempt(t.app, email, 'wrong again')).statusCode, 400);
    assert.equal((await attempt(t.app, email, FACTORY_PASSWORD)).statusCode, 303);
  });

  test('the account is locked whichever address the attempts come from', async () => {
    t.clock.advanceMinutes(60);
    const email = accounts.requester.email;
    for (let i = 0; i < 5; i++) {
      const failed = await attempt(t.app, email, 'wrong', `10.0.0.${i + 1}`);
      assert.equal(failed.statusCode, 400);
    }
    assertLocked(await attempt(t.app, email, FACTORY_PASSWORD, '10.0.1.1'), 15);
  });

  test('the e-mail address is locked whatever its case', async () => {
    t.clock.advanceMinutes(60);
    const email = accounts.authority_officer.email;
    for (let i = 0; i < 5; i++) await attempt(t.app, i % 2 ? email.toUpperCase() : email, 'wrong');
    assertLocked(await attempt(t.app, ` ${email.toUpperCase()} `, FACTORY_PASSWORD), 15);
  });

  test('wrong second-factor codes count too, and signing in with the password again does not reset them', async () => {
    t.clock.advanceMinutes(60);
    const account = accounts.coordination_unit;
    const agent = new Agent(t.app);
    const wrongCode = () =>
      totpCode(account.totpSecret!, t.clock.now()) === '000000' ? '111111' : '000000';
    await agent.get('/sign-in');
    assert.equal(
      (await agent.post('/sign-in', { email: account.email, password: FACTORY_PASSWORD }))
        .statusCode,
      303,
    );
    for (let i = 0; i < 3; i++) {
      t.clock.advanceMinutes(0.1);
      assert.equal(
        (await agent.post('/sign-in/second-factor', { code: wrongCode() })).statusCode,
        400,
      );
    }
    // The password again: it is right, but it must not wipe out the failed codes.
    t.clock.advanceMinutes(0.1);
    assert.equal(
      (await agent.post('/sign-in', { email: account.email, password: FACTORY_PASSWORD }))
        .statusCode,
      303,
    );
    for (let i = 0; i < 2; i++) {
      t.clock.advanceMinutes(0.1);
      assert.equal(
        (await agent.post('/sign-in/second-factor', { code: wrongCode() })).statusCode,
        400,
      );
    }
    t.clock.advanceMinutes(0.1);
    const locked = await agent.post('/sign-in/second-factor', {
      code: totpCode(account.totpSecret!, t.clock.now()),
    });
    assert.equal(locked.statusCode, 429, 'even the right code is refused');
    assert.match(locked.body, /Too many failed attempts to sign in. Try again in 15 minutes/);
    assert.match(locked.body, /<p id="code-error" class="govuk-error-message">/);
    assertLocked(await attempt(t.app, account.email, FACTORY_PASSWORD), 15);

    t.clock.advanceMinutes(15);
    const fresh = new Agent(t.app);
    await fresh.get('/sign-in');
    assert.equal(
      (await fresh.post('/sign-in', { email: account.email, password: FACTORY_PASSWORD }))
        .statusCode,
      303,
    );
    const done = await fresh.post('/sign-in/second-factor', {
      code: totpCode(account.totpSecret!, t.clock.now()),
    });
    assert.equal(done.statusCode, 303);
    assert.equal((await fresh.get('/directory')).statusCode, 200);
  });
});

describe('per address', () => {
  let t: TestApp;
  let accounts: Record<'director' | 'advisor', FactoryAccount>;
  before(async () => {
    t = await createTestApp({
      demo: false,
      config: { signIn: { ...testConfig().signIn, maxFailuresPerAddress: 3 } },
    });
    accounts = await makeAccounts(t, ['director', 'advisor']);
  });
  after(() => t.close());
  // Each test begins at the same moment, whatever the tests before it did to the clock.
  afterEach(() => t.clock.reset());

  test('failures across different e-mail addresses lock the address, not the accounts', async () => {
    const address = '192.0.2.10';
    for (const email of ['a@example.org', 'b@example.org', accounts.advisor.email]) {
      assert.equal((await attempt(t.app, email, 'wrong password', address)).statusCode, 400);
    }
    // A fourth account, with its right password, from that address: refused.
    assertLocked(await attempt(t.app, accounts.director.email, FACTORY_PASSWORD, address), 15);
    // The same account from another address: accepted.
    assert.equal(
      (await attempt(t.app, accounts.director.email, FACTORY_PASSWORD, '192.0.2.20')).statusCode,
      303,
    );
    t.clock.advanceMinutes(15);
    assert.equal(
      (await attempt(t.app, accounts.director.email, FACTORY_PASSWORD, address)).statusCode,
      303,
    );
  });
});

describe('slowing before the lock', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let director: FactoryAccount;
  const delays: number[] = [];

  before(async () => {
    t = await createTestApp({ demo: false, sleep: async (ms) => void delays.push(ms) });
    app = t.app;
    director = (await makeAccounts(t, ['director'])).director;
  });
  after(() => t.close());

  test('after 2 failures each further attempt waits longer, doubling from a quarter second', async () => {
    const email = director.email;
    for (let i = 0; i < 4; i++) await attempt(app, email, 'wrong password');
    assert.deepEqual(delays, [250], 'no wait for the first three attempts, then 250 ms');
    // The right password waits too; its success starts the count afresh.
    assert.equal((await attempt(app, email, FACTORY_PASSWORD)).statusCode, 303);
    assert.deepEqual(delays, [250, 500]);
    // (Failures in the same instant as a success are not counted after it: let time move.)
    const later = async () => {
      t.clock.advanceMinutes(1 / 60);
      return attempt(app, email, 'wrong password');
    };
    for (let i = 0; i < 3; i++) await later();
    assert.deepEqual(delays, [250, 500], 'no wait again until 2 new failures');
    await later();
    await later();
    assert.deepEqual(delays, [250, 500, 250, 500]);
    assertLocked(await attempt(app, email, FACTORY_PASSWORD), 15);
    assert.equal(delays.length, 4, 'a locked attempt is refused without waiting');
  });
});
