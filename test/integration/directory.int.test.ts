import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAuditEvents } from '../../src/platform/audit/service.js';
import {
  loadReferenceData,
  readReferenceData,
  LONDON_REFERENCE_DATA,
} from '../../src/modules/directory/reference-data.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { accountFor, signInAsRole } from '../factories/accounts.js';
import { makePerson } from '../factories/directory.js';

let t: TestApp;
let officer: Agent;
let requester: Agent;
let admin: Agent;

before(async () => {
  t = await createTestApp({ demo: false });
  officer = await signInAsRole(t, 'authority_officer');
  requester = await signInAsRole(t, 'requester');
  admin = await signInAsRole(t, 'administrator');
});
after(() => t.close());

function idFromLocation(location: string | undefined): string {
  const id = location?.split('/').pop();
  assert.ok(id, 'redirected to the new record');
  return id;
}

describe('reference data', () => {
  test('London is loaded: 32 boroughs and the City of London, the directorates and the authority', async () => {
    const boroughs = await t.services.directory.scopeCatalogue.options('borough');
    assert.equal(boroughs.length, 33);
    assert.ok(boroughs.some((b) => b.name === 'City of London'));
    const page = await officer.get('/directory/organisations?q=Diversity+Citizen+Focus');
    assert.match(page.body, /Diversity and Citizen Focus Directorate/);
    const authority = await officer.get('/directory/organisations?kind=authority');
    assert.match(authority.body, /Metropolitan Police Authority/);
  });

  test('loading it again adds nothing', async () => {
    assert.equal(
      await loadReferenceData(t.services.db, readReferenceData(LONDON_REFERENCE_DATA)),
      0,
    );
  });
});

describe('search and lists', () => {
  test('full-text search matches word prefixes, and finds people by job title', async () => {
    const orgs = await requester.get('/directory/organisations?q=camd');
    assert.match(orgs.body, /Camden/);
    assert.doesNotMatch(orgs.body, /Westminster/);
    await makePerson(t, {
      fullName: 'DS Riley Requester',
      jobTitle: 'Senior investigating officer',
    });
    const people = await requester.get('/directory/people?q=investigating');
    assert.match(people.body, /DS Riley Requester/);
  });

  test('lists are paginated', async () => {
    const first = await requester.get('/directory/organisations');
    assert.match(first.body, /Showing 1 to 25 of \d+/);
    const second = await requester.get('/directory/organisations?page=2');
    assert.match(second.body, /Showing 26 to/);
    assert.equal((await requester.get('/directory/organisations?page=abc')).statusCode, 200);
  });
});

