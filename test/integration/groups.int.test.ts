import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { count, eq, sql } from 'drizzle-orm';
import { advisoryGroups, memberships } from '../../src/modules/groups/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { hasRole } from '../../src/platform/auth/permissions.js';
import { queryRows } from '../../src/platform/db/database.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { Agent, createTestApp, principalFor, type TestApp } from '../app.js';
import {
  accountFor,
  makeAccount,
  signInAccount,
  signInAsRole,
  type FactoryAccount,
} from '../factories/accounts.js';
import { makeEstablishedGroup, makeGroup, makeMember } from '../factories/groups.js';

let t: TestApp;
let coordinator: Agent;
let director: Agent;
/** Another corporate IAG, with nobody in it yet. */
let lgbtId: string;
let camdenId: string;
let dcfdId: string;
let olu: FactoryAccount;

before(async () => {
  t = await createTestApp({ demo: false });
  coordinator = await signInAsRole(t, 'coordination_unit');
  director = await signInAsRole(t, 'director');
  lgbtId = (
    await makeGroup(t, {
      type: 'corporate_iag',
      name: 'Westminster LGBT Independent Advisory Group',
    })
  ).id;
  olu = await makeAccount(t, { role: 'authority_officer', name: 'Olu Officer' });
  await makeAccount(t, { role: 'ctset', name: 'Sam Strategic' });
  const boroughs = await t.services.directory.scopeCatalogue.options('borough');
  camdenId = boroughs.find((b) => b.name === 'Camden')!.id;
  dcfdId = (await t.services.directory.lookups.organisationIdByCode(t.services.db, 'dcfd'))!;
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

async function auditCount(): Promise<number> {
  const [row] = await t.services.db.select({ n: count() }).from(auditEvents);
  return Number(row?.n ?? 0);
}

const groupForm = (overrides: Record<string, string> = {}) => ({
  name: 'Camden Independent Advisory Group',
  type: 'borough_iag',
  ownerId: camdenId,
  parentGroupId: '',
  purpose: 'Advises Camden borough command on policing in Camden.',
  focus: 'Camden',
  meetingIntervalMonths: '2',
  minAge: '',
  maxAge: '',
  status: 'active',
  ...overrides,
});

function idFrom(location: string | undefined, pattern: RegExp): string {
  const match = pattern.exec(location ?? '');
  assert.ok(match, `expected a redirect matching ${pattern}, got ${location}`);
  return match[1]!;
}

/**
 * A corporate race IAG of the test's own, years into its life (makeEstablishedGroup: Charlie
 * Chair, Avery Advisor near the end of a first term, Jordan Okafor, Priya Shah in a second term,
 * Drew Deployment its deployment contact), named after a place so each is another group.
 */
function raceGroup(app: TestApp, place: string) {
  return makeEstablishedGroup(app, {
    type: 'corporate_iag',
    name: `${place} Race Independent Advisory Group`,
  });
}

/** A corporate focus group of the test's own, set up by the Director as only they may. */
async function focusGroup(name: string): Promise<string> {
  const made = await director.post(
    '/groups/new',
    groupForm({
      name,
      type: 'corporate_focus',
      ownerId: dcfdId,
      purpose: 'One representative from each corporate IAG.',
    }),
  );
  assert.equal(made.statusCode, 303, made.body.slice(0, 500));
  return idFrom(made.headers.location, /\/groups\/([0-9a-f-]{36})$/);
}

test('IAG-01: the five corporate IAGs of the London default come with the reference data, at parity', async () => {
  // The other tests make corporate IAGs of their own: this one counts them in a database of its
  // own, holding the reference data's.
  const own = await createTestApp({ demo: false });
  try {
    const coordinator = await signInAsRole(own, 'coordination_unit');
    const page = await coordinator.get('/groups?type=corporate_iag');
    assert.equal(page.statusCode, 200);
    for (const name of ['Disability', 'Gypsy and Traveller', 'LGBT', 'Race', 'Youth'])
      assert.match(page.body, new RegExp(`${name} Independent Advisory Group`));
    // The five of the reference data, and no other.
    assert.match(page.body, /\b5 groups/);
    const youth = await own.services.db
      .select({ minAge: advisoryGroups.minAge, maxAge: advisoryGroups.maxAge })
      .from(advisoryGroups)
      .where(eq(advisoryGroups.code, 'iag-youth'));
    assert.deepEqual(youth, [{ minAge: 14, maxAge: 25 }]);
  } finally {
    await own.close();
  }
});

test('IAG-01: a coordinator registers a borough IAG owned by the borough', async () => {
  const response = await coordinator.post('/groups/new', groupForm());
  assert.equal(response.statusCode, 303);
  const id = idFrom(response.headers.location, /\/groups\/([0-9a-f-]{36})$/);
  const page = await coordinator.get(`/groups/${id}`);
  assert.match(page.body, /Camden Independent Advisory Group/);
  assert.match(page.body, /Borough independent advisory group/);
  // IAG-21a: it has held no election, so its first is due now, on the register too.
  const register = await coordinator.get('/groups?q=Camden');
  assert.match(register.body, /govuk-tag--orange">\s*Due\s*</);
  assert.match(page.body, /has been registered/);
  const publicList = await new Agent(t.app).get('/advisory-groups');
  assert.match(publicList.body, /Camden Independent Advisory Group/);
});

test('IAG-01: a specialist advisory group is never called "Independent"; the refusal writes nothing', async () => {
  const before = await auditCount();
  const response = await coordinator.post(
    '/groups/new',
    groupForm({
      name: 'Gun Crime Independent Advisory Group',
      type: 'specialist',
      ownerId: dcfdId,
    }),
  );
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /cannot be called &quot;Independent&quot;/);
  assert.match(response.body, /href="#name"/);
  assert.equal(await auditCount(), before);
  const ok = await coordinator.post(
    '/groups/new',
    groupForm({ name: 'Gun Crime Advisory Group', type: 'specialist', ownerId: dcfdId }),
  );
  assert.equal(ok.statusCode, 303);
  const page = await coordinator.get(ok.headers.location!);
  assert.match(
    page.body,
    /Specialist advisory group \(gives predominantly non-independent advice\)/,
  );
});

test('IAG-01: the owner must match the type: a borough IAG owned by a directorate is refused', async () => {
  const response = await coordinator.post(
    '/groups/new',
    groupForm({ name: 'Brent Independent Advisory Group', ownerId: dcfdId }),
  );
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /owned by a borough command/);
});

test('IAG-01: only the Director sets up a corporate focus group', async () => {
  const focus = groupForm({
    name: 'Custody Focus Group',
    type: 'corporate_focus',
    ownerId: dcfdId,
    purpose: 'One representative from each corporate IAG on custody.',
  });
  const refused = await coordinator.post('/groups/new', focus);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Only the Director/);
  const made = await director.post('/groups/new', focus);
  assert.equal(made.statusCode, 303);
});

