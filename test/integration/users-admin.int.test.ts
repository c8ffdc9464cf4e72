/**
 * Administrators' user management: create accounts (with an invitation e-mail), give and remove
 * roles (scoped ones too), deactivate; bad input, stale edits and refusals write nothing; every
 * change writes an audit event; only administrators get in.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { listAuditEvents } from '../../src/platform/audit/service.js';
import { can } from '../../src/platform/auth/permissions.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { Agent, createTestApp, type TestApp, principalFor } from '../app.js';
import {
  accountFor,
  makeAccount,
  signInAccount,
  signInAsRole,
  type FactoryAccount,
} from '../factories/accounts.js';

let t: TestApp;
/** The administrator doing the managing, named as the invitation e-mail names them. */
let adminAccount: FactoryAccount;
let admin: Agent;
let adminPrincipal: UserPrincipal;
let camden: { id: string; name: string };
let hackney: { id: string; name: string };

before(async () => {
  t = await createTestApp({ demo: false });
  adminAccount = await makeAccount(t, { role: 'administrator', name: 'Alex Admin' });
  admin = await signInAccount(t, adminAccount);
  adminPrincipal = await principalFor(t, adminAccount.email);
  const boroughs = await t.services.directory.scopeCatalogue.options('borough');
  camden = boroughs.find((b) => b.name === 'Camden')!;
  hackney = boroughs.find((b) => b.name === 'Hackney')!;
  assert.ok(camden && hackney);
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

function newEmail(): string {
  return `person-${randomBytes(4).toString('hex')}@example.org`;
}

async function userCount(): Promise<number> {
  return (await t.services.users.list(adminPrincipal, { limit: 1, offset: 0 })).total;
}

async function auditCount(): Promise<number> {
  return (await listAuditEvents(t.services.db, {}, { limit: 1, offset: 0 })).total;
}

async function outboxCount(): Promise<number> {
  return (await t.services.mail.list({ limit: 1, offset: 0 })).total;
}

/** Counts of users, audit events and e-mails, to show that a refusal wrote nothing. */
async function snapshot() {
  return { users: await userCount(), audit: await auditCount(), mail: await outboxCount() };
}

async function auditFor(userId: string) {
  return (
    await listAuditEvents(
      t.services.db,
      { recordType: 'user', recordId: userId },
      { limit: 50, offset: 0 },
    )
  ).items;
}

async function createUser(role = 'advisor', scopeId?: string, displayName = 'Sam Example') {
  const email = newEmail();
  const response = await admin.post('/admin/users/new', {
    displayName,
    email,
    role,
    ...(scopeId ? { scopeId } : {}),
  });
  assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
  const id = /^\/admin\/users\/([0-9a-f-]{36})$/.exec(response.headers.location ?? '')?.[1];
  assert.ok(id, 'redirected to the new account');
  return { id, email };
}

function assertFormError(response: LightMyRequestResponse, field: string, message: string) {
  assert.match(response.body, /There is a problem/);
  assert.ok(
    response.body.includes(`href="#${field}">${message}</a>`),
    `the error summary links "${message}" to #${field}`,
  );
  assert.ok(
    response.body.includes(`<span class="govuk-visually-hidden">Error:</span> ${message}`),
    `the message "${message}" beside its field`,
  );
}

function versionOn(body: string): string {
  const version = /name="version" value="(\d+)"/.exec(body)?.[1];
  assert.ok(version, 'the page carries the record version');
  return version;
}

describe('creating an account', () => {
  test('creates the account with its role and e-mails an invitation with a set-password link', async () => {
    const before = await userCount();
    const email = newEmail();
    const response = await admin.post('/admin/users/new', {
      displayName: '  Robin Newperson ',
      email: `  ${email.toUpperCase()} `,
      role: 'requester',
      scopeId: '',
    });
    assert.equal(response.statusCode, 303);
    const id = response.headers.location!.split('/').pop()!;
    const page = await admin.get(response.headers.location!);
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /Account created. We have e-mailed the person a link to choose their password/,
    );
    assert.match(page.body, /Robin Newperson/);
    assert.match(page.body, /Requester/);
    assert.equal(await userCount(), before + 1);

    const detail = await t.services.users.get(adminPrincipal, id);
    assert.equal(detail.email, email, 'stored lower-case and trimmed');
    assert.equal(detail.displayName, 'Robin Newperson');
    assert.equal(detail.status, 'active');
    assert.deepEqual(
      detail.roles.map((r) => [r.role, r.scopeType, r.scopeId]),
      [['requester', null, null]],
    );

    const { items } = await t.services.mail.list({ limit: 1000, offset: 0 });
    const invitation = items.find((m) => m.toAddress === email);
    assert.ok(invitation, 'an invitation e-mail');
    assert.equal(invitation.subject, 'Your Bridge account');
    assert.match(
      invitation.bodyText,
      /Alex Admin has created a Bridge account for you as Requester/,
    );
    const link = /http:\/\/localhost:3000(\/reset-password\/[\w-]{43})/.exec(invitation.bodyText);
    assert.ok(link);
    assert.equal((await new Agent(t.app).get(link[1]!)).statusCode, 200);
    // The invitation lasts 7 days. Only new agents ask while the clock is on, so every session
    // (the shared administrator's too) is as it was once afterEach puts the clock back.
    t.clock.advanceMinutes(7 * 24 * 60 - 1);
    assert.equal((await new Agent(t.app).get(link[1]!)).statusCode, 200);
    t.clock.advanceMinutes(1);
    assert.equal((await new Agent(t.app).get(link[1]!)).statusCode, 404);

    const [event] = await auditFor(id);
    assert.equal(event?.action, 'user.created');
    assert.equal(event?.actorUserId, adminPrincipal.userId);
    assert.deepEqual(event?.after, {
      email,
      displayName: 'Robin Newperson',
      status: 'active',
      role: { role: 'requester', scopeType: null, scopeId: null },
    });
  });

  test('blank name, malformed e-mail and no role: each field’s message, status 400, nothing written', async () => {
    const before = await snapshot();
    const response = await admin.post('/admin/users/new', {
      displayName: '   ',
      email: 'not-an-email',
      role: '',
    });
    assert.equal(response.statusCode, 400);
    assertFormError(response, 'displayName', 'Enter the person’s full name');
    assertFormError(
      response,
      'email',
      'Enter an e-mail address in the correct format, like name@example.org',
    );
    assertFormError(response, 'role', 'Select a role');
    assert.match(response.body, /value="not-an-email"/, 'what was typed is shown again');
    assert.deepEqual(await snapshot(), before);
  });

  test('a missing e-mail, an unknown role and an over-long name are refused', async () => {
    const before = await snapshot();
    const response = await admin.post('/admin/users/new', {
      displayName: 'x'.repeat(201),
      email: '',
      role: 'emperor',
    });
    assert.equal(response.statusCode, 400);
    assertFormError(response, 'displayName', 'Full name must be 200 characters or fewer');
    assertFormError(response, 'email', 'Enter an e-mail address');
    assertFormError(response, 'role', 'Select a role');
    const long = await admin.post('/admin/users/new', {
      displayName: 'Sam Example',
      email: `${'a'.repeat(250)}@example.org`,
      role: 'advisor',
    });
    assert.equal(long.statusCode, 400);
    assertFormError(
      long,
      'email',
      'Enter an e-mail address in the correct format, like name@example.org',
    );
    assert.deepEqual(await snapshot(), before);
  });

  test('a borough that is not in the list is refused', async () => {
    const before = await snapshot();
    for (const scopeId of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const response = await admin.post('/admin/users/new', {
        displayName: 'Sam Example',
        email: newEmail(),
        role: 'partnership_officer',
        scopeId,
      });
      assert.equal(response.statusCode, 400, scopeId);
      assertFormError(response, 'scopeId', 'Select a borough from the list');
    }
    assert.deepEqual(await snapshot(), before);
  });

  test('an e-mail address already in use is refused with 409, whatever its case', async () => {
    const director = await accountFor(t, 'director');
    const before = await snapshot();
    const response = await admin.post('/admin/users/new', {
      displayName: 'Another Director',
      email: director.email.toUpperCase(),
      role: 'director',
    });
    assert.equal(response.statusCode, 409);
    assertFormError(response, 'email', 'An account with this e-mail address already exists');
    assert.deepEqual(await snapshot(), before);
  });

  test('the same address sent three times at once makes one account; the others get 409', async () => {
    const email = newEmail();
    const before = await snapshot();
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        admin.post('/admin/users/new', { displayName: 'Sam Example', email, role: 'advisor' }),
      ),
    );
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [303, 409, 409]);
    for (const refused of responses.filter((r) => r.statusCode === 409))
      assertFormError(refused, 'email', 'An account with this e-mail address already exists');
    assert.deepEqual(await snapshot(), {
      users: before.users + 1,
      audit: before.audit + 1,
      mail: before.mail + 1,
    });
  });

  test('without the CSRF token: 403 and nothing written', async () => {
    const before = await snapshot();
    const response = await admin.post(
      '/admin/users/new',
      { displayName: 'Sam Example', email: newEmail(), role: 'advisor' },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    const forged = await admin.post(
      '/admin/users/new',
      { displayName: 'Sam Example', email: newEmail(), role: 'advisor', _csrf: 'forged-token' },
      { csrf: false },
    );
    assert.equal(forged.statusCode, 403);
    assert.deepEqual(await snapshot(), before);
  });
});

