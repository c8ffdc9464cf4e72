/**
 * Issue 21, "Must show": the figures on every list page of advisory groups, read off the page as
 * a person reads them and compared with a count made here, directly in the database.
 *
 * The lists of this module and what each shows:
 *   /groups (staff register)              caption "N groups"; per group: chair, members, next election due
 *   /advisory-groups (public list)        one card per active or forming group; pagination summary
 *   /groups/:id/members                   caption "N appointments"; one row per membership
 *   /groups/:id/recruitment               per round: applications
 *   /groups/:id/recruitment/:roundId      heading "Applications (N)"; one row per application
 *   /groups/second-terms                  one row per second term awaiting agreement
 *   /my-groups                            one row per membership of the person signed in
 *   /groups/:id/elections                 one row per election (the group page's next election follows)
 * The data is made here with figures that differ between groups (3 members, 1 member, none),
 * so a figure that is zeroed, swapped or repeated fails.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.js';
import { addCalendarMonths } from '../../src/platform/calendar/index.js';
import { Agent, createTestApp, principalFor, type TestApp, dateFields } from '../app.js';
import { accountFor, signInAccount, signInAsRole } from '../factories/accounts.js';
import { makeGroup } from '../factories/groups.js';
import {
  countIn,
  headingsOf,
  mainOf,
  numberOf,
  paginationOf,
  rowOf,
  rowRecords,
  tableOf,
  textOf,
} from '../html.js';

let t: TestApp;
let coordinator: Agent;
const groupIds: Record<'alpha' | 'beta' | 'gamma', string> = { alpha: '', beta: '', gamma: '' };
const NAMES = {
  alpha: 'Figures Alpha Community Advisory Group',
  beta: 'Figures Beta Community Advisory Group',
  gamma: 'Figures Gamma Community Advisory Group',
};
const TODAY = '2026-11-23';

/** A date as every Bridge page writes it: 15 June 2027. */
const longDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

before(async () => {
  t = await createTestApp({ demo: false });
  coordinator = await signInAsRole(t, 'coordination_unit');
  const cu = await principalFor(t, (await accountFor(t, 'coordination_unit')).email);
  const boroughs = await t.services.directory.scopeCatalogue.options('borough');
  const owner = boroughs.find((b) => b.name === 'Camden')!.id;
  for (const key of ['alpha', 'beta', 'gamma'] as const) {
    const group = await t.services.groups.create(cu, {
      name: NAMES[key],
      type: 'community',
      ownerId: owner,
      parentGroupId: '',
      purpose: `Advises on policing (${key}).`,
      focus: 'Figures',
      meetingIntervalMonths: '3',
      minAge: '',
      maxAge: '',
      status: 'active',
    });
    groupIds[key] = group.id;
  }
  // Alpha: 3 current members and one who has left; Beta: 1 member; Gamma: none.
  const people: string[] = [];
  for (const name of ['Ada Figure', 'Ben Figure', 'Cat Figure', 'Dev Figure', 'Eve Figure']) {
    const person = await t.services.directory.people.create(cu, {
      fullName: name,
      email: `${name.toLowerCase().replace(' ', '.')}@example.org`,
    });
    people.push(person.id);
  }
  const appoint = (group: string, personId: string, startsOn: string) =>
    t.services.groups.appoint(cu, group, {
      personId,
      ...dateFields('startsOn', startsOn),
      publishName: 'yes',
    });
  const alphaMembers = [];
  for (const p of people.slice(0, 4)) alphaMembers.push(await appoint(groupIds.alpha, p, TODAY));
  await t.services.groups.endMembership(cu, groupIds.alpha, alphaMembers[3]!.id, {
    ...dateFields('leftOn', TODAY),
    status: 'resigned',
  });
  await appoint(groupIds.beta, people[4]!, TODAY);
  // Alpha elected Ada in 2025 (next due 2027); Beta elected Eve in 2024 (due 2026, overdue);
  // Gamma has never held one (due today).
  await t.services.groups.recordElection(cu, groupIds.alpha, {
    ...dateFields('heldOn', '2025-06-15'),
    adjudicatorName: 'Ruth Mensah',
    agreedByChairs: 'The chairs',
    agreedByPolice: 'Chris Coordinator',
    candidates: [people[0]!, people[1]!],
    elected: [people[0]!],
  });
  await t.services.groups.recordElection(cu, groupIds.beta, {
    ...dateFields('heldOn', '2024-10-01'),
    adjudicatorName: 'Ruth Mensah',
    agreedByChairs: 'The chairs',
    agreedByPolice: 'Chris Coordinator',
    candidates: [people[4]!],
    elected: [people[4]!],
  });
});
after(() => t.close());

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(t.services.db, query);
  return row!;
}