test('bad input names the field and writes nothing', async () => {
  const before = await auditCount();
  const response = await coordinator.post('/groups/new', {
    name: '',
    type: 'nonsense',
    meetingIntervalMonths: '5',
    minAge: '30',
    maxAge: '14',
  });
  assert.equal(response.statusCode, 400);
  for (const field of ['name', 'type', 'purpose', 'meetingIntervalMonths', 'maxAge'])
    assert.match(response.body, new RegExp(`href="#${field}"`));
  assert.equal(await auditCount(), before);
  assert.equal((await coordinator.get('/groups/not-a-uuid')).statusCode, 404);
});

test('IAG-18: an appointment runs four years; the same person cannot be appointed twice', async () => {
  const { id: raceId } = await makeGroup(t, { type: 'corporate_iag' });
  const person = await t.services.directory.people.create(
    await principalFor(t, (await accountFor(t, 'coordination_unit')).email),
    { fullName: 'Sam Newmember', email: 'sam.newmember@example.org' },
  );
  const form = {
    personId: person.id,
    'startsOn-day': '1',
    'startsOn-month': '12',
    'startsOn-year': '2026',
    publishName: 'yes',
  };
  const appointed = await coordinator.post(`/groups/${raceId}/members/new`, form);
  assert.equal(appointed.statusCode, 303);
  const [row] = await t.services.db
    .select()
    .from(memberships)
    .where(eq(memberships.personId, person.id));
  assert.equal(row!.startsOn, '2026-12-01');
  assert.equal(row!.endsOn, '2030-12-01');
  assert.equal(row!.termNumber, 1);
  const again = await coordinator.post(`/groups/${raceId}/members/new`, form);
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /already a member of this group/);
  const badDate = await coordinator.post(`/groups/${raceId}/members/new`, {
    ...form,
    'startsOn-month': '13',
  });
  assert.equal(badDate.statusCode, 400);
  assert.match(badDate.body, /must be a real date/);
});

