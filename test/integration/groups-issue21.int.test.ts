/**
 * Issue 21, the advisory-groups items: what the register says, and the rules at their edges.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.js';
import { formatDate } from '../words.js';
import {
  Agent,
  createTestApp,
  principalFor,
  type TestApp,
  groupIdByCode,
  dateFields,
} from '../app.js';
import {
  accountFor,
  signInAccount,
  signInAsRole,
  type FactoryAccount,
} from '../factories/accounts.js';
import { makeEstablishedGroup, type EstablishedGroup } from '../factories/groups.js';

let t: TestApp;
let coordinator: Agent;
/** A corporate IAG years into its life, with a chair and an advisor in their first term. */
let raceGroup: EstablishedGroup;
let coordinatorAccount: FactoryAccount;
let directorAccount: FactoryAccount;

before(async () => {
  t = await createTestApp({ demo: false });
  coordinatorAccount = await accountFor(t, 'coordination_unit');
  directorAccount = await accountFor(t, 'director');
  coordinator = await signInAccount(t, coordinatorAccount);
  raceGroup = await makeEstablishedGroup(t, {
    type: 'corporate_iag',
    name: 'Westminster Race Independent Advisory Group',
  });
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

/** The cells of the register's row for a group, as text. */
function registerRow(body: string, name: string): string[] {
  const rows = body.split('<tr class="govuk-table__row">');
  const row = rows.find((r) => r.includes(`>${name}</a>`));
  assert.ok(row, `the register lists ${name}`);
  return [...row.matchAll(/<td class="govuk-table__cell[^"]*">([\s\S]*?)<\/td>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

test("issue 21 item 1: the register of groups shows each group's member count and next election as the database and the group's page have them", async () => {
  // Its own data: three members for the Disability IAG, two for the LGBT IAG, and an election
  // of the LGBT IAG's chair in May 2025.
  const as = await principalFor(t, coordinatorAccount.email);
  const csv = (prefix: string, n: number) =>
    [
      'name,email,first_joined',
      ...Array.from(
        { length: n },
        (_, i) => `${prefix} Member ${i},${prefix.toLowerCase()}${i}@example.org,2025-0${i + 1}-15`,
      ),
    ].join('\n');
  await t.services.groups.importMembers(
    as,
    await groupIdByCode(t, 'iag-disability'),
    csv('Item1D', 3),
  );
  const lgbt = await groupIdByCode(t, 'iag-lgbt');
  await t.services.groups.importMembers(as, lgbt, csv('Item1L', 2));
  await t.services.db.execute(
    sql`insert into elections (group_id, held_on, adjudicator_name, agreed_by_chairs, agreed_by_police)
        values (${lgbt}, '2025-05-14', 'An Adjudicator', 'The chair', 'The police service')`,
  );
  const groups = await queryRows<{
    id: string;
    name: string;
    members: number;
    last_election: string | null;
  }>(
    t.services.db,
    sql`select g.id, g.name,
          (select count(*)::int from memberships m where m.group_id = g.id and m.status = 'current') as members,
          (select max(e.held_on)::text from elections e where e.group_id = g.id) as last_election
        from advisory_groups g where g.type = 'corporate_iag' order by g.name`,
  );
  // The test gives groups members and elections; a register that says 0 for all of them
  // is wrong, so the comparison needs groups that have some.
  assert.ok(groups.filter((g) => g.members > 0).length >= 2, 'several groups have members');
  assert.ok(
    groups.some((g) => g.last_election),
    'a group has held an election',
  );
  const register = await coordinator.get('/groups?type=corporate_iag');
  assert.equal(register.statusCode, 200);
  for (const g of groups) {
    const [, , , , members, nextElection] = registerRow(register.body, g.name);
    assert.equal(members, String(g.members), `${g.name}: members`);
    const due = g.last_election
      ? formatDate(
          // two years after the last election (IAG-21a)
          `${Number(g.last_election.slice(0, 4)) + 2}${g.last_election.slice(4)}` as never,
        )
      : null;
    if (due) assert.equal(nextElection, due, `${g.name}: next election`);
    else assert.match(nextElection!, /Due$/, `${g.name}: never elected, so due`);
    const page = await coordinator.get(`/groups/${g.id}`);
    assert.match(page.body, new RegExp(`Current members \\(${g.members}\\)`), g.name);
    if (due)
      assert.match(page.body, new RegExp(`Next election due\\s*</dt>\\s*<dd[^>]*>\\s*${due}`));
  }
});

const roundInput = (opensOn: string, closesOn: string, appointmentDate: string) => ({
  ...dateFields('opensOn', opensOn),
  ...dateFields('closesOn', closesOn),
  ...dateFields('appointmentDate', appointmentDate),
  targetAudiences: 'Gypsy, Roma and Traveller communities across London',
  panel: coordinatorAccount.email,
});

async function roundsOf(id: string): Promise<{ opens_on: string }[]> {
  return queryRows(
    t.services.db,
    sql`select opens_on::text from recruitment_rounds where group_id = ${id} order by opens_on`,
  );
}

test('IAG-20: issue 21 item 11: ten requests at once to open a round for one corporate IAG open exactly one', async () => {
  const id = await groupIdByCode(t, 'iag-gypsy-traveller');
  const as = await principalFor(t, coordinatorAccount.email);
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) =>
      t.services.recruitment.openRound(
        as,
        id,
        roundInput(`2026-12-${String(i + 1).padStart(2, '0')}`, '2027-01-31', '2027-04-01'),
      ),
    ),
  );
  const opened = results.filter((r) => r.status === 'fulfilled');
  assert.equal(opened.length, 1, 'one round opened');
  for (const r of results)
    if (r.status === 'rejected')
      assert.match(
        (r.reason as Error).message,
        /at most one recruitment in any 12 months, and this group has a round from \d+ December 2026 to 31 January 2027 \(IAG-20\)/,
      );
  assert.equal((await roundsOf(id)).length, 1, 'one round in the database');
});

test('IAG-20: issue 21 item 11: a round backdated to open before another, running while it is open, is refused and writes nothing', async () => {
  const id = await groupIdByCode(t, 'iag-youth');
  const first = await coordinator.post(
    `/groups/${id}/recruitment/new`,
    roundInput('2026-11-20', '2026-12-31', '2027-04-01'),
  );
  assert.equal(first.statusCode, 303);
  const backdated = await coordinator.post(
    `/groups/${id}/recruitment/new`,
    roundInput('2025-10-01', '2026-12-31', '2027-01-15'),
  );
  assert.equal(backdated.statusCode, 409);
  assert.match(
    backdated.body,
    /this group has a round from 20 November 2026 to 31 December 2026 \(IAG-20\)\. The next may open on 20 November 2027/,
  );
  assert.match(backdated.body, /href="#opensOn-day"/);
  assert.deepEqual(await roundsOf(id), [{ opens_on: '2026-11-20' }]);
});

/** The current membership of an account's person in a group. */
async function membershipOf(email: string, group: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    t.services.db,
    sql`select m.id from memberships m join people p on p.id = m.person_id
        where lower(p.email) = lower(${email}) and m.group_id = ${group} and m.status = 'current'`,
  );
  assert.ok(row, `${email} is a member`);
  return row.id;
}

