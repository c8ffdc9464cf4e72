/**
 * Issue 21, "Must show": the figures on every list page of requests for advice and deployments,
 * read off the page as a person reads them and compared with a count made here, directly in the
 * database.
 *
 * The lists of this module and what each shows:
 *   /advice-requests (requester)               caption "N requests"; one row per request of theirs
 *   /advice-requests/triage (CTSET)            caption "N requests waiting"; one row per request
 *   /advice-requests/to-nominate (contact)     caption "N requests still needing advisors"; per
 *                                              request "taken of wanted" nominated
 *   /deployments (advisor)                     caption "N nominations"; one row per nomination
 *   /deployments/arrangements (CTSET, unit)    caption "N advisors to contact"
 *   /advice-offers (CTSET, Director)           "N waiting for an answer, N taken up, N declined";
 *                                              caption "N offers"
 *   /deployments/equity (unit)                 "N deployments by N advisors"; per advisor its count
 * The requests made here want different numbers of advisors (2, 3 and 1) and have different
 * numbers nominated (0, 1 and 1), so a figure that is zeroed, swapped or stale fails.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { deployments } from '../../src/modules/advice/schema.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { queryRows } from '../../src/platform/db/database.js';
import { createTestApp, groupIdByCode, principalFor, type TestApp, dateFields } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeDeploymentContact } from '../factories/advice.js';
import { makeMember } from '../factories/groups.js';
import { numberOf, paginationOf, rowOf, rowRecords, tableOf, textOf, mainOf } from '../html.js';

let t: TestApp;
let raceId: string;
let contact: UserPrincipal;
let ctset: UserPrincipal;
let requester: UserPrincipal;
const person: Record<string, string> = {};
/** The accounts that read the lists, by the role each holds. */
const account = {} as Record<
  'advisor' | 'deployment_contact' | 'ctset' | 'requester' | 'coordination_unit' | 'director',
  FactoryAccount
>;
const requests: Record<'two' | 'three' | 'one' | 'waitingUrgent' | 'waiting', string> = {
  two: '',
  three: '',
  one: '',
  waitingUrgent: '',
  waiting: '',
};
const SUBJECTS = {
  two: 'Figures: patrols wanting two advisors',
  three: 'Figures: briefing wanting three advisors',
  one: 'Figures: meeting wanting one advisor',
  waitingUrgent: 'Figures: urgent request not yet triaged',
  waiting: 'Figures: routine request not yet triaged',
};

before(async () => {
  // No demo data: the file makes the people and requests it reads. The Race IAG is reference
  // data.
  t = await createTestApp({ demo: false });
  raceId = await groupIdByCode(t, 'iag-race');
  account.advisor = await makeMember(t, raceId, { name: 'Avery Advisor' });
  person.avery = account.advisor.personId;
  person.jordan = (await makeMember(t, raceId, { name: 'Jordan Okafor' })).personId;
  account.deployment_contact = await makeDeploymentContact(t, raceId);
  for (const role of ['ctset', 'requester', 'coordination_unit', 'director'] as const)
    account[role] = await makeAccount(t, { role });
  contact = await principalFor(t, account.deployment_contact.email);
  ctset = await principalFor(t, account.ctset.email);
  requester = await principalFor(t, account.requester.email);
  const ask = (subject: string, advisorsWanted: number, urgency: 'urgent' | 'routine') =>
    t.services.advice.ask(requester, {
      subject,
      details: 'Figures for the list pages.',
      seriousOrCritical: 'no',
      urgency,
      communities: 'Residents',
      'neededFrom-day': '7',
      'neededFrom-month': '12',
      'neededFrom-year': '2026',
      'neededUntil-day': '8',
      'neededUntil-month': '12',
      'neededUntil-year': '2026',
      clearanceNeeded: 'none',
      advisorsWanted: String(advisorsWanted),
      experienceNeeded: [],
    });
  requests.two = (await ask(SUBJECTS.two, 2, 'routine')).id;
  requests.three = (await ask(SUBJECTS.three, 3, 'urgent')).id;
  requests.one = (await ask(SUBJECTS.one, 1, 'routine')).id;
  requests.waitingUrgent = (await ask(SUBJECTS.waitingUrgent, 1, 'urgent')).id;
  requests.waiting = (await ask(SUBJECTS.waiting, 1, 'routine')).id;
  for (const key of ['two', 'three', 'one'] as const)
    await t.services.advice.route(ctset, requests[key], { groups: raceId });
  // Jordan for the urgent one wanting three (CTSET contacts him); Avery for the one wanting one
  // (the unit contacts her), which then has every advisor it asked for.
  await t.services.deployments.nominate(contact, requests.three, raceId, {
    advisors: person.jordan!,
    reason: 'Free that week',
  });
  await t.services.deployments.nominate(contact, requests.one, raceId, {
    advisors: person.avery!,
    reason: 'Lives nearby',
  });
});
after(() => t.close());

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(t.services.db, query);
  return row!;
}

