import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, principalFor, type TestApp, dateFields } from '../app.js';
import { accountFor, makeAccount, signInAccount, signInAsRole } from '../factories/accounts.js';
import { makeGroup, type FactoryGroup } from '../factories/groups.js';

/** The breadcrumbs' words, in order. */
function breadcrumbs(body: string): string[] {
  return [...body.matchAll(/class="govuk-breadcrumbs__link"[^>]*>([^<]*)</g)].map((m) => m[1]!);
}

let t: TestApp;
let coordinator: Agent;
/** A corporate IAG: Charlie Chair its chair, Avery Advisor and Jordan Okafor members. */
let race: FactoryGroup;
let raceId: string;
const membership = new Map<string, { id: string; personId: string }>();

before(async () => {
  t = await createTestApp({ demo: false });
  coordinator = await signInAsRole(t, 'coordination_unit');
  race = await makeGroup(t, {
    type: 'corporate_iag',
    name: 'Westminster Race Independent Advisory Group',
    chair: 'Charlie Chair',
    members: ['Avery Advisor', 'Jordan Okafor'],
  });
  raceId = race.id;
  const detail = await t.services.groups.get(
    await principalFor(t, (await accountFor(t, 'coordination_unit')).email),
    raceId,
  );
  for (const m of detail.members) membership.set(m.name, { id: m.id, personId: m.personId });
});
after(() => t.close());

const memberUrl = (name: string, rest = '') =>
  `/groups/${raceId}/members/${membership.get(name)!.id}${rest}`;

/** The member answers the diversity questions: Black, prefers not to say on disability, 18 to 24. */
async function answerDiversity(advisor: Agent) {
  const saved = await advisor.post('/my-groups/diversity', {
    ethnicity: 'black',
    disability: 'prefer_not',
    ageBand: '18_24',
  });
  assert.equal(saved.statusCode, 303);
}

