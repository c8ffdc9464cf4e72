import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import {
  adviceConflicts,
  adviceGiven,
  adviceRequestEvents,
  adviceRequestRoutes,
  adviceRequests,
  advisorUnavailability,
  deployments,
  disclosures,
} from '../../src/modules/advice/schema.js';
import { people, organisations } from '../../src/modules/directory/schema.js';
import { advisoryGroups, clearances, declarations } from '../../src/modules/groups/schema.js';
import { minutedAdvice } from '../../src/modules/meetings/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { createTestApp, principalFor, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeDeploymentContact, setExperience } from '../factories/advice.js';
import { uniqueTag } from '../factories/directory.js';
import { makeGroup, makeMember } from '../factories/groups.js';

let t: TestApp;

before(async () => {
  // No demo data: each test makes the group and the people it reads. The IAGs are reference data.
  t = await createTestApp({ demo: false });
});
after(() => t.close());

/**
 * The group and people one test acts with, made for that test alone: the tests change them
 * (an advisor's experience is edited, a conflict recorded, a clearance lapses, a deployment adds
 * to an advisor's load), so no two tests share them and each passes alone and in any order.
 * The group is a corporate IAG on race like the Race IAG, with its own deployment contact; the
 * accounts that act hold one role each (the advisor is Avery, the chair Charlie).
 */
