/**
 * Sessions held in the database: idle and absolute expiry (ASVS 3.3), the list of a person's
 * sessions and ending one, and deactivation ending them all.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import { listAuditEvents } from '../../src/platform/audit/service.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { Agent, createTestApp, type TestApp, principalFor } from '../app.js';
import {
  makeAccount,
  signInAccount,
  signInNewAccount,
  type FactoryAccount,
} from '../factories/accounts.js';

const PASSWORD = 'lamp orbit cactus rinse 9';
const SESSION_COOKIE = 'bridge_session';

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

/** A new account with a role, whose password is set through the invitation link. */
async function createAccount(role: Role) {
  const tag = randomBytes(4).toString('hex');
  const email = `person-${tag}@example.org`;
  const id = await t.services.users.create(adminPrincipal, {
    email,
    displayName: `Person ${tag}`,
    role,
  });
  const { items } = await t.services.mail.list({ limit: 1000, offset: 0 });
  const text = items.find((m) => m.toAddress === email)?.bodyText ?? '';
  const token = /\/reset-password\/([\w-]+)/.exec(text)?.[1];
  assert.ok(token, 'an invitation link');
  await t.services.auth.resetPassword(token, { newPassword: PASSWORD, confirmPassword: PASSWORD });
  return { id, email };
}