async function reappointmentOf(membershipId: string) {
  const [row] = await queryRows<{
    id: string;
    status: string;
    chair_user_id: string | null;
    director_user_id: string | null;
  }>(
    t.services.db,
    sql`select id, status::text, chair_user_id, director_user_id from reappointments
        where membership_id = ${membershipId} order by proposed_at desc limit 1`,
  );
  return row!;
}

test('IAG-18: issue 21 item 13: a chair may not agree their own second term, nor the Director theirs; the refusal says why and records nothing', async () => {
  const race = raceGroup.id;
  const chairMembership = await membershipOf(raceGroup.chair.email, race);
  const proposed = await coordinator.post(`/groups/${race}/members/${chairMembership}/second-term`);
  assert.equal(proposed.statusCode, 303);
  const r = await reappointmentOf(chairMembership);
  const chair = await signInAccount(t, raceGroup.chair);
  const page = await chair.get(`/groups/${race}/members/${chairMembership}`);
  assert.match(page.body, /This is your own second term, so you cannot agree or refuse it/);
  assert.doesNotMatch(page.body, /Agree the second term as chair/);
  const own = await chair.post(`/groups/${race}/second-terms/${r.id}/agree`, {
    capacity: 'chair',
    membershipId: chairMembership,
  });
  assert.equal(own.statusCode, 409);
  assert.match(
    own.body,
    /You cannot agree your own second term as chair: nobody decides their own case/,
  );
  assert.match(own.body, /href="#second-term"/);
  const declined = await chair.post(`/groups/${race}/second-terms/${r.id}/decline`, {
    reason: 'I would rather not',
    membershipId: chairMembership,
  });
  assert.equal(declined.statusCode, 409);
  assert.match(declined.body, /You cannot decide your own second term/);
  assert.deepEqual(await reappointmentOf(chairMembership), r, 'nothing recorded');

  // The Director, appointed to a group, cannot agree her own.
  const disability = await groupIdByCode(t, 'iag-disability');
  const as = await principalFor(t, coordinatorAccount.email);
  const [dana] = await queryRows<{ id: string }>(
    t.services.db,
    sql`select id from people where lower(email) = lower(${directorAccount.email})`,
  );
  await t.services.groups.appoint(as, disability, {
    personId: dana!.id,
    'startsOn-day': '1',
    'startsOn-month': '11',
    'startsOn-year': '2026',
  });
  const danaMembership = await membershipOf(directorAccount.email, disability);
  await t.services.groups.proposeSecondTerm(as, disability, danaMembership);
  const dr = await reappointmentOf(danaMembership);
  const director = await signInAsRole(t, 'director');
  const theirs = await director.post(`/groups/${disability}/second-terms/${dr.id}/agree`, {
    capacity: 'director',
    membershipId: danaMembership,
  });
  assert.equal(theirs.statusCode, 409);
  assert.match(theirs.body, /You cannot agree your own second term as the Director/);
  assert.deepEqual(await reappointmentOf(danaMembership), dr, 'nothing recorded');
  // Someone else's she may agree: the chair's, which is still waiting.
  const other = await director.post(`/groups/${race}/second-terms/${r.id}/agree`, {
    capacity: 'director',
    membershipId: chairMembership,
  });
  assert.equal(other.statusCode, 303);
});