test('IAG-02, IAG-21g: a member declares interests and confirms independence and the principles, dated and kept', async () => {
  const advisor = await signInAccount(t, race.members[0]!);
  const own = await advisor.get('/my-groups');
  assert.match(own.body, /Race Independent Advisory Group/);
  assert.match(own.body, /Declare interests/);
  const url = memberUrl('Avery Advisor', '/declarations/new');
  const missing = await advisor.post(url, {
    interests: 'Trustee of a youth charity',
    confirm: 'independent',
  });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Seven Principles of Public Life will be followed/);
  const ok = await advisor.post(url, {
    interests: 'Trustee of a youth charity',
    confirm: ['independent', 'principles'],
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/my-groups');
  const page = await coordinator.get(memberUrl('Avery Advisor'));
  assert.match(page.body, /Latest, 23 November 2026: Interests: Trustee of a youth charity/);

  // Another member may not declare for her.
  const chair = await signInAccount(t, race.chair!);
  assert.equal(
    (await chair.post(url, { noInterests: 'yes', confirm: ['independent', 'principles'] }))
      .statusCode,
    403,
  );
  assert.doesNotMatch(
    (await chair.get(memberUrl('Avery Advisor'))).body,
    /Trustee/,
    'the chair does not see declarations',
  );
});

test('IAG-29: clearances are set by the directorate; nobody works above theirs; expiring ones are flagged', async () => {
  const jordan = membership.get('Jordan Okafor')!;
  const directorate = (await t.services.directory.organisations.options(['directorate'])).find(
    (o) => o.name === 'Specialist Operations',
  )!;
  const bad = await coordinator.post(memberUrl('Jordan Okafor', '/clearances/new'), {
    level: 'top-secret',
    ...dateFields('grantedOn', '2026-01-01'),
    ...dateFields('expiresOn', '2025-01-01'),
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Select the level of clearance/);
  assert.deepEqual(breadcrumbs(bad.body), ['Home', 'Advisory groups', 'Jordan Okafor']);
  assert.match(bad.body, /must be after the date it was granted/);
  assert.match(bad.body, /Select the directorate that required it/);

  const ok = await coordinator.post(memberUrl('Jordan Okafor', '/clearances/new'), {
    level: 'sc',
    ...dateFields('grantedOn', '2024-01-20'),
    ...dateFields('expiresOn', '2027-01-20'),
    requiredById: directorate.id,
  });
  assert.equal(ok.statusCode, 303);
  const checks = await t.services.memberRecords.clearanceFor(
    [jordan.personId],
    'nppv3',
    '2026-11-23',
  );
  assert.deepEqual(checks.get(jordan.personId), { allowed: true });
  const dv = await t.services.memberRecords.clearanceFor([jordan.personId], 'dv', '2026-11-23');
  assert.equal(dv.get(jordan.personId)?.allowed, false);
  const expiring = await coordinator.get('/groups/clearances');
  assert.match(expiring.body, /Jordan Okafor/);
  assert.deepEqual(breadcrumbs(expiring.body), ['Home', 'Advisory groups']);
  assert.match(expiring.body, /20 January 2027/);
  const page = await coordinator.get(memberUrl('Jordan Okafor'));
  assert.match(page.body, /Expires within 90 days/);
  const requester = await signInAsRole(t, 'director');
  assert.equal((await requester.get('/groups/clearances')).statusCode, 403);
});

test('IAG-30: no unescorted access until an exemption is recorded, with who approved it', async () => {
  const jordan = membership.get('Jordan Okafor')!;
  assert.equal(
    await t.services.memberRecords.unescortedAccess(jordan.personId, '2026-11-23'),
    false,
  );
  const missing = await coordinator.post(memberUrl('Jordan Okafor', '/access-exemptions/new'), {
    ...dateFields('approvedOn', '2026-11-01'),
  });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Enter who approved the exemption/);
  const ok = await coordinator.post(memberUrl('Jordan Okafor', '/access-exemptions/new'), {
    approvedBy: 'Supt A. Patel, Estates security',
    ...dateFields('approvedOn', '2026-11-01'),
    reason: 'Building pass policy, section 4',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(
    await t.services.memberRecords.unescortedAccess(jordan.personId, '2026-11-23'),
    true,
  );
});

test('IAG-15: recognition is recorded with the chair consulted; someone not chair cannot be consulted as chair', async () => {
  const charlie = membership.get('Charlie Chair')!;
  const jordan = membership.get('Jordan Okafor')!;
  const form = (consultedPersonId: string) => ({
    ...dateFields('awardedOn', '2026-11-20'),
    citation: 'Years of work with young people on stop and search.',
    consultedPersonId,
    consultedCapacity: 'chair',
  });
  const refused = await coordinator.post(
    memberUrl('Avery Advisor', '/commendations/new'),
    form(jordan.personId),
  );
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /must be a chair of the group now \(IAG-15\)/);
  const ok = await coordinator.post(
    memberUrl('Avery Advisor', '/commendations/new'),
    form(charlie.personId),
  );
  assert.equal(ok.statusCode, 303);
  const page = await coordinator.get(memberUrl('Avery Advisor'));
  assert.match(page.body, /consulted Charlie Chair as chair/);
});

test('IAG-33: a corporate IAG names a directorate manager (Inspector or above) and a strand representative', async () => {
  await makeAccount(t, { role: 'ctset', name: 'Sam Strategic' });
  const [officer] = (
    await t.services.directory.people.list(
      await principalFor(t, (await accountFor(t, 'coordination_unit')).email),
      {
        q: 'Sam Strategic',
        limit: 1,
        offset: 0,
      },
    )
  ).items;
  const url = `/groups/${raceId}/police-attendance`;
  const low = await coordinator.post(url, {
    personId: officer!.id,
    role: 'directorate_manager',
    rank: 'Sergeant',
  });
  assert.equal(low.statusCode, 400);
  assert.match(low.body, /must be an Inspector or Band C or above/);
  const ok = await coordinator.post(url, {
    personId: officer!.id,
    role: 'directorate_manager',
    rank: 'Chief Inspector',
  });
  assert.equal(ok.statusCode, 303);
  const page = await coordinator.get(`/groups/${raceId}`);
  assert.match(page.body, /Sam Strategic, Chief Inspector/);
  assert.match(
    page.body,
    /None named \(IAG-33\)/,
    'the strand representative is still to be named',
  );
});

test('IAG-24: the guides are reviewed yearly; overdue reviews are flagged', async () => {
  const list = await coordinator.get('/groups/guides');
  assert.match(list.body, /Guide for Independent Advisors/);
  assert.match(list.body, /Guide for Establishing Independent Advisory Groups/);
  assert.equal((list.body.match(/>\s*Overdue\s*</g) ?? []).length, 2);
  const id = /href="\/groups\/guides\/([0-9a-f-]{36})">Guide for Independent Advisors/.exec(
    list.body,
  )![1]!;
  const saved = await coordinator.post(`/groups/guides/${id}/new`, {
    body: 'How to be an independent advisor.',
    ...dateFields('agreedOn', '2026-11-20'),
  });
  assert.equal(saved.statusCode, 303);
  const guide = await coordinator.get(`/groups/guides/${id}`);
  assert.match(guide.body, /Next review due 20 November 2027/);
  const after = await coordinator.get('/groups/guides');
  assert.equal((after.body.match(/>\s*Overdue\s*</g) ?? []).length, 1);
});

test('DP-01: diversity answers are optional, kept apart, read back only by the person, and their changes audited without them', async () => {
  const advisor = await signInAccount(t, race.members[0]!);
  const form = await advisor.get('/my-groups/diversity');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Prefer not to say/);
  const bad = await advisor.post('/my-groups/diversity', { ethnicity: 'martian' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#ethnicity"/);
  await answerDiversity(advisor);
  const again = await advisor.get('/my-groups/diversity');
  assert.match(again.body, /value="black" checked/);
  const events = await t.services.db
    .select({ after: auditEvents.after, before: auditEvents.before })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, 'diversity-answers.saved'),
        eq(auditEvents.recordId, race.members[0]!.personId),
      ),
    );
  assert.equal(events.length, 1);
  assert.doesNotMatch(JSON.stringify(events), /black|18_24/, 'the audit trail holds no answers');
});