async function cast() {
  const db = t.services.db;
  const group = await makeGroup(t, {
    name: `Race IAG ${uniqueTag()}`,
    type: 'corporate_iag',
    focus: 'Race',
  });
  const race = { id: group.id, name: group.name };
  const account = {} as Record<
    'advisor' | 'chair' | 'deployment_contact' | 'ctset' | 'requester' | 'coordination_unit',
    FactoryAccount
  >;
  // The group's members and the experience each brings (IAG-10); Priya brings none.
  account.advisor = await makeMember(t, race.id, { name: 'Avery Advisor' });
  account.chair = await makeMember(t, race.id, { name: 'Charlie Chair', chair: true });
  const jordan = await makeMember(t, race.id, { name: 'Jordan Okafor' });
  const priya = await makeMember(t, race.id, { name: 'Priya Shah' });
  await setExperience(t, account.advisor, ['race', 'youth', 'stop_and_search']);
  await setExperience(t, account.chair, ['race', 'faith', 'critical_incidents']);
  await setExperience(t, jordan, ['youth', 'mental_health']);
  const person = {
    avery: account.advisor.personId,
    charlie: account.chair.personId,
    jordan: jordan.personId,
    priya: priya.personId,
  };
  account.deployment_contact = await makeDeploymentContact(t, race.id);
  for (const role of ['ctset', 'requester', 'coordination_unit'] as const)
    account[role] = await makeAccount(t, { role });
  const contact = await principalFor(t, account.deployment_contact.email);
  const ctset = await principalFor(t, account.ctset.email);
  const requester = await principalFor(t, account.requester.email);
  // IAG-29: Avery holds NPPV3 and Jordan NPPV2, both in force; Charlie's SC has lapsed.
  const [directorate] = await db.select({ id: organisations.id }).from(organisations).limit(1);
  const clearance = (personId: string, level: 'nppv2' | 'nppv3' | 'sc', expiresOn: string) => ({
    personId,
    level,
    grantedOn: '2024-01-01',
    expiresOn,
    requiredById: directorate!.id,
  });
  await db
    .insert(clearances)
    .values([
      clearance(person.avery, 'nppv3', '2029-01-01'),
      clearance(person.jordan, 'nppv2', '2029-01-01'),
      clearance(person.charlie, 'sc', '2026-06-01'),
    ]);

  /** The cast's requester asks for advice and CTSET passes the request to the cast's group. */
  const ask = async (overrides: Record<string, string | string[]> = {}) => {
    const request = await t.services.advice.ask(requester, {
      subject: 'Reassurance patrols after a racist attack in Eltham',
      details: 'We plan visible patrols and a community meeting.',
      seriousOrCritical: 'yes',
      urgency: 'routine',
      communities: 'Black and Asian residents in Eltham; young people',
      'neededFrom-day': '7',
      'neededFrom-month': '12',
      'neededFrom-year': '2026',
      'neededUntil-day': '8',
      'neededUntil-month': '12',
      'neededUntil-year': '2026',
      clearanceNeeded: 'nppv2',
      advisorsWanted: '1',
      experienceNeeded: ['race', 'youth'],
      ...overrides,
    });
    await t.services.advice.route(ctset, request.id, { groups: race.id });
    return request;
  };
  /** The names the contact's nomination list offers for the request. */
  const names = async (requestId: string) =>
    (await t.services.deployments.nominationList(contact, requestId, race.id)).candidates.map(
      (c) => c.name,
    );
  return { race, account, person, contact, ctset, requester, ask, names };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ofRequest = async (requestId: string) =>
  t.services.db.select().from(deployments).where(eq(deployments.requestId, requestId));

test('IAG-07, IAG-10, IAG-29: suitable advisors only, the lightest twelve-month load first', async () => {
  const { race, person, contact, ask, names } = await cast();
  const request = await ask();
  // Charlie's clearance has lapsed and Priya brings none of the experience: only two remain.
  assert.deepEqual(await names(request.id), ['Avery Advisor', 'Jordan Okafor']);
  // With no clearance or experience asked for, every current member is offered.
  const open = await ask({ clearanceNeeded: 'none', experienceNeeded: [] });
  assert.deepEqual(await names(open.id), [
    'Avery Advisor',
    'Charlie Chair',
    'Jordan Okafor',
    'Priya Shah',
  ]);

  // Avery was deployed three months ago (counts) and fourteen months ago (does not).
  const past = await ask({ clearanceNeeded: 'none' });
  const deployment = (deployedOn: string) => ({
    requestId: past.id,
    groupId: race.id,
    personId: person.avery,
    status: 'accepted' as const,
    deployedOn,
    nominatedAt: new Date(`${deployedOn}T09:00:00Z`),
    nominationReason: 'Earlier work',
    arrangementOwner: 'coordination_unit' as const,
  });
  await t.services.db
    .insert(deployments)
    .values([deployment('2026-08-20'), { ...deployment('2025-09-01'), status: 'declined' }]);
  await t.services.db.insert(deployments).values({
    ...deployment('2025-09-01'),
    requestId: (await ask({ clearanceNeeded: 'none' })).id,
  });
  const list = await t.services.deployments.nominationList(contact, request.id, race.id);
  assert.deepEqual(
    list.candidates.map((c) => [c.name, c.load]),
    [
      ['Jordan Okafor', 0],
      ['Avery Advisor', 1],
    ],
  );
  assert.equal(list.suitable, 2);

  // Unavailable on the second day of the work: Jordan drops out.
  await t.services.db.insert(advisorUnavailability).values({
    personId: person.jordan,
    startsOn: '2026-12-08',
    endsOn: '2026-12-20',
    createdAt: new Date(),
  });
  assert.deepEqual(await names(request.id), ['Avery Advisor']);
  await t.services.db
    .delete(advisorUnavailability)
    .where(eq(advisorUnavailability.personId, person.jordan));

  // The rule agrees with the list: nominating someone it left out is refused with the reason.
  await assert.rejects(
    t.services.deployments.nominate(contact, request.id, race.id, {
      advisors: [person.charlie],
      reason: 'Knows the area',
    }),
    (e: { status: number; fieldErrors: { message: string }[] }) =>
      e.status === 400 &&
      /Charlie Chair: Their Security Check \(SC\) is not in force/.test(e.fieldErrors[0]!.message),
  );
  await assert.rejects(
    t.services.deployments.nominate(contact, request.id, race.id, {
      advisors: [person.priya],
      reason: 'Knows the area',
    }),
    (e: { status: number }) => e.status === 400,
  );
  assert.equal((await ofRequest(request.id)).length, 0, 'nothing written');
});

test('IAG-07, IAG-08: the contact nominates with a reason; never more than asked for; the advisor is e-mailed', async () => {
  const { race, account, person, ask } = await cast();
  const request = await ask();
  const drew = await signInAccount(t, account.deployment_contact);
  const page = await drew.get(`/advice-requests/${request.id}/groups/${race.id}/nominate`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Avery Advisor/);
  assert.match((await drew.get('/advice-requests/to-nominate')).body, /Reassurance patrols/);

  const two = await drew.post(`/advice-requests/${request.id}/groups/${race.id}/nominate`, {
    advisors: [person.avery, person.jordan],
    reason: '',
  });
  assert.equal(two.statusCode, 400);
  assert.match(two.body, /asked for 1 advisor: only 1 more may be nominated/);
  assert.match(two.body, /href="#reason"/);
  assert.equal((await ofRequest(request.id)).length, 0, 'nothing written');

  const done = await drew.post(`/advice-requests/${request.id}/groups/${race.id}/nominate`, {
    advisors: person.avery,
    reason: 'Lives in Eltham and advised on the 2024 patrols',
  });
  assert.equal(done.statusCode, 303);
  const [nominated] = await ofRequest(request.id);
  assert.equal(nominated!.status, 'nominated');
  assert.equal(nominated!.arrangementOwner, 'coordination_unit', 'routine: the unit contacts');
  const mail = await t.services.db.select().from(outbox);
  assert.ok(
    mail.some(
      (m) =>
        m.toAddress === account.advisor.email &&
        m.bodyText.includes(`/deployments/${nominated!.id}`),
    ),
  );
  const audit = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, 'advice-request.nominated'), eq(auditEvents.recordId, request.id)),
    );
  assert.equal(audit.length, 1);

  // The place is taken: another nomination is refused and nothing changes.
  const more = await drew.post(`/advice-requests/${request.id}/groups/${race.id}/nominate`, {
    advisors: person.jordan,
    reason: 'Second',
  });
  assert.equal(more.statusCode, 400);
  assert.match(more.body, /has them: no more may be nominated/);
  assert.equal((await ofRequest(request.id)).length, 1);
});