test('IAG-18: issue 21 item 14: an appointment starting so long ago that its term is over is refused with a field message, and nothing is written', async () => {
  const race = raceGroup.id;
  const { ids } = await t.services.directory.lookups.findOrAddPeople(t.services.db, [
    { fullName: 'Item Fourteen', email: 'item.fourteen@example.org' },
  ]);
  const personId = ids[0]!;
  const refused = await coordinator.post(`/groups/${race}/members/new`, {
    personId,
    ...dateFields('startsOn', '2020-01-01'),
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    refused.body,
    /An appointment starting on 1 January 2020 would have ended on 1 January 2024, as a term lasts 4 years \(IAG-18\)/,
  );
  assert.match(refused.body, /href="#startsOn-day"/);
  const none = await queryRows(
    t.services.db,
    sql`select 1 from memberships where person_id = ${personId}`,
  );
  assert.equal(none.length, 0, 'no membership written');
  // A year back is a real appointment still running: it is recorded, its end said for people.
  const ok = await coordinator.post(`/groups/${race}/members/new`, {
    personId,
    ...dateFields('startsOn', '2025-11-01'),
  });
  assert.equal(ok.statusCode, 303);
  const page = await coordinator.get(ok.headers.location!);
  assert.match(page.body, /The first term ends on 1 November 2029/);
});

/** A borough IAG of its own (for young people, 14 to 25, unless `anyAge`) for a test to recruit to. */
async function youngBoroughGroup(borough: string, anyAge = false): Promise<string> {
  const boroughs = await t.services.directory.scopeCatalogue.options('borough');
  const response = await coordinator.post('/groups/new', {
    name: `${borough} ${anyAge ? '' : "Young People's "}Independent Advisory Group`,
    type: 'borough_iag',
    ownerId: boroughs.find((b) => b.name === borough)!.id,
    parentGroupId: '',
    purpose: `Advises ${borough} borough command on policing.`,
    focus: anyAge ? borough : 'Young people',
    meetingIntervalMonths: '2',
    minAge: anyAge ? '' : '14',
    maxAge: anyAge ? '' : '25',
    status: 'active',
  });
  assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
  return /\/groups\/([0-9a-f-]{36})$/.exec(response.headers.location!)![1]!;
}

const application = (email: string, dateOfBirth: string) => ({
  fullName: 'Tia Young',
  email,
  ...dateFields('dateOfBirth', dateOfBirth),
  communities: 'Young carers in Lewisham',
  statement: 'I want young people to be heard by the police.',
  confirm: ['independent', 'principles'],
});

test('IAG-17: issue 21 item 15: a Director deciding after the appointment date finds the applicant too old by then, and cannot accept', async () => {
  const id = await youngBoroughGroup('Lewisham');
  const opened = await coordinator.post(
    `/groups/${id}/recruitment/new`,
    roundInput('2026-11-23', '2026-12-31', '2027-01-15'),
  );
  assert.equal(opened.statusCode, 303);
  const roundId = /recruitment\/([0-9a-f-]{36})$/.exec(opened.headers.location!)![1]!;
  // 25 on 15 January 2027; 26 from 1 February 2027.
  const applied = await new Agent(t.app).post(
    `/advisory-groups/${id}/apply`,
    application('tia.item15@example.org', '2001-02-01'),
  );
  assert.equal(applied.statusCode, 303);
  const [app] = await queryRows<{ id: string }>(
    t.services.db,
    sql`select id from applications where round_id = ${roundId}`,
  );
  const base = `/groups/${id}/recruitment/${roundId}/applications/${app!.id}`;
  assert.equal(
    (
      await coordinator.post(`${base}/assess`, {
        recommendation: 'recommended',
        assessment: 'Strong.',
      })
    ).statusCode,
    303,
  );
  const kept = t.clock.current;
  t.clock.current = new Date('2027-03-01T10:00:00Z');
  try {
    const director = await signInAsRole(t, 'director');
    const late = await director.post(`${base}/decide`, { decision: 'accept' });
    assert.equal(late.statusCode, 409);
    assert.match(
      late.body,
      /Tia Young would be 26 on 1 March 2027, when the appointment would start, and this group takes members aged 14 to 25 on the date of appointment \(IAG-17\)\. The appointment cannot be accepted/,
    );
    assert.match(late.body, /href="#decision"/);
    const [after] = await queryRows<{ status: string; membership_id: string | null }>(
      t.services.db,
      sql`select status::text, membership_id from applications where id = ${app!.id}`,
    );
    assert.deepEqual(after, { status: 'recommended', membership_id: null }, 'nothing written');
  } finally {
    t.clock.current = kept;
  }
  // Decided in time, the same applicant is appointed from the round's date.
  const director = await signInAsRole(t, 'director');
  const inTime = await director.post(`${base}/decide`, { decision: 'accept' });
  assert.equal(inTime.statusCode, 303);
});

async function termsOf(email: string, group: string) {
  return queryRows<{ term: number; starts_on: string; ends_on: string; status: string }>(
    t.services.db,
    sql`select m.term_number as term, m.starts_on::text, m.ends_on::text, m.status::text
        from memberships m join people p on p.id = m.person_id
        where lower(p.email) = ${email} and m.group_id = ${group} order by m.starts_on`,
  );
}

test('IAG-18: issue 21 item 12: imported second terms carry the agreement (its date, the chair and the Director) or await it', async () => {
  const race = raceGroup.id;
  const url = `/groups/${race}/members/import`;
  const form = await coordinator.get(url);
  assert.match(form.body, /<code>second_term_agreed_on<\/code>/);
  assert.match(form.body, /awaits the agreement of the chair and the Director/);

  // An agreement given for someone still in their first term is refused, and nothing imported.
  const wrong = await coordinator.post(url, {
    csv: 'name,email,first_joined,second_term_agreed_on,agreed_by_chair,agreed_by_director\nFirst Termer,first.termer@example.org,2024-01-10,2025-01-01,Grace Chair,Dana Director\n',
  });
  assert.equal(wrong.statusCode, 400);
  assert.match(
    wrong.body,
    /Line 2: First Termer is in their first term, to 10 January 2028, so has no second term to agree/,
  );
  assert.equal((await termsOf('first.termer@example.org', race)).length, 0);

  const ok = await coordinator.post(url, {
    csv: [
      'name,email,first_joined,second_term_agreed_on,agreed_by_chair,agreed_by_director',
      // The case: a first term ending on the day of import.
      'Ends Today,ends.today@example.org,2022-11-23,,,',
      'Gap Member,gap.member@example.org,2021-06-01,,,',
      'Agreed Member,agreed.member@example.org,2020-06-01,10/05/2024,Grace Chair,Dana Director',
      // Two terms already served: history, imported as served, so they count towards the two.
      'Served Both,served.both@example.org,2012-03-01,,,',
    ].join('\n'),
  });
  assert.equal(ok.statusCode, 303);
  const flash = await coordinator.get(ok.headers.location!);
  assert.match(
    flash.body,
    /Imported 4 members: 1 current, 1 whose service has ended, 0 kept on for a year under the transition \(IAG-19\), 2 whose second term awaits the agreement of the chair and the Director \(IAG-18\)/,
  );
  assert.deepEqual(await termsOf('served.both@example.org', race), [
    { term: 1, starts_on: '2012-03-01', ends_on: '2016-03-01', status: 'ended' },
    { term: 2, starts_on: '2016-03-01', ends_on: '2020-03-01', status: 'ended' },
  ]);
  // No second term without agreement: the first term is over, and the second waits.
  assert.deepEqual(await termsOf('ends.today@example.org', race), [
    { term: 1, starts_on: '2022-11-23', ends_on: '2026-11-23', status: 'ended' },
  ]);
  const gapFirst = (
    await queryRows<{ id: string }>(
      t.services.db,
      sql`select m.id from memberships m join people p on p.id = m.person_id
        where p.email = 'gap.member@example.org' and m.group_id = ${race}`,
    )
  )[0]!.id;
  const gapPage = await coordinator.get(`/groups/${race}/members/${gapFirst}`);
  assert.match(gapPage.body, /Awaiting agreement/);
  // The agreed second term is current and says who agreed it, and when.
  assert.deepEqual(await termsOf('agreed.member@example.org', race), [
    { term: 1, starts_on: '2020-06-01', ends_on: '2024-06-01', status: 'ended' },
    { term: 2, starts_on: '2024-06-01', ends_on: '2028-06-01', status: 'current' },
  ]);
  const [agreedFirst] = await queryRows<{ id: string }>(
    t.services.db,
    sql`select m.id from memberships m join people p on p.id = m.person_id
        where p.email = 'agreed.member@example.org' and m.term_number = 1`,
  );
  const agreedPage = await coordinator.get(`/groups/${race}/members/${agreedFirst!.id}`);
  assert.match(
    agreedPage.body,
    /Agreed\s*<\/strong>\s*on 10 May 2024 by Grace Chair \(chair\) and Dana Director \(Director\), as the imported list of members records it/,
  );

  // Agreed now by the chair and the Director, the awaited second term follows the first without
  // a gap, so the member serves no more than two terms (IAG-18).
  const [pending] = await queryRows<{ id: string }>(
    t.services.db,
    sql`select id from reappointments where membership_id = ${gapFirst} and status = 'pending'`,
  );
  for (const [role, account] of [
    ['chair', raceGroup.chair],
    ['director', directorAccount],
  ] as const) {
    const agent = await signInAccount(t, account);
    const agreed = await agent.post(`/groups/${race}/second-terms/${pending!.id}/agree`, {
      capacity: role,
    });
    assert.equal(agreed.statusCode, 303, role);
  }
  assert.deepEqual(await termsOf('gap.member@example.org', race), [
    { term: 1, starts_on: '2021-06-01', ends_on: '2025-06-01', status: 'ended' },
    { term: 2, starts_on: '2025-06-01', ends_on: '2029-06-01', status: 'current' },
  ]);
});

/** What a home page offers as the second terms waiting for this account, from the database. */
async function secondTermsWaitingFor(email: string, race: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.services.db,
    sql`select count(*)::int as n from reappointments r
        join memberships m on m.id = r.membership_id
        join people p on p.id = m.person_id
        where r.status = 'pending' and lower(coalesce(p.email, '')) <> ${email}
        and (${email === directorAccount.email}
             and r.director_user_id is null
             or m.group_id = ${race} and r.chair_user_id is null
                and ${email === raceGroup.chair.email})`,
  );
  return row!.n;
}

