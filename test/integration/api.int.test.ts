import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { makeAccount, signInAsRole } from '../factories/accounts.js';
import { makePerson } from '../factories/directory.js';

let t: TestApp;
let readToken: string;
let writeToken: string;

async function issue(scopes: string[], expiresInDays = '') {
  const admin = await signInAsRole(t, 'administrator');
  const page = await admin.post('/admin/api-tokens/new', {
    name: `Test ${scopes.join(' ')}`,
    scopes,
    expiresInDays,
  });
  assert.equal(page.statusCode, 200);
  const token = /data-testid="api-token">([^<]+)</.exec(page.body)?.[1];
  assert.ok(token, 'the token is shown once');
  return token;
}

function call(method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
}

before(async () => {
  t = await createTestApp({ demo: false });
  readToken = await issue(['directory:read']);
  writeToken = await issue(['directory:read', 'directory:write']);
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

describe('authentication', () => {
  test('no token, a malformed token or an unknown token is 401 with problem+json', async () => {
    for (const token of [undefined, 'nonsense', `brg_${'x'.repeat(43)}`]) {
      const response = await call('GET', '/api/v1/organisations', token);
      assert.equal(response.statusCode, 401);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(response.json().status, 401);
    }
  });

  test('a session cookie is not an API credential', async () => {
    const admin = await signInAsRole(t, 'administrator');
    const response = await admin.get('/api/v1/organisations');
    assert.equal(response.statusCode, 401);
  });

  test('a revoked token stops working at once', async () => {
    const token = await issue(['directory:read']);
    assert.equal((await call('GET', '/api/v1/organisations', token)).statusCode, 200);
    const admin = await signInAsRole(t, 'administrator');
    const tokens = await t.services.apiTokens.list(
      (await t.services.auth.resolveSession(admin.cookies.get('bridge_session')))!.principal,
    );
    const row = tokens.find((r) => r.prefix === token.slice(0, 10));
    assert.ok(row);
    assert.equal((await admin.post(`/admin/api-tokens/${row.id}/revoke`)).statusCode, 303);
    assert.equal((await call('GET', '/api/v1/organisations', token)).statusCode, 401);
  });

  test('an expired token is refused', async () => {
    const token = await issue(['directory:read'], '1');
    assert.equal((await call('GET', '/api/v1/organisations', token)).statusCode, 200);
    t.clock.advanceMinutes(24 * 60 + 1);
    assert.equal((await call('GET', '/api/v1/organisations', token)).statusCode, 401);
  });

  test('tokens are stored only as hashes', async () => {
    const tokens = await t.services.db.execute<{ token_hash: string }>(
      (await import('drizzle-orm')).sql`select token_hash from api_tokens`,
    );
    const rows = (tokens as unknown as { rows: { token_hash: string }[] }).rows;
    assert.ok(rows.length >= 2);
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && r.token_hash !== readToken));
  });
});

describe('reading the directory', () => {
  test('lists and searches organisations, paginated', async () => {
    const all = await call('GET', '/api/v1/organisations', readToken);
    assert.equal(all.statusCode, 200);
    const body = all.json();
    assert.ok(body.total >= 44);
    assert.equal(body.items.length, 44 <= body.pageSize ? body.total : body.pageSize);
    const camden = (
      await call('GET', '/api/v1/organisations?q=camden&kind=borough', readToken)
    ).json();
    assert.deepEqual(
      camden.items.map((o: { name: string }) => o.name),
      ['Camden'],
    );
    const one = await call('GET', `/api/v1/organisations/${camden.items[0].id}`, readToken);
    assert.equal(one.json().code, 'E09000007');
  });

  test('people never include private notes or the linked account', async () => {
    // An advisor with an account, and one with private notes about them.
    await makeAccount(t, { role: 'advisor', name: 'Avery Advisor' });
    await makePerson(t, {
      fullName: 'Jordan Advisor',
      notes: 'Private: prefers not to be called on Fridays',
    });
    const people = (await call('GET', '/api/v1/people?q=advisor', readToken)).json();
    assert.equal(people.items.length, 2);
    for (const person of people.items) {
      assert.equal('notes' in person, false);
      assert.equal('userId' in person, false);
    }
  });

  test('an unknown or malformed id is 404, a bad query is 400 naming the field', async () => {
    assert.equal(
      (await call('GET', '/api/v1/organisations/not-a-uuid', readToken)).statusCode,
      404,
    );
    assert.equal(
      (await call('GET', '/api/v1/people/00000000-0000-4000-8000-000000000000', readToken))
        .statusCode,
      404,
    );
    const bad = await call('GET', '/api/v1/organisations?kind=castle', readToken);
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().errors.some((e: { field: string }) => e.field.includes('kind')));
  });
});