describe('organisations', () => {
  test('bad input shows each field’s message and writes nothing', async () => {
    const before = (
      await t.services.directory.organisations.list(await principalOf(officer), {
        limit: 1,
        offset: 0,
      })
    ).total;
    const response = await officer.post('/directory/organisations/new', {
      name: '',
      kind: 'nonsense',
      email: 'not-an-email',
      phone: 'call me',
      website: 'javascript:alert(1)',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /Enter the name of the organisation/);
    assert.match(response.body, /Select the type of organisation/);
    assert.match(response.body, /Enter an e-mail address in the correct format/);
    assert.match(response.body, /Enter a telephone number/);
    assert.match(response.body, /Enter a web address that starts with https:\/\//);
    assert.match(response.body, /href="#email"/);
    const after = (
      await t.services.directory.organisations.list(await principalOf(officer), {
        limit: 1,
        offset: 0,
      })
    ).total;
    assert.equal(after, before);
  });

  test('create, edit, archive and restore, each with its audit event', async () => {
    const created = await officer.post('/directory/organisations/new', {
      name: 'Lambeth Mosques Forum',
      kind: 'community',
      email: 'Forum@Example.org',
      phone: '020 7946 0999',
    });
    assert.equal(created.statusCode, 303);
    const id = idFromLocation(created.headers.location);
    const view = await officer.get(`/directory/organisations/${id}`);
    assert.match(view.body, /Lambeth Mosques Forum has been added to the directory/);
    assert.match(view.body, /forum@example.org/);

    const edited = await officer.post(`/directory/organisations/${id}/edit`, {
      name: 'Lambeth Faith Forum',
      kind: 'community',
      version: '1',
    });
    assert.equal(edited.statusCode, 303);
    const stale = await officer.post(`/directory/organisations/${id}/edit`, {
      name: 'Overwritten',
      kind: 'community',
      version: '1',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this entry/);
    assert.match((await officer.get(`/directory/organisations/${id}`)).body, /Lambeth Faith Forum/);

    assert.equal(
      (await officer.post(`/directory/organisations/${id}/archive`, { version: '2' })).statusCode,
      303,
    );
    assert.equal(
      (await requester.get(`/directory/organisations/${id}`)).statusCode,
      404,
      'archived is not found by a reader',
    );
    assert.doesNotMatch(
      (await requester.get('/directory/organisations?q=Lambeth+Faith&archived=include')).body,
      /Lambeth Faith Forum/,
    );
    assert.match(
      (await officer.get('/directory/organisations?q=Lambeth+Faith&archived=include')).body,
      /Lambeth Faith Forum/,
    );
    assert.doesNotMatch(
      (await officer.get('/directory/organisations?q=Lambeth+Faith')).body,
      /Lambeth Faith Forum/,
    );
    assert.equal(
      (await officer.post(`/directory/organisations/${id}/restore`, { version: '3' })).statusCode,
      303,
    );
    assert.equal((await requester.get(`/directory/organisations/${id}`)).statusCode, 200);

    const events = await listAuditEvents(
      t.services.db,
      { recordType: 'organisation', recordId: id },
      { limit: 10, offset: 0 },
    );
    assert.deepEqual(events.items.map((e) => e.action).reverse(), [
      'organisation.created',
      'organisation.updated',
      'organisation.archived',
      'organisation.restored',
    ]);
    const update = events.items.find((e) => e.action === 'organisation.updated')!;
    assert.equal((update.before as { name: string }).name, 'Lambeth Mosques Forum');
    assert.equal((update.after as { name: string }).name, 'Lambeth Faith Forum');
    assert.equal(update.actorLabel, (await accountFor(t, 'authority_officer')).name);
  });

  test('boroughs cannot be archived or change type', async () => {
    const camden = (await t.services.directory.scopeCatalogue.options('borough')).find(
      (b) => b.name === 'Camden',
    )!;
    const archive = await officer.post(`/directory/organisations/${camden.id}/archive`, {});
    assert.equal(archive.statusCode, 409);
    assert.match(archive.body, /Boroughs are reference data/);
    const retype = await officer.post(`/directory/organisations/${camden.id}/edit`, {
      name: 'Camden',
      kind: 'partner',
    });
    assert.equal(retype.statusCode, 400);
    assert.match(retype.body, /cannot be changed/);
  });

  test('an id that is not a UUID, or names nothing, is a 404 page', async () => {
    for (const url of [
      '/directory/organisations/not-a-uuid',
      '/directory/organisations/00000000-0000-4000-8000-000000000000',
      '/directory/people/1',
      '/admin/users/x',
    ]) {
      const response = await (url.startsWith('/admin') ? admin : officer).get(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(response.body, /Page not found/);
    }
  });

  test('a body over the limit gets 413 and writes nothing', async () => {
    const response = await officer.post('/directory/organisations/new', {
      name: 'x'.repeat(t.config.bodyLimitBytes + 10),
      kind: 'partner',
    });
    assert.equal(response.statusCode, 413);
  });
});

describe('people', () => {
  test('only an administrator links a person to a user account', async () => {
    const created = await admin.post('/directory/people/new', {
      fullName: 'Priya Patel',
      jobTitle: 'Borough commander',
      userEmail: (await accountFor(t, 'director')).email,
    });
    assert.equal(created.statusCode, 400, 'the director is already linked to a directory entry');
    assert.match(created.body, /already linked to another person/);

    const unknown = await admin.post('/directory/people/new', {
      fullName: 'Priya Patel',
      userEmail: 'nobody@nowhere.example',
    });
    assert.match(unknown.body, /There is no user account with this e-mail address/);

    const byOfficer = await officer.post('/directory/people/new', {
      fullName: 'Priya Patel',
      jobTitle: 'Borough commander',
      userEmail: (await accountFor(t, 'advisor')).email,
    });
    assert.equal(byOfficer.statusCode, 303);
    const id = idFromLocation(byOfficer.headers.location);
    const { person } = await t.services.directory.people.get(await principalOf(officer), id);
    assert.equal(person.userId, null, 'the link asked for by a non-administrator is ignored');
  });

  test('people are listed by organisation and archived people are hidden from readers', async () => {
    const org = await officer.post('/directory/organisations/new', {
      name: 'Brixton Youth Project',
      kind: 'community',
    });
    const orgId = idFromLocation(org.headers.location);
    const person = await officer.post('/directory/people/new', {
      fullName: 'Jordan Mensah',
      organisationId: orgId,
      email: 'jordan@example.org',
    });
    const personId = idFromLocation(person.headers.location);
    assert.match((await requester.get(`/directory/organisations/${orgId}`)).body, /Jordan Mensah/);
    assert.match(
      (await requester.get(`/directory/people?organisation=${orgId}`)).body,
      /Jordan Mensah/,
    );
    await officer.post(`/directory/people/${personId}/archive`, { version: '1' });
    assert.doesNotMatch(
      (await requester.get(`/directory/organisations/${orgId}`)).body,
      /Jordan Mensah/,
    );
    assert.equal((await requester.get(`/directory/people/${personId}`)).statusCode, 404);
  });

  test('an organisation that does not exist is refused with the field named', async () => {
    const response = await officer.post('/directory/people/new', {
      fullName: 'Sam Lee',
      organisationId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Select an organisation from the list/);
  });
});

/** The principal behind an agent's session, for calling services directly. */
async function principalOf(agent: Agent) {
  const token = agent.cookies.get('bridge_session');
  const context = await t.services.auth.resolveSession(token);
  assert.ok(context?.principal);
  return context.principal;
}