/** The first page of a list: its rows are the total, or 25 of them when there are more. */
function assertFirstPage(html: string, rows: number, total: number) {
  assert.equal(rows, Math.min(total, 25), 'rows on the first page');
  const pagination = paginationOf(html);
  if (total > 25) assert.deepEqual(pagination, { from: 1, to: 25, total });
  else assert.equal(pagination, null);
}

test("must show: the requester's list counts their own requests, as the database holds them", async () => {
  const page = await (await signInAccount(t, account.requester)).get('/advice-requests');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Where it stands/);
  const expected = await one<{ n: number }>(
    sql`select count(*)::int as n from advice_requests where requested_by = ${requester.userId}`,
  );
  assert.ok(expected.n >= 5);
  assert.equal(table.caption, `${expected.n} requests`);
  assertFirstPage(page.body, table.rows.length, expected.n);
});

test("must show: CTSET's triage queue counts the requests waiting for triage, as the database holds them", async () => {
  const page = await (await signInAccount(t, account.ctset)).get('/advice-requests/triage');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Needed from/);
  const expected = await one<{ n: number }>(
    sql`select count(*)::int as n from advice_requests where status = 'awaiting_triage'`,
  );
  assert.ok(expected.n >= 2);
  assert.equal(table.caption, `${expected.n} ${expected.n === 1 ? 'request' : 'requests'} waiting`);
  assertFirstPage(page.body, table.rows.length, expected.n);
  const shown = table.rows.map((r) => r[0]!);
  assert.ok(shown.some((s) => s.includes(SUBJECTS.waitingUrgent)));
  assert.ok(shown.some((s) => s.includes(SUBJECTS.waiting)));
  assert.ok(!shown.some((s) => s.includes(SUBJECTS.two)), 'a routed request has left the queue');
});

test('issue 21 item 2, must show: the contact\'s "requests still needing advisors" counts only requests with places left, and each shows how many are nominated', async () => {
  const page = await (
    await signInAccount(t, account.deployment_contact)
  ).get('/advice-requests/to-nominate');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Nominated/);
  const places = await queryRows<{ reference: number; wanted: number; taken: number }>(
    t.services.db,
    sql`select r.reference, r.advisors_wanted as wanted,
          (select count(*)::int from deployments d where d.request_id = r.id
             and d.status in ('nominated', 'accepted')) as taken
        from advice_request_routes rr join advice_requests r on r.id = rr.request_id
        where rr.group_id = ${raceId} and r.status = 'routed'`,
  );
  const needing = places.filter((p) => p.taken < p.wanted);
  const byReference = new Map(places.map((p) => [String(p.reference), p]));
  const mine = (key: 'two' | 'three' | 'one') =>
    places.find((p) =>
      rowRecords(table).some((r) => r.Request === `${p.reference}: ${SUBJECTS[key]}`),
    );
  assert.deepEqual(
    [mine('two'), mine('three')].map((p) => p && `${p.taken} of ${p.wanted}`),
    ['0 of 2', '1 of 3'],
    'the data is as made',
  );
  // Every row shows what the database holds for its request.
  for (const row of rowRecords(table)) {
    const reference = row.Request!.split(':')[0]!;
    const p = byReference.get(reference);
    assert.ok(p, `${row.Request} is routed to the group`);
    assert.equal(row.Nominated, `${p.taken} of ${p.wanted}`, `nominated for ${row.Request}`);
  }
  assert.ok(needing.length >= 2);
  assert.equal(
    table.caption,
    `${needing.length} ${needing.length === 1 ? 'request' : 'requests'} still needing advisors`,
  );
});

