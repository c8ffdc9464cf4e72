/**
 * Changing a password and the second factor from the account pages: the password policy
 * (ASVS 2.1), the current password asked for again (ASVS 2.8, 3.7), other sessions ended.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { listAuditEvents } from '../../src/platform/audit/service.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { totpCode } from '../../src/platform/auth/totp.js';
import { Agent, createTestApp, signIn, type TestApp, principalFor } from '../app.js';
import {
  FACTORY_PASSWORD,
  makeAccount,
  signInAccount,
  signInNewAccount,
  type FactoryAccount,
} from '../factories/accounts.js';

const PASSWORD = 'lamp orbit cactus rinse 9';
const NEW_PASSWORD = 'Tangerine violin quarry 47';

let t: TestApp;
let adminPrincipal: UserPrincipal;
let adminAccount: FactoryAccount;
before(async () => {
  t = await createTestApp({ demo: false });
  adminAccount = await makeAccount(t, { role: 'administrator' });
  adminPrincipal = await principalFor(t, adminAccount.email);
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

async function createAccount(role: Role) {
  const tag = randomBytes(4).toString('hex');
  const email = `pat.${tag}@example.org`;
  const displayName = `Pat Tester${tag}`;
  const id = await t.services.users.create(adminPrincipal, { email, displayName, role });
  const { items } = await t.services.mail.list({ limit: 1000, offset: 0 });
  const text = items.find((m) => m.toAddress === email)?.bodyText ?? '';
  const token = /\/reset-password\/([\w-]+)/.exec(text)?.[1];
  assert.ok(token, 'an invitation link');
  await t.services.auth.resetPassword(token, { newPassword: PASSWORD, confirmPassword: PASSWORD });
  return { id, email, displayName };
}

async function passwordSignIn(email: string, password = PASSWORD) {
  const agent = new Agent(t.app);
  await agent.get('/sign-in');
  const response = await agent.post('/sign-in', { email, password });
  return { agent, response };
}

async function signedInAgent(email: string): Promise<Agent> {
  const { agent, response } = await passwordSignIn(email);
  assert.equal(response.statusCode, 303);
  assert.equal((await agent.get('/account')).statusCode, 200);
  return agent;
}

async function isSignedIn(agent: Agent): Promise<boolean> {
  return (await agent.get('/account')).statusCode === 200;
}

function assertFormError(response: LightMyRequestResponse, field: string, message: string) {
  assert.match(response.body, /There is a problem/);
  assert.ok(
    response.body.includes(`href="#${field}">${message}</a>`),
    `the error summary links "${message}" to #${field}`,
  );
  assert.ok(
    new RegExp(
      `<p id="${field}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span> ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
    ).test(response.body),
    `the message "${message}" beside #${field}`,
  );
}

async function auditActions(userId: string): Promise<string[]> {
  const { items } = await listAuditEvents(
    t.services.db,
    { recordType: 'user', recordId: userId },
    { limit: 100, offset: 0 },
  );
  return items.map((e) => e.action);
}

describe('changing the password', () => {
  test('the new password must meet the policy; each refusal shows the field’s message', async () => {
    const person = await createAccount('advisor');
    const agent = await signedInAgent(person.email);
    const cases: [string, string][] = [
      ['short pass', 'Password must be 12 characters or more'],
      [
        'violin quarry tangerine orbit '.repeat(5).slice(0, 129),
        'Password must be 128 characters or fewer',
      ],
      ['password1234', 'Password is too easy to guess. Try three or four unrelated words together'],
      [`${person.email} ok`, 'Password must not contain your name or e-mail address'],
      [`my ${person.displayName} rocks`, 'Password must not contain your name or e-mail address'],
      ['', 'Enter a password'],
    ];
    for (const [newPassword, message] of cases) {
      const response = await agent.post('/account/password', {
        currentPassword: PASSWORD,
        newPassword,
        confirmPassword: newPassword,
      });
      assert.equal(response.statusCode, 400, message);
      assertFormError(response, 'newPassword', message);
    }
    const mismatch = await agent.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: `${NEW_PASSWORD}x`,
    });
    assert.equal(mismatch.statusCode, 400);
    assertFormError(mismatch, 'confirmPassword', 'Passwords do not match');
    // Nothing changed: the old password still signs in, the new one does not.
    assert.equal((await passwordSignIn(person.email, PASSWORD)).response.statusCode, 303);
    assert.equal((await passwordSignIn(person.email, NEW_PASSWORD)).response.statusCode, 400);
    assert.ok(!(await auditActions(person.id)).includes('user.password-changed'));
  });

  test('the current password is asked for again', async () => {
    const person = await createAccount('advisor');
    const agent = await signedInAgent(person.email);
    const blank = await agent.post('/account/password', {
      currentPassword: '',
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    assert.equal(blank.statusCode, 400);
    assertFormError(blank, 'currentPassword', 'Enter your current password');
    const wrong = await agent.post('/account/password', {
      currentPassword: 'not my password at all',
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    assert.equal(wrong.statusCode, 400);
    assertFormError(wrong, 'currentPassword', 'Your current password is not correct');
    assert.equal((await passwordSignIn(person.email, NEW_PASSWORD)).response.statusCode, 400);
  });

  test('a change ends the person’s other sessions but not this one', async () => {
    const person = await createAccount('advisor');
    const other = await signedInAgent(person.email);
    const agent = await signedInAgent(person.email);
    const bystander = await signInNewAccount(t, 'director');
    const page = await agent.get('/account/password');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="currentPassword"/);

    const response = await agent.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/account');
    const account = await agent.get('/account');
    assert.equal(account.statusCode, 200);
    assert.match(
      account.body,
      /Your password has been changed. Your other sessions have been ended/,
    );
    assert.equal(await isSignedIn(other), false, 'the other session has ended');
    assert.equal(await isSignedIn(bystander), true, 'other people are not affected');
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).activeSessions, 1);
    assert.equal((await passwordSignIn(person.email, PASSWORD)).response.statusCode, 400);
    assert.equal((await passwordSignIn(person.email, NEW_PASSWORD)).response.statusCode, 303);
    assert.equal(
      (await auditActions(person.id)).filter((a) => a === 'user.password-changed').length,
      1,
    );
  });

  test('without the CSRF token nothing changes', async () => {
    const person = await createAccount('advisor');
    const agent = await signedInAgent(person.email);
    const response = await agent.post(
      '/account/password',
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.equal((await passwordSignIn(person.email, PASSWORD)).response.statusCode, 303);
    assert.ok(!(await auditActions(person.id)).includes('user.password-changed'));
  });
});

describe('the second factor on the account page', () => {
  function sealedIn(body: string): string {
    const sealed = /name="sealedSecret" value="([^"]+)"/.exec(body)?.[1];
    assert.ok(sealed, 'the page carries a sealed set-up key');
    return sealed;
  }

  test('setting one up asks for the password, then ends other sessions', async () => {
    const person = await createAccount('advisor');
    const other = await signedInAgent(person.email);
    const agent = await signedInAgent(person.email);
    const page = await agent.get('/account/second-factor');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /We ask for it again before changing how you sign in/);
    const sealed = sealedIn(page.body);
    const secret = t.services.secretBox.open(sealed);
    const code = () => totpCode(secret, t.clock.now());

    const noPassword = await agent.post('/account/second-factor', {
      sealedSecret: sealed,
      code: code(),
      currentPassword: '',
    });
    assert.equal(noPassword.statusCode, 400);
    assertFormError(noPassword, 'currentPassword', 'Enter your current password');
    assert.equal(sealedIn(noPassword.body), sealed, 'the same key is offered again');

    const wrongPassword = await agent.post('/account/second-factor', {
      sealedSecret: sealed,
      code: code(),
      currentPassword: 'not my password at all',
    });
    assert.equal(wrongPassword.statusCode, 400);
    assertFormError(wrongPassword, 'currentPassword', 'Your current password is not correct');

    const wrongCode = await agent.post('/account/second-factor', {
      sealedSecret: sealed,
      code: code() === '000000' ? '111111' : '000000',
      currentPassword: PASSWORD,
    });
    assert.equal(wrongCode.statusCode, 400);
    assertFormError(
      wrongCode,
      'code',
      'The code is not correct. Enter the code your authenticator app shows now',
    );
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).hasSecondFactor, false);
    assert.ok(!(await auditActions(person.id)).includes('user.second-factor-enabled'));
    assert.equal(await isSignedIn(other), true);

    const done = await agent.post('/account/second-factor', {
      sealedSecret: sealed,
      code: code(),
      currentPassword: PASSWORD,
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/account');
    assert.equal(await isSignedIn(agent), true, 'this session goes on (with a new id)');
    assert.equal(await isSignedIn(other), false, 'other sessions end');
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).hasSecondFactor, true);
    assert.ok((await auditActions(person.id)).includes('user.second-factor-enabled'));

    // Signing in now needs a code.
    t.clock.advanceMinutes(1);
    const { response } = await passwordSignIn(person.email);
    assert.equal(response.headers.location, '/sign-in/second-factor');
    const full = await signIn(t.app, person.email, {
      password: PASSWORD,
      totpSecret: secret,
      now: t.clock.now(),
    });
    assert.equal(await isSignedIn(full), true);
  });

  test('someone other than an administrator can turn it off, with their password', async () => {
    const person = await createAccount('advisor');
    const agent = await signedInAgent(person.email);
    const sealed = sealedIn((await agent.get('/account/second-factor')).body);
    const secret = t.services.secretBox.open(sealed);
    assert.equal(
      (
        await agent.post('/account/second-factor', {
          sealedSecret: sealed,
          code: totpCode(secret, t.clock.now()),
          currentPassword: PASSWORD,
        })
      ).statusCode,
      303,
    );
    const page = await agent.get('/account/second-factor');
    assert.match(page.body, /Turn off the second factor/);

    const wrong = await agent.post('/account/second-factor/remove', {
      removePassword: 'not my password at all',
    });
    assert.equal(wrong.statusCode, 400);
    assertFormError(wrong, 'removePassword', 'Your current password is not correct');
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).hasSecondFactor, true);

    const removed = await agent.post('/account/second-factor/remove', { removePassword: PASSWORD });
    assert.equal(removed.statusCode, 303);
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).hasSecondFactor, false);
    assert.ok((await auditActions(person.id)).includes('user.second-factor-removed'));
    assert.equal((await passwordSignIn(person.email)).response.headers.location, '/');
  });

  test('an administrator cannot turn it off, even with the right password', async () => {
    const admin = await signInAccount(t, adminAccount);
    const adminId = adminPrincipal.userId;
    const page = await admin.get('/account/second-factor');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Your role needs a second factor, so it cannot be turned off/);
    assert.doesNotMatch(page.body, /action="\/account\/second-factor\/remove"/);
    const before = await auditActions(adminId);

    const response = await admin.post('/account/second-factor/remove', {
      removePassword: FACTORY_PASSWORD,
    });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /There is a problem/);
    assert.match(
      response.body,
      /Your role needs a second factor, so it cannot be turned off. You can set up a new one instead/,
    );
    assert.equal((await t.services.users.get(adminPrincipal, adminId)).hasSecondFactor, true);
    assert.deepEqual(await auditActions(adminId), before);
    // And the code is still asked for at sign-in.
    const { response: again } = await passwordSignIn(adminAccount.email, FACTORY_PASSWORD);
    assert.equal(again.headers.location, '/sign-in/second-factor');
  });

  test('an administrator can move to a new authenticator app, giving the password', async () => {
    const person = await createAccount('administrator');
    const { agent } = await passwordSignIn(person.email);
    const enrol = sealedIn((await agent.get('/sign-in/set-up-second-factor')).body);
    const first = t.services.secretBox.open(enrol);
    assert.equal(
      (
        await agent.post('/sign-in/set-up-second-factor', {
          sealedSecret: enrol,
          code: totpCode(first, t.clock.now()),
        })
      ).statusCode,
      303,
    );
    const page = await agent.get('/account/second-factor');
    assert.match(page.body, /Use a new authenticator app/);
    const sealed = sealedIn(page.body);
    const second = t.services.secretBox.open(sealed);
    assert.notEqual(second, first);
    t.clock.advanceMinutes(1);
    const moved = await agent.post('/account/second-factor', {
      sealedSecret: sealed,
      code: totpCode(second, t.clock.now()),
      currentPassword: PASSWORD,
    });
    assert.equal(moved.statusCode, 303);
    // The old app's codes no longer work; the new app's do.
    t.clock.advanceMinutes(1);
    const old = await passwordSignIn(person.email);
    const refused = await old.agent.post('/sign-in/second-factor', {
      code: totpCode(first, t.clock.now()),
    });
    assert.equal(refused.statusCode, 400);
    const accepted = await old.agent.post('/sign-in/second-factor', {
      code: totpCode(second, t.clock.now()),
    });
    assert.equal(accepted.statusCode, 303);
    assert.equal((await old.agent.get('/admin/users')).statusCode, 200);
  });
});