test('issue 21 item 30: a proposed second term is e-mailed to the chair and the Director, waits on their home pages, and once agreed shows on the advisor’s page', async () => {
  const race = raceGroup.id;
  const advisorEmail = raceGroup.advisor.email;
  const membershipId = await membershipOf(advisorEmail, race);
  const [first] = await queryRows<{ ends_on: string }>(
    t.services.db,
    sql`select ends_on::text from memberships where id = ${membershipId}`,
  );
  const proposed = await coordinator.post(`/groups/${race}/members/${membershipId}/second-term`);
  assert.equal(proposed.statusCode, 303);

  const mails = await queryRows<{ to_address: string; subject: string; body_text: string }>(
    t.services.db,
    sql`select to_address, subject, body_text from mail_outbox
        where subject = 'A second term waits for your agreement: Avery Advisor, Westminster Race Independent Advisory Group'
        order by to_address`,
  );
  assert.deepEqual(
    mails.map((m) => m.to_address),
    [raceGroup.chair.email, directorAccount.email].sort(),
  );
  for (const m of mails) {
    assert.match(
      m.body_text,
      new RegExp(`first term ends on ${formatDate(first!.ends_on as never)}\\.`),
    );
    assert.match(m.body_text, /\/groups\/second-terms/);
  }
  assert.match(mails.find((m) => m.to_address === raceGroup.chair.email)!.body_text, /as chair:/);
  assert.match(
    mails.find((m) => m.to_address === directorAccount.email)!.body_text,
    /as the Director:/,
  );

  for (const [role, account] of [
    ['chair', raceGroup.chair],
    ['director', directorAccount],
  ] as const) {
    const agent = await signInAccount(t, account);
    const home = await agent.get('/');
    const waiting = await secondTermsWaitingFor(account.email, race);
    assert.ok(waiting >= 1);
    assert.match(home.body, new RegExp(`Second terms to agree \\(${waiting}\\)`), role);
    const [r] = await queryRows<{ id: string }>(
      t.services.db,
      sql`select id from reappointments where membership_id = ${membershipId} and status = 'pending'`,
    );
    const agreed = await agent.post(`/groups/${race}/second-terms/${r!.id}/agree`, {
      capacity: role,
    });
    assert.equal(agreed.statusCode, 303);
    const after = await agent.get('/');
    const left = await secondTermsWaitingFor(account.email, race);
    assert.equal(left, waiting - 1, 'agreed, it no longer waits for them');
    if (left) assert.match(after.body, new RegExp(`Second terms to agree \\(${left}\\)`));
    else assert.doesNotMatch(after.body, /Second terms to agree/);
  }
  // The first term is still running, so the second has not begun: the advisor's page says it is agreed.
  const advisor = await signInAccount(t, raceGroup.advisor);
  const own = await advisor.get('/my-groups');
  const secondEnds = `${Number(first!.ends_on.slice(0, 4)) + 4}${first!.ends_on.slice(4)}`;
  assert.match(
    own.body,
    new RegExp(
      `Second term agreed: ${formatDate(first!.ends_on as never)} to ${formatDate(secondEnds as never)}`,
    ),
  );
  // An advisor is asked nothing on their home page.
  assert.doesNotMatch((await advisor.get('/')).body, /Second terms to agree/);
});

