/**
 * Forgotten password: the same answer whether or not the account exists, the e-mail held in the
 * outbox when there is no SMTP server, a one-time link that expires, all sessions ended.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { listAuditEvents } from '../../src/platform/audit/service.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { Agent, createTestApp, principalFor, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';

const PASSWORD = 'lamp orbit cactus rinse 9';
const NEW_PASSWORD = 'Tangerine violin quarry 47';

let t: TestApp;
let adminPrincipal: UserPrincipal;
let admin: Agent;
before(async () => {
  t = await createTestApp({ demo: false });
  const adminAccount = await makeAccount(t, { role: 'administrator' });
  adminPrincipal = await principalFor(t, adminAccount.email);
  admin = await signInAccount(t, adminAccount);
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

async function createAccount() {
  const tag = randomBytes(4).toString('hex');
  const email = `person-${tag}@example.org`;
  const id = await t.services.users.create(adminPrincipal, {
    email,
    displayName: `Person ${tag}`,
    role: 'advisor',
  });
  const token = tokenIn((await outboxTo(email))[0]!.bodyText);
  await t.services.auth.resetPassword(token, { newPassword: PASSWORD, confirmPassword: PASSWORD });
  return { id, email };
}

async function outboxTo(address: string) {
  const { items } = await t.services.mail.list({ limit: 1000, offset: 0 });
  return items.filter((m) => m.toAddress === address);
}

async function outboxSize(): Promise<number> {
  return (await t.services.mail.list({ limit: 1, offset: 0 })).total;
}

function tokenIn(text: string): string {
  const token = /http:\/\/localhost:3000\/reset-password\/([\w-]{43})\b/.exec(text)?.[1];
  assert.ok(token, `a reset link in: ${text}`);
  return token;
}

async function signedIn(email: string, password = PASSWORD): Promise<Agent> {
  const agent = new Agent(t.app);
  await agent.get('/sign-in');
  assert.equal((await agent.post('/sign-in', { email, password })).statusCode, 303);
  return agent;
}

async function canSignIn(email: string, password: string): Promise<boolean> {
  const agent = new Agent(t.app);
  await agent.get('/sign-in');
  return (await agent.post('/sign-in', { email, password })).statusCode === 303;
}

async function askForReset(email: string): Promise<LightMyRequestResponse> {
  const agent = new Agent(t.app);
  const form = await agent.get('/forgotten-password');
  assert.equal(form.statusCode, 200);
  const response = await agent.post('/forgotten-password', { email });
  // The link is sent after the answer (issue 21 item 22).
  await t.services.auth.settled();
  return response;
}

function assertFormError(response: LightMyRequestResponse, field: string, message: string) {
  assert.match(response.body, /There is a problem/);
  assert.ok(response.body.includes(`href="#${field}">${message}</a>`), message);
  assert.match(
    response.body,
    new RegExp(
      `<p id="${field}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span> ${message}`,
    ),
  );
}

describe('asking for a reset', () => {
  test('the answer is the same whether or not the account exists', async () => {
    const person = await createAccount();
    const before = await outboxSize();
    const known = await askForReset(person.email);
    const unknown = await askForReset('no-such-person@example.org');
    const deactivatedPerson = await createAccount();
    const detail = await t.services.users.get(adminPrincipal, deactivatedPerson.id);
    await t.services.users.setStatus(
      adminPrincipal,
      deactivatedPerson.id,
      'deactivated',
      detail.version,
    );
    const afterDeactivation = await outboxSize();
    const deactivated = await askForReset(deactivatedPerson.email);
    const normalise = (r: LightMyRequestResponse) =>
      r.body.replace(/value="[^"]*"/g, 'value=""').replace(/nonce="[^"]*"/g, 'nonce=""');
    for (const response of [known, unknown, deactivated]) {
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Check your e-mail/);
      assert.match(response.body, /If the address you entered belongs to a Bridge account/);
      assert.equal(normalise(response), normalise(known));
    }
    // Only the real, active account was sent anything.
    assert.equal(afterDeactivation, before + 2, 'one reset e-mail plus one invitation');
    assert.equal(await outboxSize(), afterDeactivation);
    const mail = (await outboxTo(person.email))[0]!;
    assert.equal(mail.subject, 'Reset your Bridge password');
    assert.equal(mail.status, 'held', 'held for the outbox page: there is no SMTP server');
    assert.match(mail.bodyText, /expires in 30 minutes/);
  });

  test('a blank or malformed address is asked for again, and nothing is sent', async () => {
    const before = await outboxSize();
    const blank = await askForReset('   ');
    assert.equal(blank.statusCode, 400);
    assertFormError(blank, 'email', 'Enter your e-mail address');
    const malformed = await askForReset('not an address');
    assert.equal(malformed.statusCode, 400);
    assertFormError(
      malformed,
      'email',
      'Enter an e-mail address in the correct format, like name@example.org',
    );
    assert.match(malformed.body, /value="not an address"/);
    assert.equal(await outboxSize(), before);
  });

  test('without the CSRF token nothing is sent', async () => {
    const person = await createAccount();
    const before = await outboxSize();
    const agent = new Agent(t.app);
    await agent.get('/forgotten-password');
    const response = await agent.post(
      '/forgotten-password',
      { email: person.email },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.equal(await outboxSize(), before);
  });
});

describe('the outbox page', () => {
  test('an administrator reads the reset e-mail, with its link, at /admin/outbox', async () => {
    const person = await createAccount();
    await askForReset(person.email);
    const list = await admin.get('/admin/outbox');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /No mail server is set up/);
    const row = new RegExp(
      `${person.email.replace('.', '\\.')}</td>\\s*<td class="govuk-table__cell"><a class="govuk-link" href="/admin/outbox/([0-9a-f-]{36})">Reset your Bridge password</a>`,
    ).exec(list.body);
    assert.ok(row, 'the message is listed with its recipient and subject');
    const message = await admin.get(`/admin/outbox/${row[1]}`);
    assert.equal(message.statusCode, 200);
    assert.match(message.body, /Reset your Bridge password/);
    const token = tokenIn(message.body);
    assert.equal(token, tokenIn((await outboxTo(person.email))[0]!.bodyText));
  });

  test('no one else can read it', async () => {
    const coordinator = await signInNewAccount(t, 'coordination_unit');
    assert.equal((await coordinator.get('/admin/outbox')).statusCode, 403);
    const anyMessage = (await t.services.mail.list({ limit: 1, offset: 0 })).items[0]!;
    assert.equal((await coordinator.get(`/admin/outbox/${anyMessage.id}`)).statusCode, 403);
    const signedOut = await new Agent(t.app).get('/admin/outbox');
    assert.equal(signedOut.statusCode, 303);
    assert.equal(signedOut.headers.location, '/sign-in?next=%2Fadmin%2Foutbox');
  });

  test('an unknown or malformed message id is not found', async () => {
    assert.equal(
      (await admin.get('/admin/outbox/00000000-0000-4000-8000-000000000000')).statusCode,
      404,
    );
    assert.equal((await admin.get('/admin/outbox/not-a-uuid')).statusCode, 404);
  });
});

describe('the reset link', () => {
  test('sets a new password once, ends every session, and then stops working', async () => {
    const person = await createAccount();
    const sessionA = await signedIn(person.email);
    const sessionB = await signedIn(person.email);
    await askForReset(person.email);
    const token = tokenIn((await outboxTo(person.email))[0]!.bodyText);
    const browser = new Agent(t.app);
    const form = await browser.get(`/reset-password/${token}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Choose a new password/);

    // The policy applies; a refusal does not use up the link.
    const weak = await browser.post(`/reset-password/${token}`, {
      newPassword: 'password1234',
      confirmPassword: 'password1234',
    });
    assert.equal(weak.statusCode, 400);
    assertFormError(
      weak,
      'newPassword',
      'Password is too easy to guess. Try three or four unrelated words together',
    );
    const mismatch = await browser.post(`/reset-password/${token}`, {
      newPassword: NEW_PASSWORD,
      confirmPassword: PASSWORD,
    });
    assert.equal(mismatch.statusCode, 400);
    assertFormError(mismatch, 'confirmPassword', 'Passwords do not match');
    assert.equal(await canSignIn(person.email, PASSWORD), true);

    const done = await browser.post(`/reset-password/${token}`, {
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/sign-in');
    const signInPage = await browser.get('/sign-in');
    assert.match(signInPage.body, /Your password has been changed/);
    for (const agent of [sessionA, sessionB])
      assert.equal((await agent.get('/account')).statusCode, 303, 'every session has ended');
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).activeSessions, 0);
    assert.equal(await canSignIn(person.email, PASSWORD), false);
    assert.equal(await canSignIn(person.email, NEW_PASSWORD), true);

    // Used once, the link is gone.
    const reopened = await browser.get(`/reset-password/${token}`);
    assert.equal(reopened.statusCode, 404);
    assert.match(reopened.body, /This link has expired/);
    const reused = await browser.post(`/reset-password/${token}`, {
      newPassword: 'lamp orbit cactus rinse 10',
      confirmPassword: 'lamp orbit cactus rinse 10',
    });
    assert.equal(reused.statusCode, 409);
    assert.match(reused.body, /This link has expired or has already been used/);
    assert.equal(await canSignIn(person.email, NEW_PASSWORD), true);

    const { items } = await listAuditEvents(
      t.services.db,
      { recordType: 'user', recordId: person.id },
      { limit: 50, offset: 0 },
    );
    const actions = items.map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'user.password-reset-requested').length, 1);
    // Once to accept the invitation, once for this reset.
    assert.equal(actions.filter((a) => a === 'user.password-reset').length, 2);
  });

  test('expires after 30 minutes', async () => {
    const person = await createAccount();
    await askForReset(person.email);
    const token = tokenIn((await outboxTo(person.email))[0]!.bodyText);
    t.clock.advanceMinutes(29);
    assert.equal((await new Agent(t.app).get(`/reset-password/${token}`)).statusCode, 200);
    t.clock.advanceMinutes(1);
    const expired = await new Agent(t.app).get(`/reset-password/${token}`);
    assert.equal(expired.statusCode, 404);
    assert.match(expired.body, /This link has expired/);
    assert.match(expired.body, /href="\/forgotten-password"/);
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const refused = await agent.post(`/reset-password/${token}`, {
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    assert.equal(refused.statusCode, 409);
    assert.equal(await canSignIn(person.email, PASSWORD), true);
    assert.equal(await canSignIn(person.email, NEW_PASSWORD), false);
  });

  test('after a reset, older links sent to the same person no longer work', async () => {
    const person = await createAccount();
    await askForReset(person.email);
    await askForReset(person.email);
    const [newer, older] = await outboxTo(person.email);
    const newerToken = tokenIn(newer!.bodyText);
    const olderToken = tokenIn(older!.bodyText);
    assert.notEqual(newerToken, olderToken);
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    assert.equal(
      (
        await agent.post(`/reset-password/${newerToken}`, {
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        })
      ).statusCode,
      303,
    );
    assert.equal((await agent.get(`/reset-password/${olderToken}`)).statusCode, 404);
    const stale = await agent.post(`/reset-password/${olderToken}`, {
      newPassword: 'lamp orbit cactus rinse 10',
      confirmPassword: 'lamp orbit cactus rinse 10',
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(await canSignIn(person.email, NEW_PASSWORD), true);
  });

  test('a made-up, over-long or empty token shows the expired page, never an error', async () => {
    for (const token of ['made-up', 'x'.repeat(100), '%00']) {
      const response = await new Agent(t.app).get(`/reset-password/${token}`);
      assert.equal(response.statusCode, 404, token);
      assert.match(response.body, /This link has expired/);
    }
    // Past Fastify's limit on a URL parameter (100 characters): 414, still no error page.
    const tooLong = await new Agent(t.app).get(`/reset-password/${'x'.repeat(500)}`);
    assert.equal(tooLong.statusCode, 414);
  });
});

describe('links already sent stop working', () => {
  test('when the person changes their password', async () => {
    const { email } = await createAccount();
    await t.services.auth.requestPasswordReset(email, { ip: '127.0.0.1', userAgent: undefined });
    const token = tokenIn((await outboxTo(email)).at(0)!.bodyText);
    assert.equal(await t.services.auth.resetTokenIsValid(token), true);
    const person = new Agent(t.app);
    await person.get('/sign-in');
    await person.post('/sign-in', { email, password: PASSWORD });
    // Signing in renews the CSRF secret: the form is loaded first, as a browser does.
    await person.get('/account/password');
    const changed = await person.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    assert.equal(changed.statusCode, 303);
    assert.equal(await t.services.auth.resetTokenIsValid(token), false);
  });

  test('when an administrator deactivates the account', async () => {
    const { id, email } = await createAccount();
    await t.services.auth.requestPasswordReset(email, { ip: '127.0.0.1', userAgent: undefined });
    const token = tokenIn((await outboxTo(email)).at(0)!.bodyText);
    const detail = await t.services.users.get(adminPrincipal, id);
    await t.services.users.setStatus(adminPrincipal, id, 'deactivated', detail.version);
    assert.equal(await t.services.auth.resetTokenIsValid(token), false);
  });
});