test('issue 21 item 2: IAG-07: once a request has all the advisors it asked for, the contact’s list no longer counts it as needing advisors', async () => {
  const { race, account, person, contact, ask } = await cast();
  // What the database says still needs advisors for the contact's groups: routed, with fewer
  // standing nominations than asked for.
  const groupIds = contact.roles.flatMap((g) =>
    g.role === 'deployment_contact' && g.scopeType === 'group' && g.scopeId ? [g.scopeId] : [],
  );
  const needing = async () => {
    const routed = await t.services.db
      .select({ id: adviceRequests.id, wanted: adviceRequests.advisorsWanted })
      .from(adviceRequestRoutes)
      .innerJoin(adviceRequests, eq(adviceRequests.id, adviceRequestRoutes.requestId))
      .where(
        and(inArray(adviceRequestRoutes.groupId, groupIds), eq(adviceRequests.status, 'routed')),
      );
    const standing = await t.services.db
      .select({ requestId: deployments.requestId })
      .from(deployments)
      .where(inArray(deployments.status, ['nominated', 'accepted']));
    return routed.filter((r) => standing.filter((d) => d.requestId === r.id).length < r.wanted)
      .length;
  };
  const shown = async () => {
    const body = (await drew.get('/advice-requests/to-nominate')).body;
    const match = /(\d+) requests? still needing advisors/.exec(body);
    return match ? Number(match[1]) : body.includes('No requests are waiting') ? 0 : NaN;
  };
  const drew = await signInAccount(t, account.deployment_contact);
  const request = await ask({ subject: 'Advice on a vigil after a stabbing in Plumstead' });
  const before = await shown();
  assert.ok(before >= 1);
  assert.equal(before, await needing(), 'the page counts what the database holds');

  const done = await drew.post(`/advice-requests/${request.id}/groups/${race.id}/nominate`, {
    advisors: person.avery,
    reason: 'Lives nearby and knows the families',
  });
  assert.equal(done.statusCode, 303);
  const after = await shown();
  assert.equal(after, before - 1, 'the request with its one advisor is no longer counted');
  assert.equal(after, await needing(), 'the page counts what the database holds');
  const list = (await drew.get('/advice-requests/to-nominate')).body;
  assert.doesNotMatch(list, /vigil after a stabbing in Plumstead/);
});

test('IAG-07: only the contact of a group the request was passed to may nominate', async () => {
  const { race, account, person, contact, requester, ask } = await cast();
  const request = await ask();
  for (const role of ['ctset', 'advisor', 'requester', 'coordination_unit'] as const) {
    const agent = await signInAccount(t, account[role]);
    const url = `/advice-requests/${request.id}/groups/${race.id}/nominate`;
    assert.equal((await agent.get(url)).statusCode, 403, role);
    assert.equal(
      (await agent.post(url, { advisors: person.avery, reason: 'x' })).statusCode,
      403,
      role,
    );
  }
  const [other] = await t.services.db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.name, 'Youth Independent Advisory Group'));
  await assert.rejects(t.services.deployments.nominationList(contact, request.id, other!.id), {
    status: 403,
  });
  // A request not passed to the contact's group does not exist for them.
  const unrouted = await t.services.advice.ask(requester, {
    subject: 'Not routed',
    details: 'x',
    seriousOrCritical: 'no',
    urgency: 'routine',
    communities: 'x',
    'neededFrom-day': '7',
    'neededFrom-month': '12',
    'neededFrom-year': '2026',
  });
  await assert.rejects(t.services.deployments.nominationList(contact, unrouted.id, race.id), {
    status: 404,
  });
  assert.equal((await ofRequest(request.id)).length, 0);
});