async function currentMembers(groupId: string): Promise<number> {
  const row = await one<{ n: number }>(
    sql`select count(*)::int as n from memberships where group_id = ${groupId} and status = 'current'`,
  );
  return row.n;
}

async function lastElection(groupId: string): Promise<string | null> {
  const row = await one<{ d: string | null }>(
    sql`select max(held_on)::text as d from elections where group_id = ${groupId}`,
  );
  return row.d;
}

test('issue 21 item 1, must show: the staff register of groups shows each group its own members and next election, as the database holds them', async () => {
  const page = await coordinator.get('/groups?q=Figures');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Members/);
  assert.equal(table.rows.length, 3);
  assert.equal(table.caption, '3 groups');

  const expected = { alpha: 3, beta: 1, gamma: 0 };
  for (const key of ['alpha', 'beta', 'gamma'] as const) {
    assert.equal(await currentMembers(groupIds[key]), expected[key], 'the data is as made');
    const row = rowOf(table, NAMES[key]);
    assert.equal(numberOf(row.Members!), expected[key], `members of ${NAMES[key]}`);
  }
  // The next election: two years after the last, "Due" once that day has come.
  const alphaDue = addCalendarMonths((await lastElection(groupIds.alpha))!, 24);
  const betaDue = addCalendarMonths((await lastElection(groupIds.beta))!, 24);
  assert.equal(alphaDue, '2027-06-15');
  assert.equal(rowOf(table, NAMES.alpha)['Next election due'], longDate(alphaDue));
  assert.equal(rowOf(table, NAMES.beta)['Next election due'], `${longDate(betaDue)} Due`);
  assert.equal(rowOf(table, NAMES.gamma)['Next election due'], `${longDate(TODAY)} Due`);
  assert.equal(rowOf(table, NAMES.alpha).Chair, 'Ada Figure');
  assert.equal(rowOf(table, NAMES.gamma).Chair, 'None elected');
});

test('must show: every group on the first page of the staff register has the member count the database has', async () => {
  const page = await coordinator.get('/groups');
  const table = tableOf(page.body, /Members/);
  const total = await one<{ n: number }>(sql`select count(*)::int as n from advisory_groups`);
  assert.equal(numberOf(table.caption), total.n, 'the caption counts every group');
  const shown = await queryRows<{ name: string; n: number }>(
    t.services.db,
    sql`select g.name, (select count(*)::int from memberships m where m.group_id = g.id and m.status = 'current') as n
        from advisory_groups g`,
  );
  const byName = new Map(shown.map((r) => [r.name, r.n]));
  const pagination = paginationOf(page.body);
  if (total.n > 25) assert.deepEqual(pagination, { from: 1, to: 25, total: total.n });
  else assert.equal(pagination, null);
  let nonZero = 0;
  for (const row of rowRecords(table)) {
    const name = row.Group!.replace(/ (Closed|Forming|Suspended)$/, '');
    assert.ok(byName.has(name), `${name} is a group`);
    assert.equal(numberOf(row.Members!), byName.get(name), `members of ${name}`);
    if (byName.get(name)! > 0) nonZero++;
  }
  assert.ok(nonZero >= 2, 'the first page has groups with members, so a zero would show');
});