async function membershipOf(
  app: TestApp,
  groupId: string,
  name: string,
): Promise<{ id: string; termNumber: number; endsOn: string }> {
  const detail = await app.services.groups.get(
    await principalFor(app, (await accountFor(app, 'coordination_unit')).email),
    groupId,
  );
  const member = detail.members.find((m) => m.name === name);
  assert.ok(member, `${name} is a current member`);
  return member;
}

test('IAG-18: a second term needs the chair and the Director, recorded separately with who and when', async () => {
  // Its sweeps (term-end notices, ended terms) act on every group, and other tests' groups have
  // members near the end of a term: a database of its own, holding only this group.
  const own = await createTestApp({ demo: false });
  try {
    const coordinator = await signInAsRole(own, 'coordination_unit');
    const director = await signInAsRole(own, 'director');
    const race = await raceGroup(own, 'Westminster');
    const raceId = race.id;
    const chair = await signInAccount(own, race.chair);
    const avery = await membershipOf(own, raceId, 'Avery Advisor');
    assert.equal(avery.termNumber, 1);
    const proposed = await coordinator.post(`/groups/${raceId}/members/${avery.id}/second-term`);
    assert.equal(proposed.statusCode, 303);
    const page = await chair.get(`/groups/${raceId}/members/${avery.id}`);
    assert.match(page.body, /Agree the second term as chair/);
    assert.doesNotMatch(page.body, /Agree the second term as Director/);
    const reappointmentId = /second-terms\/([0-9a-f-]{36})\/agree/.exec(page.body)![1]!;
    const agree = (agent: Agent, capacity: string) =>
      agent.post(`/groups/${raceId}/second-terms/${reappointmentId}/agree`, {
        capacity,
        membershipId: avery.id,
      });

    // Neither the coordinator nor an advisor may agree; the chair may not agree as Director.
    assert.equal((await agree(coordinator, 'chair')).statusCode, 403);
    assert.equal((await agree(chair, 'director')).statusCode, 403);

    assert.equal((await agree(chair, 'chair')).statusCode, 303);
    const half = await own.services.groups.membership(
      await principalFor(own, (await accountFor(own, 'coordination_unit')).email),
      raceId,
      avery.id,
    );
    assert.equal(half.reappointments[0]!.status, 'pending');
    assert.ok(half.reappointments[0]!.chairAgreedAt);
    assert.equal(half.terms.length, 1, 'no second term until both have agreed');
    assert.equal((await agree(chair, 'chair')).statusCode, 409, 'a chair agrees once');

    const done = await agree(director, 'director');
    assert.equal(done.statusCode, 303);
    const full = await own.services.groups.membership(
      await principalFor(own, (await accountFor(own, 'coordination_unit')).email),
      raceId,
      avery.id,
    );
    assert.equal(full.reappointments[0]!.status, 'agreed');
    assert.ok(full.reappointments[0]!.directorUserId);
    assert.notEqual(full.reappointments[0]!.chairUserId, full.reappointments[0]!.directorUserId);
    // Agreed before the first term ends: the first runs its course, and the second is shown as
    // starting when it does.
    assert.deepEqual(
      full.terms.map((m) => [m.termNumber, m.status]),
      [[1, 'current']],
    );
    const waiting = await coordinator.get(`/groups/${raceId}/members/${avery.id}`);
    assert.match(waiting.body, /The second term starts on/);
    assert.equal(
      await own.services.groups.sendTermEndNotices(),
      0,
      'she is not told she is leaving',
    );

    // The sweep on the day the first term ends starts the second.
    own.clock.current = new Date(`${avery.endsOn}T09:00:00Z`);
    try {
      await own.services.groups.closeEndedTerms();
    } finally {
      own.clock.current = new Date('2026-11-23T10:00:00Z');
    }
    const rolled = await own.services.groups.membership(
      await principalFor(own, (await accountFor(own, 'coordination_unit')).email),
      raceId,
      avery.id,
    );
    assert.deepEqual(
      rolled.terms.map((m) => [m.termNumber, m.status, m.leftOn]),
      [
        [1, 'ended', avery.endsOn],
        [2, 'current', null],
      ],
    );
    assert.equal(rolled.terms[1]!.startsOn, avery.endsOn, 'the second term follows on');
    assert.equal(rolled.reappointments[0]!.newMembershipId, rolled.terms[1]!.id);
  } finally {
    await own.close();
  }
});