test("must show: an advisor's list of deployments counts their nominations, as the database holds them", async () => {
  const expected = await one<{ n: number }>(
    sql`select count(*)::int as n from deployments where person_id = ${person.avery!}`,
  );
  assert.ok(expected.n >= 1);
  const page = await (await signInAccount(t, account.advisor)).get('/deployments');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Needed from/);
  assert.equal(table.caption, `${expected.n} ${expected.n === 1 ? 'nomination' : 'nominations'}`);
  assertFirstPage(page.body, table.rows.length, expected.n);
  assert.ok(table.rows.some((r) => r[0]!.includes(SUBJECTS.one)));
});

test('must show: "advisors to contact" counts, for CTSET and for the unit, the nominations each must arrange', async () => {
  for (const role of ['ctset', 'coordination_unit'] as const) {
    const page = await (await signInAccount(t, account[role])).get('/deployments/arrangements');
    assert.equal(page.statusCode, 200);
    const expected = await one<{ n: number }>(
      sql`select count(*)::int as n from deployments where arrangement_owner = ${role}
          and arranged_at is null and status in ('nominated', 'accepted')`,
    );
    assert.ok(expected.n >= 1, `${role} has someone to contact`);
    const table = tableOf(page.body, /Task for/);
    assert.equal(
      table.caption,
      `${expected.n} ${expected.n === 1 ? 'advisor' : 'advisors'} to contact`,
    );
    assertFirstPage(page.body, table.rows.length, expected.n);
    const subject = role === 'ctset' ? SUBJECTS.three : SUBJECTS.one;
    assert.ok(
      table.rows.some((r) => r[1]!.includes(subject)),
      `${subject} for ${role}`,
    );
  }
});

test('must show: the proactive offers page counts the offers by answer, as the database holds them', async () => {
  const sam = await signInAccount(t, account.ctset);
  for (const [incident, day] of [
    ['Figures incident one', '20'],
    ['Figures incident two', '21'],
  ] as const)
    assert.equal(
      (
        await sam.post('/advice-offers/new', {
          kind: 'critical_incident',
          incident,
          operation: '',
          sioName: 'DCI Figure',
          'offeredOn-day': day,
          'offeredOn-month': '11',
          'offeredOn-year': '2026',
        })
      ).statusCode,
      303,
    );
  const list = await sam.get('/advice-offers');
  const id = /\/advice-offers\/([0-9a-f-]{36})\/response/.exec(list.body)![1]!;
  assert.equal(
    (await sam.post(`/advice-offers/${id}/response`, { response: 'declined', note: 'Not needed' }))
      .statusCode,
    303,
  );
  const page = await (await signInAccount(t, account.director)).get('/advice-offers');
  const rows = await queryRows<{ response: string; n: number }>(
    t.services.db,
    sql`select response::text, count(*)::int as n from advice_offers group by response`,
  );
  const n = (r: string) => rows.find((x) => x.response === r)?.n ?? 0;
  const total = rows.reduce((a, r) => a + r.n, 0);
  assert.ok(n('declined') >= 1 && n('awaiting') >= 1);
  assert.match(
    textOf(mainOf(page.body)),
    new RegExp(
      `${n('awaiting')} waiting for an answer, ${n('taken_up')} taken up, ${n('declined')} declined`,
    ),
  );
  const table = tableOf(page.body, /Senior investigating officer/);
  assert.equal(table.caption, `${total} ${total === 1 ? 'offer' : 'offers'}`);
  assertFirstPage(page.body, table.rows.length, total);
});