async function signInWithPassword(email: string, userAgent = 'test-browser'): Promise<Agent> {
  const agent = new Agent(t.app);
  await agent.get('/sign-in', { 'user-agent': userAgent });
  const response = await t.app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: {
      cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': userAgent,
    },
    payload: new URLSearchParams({ email, password: PASSWORD, _csrf: agent.csrfToken! }).toString(),
  });
  assert.equal(response.statusCode, 303, `signed in as ${email}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  assert.ok(cookie);
  agent.cookies.set(SESSION_COOKIE, cookie.value);
  return agent;
}

async function isSignedIn(agent: Agent): Promise<boolean> {
  const response = await agent.get('/account');
  if (response.statusCode === 200) return true;
  assert.equal(response.statusCode, 303);
  assert.match(response.headers.location ?? '', /^\/sign-in/);
  return false;
}

describe('expiry', () => {
  test('a session ends after 30 minutes without use', async () => {
    const person = await createAccount('advisor');
    const agent = await signInWithPassword(person.email);
    t.clock.advanceMinutes(29);
    assert.equal(await isSignedIn(agent), true, 'still live after 29 idle minutes');
    t.clock.advanceMinutes(29);
    assert.equal(await isSignedIn(agent), true, 'using it restarts the idle time');
    t.clock.advanceMinutes(30);
    assert.equal(await isSignedIn(agent), false, 'ended after 30 idle minutes');
    t.clock.advanceMinutes(1);
    assert.equal(await isSignedIn(agent), false, 'and stays ended');
  });

  test('a session ends 12 hours after sign-in however often it is used', async () => {
    const person = await createAccount('advisor');
    const agent = await signInWithPassword(person.email);
    let minutes = 0;
    while (minutes + 25 < 12 * 60) {
      t.clock.advanceMinutes(25);
      minutes += 25;
      assert.equal(await isSignedIn(agent), true, `live after ${minutes} minutes`);
    }
    // 11 h 40 min so far; the next use at 12 h 05 min is past the absolute limit.
    t.clock.advanceMinutes(25);
    assert.equal(await isSignedIn(agent), false, 'ended after 12 hours');
  });

  test('the absolute limit is exactly 12 hours', async () => {
    const person = await createAccount('advisor');
    const agent = await signInWithPassword(person.email);
    for (let i = 0; i < 28; i++) {
      t.clock.advanceMinutes(25);
      assert.equal(await isSignedIn(agent), true);
    }
    t.clock.advanceMinutes(19); // 11 h 59 min
    assert.equal(await isSignedIn(agent), true, 'live at 11 h 59 min');
    t.clock.advanceMinutes(1); // 12 h 00 min
    assert.equal(await isSignedIn(agent), false, 'ended at 12 h');
  });

  test('the administrator’s page does not count expired sessions as active', async () => {
    const person = await createAccount('advisor');
    await signInWithPassword(person.email);
    await signInWithPassword(person.email);
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).activeSessions, 2);
    t.clock.advanceMinutes(31);
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).activeSessions, 0);
  });
});

describe('a person’s sessions', () => {
  function sessionRows(body: string) {
    const rows = body.split('<tr class="govuk-table__row">').slice(2);
    return rows.map((row) => ({
      id: /action="\/account\/sessions\/([0-9a-f-]{36})\/end"/.exec(row)?.[1],
      current: row.includes('This session'),
      text: row,
    }));
  }

  test('are listed at /account/sessions, the current one marked', async () => {
    const person = await createAccount('requester');
    const phone = await signInWithPassword(person.email, 'Phone browser 1.0');
    const laptop = await signInWithPassword(person.email, 'Laptop browser 2.0');
    const page = await laptop.get('/account/sessions');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Where you are signed in/);
    const rows = sessionRows(page.body);
    assert.equal(rows.length, 2);
    assert.equal(rows.filter((r) => r.current).length, 1);
    assert.match(rows.find((r) => r.current)!.text, /Laptop browser 2\.0/);
    assert.match(rows.find((r) => !r.current)!.text, /Phone browser 1\.0/);
    assert.match(page.body, /127\.0\.0\.1/);
    // Someone else's sessions are not listed.
    const other = await signInNewAccount(t, 'director');
    const theirs = sessionRows((await other.get('/account/sessions')).body);
    assert.ok(theirs.every((r) => !rows.some((mine) => mine.id === r.id)));
    assert.equal(await isSignedIn(phone), true);
  });

  test('a person can end another of their sessions, which then stops working', async () => {
    const person = await createAccount('requester');
    const phone = await signInWithPassword(person.email, 'Phone browser');
    const laptop = await signInWithPassword(person.email, 'Laptop browser');
    const rows = sessionRows((await laptop.get('/account/sessions')).body);
    const phoneSession = rows.find((r) => !r.current)!;
    assert.ok(phoneSession.id);

    const ended = await laptop.post(`/account/sessions/${phoneSession.id}/end`);
    assert.equal(ended.statusCode, 303);
    assert.equal(ended.headers.location, '/account/sessions');
    const after = await laptop.get('/account/sessions');
    assert.match(after.body, /The session has been ended/);
    assert.equal(sessionRows(after.body).length, 1);
    assert.equal(await isSignedIn(phone), false);
    assert.equal(await isSignedIn(laptop), true);

    const events = await listAuditEvents(
      t.services.db,
      { recordType: 'user', recordId: person.id },
      { limit: 10, offset: 0 },
    );
    assert.equal(events.items[0]?.action, 'session.ended');
    assert.deepEqual(events.items[0]?.before, { sessionId: phoneSession.id });
  });

  test('ending the current session signs the person out', async () => {
    const person = await createAccount('requester');
    const agent = await signInWithPassword(person.email);
    const [row] = sessionRows((await agent.get('/account/sessions')).body);
    const response = await agent.post(`/account/sessions/${row!.id}/end`);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/sign-in');
    assert.equal(await isSignedIn(agent), false);
  });

  test('another person’s session, an unknown id or a malformed id is not found', async () => {
    const victim = await createAccount('requester');
    const victimAgent = await signInWithPassword(victim.email);
    const [victimRow] = sessionRows((await victimAgent.get('/account/sessions')).body);
    const attacker = await signInNewAccount(t, 'ctset');
    for (const id of [victimRow!.id!, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await attacker.post(`/account/sessions/${id}/end`);
      assert.equal(response.statusCode, 404, id);
    }
    assert.equal(await isSignedIn(victimAgent), true);
  });

  test('ending a session without the CSRF token is refused and it goes on', async () => {
    const person = await createAccount('requester');
    const phone = await signInWithPassword(person.email);
    const laptop = await signInWithPassword(person.email);
    const rows = sessionRows((await laptop.get('/account/sessions')).body);
    const other = rows.find((r) => !r.current)!;
    const response = await laptop.post(`/account/sessions/${other.id}/end`, {}, { csrf: false });
    assert.equal(response.statusCode, 403);
    assert.equal(await isSignedIn(phone), true);
  });
});

describe('deactivation', () => {
  test('deactivating an account at /admin/users/:id/deactivate ends all its sessions at once', async () => {
    const person = await createAccount('authority_officer');
    const agents = [
      await signInWithPassword(person.email),
      await signInWithPassword(person.email),
      await signInWithPassword(person.email),
    ];
    for (const agent of agents) assert.equal(await isSignedIn(agent), true);
    const admin = await signInAccount(t, adminAccount);
    const page = await admin.get(`/admin/users/${person.id}`);
    assert.match(
      page.body,
      /Active sessions\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*3\s*</,
    );
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1];
    assert.ok(version);

    const response = await admin.post(`/admin/users/${person.id}/deactivate`, { version });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/admin/users/${person.id}`);
    const detail = await t.services.users.get(adminPrincipal, person.id);
    assert.equal(detail.status, 'deactivated');
    assert.equal(detail.activeSessions, 0);
    for (const agent of agents) assert.equal(await isSignedIn(agent), false);

    // The right password no longer signs in.
    const again = new Agent(t.app);
    await again.get('/sign-in');
    const refused = await again.post('/sign-in', { email: person.email, password: PASSWORD });
    assert.equal(refused.statusCode, 400);
    const events = await listAuditEvents(
      t.services.db,
      { recordType: 'user', recordId: person.id },
      { limit: 10, offset: 0 },
    );
    assert.equal(events.items[0]?.action, 'user.deactivated');
    assert.deepEqual(events.items[0]?.before, { status: 'active' });
    assert.deepEqual(events.items[0]?.after, { status: 'deactivated' });

    // Reactivating lets the person sign in again, but the ended sessions stay ended.
    const shown = await admin.get(`/admin/users/${person.id}`);
    const newVersion = /name="version" value="(\d+)"/.exec(shown.body)![1]!;
    assert.equal(
      (await admin.post(`/admin/users/${person.id}/reactivate`, { version: newVersion }))
        .statusCode,
      303,
    );
    for (const agent of agents) assert.equal(await isSignedIn(agent), false);
    assert.equal(await isSignedIn(await signInWithPassword(person.email)), true);
  });
});