describe('roles', () => {
  test('a scoped role is given for one borough, and recorded', async () => {
    const surname = `Scoped${randomBytes(4).toString('hex')}`;
    const person = await createUser('advisor', undefined, `Pat ${surname}`);
    const response = await admin.post(`/admin/users/${person.id}/roles`, {
      role: 'partnership_officer',
      scopeId: camden.id,
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/admin/users/${person.id}`);
    const page = await admin.get(`/admin/users/${person.id}`);
    assert.match(page.body, /Role added/);
    assert.match(page.body, /Partnership officer<\/td>\s*<td class="govuk-table__cell">Camden</);
    assert.match(page.body, /aria-label="Remove role Partnership officer"/);
    // The users list names each person's roles, joined by commas (in the order they are stored).
    const list = await admin.get(`/admin/users?q=${surname}`);
    assert.match(
      list.body,
      /<td class="govuk-table__cell">(Advisor, Partnership officer|Partnership officer, Advisor)<\/td>/,
    );

    const detail = await t.services.users.get(adminPrincipal, person.id);
    assert.deepEqual(
      detail.roles.map((r) => [r.role, r.scopeType, r.scopeId, r.scopeName]),
      [
        ['advisor', null, null, null],
        ['partnership_officer', 'borough', camden.id, 'Camden'],
      ],
    );
    const principal = await principalFor(t, person.email);
    const resource = (id: string) => ({ type: 'borough' as const, id });
    assert.equal(can(principal, 'borough.partnership-record.edit', resource(camden.id)), true);
    assert.equal(can(principal, 'borough.partnership-record.edit', resource(hackney.id)), false);

    const [event] = await auditFor(person.id);
    assert.equal(event?.action, 'user.role-granted');
    assert.equal(event?.actorUserId, adminPrincipal.userId);
    assert.deepEqual(event?.after, {
      role: 'partnership_officer',
      scopeType: 'borough',
      scopeId: camden.id,
    });
  });

  test('the same role twice is refused with 409 and writes nothing', async () => {
    const person = await createUser('partnership_officer', camden.id);
    const before = await snapshot();
    const events = (await auditFor(person.id)).length;
    const response = await admin.post(`/admin/users/${person.id}/roles`, {
      role: 'partnership_officer',
      scopeId: camden.id,
    });
    assert.equal(response.statusCode, 409);
    assertFormError(response, 'role', 'The person already has this role');
    assert.deepEqual(await snapshot(), before);
    assert.equal((await auditFor(person.id)).length, events);
    // For another borough it is a different role.
    const other = await admin.post(`/admin/users/${person.id}/roles`, {
      role: 'partnership_officer',
      scopeId: hackney.id,
    });
    assert.equal(other.statusCode, 303);
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).roles.length, 2);
  });

  test('no role, an unknown role or an unknown borough is refused with the field’s message', async () => {
    const person = await createUser('advisor');
    const before = await snapshot();
    for (const [form, field, message] of [
      [{ role: '' }, 'role', 'Select a role'],
      [{ role: 'emperor' }, 'role', 'Select a role'],
      [
        { role: 'partnership_officer', scopeId: 'nowhere' },
        'scopeId',
        'Select a borough from the list',
      ],
    ] as const) {
      const response = await admin.post(`/admin/users/${person.id}/roles`, form);
      assert.equal(response.statusCode, 400, JSON.stringify(form));
      assertFormError(response, field, message);
    }
    assert.deepEqual(await snapshot(), before);
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).roles.length, 1);
  });

  test('a role is removed, and recorded', async () => {
    const person = await createUser('partnership_officer', camden.id);
    const detail = await t.services.users.get(adminPrincipal, person.id);
    const assignment = detail.roles[0]!;
    const page = await admin.get(`/admin/users/${person.id}`);
    assert.ok(
      page.body.includes(`action="/admin/users/${person.id}/roles/${assignment.id}/remove"`),
    );

    const response = await admin.post(`/admin/users/${person.id}/roles/${assignment.id}/remove`);
    assert.equal(response.statusCode, 303);
    const after = await admin.get(`/admin/users/${person.id}`);
    assert.match(after.body, /Role removed/);
    assert.match(after.body, /This person has no roles/);
    assert.deepEqual((await t.services.users.get(adminPrincipal, person.id)).roles, []);
    const [event] = await auditFor(person.id);
    assert.equal(event?.action, 'user.role-revoked');
    assert.deepEqual(event?.before, {
      role: 'partnership_officer',
      scopeType: 'borough',
      scopeId: camden.id,
    });
  });

  test('removing a role that is not the person’s, or is unknown, is not found', async () => {
    const one = await createUser('advisor');
    const other = await createUser('requester');
    const theirs = (await t.services.users.get(adminPrincipal, other.id)).roles[0]!;
    const before = await snapshot();
    for (const url of [
      `/admin/users/${one.id}/roles/${theirs.id}/remove`,
      `/admin/users/${one.id}/roles/00000000-0000-4000-8000-000000000000/remove`,
      `/admin/users/${one.id}/roles/not-a-uuid/remove`,
    ]) {
      assert.equal((await admin.post(url)).statusCode, 404, url);
    }
    assert.deepEqual(await snapshot(), before);
    assert.equal((await t.services.users.get(adminPrincipal, other.id)).roles.length, 1);
  });

  test('an administrator cannot remove their own administrator role', async () => {
    const own = (await t.services.users.get(adminPrincipal, adminPrincipal.userId)).roles.find(
      (r) => r.role === 'administrator',
    )!;
    const before = await snapshot();
    const response = await admin.post(
      `/admin/users/${adminPrincipal.userId}/roles/${own.id}/remove`,
    );
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /You cannot remove your own administrator role/);
    assert.deepEqual(await snapshot(), before);
    assert.ok(
      (await t.services.users.get(adminPrincipal, adminPrincipal.userId)).roles.some(
        (r) => r.id === own.id,
      ),
    );
    assert.equal((await admin.get('/admin/users')).statusCode, 200);
  });
});

describe('deactivating', () => {
  test('an administrator cannot deactivate their own account', async () => {
    const page = await admin.get(`/admin/users/${adminPrincipal.userId}`);
    const before = await snapshot();
    const response = await admin.post(`/admin/users/${adminPrincipal.userId}/deactivate`, {
      version: versionOn(page.body),
    });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /There is a problem/);
    assert.ok(response.body.includes('href="#status">You cannot deactivate your own account</a>'));
    assert.deepEqual(await snapshot(), before);
    assert.equal(
      (await t.services.users.get(adminPrincipal, adminPrincipal.userId)).status,
      'active',
    );
    assert.equal((await admin.get('/admin/users')).statusCode, 200);
  });

  test('a stale version is refused with 409 and changes nothing', async () => {
    const person = await createUser('advisor');
    const seen = versionOn((await admin.get(`/admin/users/${person.id}`)).body);
    // Another administrator deactivates and reactivates the account meanwhile.
    const other = await t.services.users.get(adminPrincipal, person.id);
    await t.services.users.setStatus(adminPrincipal, person.id, 'deactivated', other.version);
    await t.services.users.setStatus(adminPrincipal, person.id, 'active', other.version + 1);

    const before = await snapshot();
    const response = await admin.post(`/admin/users/${person.id}/deactivate`, { version: seen });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /There is a problem/);
    assert.match(
      response.body,
      /Someone else changed this account while you were looking at it. Check it and try again/,
    );
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).status, 'active');
    assert.deepEqual(await snapshot(), before);

    const missing = await admin.post(`/admin/users/${person.id}/deactivate`, {});
    assert.equal(missing.statusCode, 409, 'no version is as good as a stale one');
    assert.deepEqual(await snapshot(), before);
  });

  test('deactivating and reactivating are recorded', async () => {
    const person = await createUser('advisor');
    const page = await admin.get(`/admin/users/${person.id}`);
    const response = await admin.post(`/admin/users/${person.id}/deactivate`, {
      version: versionOn(page.body),
    });
    assert.equal(response.statusCode, 303);
    const after = await admin.get(`/admin/users/${person.id}`);
    assert.match(after.body, /Account deactivated. All its sessions have ended/);
    assert.match(after.body, /Reactivate account/);
    const again = await admin.post(`/admin/users/${person.id}/reactivate`, {
      version: versionOn(after.body),
    });
    assert.equal(again.statusCode, 303);
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).status, 'active');
    const actions = (await auditFor(person.id)).map((e) => e.action);
    assert.deepEqual(actions.slice(0, 2), ['user.reactivated', 'user.deactivated']);
  });

  test('without the CSRF token: 403 and the account stays active', async () => {
    const person = await createUser('advisor');
    const page = await admin.get(`/admin/users/${person.id}`);
    const before = await snapshot();
    const response = await admin.post(
      `/admin/users/${person.id}/deactivate`,
      { version: versionOn(page.body) },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.equal((await t.services.users.get(adminPrincipal, person.id)).status, 'active');
    assert.deepEqual(await snapshot(), before);
  });

  test('a malformed or unknown user id is not found', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of ['not-a-uuid', unknown]) {
      assert.equal((await admin.get(`/admin/users/${id}`)).statusCode, 404, id);
      assert.equal(
        (await admin.post(`/admin/users/${id}/deactivate`, { version: '1' })).statusCode,
        404,
        id,
      );
      assert.equal(
        (await admin.post(`/admin/users/${id}/roles`, { role: 'advisor' })).statusCode,
        404,
        id,
      );
    }
  });
});

describe('the users list', () => {
  test('finds people by name or e-mail address', async () => {
    await makeAccount(t, { role: 'director', name: 'Dana Director' });
    await makeAccount(t, { role: 'coordination_unit', name: 'Chris Coordinator' });
    const page = await admin.get('/admin/users?q=dana');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Dana Director/);
    assert.doesNotMatch(page.body, /Alex Admin/);
    const byEmail = await admin.get(`/admin/users?q=${encodeURIComponent('coordination')}`);
    assert.match(byEmail.body, /Chris Coordinator/);
  });
});

describe('who may manage users', () => {
  test('people who are not administrators get 403 on every page and form, and nothing is written', async () => {
    const person = await createUser('advisor');
    const assignment = (await t.services.users.get(adminPrincipal, person.id)).roles[0]!;
    const version = String((await t.services.users.get(adminPrincipal, person.id)).version);
    for (const role of [
      'coordination_unit',
      'director',
      'authority_officer',
      'partnership_officer',
      'advisor',
    ] as const) {
      const agent = await signInAsRole(t, role);
      const before = await snapshot();
      for (const url of ['/admin/users', '/admin/users/new', `/admin/users/${person.id}`]) {
        const page = await agent.get(url);
        assert.equal(page.statusCode, 403, `${role} GET ${url}`);
        assert.match(page.body, /You do not have permission to see this page/);
      }
      const posts: [string, Record<string, string>][] = [
        ['/admin/users/new', { displayName: 'Sneaky', email: newEmail(), role: 'administrator' }],
        [`/admin/users/${person.id}/roles`, { role: 'administrator' }],
        [`/admin/users/${person.id}/roles/${assignment.id}/remove`, {}],
        [`/admin/users/${person.id}/deactivate`, { version }],
        [`/admin/users/${person.id}/reactivate`, { version }],
      ];
      for (const [url, form] of posts) {
        assert.equal((await agent.post(url, form)).statusCode, 403, `${role} POST ${url}`);
      }
      assert.deepEqual(await snapshot(), before, `${role} wrote nothing`);
      const home = await agent.get('/');
      assert.doesNotMatch(home.body, /href="\/admin\/users"/, `${role} sees no link to users`);
    }
    const detail = await t.services.users.get(adminPrincipal, person.id);
    assert.equal(detail.status, 'active');
    assert.deepEqual(
      detail.roles.map((r) => r.role),
      ['advisor'],
    );
  });

  test('the service refuses too, whatever the route does', async () => {
    const director = await principalFor(t, (await accountFor(t, 'director')).email);
    await assert.rejects(
      t.services.users.create(director, { displayName: 'X', email: newEmail(), role: 'advisor' }),
      { status: 403 },
    );
    await assert.rejects(t.services.users.list(null, { limit: 1, offset: 0 }), { status: 403 });
  });

  test('signed-out people are sent to sign in, and nothing is written', async () => {
    const person = await createUser('advisor');
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    for (const url of ['/admin/users', '/admin/users/new', `/admin/users/${person.id}`]) {
      const response = await agent.get(url);
      assert.equal(response.statusCode, 303, url);
      assert.equal(response.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
    }
    const before = await snapshot();
    for (const url of [
      '/admin/users/new',
      `/admin/users/${person.id}/roles`,
      `/admin/users/${person.id}/deactivate`,
    ]) {
      const response = await agent.post(url, {
        displayName: 'X',
        email: newEmail(),
        role: 'administrator',
        version: '1',
      });
      assert.equal(response.statusCode, 303, url);
      assert.equal(response.headers.location, '/sign-in');
    }
    assert.deepEqual(await snapshot(), before);
  });
});