test('must show: the equitable deployment report counts deployments per advisor over the period, as the database holds them', async () => {
  // January 2027: Avery accepted twice, Jordan once (one request each, as in life).
  const made = [];
  for (const subject of ['Figures: January one', 'Figures: January two', 'Figures: January three'])
    made.push(
      await t.services.advice.ask(requester, {
        subject,
        details: 'Equity figures.',
        seriousOrCritical: 'no',
        urgency: 'routine',
        communities: 'Residents',
        'neededFrom-day': '10',
        'neededFrom-month': '1',
        'neededFrom-year': '2027',
        'neededUntil-day': '10',
        'neededUntil-month': '1',
        'neededUntil-year': '2027',
        clearanceNeeded: 'none',
        advisorsWanted: '1',
        experienceNeeded: [],
      }),
    );
  const accepted = (requestId: string, personId: string, deployedOn: string) => ({
    requestId,
    groupId: raceId,
    personId,
    status: 'accepted' as const,
    deployedOn,
    nominatedAt: new Date(`${deployedOn}T09:00:00Z`),
    nominationReason: 'Figures',
    arrangementOwner: 'coordination_unit' as const,
  });
  await t.services.db
    .insert(deployments)
    .values([
      accepted(made[0]!.id, person.avery!, '2027-01-10'),
      accepted(made[1]!.id, person.avery!, '2027-01-20'),
      accepted(made[2]!.id, person.jordan!, '2027-01-15'),
    ]);
  const period = { from: '2027-01-01', to: '2027-01-31' };
  const query = new URLSearchParams({
    ...dateFields('from', '2027-01-01'),
    ...dateFields('to', '2027-01-31'),
  });
  const page = await (
    await signInAccount(t, account.coordination_unit)
  ).get(`/deployments/equity?${query}`);
  assert.equal(page.statusCode, 200);
  const counts = await queryRows<{ name: string; n: number }>(
    t.services.db,
    sql`select p.full_name as name, count(*)::int as n from deployments d
        join people p on p.id = d.person_id
        where d.status = 'accepted' and d.deployed_on between ${period.from} and ${period.to}
        group by p.full_name`,
  );
  const total = counts.reduce((a, r) => a + r.n, 0);
  assert.equal(total, 3, 'the period has the deployments made');
  assert.match(
    textOf(mainOf(page.body)),
    new RegExp(
      `${total} deployments by ${counts.length} ${counts.length === 1 ? 'advisor' : 'advisors'}`,
    ),
  );
  const table = tableOf(page.body, /Deployments/);
  assert.equal(table.rows.length, counts.length);
  for (const { name, n } of counts)
    assert.equal(numberOf(rowOf(table, name).Deployments!), n, name);
});

test("must show: a request's disclosure log shows one row for each disclosure, and which the advisor acknowledged", async () => {
  const made = await t.services.advice.ask(requester, {
    subject: 'Figures: disclosures',
    details: 'Disclosure figures.',
    seriousOrCritical: 'no',
    urgency: 'routine',
    communities: 'Residents',
    'neededFrom-day': '7',
    'neededFrom-month': '12',
    'neededFrom-year': '2026',
    clearanceNeeded: 'none',
    advisorsWanted: '1',
    experienceNeeded: [],
  });
  await t.services.advice.route(ctset, made.id, { groups: raceId });
  const { created } = await t.services.deployments.nominate(contact, made.id, raceId, {
    advisors: person.avery!,
    reason: 'Figures',
  });
  const deploymentId = created[0]!.id;
  const avery = await signInAccount(t, account.advisor);
  assert.equal((await avery.post(`/deployments/${deploymentId}/accept`, {})).statusCode, 303);
  const riley = await signInAccount(t, account.requester);
  for (const title of ['Figures rationale one', 'Figures rationale two'])
    assert.equal(
      (
        await riley.post(`/advice-requests/${made.id}/disclosures/new`, {
          deploymentId,
          kind: 'decision_rationale',
          title,
          content: 'Confidential.',
          protocol: 'IAG disclosure protocol',
          terms: 'For this advice only',
        })
      ).statusCode,
      303,
    );
  const [first] = await queryRows<{ id: string }>(
    t.services.db,
    sql`select id from disclosures where deployment_id = ${deploymentId} and title = 'Figures rationale one'`,
  );
  assert.equal(
    (await avery.post(`/deployments/${deploymentId}/disclosures/${first!.id}/acknowledge`, {}))
      .statusCode,
    303,
  );
  const [expected] = await queryRows<{ n: number; acknowledged: number }>(
    t.services.db,
    sql`select count(*)::int as n, count(acknowledged_at)::int as acknowledged
        from disclosures d join deployments p on p.id = d.deployment_id where p.request_id = ${made.id}`,
  );
  assert.deepEqual([expected!.n, expected!.acknowledged], [2, 1], 'the data is as made');
  const page = await riley.get(`/advice-requests/${made.id}`);
  const table = tableOf(page.body, /Disclosure log/);
  assert.equal(table.rows.length, expected!.n);
  const notYet = rowRecords(table).filter((r) => r.Acknowledged === 'Not yet').length;
  assert.equal(expected!.n - notYet, expected!.acknowledged);
  assert.equal(
    rowRecords(table).find((r) => r.What!.startsWith('Figures rationale one'))!.Acknowledged ===
      'Not yet',
    false,
  );
});