test('IAG-17, DP-01: membership balance shows coverage of the diversity areas, never who, to the unit and the Director only', async () => {
  // A group of its own, whose one member has answered.
  const group = await makeGroup(t, {
    type: 'corporate_iag',
    name: 'Lambeth Race Independent Advisory Group',
    chair: true,
    members: ['Avery Advisor'],
  });
  await answerDiversity(await signInAccount(t, group.members[0]!));
  const raceId = group.id;
  const balance = await coordinator.get(`/groups/${raceId}/balance`);
  assert.equal(balance.statusCode, 200);
  assert.match(balance.body, /Members who answered: fewer than 10/);
  const row = (label: string) =>
    new RegExp(
      `${label}</th>\\s*<td[^>]*>\\s*<strong class="govuk-tag govuk-tag--(green|grey)`,
    ).exec(balance.body)?.[1];
  assert.equal(row('Black, Asian and minority ethnic communities'), 'green');
  assert.equal(row('Young people \\(under 25\\)'), 'green');
  assert.equal(row('Disabled people'), 'grey', '"prefer not to say" covers nothing');
  assert.doesNotMatch(balance.body, /Avery/);
  assert.equal(
    (await (await signInAsRole(t, 'director')).get(`/groups/${raceId}/balance`)).statusCode,
    200,
  );
  for (const [who, agent] of [
    ['chair', () => signInAccount(t, group.chair!)],
    ['authority_officer', () => signInAsRole(t, 'authority_officer')],
    ['ctset', () => signInAsRole(t, 'ctset')],
  ] as const)
    assert.equal((await (await agent()).get(`/groups/${raceId}/balance`)).statusCode, 403, who);
});