describe('writing the directory', () => {
  test('a read-only token cannot write', async () => {
    const response = await call('POST', '/api/v1/organisations', readToken, {
      name: 'Nope',
      kind: 'partner',
    });
    assert.equal(response.statusCode, 403);
  });

  test('bad bodies are 400 with each field named, and write nothing', async () => {
    const missing = await call('POST', '/api/v1/organisations', writeToken, { kind: 'partner' });
    assert.equal(missing.statusCode, 400);
    assert.ok(missing.json().errors.some((e: { field: string }) => e.field === 'name'));
    const badEmail = await call('POST', '/api/v1/organisations', writeToken, {
      name: 'Broken Email Org',
      kind: 'partner',
      email: 'nope',
    });
    assert.equal(badEmail.statusCode, 400);
    assert.deepEqual(
      badEmail.json().errors.map((e: { field: string }) => e.field),
      ['email'],
    );
    const search = (await call('GET', '/api/v1/organisations?q=Broken+Email', readToken)).json();
    assert.equal(search.total, 0);
  });

  test('create and replace, with the version guarding against lost updates, audited against the token', async () => {
    const created = await call('POST', '/api/v1/organisations', writeToken, {
      name: 'Southwark Street Pastors',
      kind: 'community',
    });
    assert.equal(created.statusCode, 201);
    const org = created.json();
    const updated = await call('PUT', `/api/v1/organisations/${org.id}?version=1`, writeToken, {
      name: 'Southwark Street Pastors Trust',
      kind: 'community',
    });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().version, 2);
    const stale = await call('PUT', `/api/v1/organisations/${org.id}?version=1`, writeToken, {
      name: 'Lost',
      kind: 'community',
    });
    assert.equal(stale.statusCode, 409);
    const person = await call('POST', '/api/v1/people', writeToken, {
      fullName: 'Grace Okafor',
      organisationId: org.id,
    });
    assert.equal(person.statusCode, 201);
    const { listAuditEvents } = await import('../../src/platform/audit/service.js');
    const events = await listAuditEvents(
      t.services.db,
      { recordType: 'organisation', recordId: org.id },
      { limit: 5, offset: 0 },
    );
    assert.equal(events.items.length, 2);
    assert.match(events.items[0]!.actorLabel, /API token/);
  });
});

test('OpenAPI describes the API at /api/openapi.json, for anyone', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(response.statusCode, 200);
  const spec = response.json();
  assert.match(spec.openapi, /^3\./);
  assert.ok(spec.paths['/api/v1/organisations']?.get);
  assert.ok(spec.paths['/api/v1/people/{id}']?.put);
});

test('issue 21 item 27: the footer links a page of Bridge’s own about the API; the interactive reference is the administrators’', async () => {
  const visitor = new Agent(t.app);
  const home = await visitor.get('/');
  assert.match(
    home.body,
    /<a class="govuk-footer__link" href="\/api-documentation">\s*API documentation\s*<\/a>/,
  );
  assert.doesNotMatch(home.body, /href="\/api\/docs|href="\/admin\/api-reference/);

  const page = await visitor.get('/api-documentation');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<title>The Bridge API – Bridge<\/title>/);
  assert.match(page.body, /<h1 class="govuk-heading-l">The Bridge API<\/h1>/);
  // What it serves, read from the same description the routes declare.
  assert.match(
    page.body,
    /<code>GET<\/code><\/td>\s*<td class="govuk-table__cell"><code>\/api\/v1\/organisations<\/code><\/td>\s*<td class="govuk-table__cell">List or search organisations<\/td>/,
  );
  assert.match(
    page.body,
    /<code>PUT<\/code><\/td>\s*<td class="govuk-table__cell"><code>\/api\/v1\/people\/\{id\}<\/code>/,
  );
  // Tokens, and where the OpenAPI JSON is.
  assert.match(page.body, /<code>Authorization<\/code> header as <code>Bearer<\/code>/);
  assert.match(page.body, /href="\/api\/openapi.json">http:\/\/[^<]+\/api\/openapi.json<\/a>/);
  assert.doesNotMatch(
    page.body,
    /interactive reference/,
    'not offered to those who cannot open it',
  );

  // The old address is gone; the reference refuses everyone but administrators.
  assert.equal((await visitor.get('/api/docs')).statusCode, 404);
  const signedOut = await visitor.get('/admin/api-reference');
  assert.equal(signedOut.statusCode, 303);
  assert.match(signedOut.headers.location ?? '', /^\/sign-in/);
  for (const role of ['coordination_unit', 'authority_officer'] as const) {
    const agent = await signInAsRole(t, role);
    assert.equal((await agent.get('/admin/api-reference')).statusCode, 403, role);
    assert.equal((await agent.get('/admin/api-reference/json')).statusCode, 403, role);
    assert.doesNotMatch((await agent.get('/api-documentation')).body, /interactive reference/);
  }
  const admin = await signInAsRole(t, 'administrator');
  const about = await admin.get('/api-documentation');
  const href =
    /<a class="govuk-link" href="([^"]+)">try the API in the interactive reference<\/a>/.exec(
      about.body,
    )?.[1];
  assert.equal(href, '/admin/api-reference');
  const ui = await admin.get('/admin/api-reference');
  assert.equal(ui.statusCode, 200);
  assert.match(ui.body, /swagger/i);
  assert.doesNotMatch(String(ui.headers['content-security-policy']), /upgrade-insecure-requests/);
  assert.equal((await admin.get('/admin/api-reference/json')).statusCode, 200);
});