test('IAG-18: a third term is refused with a message that says why, and nothing is written', async () => {
  const { id: raceId } = await raceGroup(t, 'Lambeth');
  const priya = await membershipOf(t, raceId, 'Priya Shah');
  assert.equal(priya.termNumber, 2);
  const before = await auditCount();
  const refused = await coordinator.post(`/groups/${raceId}/members/${priya.id}/second-term`);
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /at most 2 terms of 4 years/);
  assert.match(refused.body, /A third term cannot be agreed/);
  assert.equal(await auditCount(), before);

  // Appointing her afresh once her second term has ended is refused the same way.
  await coordinator.post(`/groups/${raceId}/members/${priya.id}/end`, {
    status: 'resigned',
    'leftOn-day': '23',
    'leftOn-month': '11',
    'leftOn-year': '2026',
  });
  const [person] = await t.services.db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(eq(memberships.id, priya.id));
  const again = await coordinator.post(`/groups/${raceId}/members/new`, {
    personId: person!.personId,
    'startsOn-day': '1',
    'startsOn-month': '1',
    'startsOn-year': '2027',
  });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /A third term cannot be agreed/);
  const history = await coordinator.get(`/groups/${raceId}/members`);
  assert.match(history.body, /Priya Shah/, 'a member who has left stays in the history');
});

test('IAG-21a, IAG-21b: elections record the adjudicator, candidates and result; chairs take the chair role', async () => {
  const { id: raceId, chair: charlieAccount } = await raceGroup(t, 'Hackney');
  const charlie = await membershipOf(t, raceId, 'Charlie Chair');
  const jordan = await membershipOf(t, raceId, 'Jordan Okafor');
  const [charlieId, jordanId] = await Promise.all(
    [charlie.id, jordan.id].map(async (id) => {
      const [m] = await t.services.db
        .select({ personId: memberships.personId })
        .from(memberships)
        .where(eq(memberships.id, id));
      return m!.personId;
    }),
  );
  const charliePerson = charlieId!;
  const jordanPerson = jordanId!;
  const election = (heldOn: string, candidates: string[], elected: string[]) =>
    coordinator.post(`/groups/${raceId}/elections/new`, {
      'heldOn-day': heldOn.slice(8),
      'heldOn-month': heldOn.slice(5, 7),
      'heldOn-year': heldOn.slice(0, 4),
      adjudicatorName: 'Ruth Mensah',
      agreedByChairs: 'Charlie Chair',
      agreedByPolice: 'Chris Coordinator',
      candidates,
      elected,
    });

  const coChairs = await election(
    '2026-11-20',
    [charliePerson, jordanPerson],
    [charliePerson, jordanPerson, charliePerson],
  );
  assert.equal(coChairs.statusCode, 303, 'two co-chairs are allowed (duplicates ignored)');
  const chairPrincipal = await principalFor(t, charlieAccount.email);
  assert.equal(hasRole(chairPrincipal, 'chair', { type: 'group', id: raceId }), true);

  // Charlie has now been elected twice in a row: a third consecutive term is refused.
  const before = await auditCount();
  const third = await election('2026-11-21', [charliePerson], [charliePerson]);
  assert.equal(third.statusCode, 400);
  assert.match(third.body, /Charlie Chair has chaired the group for the last 2 terms in a row/);
  assert.equal(await auditCount(), before);

  const handover = await election('2026-11-22', [charliePerson, jordanPerson], [jordanPerson]);
  assert.equal(handover.statusCode, 303);
  const afterHandover = await principalFor(t, charlieAccount.email);
  assert.equal(
    hasRole(afterHandover, 'chair', { type: 'group', id: raceId }),
    false,
    'the outgoing chair no longer holds the role',
  );
  const history = await coordinator.get(`/groups/${raceId}/elections`);
  assert.match(history.body, /Ruth Mensah/);
  assert.match(history.body, /Chris Coordinator for the police service/);
  const page = await coordinator.get(`/groups/${raceId}`);
  assert.match(page.body, /Next election due/);
  assert.match(page.body, /22 November 2028/);
});