test('IAG-08: the advisor accepts; when all asked for have, the request is deployed and the requester told', async () => {
  const { race, account, person, contact, ask } = await cast();
  const request = await ask({ urgency: 'urgent' });
  const { created } = await t.services.deployments.nominate(contact, request.id, race.id, {
    advisors: person.avery,
    reason: 'Nearest',
  });
  const id = created[0]!.id;
  assert.equal(created[0]!.arrangementOwner, 'ctset', 'urgent: CTSET contacts');
  // Nobody else sees or answers it.
  const jordanless = await signInAccount(t, account.chair);
  assert.equal((await jordanless.get(`/deployments/${id}`)).statusCode, 404);
  assert.equal((await jordanless.post(`/deployments/${id}/accept`, {})).statusCode, 404);

  const avery = await signInAccount(t, account.advisor);
  assert.match((await avery.get('/deployments')).body, /Reassurance patrols/);
  const page = await avery.get(`/deployments/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /may or may not apply it/);
  assert.equal((await avery.post(`/deployments/${id}/accept`, {})).statusCode, 303);
  assert.equal((await avery.post(`/deployments/${id}/accept`, {})).statusCode, 409);
  const [after] = await t.services.db
    .select()
    .from(adviceRequests)
    .where(eq(adviceRequests.id, request.id));
  assert.equal(after!.status, 'deployed');
  const mail = await t.services.db.select().from(outbox);
  assert.ok(
    mail.some(
      (m) =>
        m.toAddress === account.requester.email &&
        m.subject.startsWith('Advisors found for your request'),
    ),
    'the requester is told',
  );
  const requesterPage = await (
    await signInAccount(t, account.requester)
  ).get(`/advice-requests/${request.id}`);
  assert.match(
    requesterPage.body,
    new RegExp(`Avery Advisor \\(${escape(race.name)}\\): Accepted`),
  );
});

test('IAG-08, IAG-02: the advisor declines with a conflict; the contact is told why and the place is free again', async () => {
  const { race, account, person, contact, ask, names } = await cast();
  const request = await ask();
  const { created } = await t.services.deployments.nominate(contact, request.id, race.id, {
    advisors: person.avery,
    reason: 'Nearest',
  });
  const id = created[0]!.id;
  const avery = await signInAccount(t, account.advisor);
  const blank = await avery.post(`/deployments/${id}/decline`, { reason: '' });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /Enter why you cannot take this on/);
  const declined = await avery.post(`/deployments/${id}/decline`, {
    reason: 'I know the family of the victim',
    conflict: 'yes',
  });
  assert.equal(declined.statusCode, 303);
  const mail = await t.services.db.select().from(outbox);
  const told = mail.find((m) =>
    m.subject.startsWith(`An advisor declined request ${request.reference}`),
  );
  assert.ok(told);
  assert.match(told.bodyText, /I know the family of the victim/);
  assert.match(told.bodyText, /conflict of interest/);
  const conflicts = await t.services.db
    .select()
    .from(adviceConflicts)
    .where(eq(adviceConflicts.requestId, request.id));
  assert.equal(conflicts.length, 1);
  // Avery is not offered again; Jordan is, and may now be nominated.
  assert.deepEqual(await names(request.id), ['Jordan Okafor']);
  await t.services.deployments.nominate(contact, request.id, race.id, {
    advisors: person.jordan,
    reason: 'Next lightest load',
  });
  const events = await t.services.db
    .select({ kind: adviceRequestEvents.kind })
    .from(adviceRequestEvents)
    .where(eq(adviceRequestEvents.requestId, request.id));
  assert.deepEqual(events.map((e) => e.kind).sort(), [
    'advisor_declined',
    'nominated',
    'nominated',
    'routed',
    'submitted',
  ]);
});

test('IAG-02: the contact records a conflict of interest, and the advisor is not offered', async () => {
  const { race, account, person, ask, names } = await cast();
  const request = await ask();
  const drew = await signInAccount(t, account.deployment_contact);
  const url = `/advice-requests/${request.id}/groups/${race.id}/conflicts/${person.jordan}`;
  assert.equal((await drew.get(url)).statusCode, 200);
  const blank = await drew.post(url, { reason: '' });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /Enter what the conflict of interest is/);
  assert.equal(
    (await drew.post(url, { reason: 'Declared: sits on the school board' })).statusCode,
    303,
  );
  assert.equal((await drew.post(url, { reason: 'Again' })).statusCode, 409);
  assert.deepEqual(await names(request.id), ['Avery Advisor']);
  const avery = await signInAccount(t, account.advisor);
  assert.equal((await avery.post(url, { reason: 'x' })).statusCode, 403);
});

test('IAG-08, IAG-30: contacting the advisor falls to CTSET when urgent, the unit otherwise; recorded once', async () => {
  const { race, account, person, contact, ctset, ask } = await cast();
  const urgent = await ask({ urgency: 'urgent' });
  const routine = await ask();
  const [u] = (
    await t.services.deployments.nominate(contact, urgent.id, race.id, {
      advisors: person.jordan,
      reason: 'Free today',
    })
  ).created;
  const [r] = (
    await t.services.deployments.nominate(contact, routine.id, race.id, {
      advisors: person.jordan,
      reason: 'Free then',
    })
  ).created;
  const sam = await signInAccount(t, account.ctset);
  const chris = await signInAccount(t, account.coordination_unit);
  const samList = await t.services.deployments.arrangements(ctset, { limit: 100, offset: 0 });
  assert.ok(samList.items.some((i) => i.id === u!.id));
  assert.ok(!samList.items.some((i) => i.id === r!.id));
  assert.equal((await chris.get(`/deployments/${u!.id}/arrange`)).statusCode, 404);
  assert.equal(
    (await (await signInAccount(t, account.advisor)).get('/deployments/arrangements')).statusCode,
    403,
  );

  const page = await sam.get(`/deployments/${u!.id}/arrange`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /has no exemption: arrange an escort/);
  const blank = await sam.post(`/deployments/${u!.id}/arrange`, { arrangements: '' });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /href="#arrangements"/);
  const done = await sam.post(`/deployments/${u!.id}/arrange`, {
    arrangements: 'Phoned at 10:20; PC Adams meets Jordan at the front desk and escorts throughout',
  });
  assert.equal(done.statusCode, 303);
  assert.equal(
    (await sam.post(`/deployments/${u!.id}/arrange`, { arrangements: 'again' })).statusCode,
    409,
  );
  const events = await t.services.db
    .select({ text: adviceRequestEvents.text })
    .from(adviceRequestEvents)
    .where(
      and(eq(adviceRequestEvents.requestId, urgent.id), eq(adviceRequestEvents.kind, 'arranged')),
    );
  assert.match(events[0]!.text, /arranged their escorted access/);
  assert.match((await chris.get('/deployments/arrangements')).body, /Jordan Okafor/);
});

test('IAG-10: an advisor keeps their experience and unavailable days; bad dates are named', async () => {
  const { account, person, ask, names } = await cast();
  const avery = await signInAccount(t, account.advisor);
  assert.equal((await avery.get('/deployments/availability')).statusCode, 200);
  const bad = await avery.post('/deployments/availability', {
    'startsOn-day': '10',
    'startsOn-month': '12',
    'startsOn-year': '2026',
    'endsOn-day': '9',
    'endsOn-month': '12',
    'endsOn-year': '2026',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /The last day must be the same as or after the first/);
  const added = await avery.post('/deployments/availability', {
    'startsOn-day': '10',
    'startsOn-month': '12',
    'startsOn-year': '2026',
    'endsOn-day': '12',
    'endsOn-month': '12',
    'endsOn-year': '2026',
    note: 'Away',
  });
  assert.equal(added.statusCode, 303);
  const request = await ask({
    'neededFrom-day': '11',
    'neededUntil-day': '11',
  });
  assert.deepEqual(await names(request.id), ['Jordan Okafor']);
  const [entry] = await t.services.db
    .select()
    .from(advisorUnavailability)
    .where(eq(advisorUnavailability.personId, person.avery));
  // Only its owner may remove it.
  const charlie = await signInAccount(t, account.chair);
  assert.equal(
    (await charlie.post(`/deployments/availability/dates/${entry!.id}/remove`, {})).statusCode,
    404,
  );
  assert.equal(
    (await avery.post(`/deployments/availability/dates/${entry!.id}/remove`, {})).statusCode,
    303,
  );
  const saved = await avery.post('/deployments/availability/experience', {
    experience: ['faith'],
  });
  assert.equal(saved.statusCode, 303);
  // Now Avery brings neither race nor youth experience.
  assert.deepEqual(await names(request.id), ['Jordan Okafor']);
  const wrong = await avery.post('/deployments/availability/experience', {
    experience: 'juggling',
  });
  assert.equal(wrong.statusCode, 400);
});

test('IAG-08: two nominations at the same moment never pass the number asked for, nor name an advisor twice', async () => {
  const { race, person, contact, ask } = await cast();
  for (let round = 0; round < 3; round++) {
    // One place, two different advisors nominated at once (two tabs, or two contacts).
    const one = await ask({ clearanceNeeded: 'none', experienceNeeded: [] });
    const results = await Promise.allSettled([
      t.services.deployments.nominate(contact, one.id, race.id, {
        advisors: person.avery,
        reason: 'First tab',
      }),
      t.services.deployments.nominate(contact, one.id, race.id, {
        advisors: person.jordan,
        reason: 'Second tab',
      }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal((await ofRequest(one.id)).length, 1);

    // Two places, the same advisor nominated twice at once.
    const two = await ask({ clearanceNeeded: 'none', experienceNeeded: [], advisorsWanted: '2' });
    const same = await Promise.allSettled(
      [1, 2].map(() =>
        t.services.deployments.nominate(contact, two.id, race.id, {
          advisors: person.jordan,
          reason: 'Same advisor',
        }),
      ),
    );
    assert.equal(same.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal((await ofRequest(two.id)).length, 1);
  }
});

test('IAG-02, IAG-03, IAG-27: the advisor records the advice, labelled from the facts; the requester says whether it was used; the minutes cite it', async () => {
  const { race, account, person, contact, ask } = await cast();
  const request = await ask({ urgency: 'urgent', clearanceNeeded: 'none', experienceNeeded: [] });
  const { created } = await t.services.deployments.nominate(contact, request.id, race.id, {
    advisors: person.charlie,
    reason: 'Chairs the group',
  });
  const id = created[0]!.id;
  const charlie = await signInAccount(t, account.chair);
  const early = await charlie.post(`/deployments/${id}/advice`, {
    'givenOn-day': '23',
    'givenOn-month': '11',
    'givenOn-year': '2026',
    summary: 'Too soon',
  });
  assert.equal(early.statusCode, 409, 'not before accepting');
  assert.equal((await charlie.post(`/deployments/${id}/accept`, {})).statusCode, 303);
  // Charlie declared independence in April.
  await t.services.db.insert(declarations).values({
    personId: person.charlie,
    declaredOn: '2026-04-01',
    independenceConfirmed: true,
    principlesConfirmed: true,
  });
  const bad = await charlie.post(`/deployments/${id}/advice`, {
    'givenOn-day': '24',
    'givenOn-month': '11',
    'givenOn-year': '2026',
    summary: '',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /The date must be today or in the past/);
  assert.match(bad.body, /Enter the advice you gave/);
  const avery = await signInAccount(t, account.advisor);
  assert.equal(
    (await avery.post(`/deployments/${id}/advice`, { summary: 'Not mine' })).statusCode,
    404,
  );
  const given = await charlie.post(`/deployments/${id}/advice`, {
    'givenOn-day': '23',
    'givenOn-month': '11',
    'givenOn-year': '2026',
    summary:
      'Hold the meeting in the community centre, not the station, and invite the youth club.',
  });
  assert.equal(given.statusCode, 303);
  const [advice] = await t.services.db
    .select()
    .from(adviceGiven)
    .where(eq(adviceGiven.deploymentId, id));
  assert.equal(advice!.independent, true);
  assert.match(
    advice!.independenceBasis,
    /declaration of 1 April 2026 confirms their independence/,
  );
  assert.equal(
    (await charlie.post(`/deployments/${id}/advice`, { summary: 'Again' })).statusCode,
    409,
  );

  // IAG-03, IAG-27: the requester, and only the requester, says what they did with it.
  const riley = await signInAccount(t, account.requester);
  const page = await riley.get(`/advice-requests/${request.id}`);
  assert.match(page.body, /Independent advice/);
  assert.match(page.body, /may or may not be applied/);
  const url = `/advice-requests/${request.id}/advice/${advice!.id}/outcome`;
  const sam = await signInAccount(t, account.ctset);
  assert.equal((await sam.post(url, { outcome: 'used', reason: 'x' })).statusCode, 403);
  const noReason = await riley.post(url, { outcome: 'not_used' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Enter why you did or did not use the advice/);
  assert.equal(
    (
      await riley.post(url, {
        outcome: 'partly_used',
        reason: 'Moved to the community centre; the youth club could not attend at short notice',
      })
    ).statusCode,
    303,
  );
  assert.equal((await riley.post(url, { outcome: 'used', reason: 'Again' })).statusCode, 409);

  // The Race IAG's minutes cite it: what is left blank comes from the two records.
  const coordinator = await signInAccount(t, account.coordination_unit);
  const scheduled = await coordinator.post(`/groups/${race.id}/meetings/new`, {
    title: 'Race IAG full meeting',
    'date-day': '23',
    'date-month': '11',
    'date-year': '2026',
    startTime: '9am',
    format: 'online',
    repeat: 'once',
  });
  const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(scheduled.headers.location ?? '')![1]!;
  await coordinator.post(`/meetings/${meetingId}/items/new`, { title: 'Deployments' });
  const attendance = await coordinator.get(`/meetings/${meetingId}/attendance`);
  await coordinator.post(
    `/meetings/${meetingId}/attendance`,
    Object.fromEntries(
      [...attendance.body.matchAll(/name="(attendance-[0-9a-f-]{36})"/g)].map((m) => [
        m[1]!,
        'present',
      ]),
    ),
  );
  await coordinator.post(`/meetings/${meetingId}/minutes/edit`, { other: 'Deployments reported.' });
  const form = await coordinator.get(`/meetings/${meetingId}/minutes/advice/new`);
  assert.match(form.body, new RegExp(`Request ${request.reference}: Charlie Chair`));
  const cited = await coordinator.post(`/meetings/${meetingId}/minutes/advice/new`, {
    cite: advice!.id,
  });
  assert.equal(cited.statusCode, 303, cited.body);
  const [minuted] = await t.services.db
    .select()
    .from(minutedAdvice)
    .where(eq(minutedAdvice.adviceRequestId, request.id));
  assert.equal(minuted!.use, 'partly_used');
  assert.match(minuted!.summary, /Charlie Chair, on request \d+: Hold the meeting/);
  assert.match(minuted!.rationale!, /Moved to the community centre/);
  const wrong = await coordinator.post(`/meetings/${meetingId}/minutes/advice/new`, {
    cite: randomUUID(),
  });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /Select a request from the group/);
});

test('IAG-35: what is shared with an advisor is logged, and read only after they acknowledge the terms', async () => {
  const { race, account, person, contact, ask } = await cast();
  const request = await ask({ clearanceNeeded: 'none', experienceNeeded: [] });
  const { created } = await t.services.deployments.nominate(contact, request.id, race.id, {
    advisors: person.avery,
    reason: 'Knows the estate',
  });
  const deploymentId = created[0]!.id;
  const riley = await signInAccount(t, account.requester);
  const url = `/advice-requests/${request.id}/disclosures/new`;
  assert.equal((await riley.get(url)).statusCode, 409, 'nobody has accepted yet');
  const avery = await signInAccount(t, account.advisor);
  await avery.post(`/deployments/${deploymentId}/accept`, {});

  const bad = await riley.post(url, { deploymentId: randomUUID() });
  assert.equal(bad.statusCode, 400);
  for (const field of ['deploymentId', 'kind', 'title', 'protocol', 'terms'])
    assert.match(bad.body, new RegExp(`href="#${field}"`), field);
  // Only those who may disclose on the request: not the advisor, nor another group's contact.
  assert.equal((await avery.get(url)).statusCode, 404);
  const shared = await riley.post(url, {
    deploymentId,
    kind: 'decision_rationale',
    title: 'Why the dispersal order was made',
    content: 'SECRET-RATIONALE: intelligence of planned disorder on Saturday.',
    protocol: 'IAG disclosure protocol',
    terms: 'For this advice only; not to be copied or passed on',
  });
  assert.equal(shared.statusCode, 303);
  const log = await riley.get(`/advice-requests/${request.id}`);
  assert.match(log.body, /Disclosure log/);
  assert.match(log.body, /Why the dispersal order was made/);
  assert.match(log.body, /Not yet/);
  // The audit trail logs the disclosure, not what was disclosed.
  const audit = await t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'disclosure.made'), eq(auditEvents.recordId, request.id)));
  assert.equal(audit.length, 1);
  assert.doesNotMatch(JSON.stringify(audit[0]), /SECRET-RATIONALE/);

  const before = await avery.get(`/deployments/${deploymentId}`);
  assert.match(before.body, /IAG disclosure protocol/);
  assert.doesNotMatch(before.body, /SECRET-RATIONALE/);
  const [disclosure] = await t.services.db
    .select()
    .from(disclosures)
    .where(eq(disclosures.deploymentId, deploymentId));
  const ack = `/deployments/${deploymentId}/disclosures/${disclosure!.id}/acknowledge`;
  const charlie = await signInAccount(t, account.chair);
  assert.equal((await charlie.post(ack, {})).statusCode, 404, 'only the advisor it went to');
  assert.equal((await avery.post(ack, {})).statusCode, 303);
  assert.equal((await avery.post(ack, {})).statusCode, 409);
  assert.match((await avery.get(`/deployments/${deploymentId}`)).body, /SECRET-RATIONALE/);
  assert.doesNotMatch((await riley.get(`/advice-requests/${request.id}`)).body, /Not yet/);
});

test('IAG-10: the coordination unit sees deployments per advisor over a period, the busiest flagged, and exports them', async () => {
  const { race, account, person, ask } = await cast();
  // One request each, as in life: an advisor holds one place on a request.
  const requests = await Promise.all(
    Array.from({ length: 13 }, () => ask({ clearanceNeeded: 'none', experienceNeeded: [] })),
  );
  let next = 0;
  const accepted = (personId: string, deployedOn: string) => ({
    requestId: requests[next++]!.id,
    groupId: race.id,
    personId,
    status: 'accepted' as const,
    deployedOn,
    nominatedAt: new Date(`${deployedOn}T09:00:00Z`),
    nominationReason: 'Report',
    arrangementOwner: 'coordination_unit' as const,
  });
  // March 2027: Avery eight times, Jordan and Charlie once each; one of Avery's is in April.
  await t.services.db
    .insert(deployments)
    .values([
      ...Array.from({ length: 8 }, (_, i) => accepted(person.avery, `2027-03-${10 + i}`)),
      accepted(person.jordan, '2027-03-05'),
      accepted(person.charlie, '2027-03-31'),
      accepted(person.avery, '2027-04-01'),
      { ...accepted(person.jordan, '2027-03-06'), status: 'declined' as const },
    ]);
  const march = {
    'from-day': '1',
    'from-month': '3',
    'from-year': '2027',
    'to-day': '31',
    'to-month': '3',
    'to-year': '2027',
    // The cast's group only: the counts must not depend on what other groups did in March.
    group: race.id,
  };
  const chris = await signInAccount(t, account.coordination_unit);
  const page = await chris.get(`/deployments/equity?${new URLSearchParams(march)}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /10 deployments by 3 advisors/);
  assert.match(page.body, /did 80% of them/);
  assert.match(page.body, /1 advisor was deployed more than 6 times/);
  assert.ok(
    page.body.indexOf('Avery Advisor') < page.body.indexOf('Charlie Chair'),
    'busiest first',
  );

  const csv = await chris.get(`/deployments/equity.csv?${new URLSearchParams(march)}`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(
    String(csv.headers['content-disposition']),
    /deployments-2027-03-01-to-2027-03-31\.csv/,
  );
  const lines = csv.body.trim().split('\n');
  assert.equal(lines[0], 'Advisor,Groups,Deployments,Over 6');
  assert.equal(lines[1], `Avery Advisor,${race.name},8,Yes`);
  assert.equal(lines.length, 4);

  // The counts are kept between views, and counted again once a deployment or a name changes,
  // even when written straight to the table.
  await t.services.db.insert(deployments).values(accepted(person.charlie, '2027-03-30'));
  await t.services.db
    .update(people)
    .set({ fullName: 'Avery Adviser' })
    .where(eq(people.id, person.avery));
  const changed = await chris.get(`/deployments/equity?${new URLSearchParams(march)}`);
  assert.match(changed.body, /11 deployments by 3 advisors/);
  assert.match(changed.body, />Avery Adviser </);
  await t.services.db
    .update(people)
    .set({ fullName: 'Avery Advisor' })
    .where(eq(people.id, person.avery));

  // Every group: the cast's advisors are among whoever else was deployed.
  const everyGroup = await chris.get(
    `/deployments/equity.csv?${new URLSearchParams({ ...march, group: '' })}`,
  );
  assert.ok(everyGroup.body.split('\n').includes(`Avery Advisor,${race.name},8,Yes`));
  const quiet = await makeGroup(t, { name: `Quiet IAG ${uniqueTag()}`, type: 'corporate_iag' });
  const none = await chris.get(
    `/deployments/equity?${new URLSearchParams({ ...march, group: quiet.id })}`,
  );
  assert.match(none.body, /Nobody was deployed in this period/);
  const backwards = await chris.get(
    `/deployments/equity?${new URLSearchParams({ ...march, 'to-day': '28', 'to-month': '2' })}`,
  );
  assert.equal(backwards.statusCode, 400);
  assert.match(backwards.body, /The last day must be the same as or after the first/);
  for (const role of ['advisor', 'requester', 'deployment_contact'] as const)
    assert.equal(
      (await (await signInAccount(t, account[role])).get('/deployments/equity')).statusCode,
      403,
    );
});

test('IAG-29, IAG-02: an advisor whose clearance lapses, or who is found conflicted, cannot go on to accept', async () => {
  const { race, account, person, contact, ask } = await cast();
  const request = await ask({ advisorsWanted: '2', experienceNeeded: [] });
  const { created } = await t.services.deployments.nominate(contact, request.id, race.id, {
    advisors: [person.avery, person.jordan],
    reason: 'Both cleared',
  });
  const avery = await signInAccount(t, account.advisor);
  const averys = created.find((d) => d.personId === person.avery)!;
  // Avery's clearance is withdrawn after the nomination.
  await t.services.db
    .update(clearances)
    .set({ withdrawnOn: '2026-11-20' })
    .where(eq(clearances.personId, person.avery));
  const refused = await avery.post(`/deployments/${averys.id}/accept`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /not in force/);
  await t.services.db
    .update(clearances)
    .set({ withdrawnOn: null })
    .where(eq(clearances.personId, person.avery));

  // The contact learns of Jordan's conflict: the standing nomination is withdrawn.
  const drew = await signInAccount(t, account.deployment_contact);
  const url = `/advice-requests/${request.id}/groups/${race.id}/conflicts/${person.jordan}`;
  assert.equal((await drew.post(url, { reason: 'Related to the victim' })).statusCode, 303);
  const jordans = (await ofRequest(request.id)).find((d) => d.personId === person.jordan)!;
  assert.equal(jordans.status, 'withdrawn');
  assert.equal((await avery.post(`/deployments/${averys.id}/accept`, {})).statusCode, 303);
});