test('issue 21 item 23: the public form’s acknowledgement quotes nothing the applicant typed, and one address gets at most 3 a day', async () => {
  const email = 'someone.else@example.org';
  const boroughs = ['Hackney', 'Brent', 'Ealing', 'Barnet'];
  for (const [i, borough] of boroughs.entries()) {
    const id = await youngBoroughGroup(borough, true);
    const opened = await coordinator.post(
      `/groups/${id}/recruitment/new`,
      roundInput('2026-11-23', '2026-12-31', '2027-01-15'),
    );
    assert.equal(opened.statusCode, 303);
    const applied = await new Agent(t.app).post(`/advisory-groups/${id}/apply`, {
      ...application(i === 0 ? email : email.toUpperCase(), '1990-01-01'),
      fullName: 'Win a prize at http://spam.example/claim',
      statement: 'Visit http://spam.example now',
    });
    assert.equal(applied.statusCode, 303, borough);
    const page = await new Agent(t.app).get(applied.headers.location!);
    assert.match(page.body, /Application received/, 'every application is received');
  }
  const mails = await queryRows<{ subject: string; body_text: string }>(
    t.services.db,
    sql`select subject, body_text from mail_outbox where lower(to_address) = ${email} order by created_at`,
  );
  assert.deepEqual(
    mails.map((m) => m.subject),
    boroughs
      .slice(0, 3)
      .map((b) => `We have received your application to the ${b} Independent Advisory Group`),
    'three acknowledgements, not four',
  );
  for (const m of mails) {
    assert.doesNotMatch(m.body_text, /spam|prize|Win/, 'nothing typed is quoted');
    assert.match(m.body_text, /Applications close on 31 December 2026/);
  }
  const [received] = await queryRows<{ n: number }>(
    t.services.db,
    sql`select count(*)::int as n from applications where lower(email) = ${email}`,
  );
  assert.equal(received!.n, 4, 'the fourth application is kept; only its mail is not sent');
});