test('IAG-07: naming the deployment contact gives them the role for that group', async () => {
  const { id: raceId, deploymentContact: drew } = await raceGroup(t, 'Brent');
  const officer = olu;
  const [person] = await t.services.directory.people
    .list(await principalFor(t, officer.email), { q: 'Olu Officer', limit: 1, offset: 0 })
    .then((r) => r.items);
  const response = await coordinator.post(`/groups/${raceId}/deployment-contact`, {
    personId: person!.id,
  });
  assert.equal(response.statusCode, 303);
  const principal = await principalFor(t, officer.email);
  assert.equal(hasRole(principal, 'deployment_contact', { type: 'group', id: raceId }), true);
  const previous = await principalFor(t, drew.email);
  assert.equal(hasRole(previous, 'deployment_contact', { type: 'group', id: raceId }), false);
});

test('terms of reference keep every version', async () => {
  const { id: raceId } = await raceGroup(t, 'Camden');
  const add = (body: string, day: string) =>
    coordinator.post(`/groups/${raceId}/terms-of-reference/new`, {
      body,
      changeSummary: `Changed on ${day}`,
      'agreedOn-day': day,
      'agreedOn-month': '11',
      'agreedOn-year': '2026',
    });
  assert.equal((await add('Meets every month.', '20')).statusCode, 303);
  const page = await coordinator.get(`/groups/${raceId}/terms-of-reference`);
  assert.match(page.body, /Version 2, agreed 20 November 2026/);
  assert.match(page.body, /Version 1/);
  const publicPage = await new Agent(t.app).get(`/advisory-groups/${raceId}`);
  assert.match(publicPage.body, /Meets every month/);
});

test('public page names only members who consented; chairs and deployment contacts see only their own group', async () => {
  const { id: raceId, deploymentContact: drew } = await raceGroup(t, 'Islington');
  const publicPage = await new Agent(t.app).get(`/advisory-groups/${raceId}`);
  assert.equal(publicPage.statusCode, 200);
  assert.match(publicPage.body, /Jordan Okafor/);
  assert.doesNotMatch(publicPage.body, /Priya Shah/, 'did not consent');
  const advisor = await signInAsRole(t, 'advisor');
  assert.equal((await advisor.get(`/groups/${raceId}`)).statusCode, 403);
  const deployment = await signInAccount(t, drew);
  assert.equal((await deployment.get(`/groups/${lgbtId}`)).statusCode, 403);
});