test('must show: the public list of groups shows one card for each active or forming group, and its total', async () => {
  const visitor = new Agent(t.app);
  const page = await visitor.get('/advisory-groups');
  assert.equal(page.statusCode, 200);
  const expected = await one<{ n: number }>(
    sql`select count(*)::int as n from advisory_groups where status in ('active', 'forming')`,
  );
  const cards = [...page.body.matchAll(/govuk-summary-card__title"/g)].length;
  const pagination = paginationOf(page.body);
  if (expected.n > 25) {
    assert.equal(cards, 25);
    assert.deepEqual(pagination, { from: 1, to: 25, total: expected.n });
  } else {
    assert.equal(cards, expected.n);
    assert.equal(pagination, null);
  }
  const search = await visitor.get('/advisory-groups?q=Figures');
  assert.deepEqual(
    headingsOf(search.body).filter((h) => h.startsWith('Figures')),
    [NAMES.alpha, NAMES.beta, NAMES.gamma],
  );
  const chair = /Figures Alpha[\s\S]*?Chair<\/dt><dd[^>]*>([^<]*)</.exec(search.body);
  assert.equal(chair?.[1], 'Ada Figure');
});

test("must show: a group's list of members shows one row for each appointment, past and present, and their number", async () => {
  for (const key of ['alpha', 'beta'] as const) {
    const page = await coordinator.get(`/groups/${groupIds[key]}/members`);
    assert.equal(page.statusCode, 200);
    const table = tableOf(page.body, /Term ends/);
    const all = await one<{ n: number; current: number }>(
      sql`select count(*)::int as n, count(*) filter (where status = 'current')::int as current
          from memberships where group_id = ${groupIds[key]}`,
    );
    assert.equal(all.n, key === 'alpha' ? 4 : 1);
    assert.equal(table.caption, `${all.n} ${all.n === 1 ? 'appointment' : 'appointments'}`);
    assert.equal(table.rows.length, all.n);
    const current = rowRecords(table).filter((r) => /^Current/.test(r.Status!)).length;
    assert.equal(current, all.current, `current members of ${key}`);
  }
});

test("must show: a group's own page and its public page count and name its current members, as the database holds them", async () => {
  const visitor = new Agent(t.app);
  for (const key of ['alpha', 'beta', 'gamma'] as const) {
    const [m] = await queryRows<{ current: number; past: number }>(
      t.services.db,
      sql`select (count(*) filter (where status = 'current'))::int as current,
            (count(*) filter (where status <> 'current'))::int as past
          from memberships where group_id = ${groupIds[key]}`,
    );
    const page = await coordinator.get(`/groups/${groupIds[key]}`);
    assert.equal(page.statusCode, 200);
    assert.equal(countIn(page.body, /^Current members \((\d+)\)$/), m!.current, key);
    const text = textOf(mainOf(page.body));
    if (m!.past) assert.match(text, new RegExp(`\\(${m!.past} past memberships?\\)`), key);
    else assert.doesNotMatch(text, /past membership/, key);
    const published = await queryRows<{ name: string }>(
      t.services.db,
      sql`select p.full_name as name from memberships m join people p on p.id = m.person_id
          where m.group_id = ${groupIds[key]} and m.status = 'current' and m.publish_name`,
    );
    const open = await visitor.get(`/advisory-groups/${groupIds[key]}`);
    assert.equal(open.statusCode, 200);
    const listed = [...mainOf(open.body).matchAll(/<ul class="govuk-list">([\s\S]*?)<\/ul>/g)]
      .flatMap((u) => [...u[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => textOf(li[1]!)))
      .filter((name) => name.endsWith('Figure'));
    assert.deepEqual(listed.sort(), published.map((p) => p.name).sort(), `named members of ${key}`);
  }
  assert.match(
    textOf(mainOf((await coordinator.get(`/groups/${groupIds.alpha}`)).body)),
    /15 June 2027/,
  );
});

test('must show: recruitment rounds show each its own number of applications, and a round its applications', async () => {
  const visitor = new Agent(t.app);
  const panel = (await accountFor(t, 'coordination_unit')).email;
  const open = (groupId: string) =>
    coordinator.post(`/groups/${groupId}/recruitment/new`, {
      ...dateFields('opensOn', '2026-11-20'),
      ...dateFields('closesOn', '2026-12-31'),
      ...dateFields('appointmentDate', '2027-04-01'),
      targetAudiences: 'Everyone',
      panel,
    });
  const rounds: Record<string, string> = {};
  for (const key of ['alpha', 'beta'] as const) {
    const response = await open(groupIds[key]);
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
    rounds[key] = /recruitment\/([0-9a-f-]{36})$/.exec(response.headers.location!)![1]!;
  }
  const apply = (groupId: string, name: string) =>
    visitor.post(`/advisory-groups/${groupId}/apply`, {
      fullName: name,
      email: `${name.toLowerCase().replace(' ', '.')}@example.org`,
      ...dateFields('dateOfBirth', '1990-06-15'),
      communities: 'Somewhere',
      statement: 'I want to help.',
      confirm: ['independent', 'principles'],
    });
  for (const name of ['Al Apply', 'Bo Apply', 'Cy Apply'])
    assert.equal((await apply(groupIds.alpha, name)).statusCode, 303);
  assert.equal((await apply(groupIds.beta, 'Di Apply')).statusCode, 303);

  for (const key of ['alpha', 'beta'] as const) {
    const expected = await one<{ n: number }>(
      sql`select count(*)::int as n from applications where round_id = ${rounds[key]!}`,
    );
    assert.equal(expected.n, key === 'alpha' ? 3 : 1);
    const list = await coordinator.get(`/groups/${groupIds[key]}/recruitment`);
    const table = tableOf(list.body, /Applications/);
    assert.equal(table.rows.length, 1);
    assert.equal(numberOf(rowRecords(table)[0]!.Applications!), expected.n, `applications, ${key}`);
    const round = await coordinator.get(`/groups/${groupIds[key]}/recruitment/${rounds[key]!}`);
    assert.equal(countIn(round.body, /^Applications \((\d+)\)$/), expected.n);
    assert.equal(tableOf(round.body, /^Applications$/).rows.length, expected.n);
  }
});

test('must show: the second terms awaiting agreement list one row for each proposal the database holds', async () => {
  const director = await signInAsRole(t, 'director');
  const page = await director.get('/groups/second-terms');
  assert.equal(page.statusCode, 200);
  const expected = await one<{ n: number }>(
    sql`select count(*)::int as n from reappointments where status = 'pending'`,
  );
  const tables = page.body.includes('<table') ? tableOf(page.body).rows.length : 0;
  assert.equal(tables, expected.n);
});

test("must show: a member's own list of groups shows one row for each of their memberships", async () => {
  const member = (await makeGroup(t, { members: 1 })).members[0]!;
  const advisor = await signInAccount(t, member);
  const page = await advisor.get('/my-groups');
  assert.equal(page.statusCode, 200);
  const expected = await one<{ n: number }>(
    sql`select count(*)::int as n from memberships m join people p on p.id = m.person_id
        join users u on u.id = p.user_id where u.email = ${member.email}`,
  );
  assert.ok(expected.n >= 1, 'the advisor is a member');
  assert.equal(tableOf(page.body).rows.length, expected.n);
});

test("must show: a group's membership balance counts its current members", async () => {
  for (const key of ['alpha', 'beta', 'gamma'] as const) {
    const page = await coordinator.get(`/groups/${groupIds[key]}/balance`);
    assert.equal(page.statusCode, 200);
    const expected = await currentMembers(groupIds[key]);
    assert.match(textOf(mainOf(page.body)), new RegExp(`Current members: ${expected}\\.`), key);
  }
});

test('must show: clearances expiring in the next 90 days list each advisor once, linked to their own membership', async () => {
  const [organisation] = await queryRows<{ id: string }>(
    t.services.db,
    sql`select id from organisations where code = 'dcfd'`,
  );
  const people = await queryRows<{ id: string; name: string }>(
    t.services.db,
    sql`select id, full_name as name from people where full_name in ('Ada Figure', 'Eve Figure')`,
  );
  for (const [name, expiresOn] of [
    ['Ada Figure', '2026-12-31'],
    ['Eve Figure', '2027-01-15'],
  ] as const)
    await t.services.db.execute(
      sql`insert into clearances (person_id, level, granted_on, expires_on, required_by_id)
            values (${people.find((p) => p.name === name)!.id}, 'nppv2', '2024-01-01', ${expiresOn}, ${organisation!.id})`,
    );
  const expiring = await queryRows<{
    name: string;
    membership: string | null;
    group: string | null;
  }>(
    t.services.db,
    sql`select p.full_name as name,
            (select m.id from memberships m where m.person_id = c.person_id and m.status = 'current'
               order by m.starts_on desc limit 1) as membership,
            (select m.group_id from memberships m where m.person_id = c.person_id and m.status = 'current'
               order by m.starts_on desc limit 1) as group
          from clearances c join people p on p.id = c.person_id
          where c.withdrawn_on is null and c.expires_on > ${TODAY} and c.expires_on <= '2027-02-21'`,
  );
  const page = await coordinator.get('/groups/clearances');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Expiring clearances/);
  assert.equal(table.rows.length, expiring.length);
  for (const e of expiring.filter((x) => x.name.endsWith('Figure'))) {
    const i = table.rows.findIndex((r) => r[0] === e.name);
    assert.ok(i >= 0, `${e.name} is listed`);
    assert.match(
      table.rowHtml[i]!,
      new RegExp(`href="/groups/${e.group}/members/${e.membership}"`),
      `${e.name} links to their own membership`,
    );
  }
});