test('IAG-18: members are told once, six months before their term ends', async () => {
  const { id: groupId } = await makeGroup(t, { type: 'corporate_iag' });
  const member = await makeMember(t, groupId, { startsOn: '2026-12-01' });
  // Move the clock so the new member appointed from 1 December 2026 is within six months.
  t.clock.current = new Date('2030-06-02T09:00:00Z');
  const sent = await t.services.groups.sendTermEndNotices();
  assert.ok(sent >= 1);
  const messages = await t.services.db
    .select({ to: outbox.toAddress, subject: outbox.subject })
    .from(outbox)
    .where(eq(outbox.toAddress, member.email));
  assert.equal(messages.length, 1);
  assert.match(messages[0]!.subject, /ends on 1 December 2030/);
  assert.equal(await t.services.groups.sendTermEndNotices(), 0, 'told once');
  t.clock.current = new Date('2026-11-23T10:00:00Z');
});

test('IAG-18, IAG-19: importing existing members applies the term rule retrospectively, with the transition', async () => {
  const url = `/groups/${lgbtId}/members/import`;

  const before = await auditCount();
  const bad = await coordinator.post(url, {
    csv: 'name,email,first_joined\nGood Row,good@example.org,2020-01-01\n,bad-email,2020-02-30\n',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Line 3: Enter the member’s name; “bad-email” is not an e-mail address/);
  assert.match(bad.body, /Nothing has been imported/);
  assert.equal(await auditCount(), before, 'nothing written, not even the good row');

  const ok = await coordinator.post(url, {
    csv: [
      'name,email,first_joined,publish_name',
      'Long Server,long.server@example.org,1995-06-01,yes',
      'Recent Joiner,,2024-01-10,no',
      'Mid Way,mid.way@example.org,01/03/2020,',
    ].join('\n'),
  });
  assert.equal(ok.statusCode, 303);
  const history = await coordinator.get(ok.headers.location!);
  assert.match(
    history.body,
    /Imported 3 members: 1 current, 1 whose service has ended, 1 kept on for a year under the transition \(IAG-19\), 1 whose second term awaits the agreement of the chair and the Director \(IAG-18\)/,
  );

  const rows = await t.services.db
    .select({
      term: memberships.termNumber,
      startsOn: memberships.startsOn,
      endsOn: memberships.endsOn,
      status: memberships.status,
      transitional: memberships.transitional,
    })
    .from(memberships)
    .where(eq(memberships.groupId, lgbtId))
    .orderBy(memberships.startsOn);
  assert.deepEqual(rows, [
    // Long Server: two terms over by 2003, so kept until a year after the rules (30 April 2008).
    { term: 1, startsOn: '1995-06-01', endsOn: '1999-06-01', status: 'ended', transitional: false },
    { term: 2, startsOn: '1999-06-01', endsOn: '2008-04-30', status: 'ended', transitional: true },
    // Mid Way: first term 2020 to 2024; the list records no agreement to a second, so it awaits
    // the chair's and the Director's (issue 21 item 12).
    { term: 1, startsOn: '2020-03-01', endsOn: '2024-03-01', status: 'ended', transitional: false },
    // Recent Joiner: first term running.
    {
      term: 1,
      startsOn: '2024-01-10',
      endsOn: '2028-01-10',
      status: 'current',
      transitional: false,
    },
  ]);

  const twice = await coordinator.post(url, {
    csv: 'name,email,first_joined\nMid Way,mid.way@example.org,2020-03-01\n',
  });
  assert.equal(twice.statusCode, 400);
  assert.match(twice.body, /Line 2: Mid Way already has a membership of this group/);
});

test('IAG-01: a corporate focus group takes one representative from each corporate IAG', async () => {
  const focusId = await focusGroup('Stop and Search Focus Group');
  const race = await raceGroup(t, 'Westminster');
  const appoint = async (person: FactoryAccount) =>
    coordinator.post(`/groups/${focusId}/members/new`, {
      personId: person.personId,
      'startsOn-day': '23',
      'startsOn-month': '11',
      'startsOn-year': '2026',
    });
  const outsider = await appoint(olu);
  assert.equal(outsider.statusCode, 409);
  assert.match(outsider.body, /Olu Officer is not a current member of one/);
  assert.equal((await appoint(race.jordan)).statusCode, 303);
  const second = await appoint(race.advisor);
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /Race Independent Advisory Group already has its representative/);
});

test('IAG-21c: a corporate focus group may elect a police employee named to attend it; other groups may not', async () => {
  const focus = { id: await focusGroup('Hate Crime Focus Group') };
  const { id: raceId } = await raceGroup(t, 'Southwark');
  const [officer] = (
    await t.services.directory.people.list(
      await principalFor(t, (await accountFor(t, 'coordination_unit')).email),
      { q: 'Sam Strategic', limit: 1, offset: 0 },
    )
  ).items;
  const election = (groupId: string) =>
    coordinator.post(`/groups/${groupId}/elections/new`, {
      'heldOn-day': '23',
      'heldOn-month': '11',
      'heldOn-year': '2026',
      adjudicatorName: 'Ruth Mensah',
      agreedByChairs: 'No chair yet',
      agreedByPolice: 'Chris Coordinator',
      candidates: [officer!.id],
      elected: [officer!.id],
    });

  // Not yet named to attend: not a candidate.
  const early = await election(focus!.id);
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /current members of the group or police employees named to attend it/);

  const named = await coordinator.post(`/groups/${focus!.id}/police-attendance`, {
    personId: officer!.id,
    role: 'directorate_manager',
    rank: 'Inspector',
  });
  assert.equal(named.statusCode, 303);
  const form = await coordinator.get(`/groups/${focus!.id}/elections/new`);
  assert.match(form.body, /Sam Strategic \(police employee\)/);
  assert.equal((await election(focus!.id)).statusCode, 303);
  const page = await coordinator.get(`/groups/${focus!.id}`);
  assert.match(page.body, /Sam Strategic/);

  // A corporate IAG elects its chair from its members only.
  const before = await auditCount();
  const iag = await election(raceId);
  assert.equal(iag.statusCode, 400);
  assert.match(iag.body, /Candidates must be current members of the group/);
  assert.equal(await auditCount(), before);
});

test('the group page, kept between reads, shows at once any write to the group, its members, documents or a name; who may read it is checked every time', async () => {
  const race = await raceGroup(t, 'Haringey');
  const raceId = race.id;
  const chair = await signInAccount(t, race.chair);
  const page = async () => {
    const res = await coordinator.get(`/groups/${raceId}`);
    assert.equal(res.statusCode, 200);
    return res.body;
  };
  const [member] = await queryRows<{ id: string; personId: string }>(
    t.services.db,
    // Not a chair or the deployment contact, who are named on the page for those offices too.
    sql`select m.id, m.person_id as "personId" from memberships m
        join advisory_groups g on g.id = m.group_id
        where m.group_id = ${raceId} and m.status = 'current'
          and m.person_id is distinct from g.deployment_contact_id
          and m.person_id not in (select person_id from election_candidates)
        order by m.id limit 1`,
  );
  assert.ok(member, 'the Race IAG has a current member');
  await page();

  // Each write is made straight to the tables, as a script or another instance of Bridge might.
  await t.services.db.execute(
    sql`update people set full_name = 'Ysolde Renamed-Member' where id = ${member.personId}`,
  );
  assert.match(await page(), /Ysolde Renamed-Member/);
  await t.services.db.execute(
    sql`update advisory_groups set focus = 'Stop and search, renamed straight in the table' where id = ${raceId}`,
  );
  assert.match(await page(), /Stop and search, renamed straight in the table/);
  await t.services.db.execute(
    sql`update group_document_versions v set number = v.number + 90
        from group_documents d where d.id = v.document_id and d.group_id = ${raceId}`,
  );
  assert.match(await page(), /Version 9\d, agreed/);
  await t.services.db.execute(
    sql`update memberships set status = 'ended', left_on = current_date where id = ${member.id}`,
  );
  assert.doesNotMatch(await page(), /Ysolde Renamed-Member/);

  // Kept for the coordinator, refused to a chair of another group.
  assert.equal((await coordinator.get(`/groups/${lgbtId}`)).statusCode, 200);
  assert.equal((await chair.get(`/groups/${lgbtId}`)).statusCode, 403);
});
