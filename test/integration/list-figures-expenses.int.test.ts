/**
 * Issue 21, "Must show": the figures on every list page of expenses, read off the page as a
 * person reads them and compared with sums and counts made here, directly in the database.
 *
 * The lists of this module and what each shows:
 *   /expenses (advisor)                    caption "N claims"; per claim claimed and approved
 *   /expenses/to-decide (unit)             caption "N claims waiting"; per claim claimed
 *   /expenses/payments (unit)              "N approved claims are waiting to be paid: £X";
 *                                          per batch its claims and total
 *   /expenses/payments/:batchId (unit)     one row per claim in the batch, its amount
 *   /expenses/budgets (unit, Director)     caption "N groups"; per group budget, committed, paid,
 *                                          left; the "Every group" totals
 *   /expenses/budgets/advisors             caption "N advisors"; per advisor claims, committed, paid
 *   /expenses/audit (auditors' list)       "N claims sent from … : claimed £, approved £, paid £"
 *   /expenses/disputes (chair, Director)   one row per open dispute at their stage
 * The claims are written here as a factory would, with amounts that differ everywhere (no two
 * groups or advisors with the same figure), so a figure that is zeroed or swapped fails.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  expenseBudgets,
  expenseClaims,
  expenseDisputes,
  paymentBatches,
} from '../../src/modules/expenses/schema.js';
import { queryRows } from '../../src/platform/db/database.js';
import { createTestApp, type TestApp, dateFields, groupIdByCode } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makePerson } from '../factories/directory.js';
import { makeMember } from '../factories/groups.js';
import {
  mainOf,
  numberOf,
  paginationOf,
  penceOf,
  rowOf,
  rowRecords,
  tableOf,
  textOf,
} from '../html.js';

let t: TestApp;
const group: Record<'race' | 'youth', string> = { race: '', youth: '' };
const person: Record<'avery' | 'jordan', string> = { avery: '', jordan: '' };
let averyUser: string;
/** Avery, a member of the Race IAG; its chair; the coordination unit; the Director. */
let avery: FactoryAccount;
let chair: FactoryAccount;
let unitAccount: FactoryAccount;
let director: FactoryAccount;
const batch: Record<'paid' | 'open', string> = { paid: '', open: '' };

before(async () => {
  // No demo data: the file makes the people and claims it reads. The IAGs are reference data.
  t = await createTestApp({ demo: false });
  const db = t.services.db;
  group.race = await groupIdByCode(t, 'iag-race');
  group.youth = await groupIdByCode(t, 'iag-youth');
  avery = await makeMember(t, group.race, { name: 'Avery Advisor' });
  chair = await makeMember(t, group.race, { chair: true });
  person.avery = avery.personId;
  // Jordan has no account: a claim made on their behalf.
  person.jordan = (await makePerson(t, { fullName: 'Jordan Okafor' })).id;
  averyUser = avery.userId;
  unitAccount = await makeAccount(t, { role: 'coordination_unit' });
  director = await makeAccount(t, { role: 'director' });
  const unit = unitAccount.userId;
  const at = (day: string) => new Date(`${day}T10:00:00Z`);
  const [paid, open] = await db
    .insert(paymentBatches)
    .values([
      {
        createdBy: unit,
        createdAt: at('2026-09-20'),
        claimCount: 1,
        totalPence: 3000,
        paidBy: unit,
        paidAt: at('2026-09-25'),
      },
      { createdBy: unit, createdAt: at('2026-10-25'), claimCount: 1, totalPence: 700 },
    ])
    .returning({ id: paymentBatches.id });
  batch.paid = paid!.id;
  batch.open = open!.id;
  const claim = (c: {
    who: 'avery' | 'jordan';
    in: 'race' | 'youth';
    status: (typeof expenseClaims.$inferInsert)['status'];
    claimed: number;
    approved?: number;
    on?: string;
    batch?: string;
    text: string;
  }) => ({
    claimantPersonId: person[c.who],
    claimantUserId: c.who === 'avery' ? averyUser : null,
    groupId: group[c.in],
    occasion: 'other' as const,
    occasionText: c.text,
    status: c.status,
    claimedPence: c.claimed,
    approvedPence: c.approved ?? null,
    createdAt: at(c.on ?? '2026-11-20'),
    submittedAt: c.on ? at(c.on) : null,
    submittedOn: c.on ?? null,
    decidedBy: c.approved === undefined ? null : unit,
    batchId: c.batch ?? null,
    paidAt: c.status === 'paid' ? at('2026-09-25') : null,
  });
  const claims = await db
    .insert(expenseClaims)
    .values([
      claim({
        who: 'avery',
        in: 'race',
        status: 'submitted',
        claimed: 1250,
        on: '2026-11-02',
        text: 'Figures A1',
      }),
      claim({
        who: 'avery',
        in: 'race',
        status: 'approved',
        claimed: 2400,
        approved: 2000,
        on: '2026-10-01',
        text: 'Figures A2',
      }),
      claim({
        who: 'avery',
        in: 'youth',
        status: 'paid',
        claimed: 3000,
        approved: 3000,
        on: '2026-09-10',
        batch: batch.paid,
        text: 'Figures A3',
      }),
      claim({ who: 'avery', in: 'race', status: 'draft', claimed: 300, text: 'Figures A4' }),
      claim({
        who: 'jordan',
        in: 'race',
        status: 'part_approved',
        claimed: 1000,
        approved: 700,
        on: '2026-10-20',
        batch: batch.open,
        text: 'Figures J1',
      }),
      claim({
        who: 'jordan',
        in: 'youth',
        status: 'awaiting_second_approval',
        claimed: 9000,
        approved: 9000,
        on: '2026-11-10',
        text: 'Figures J2',
      }),
      claim({
        who: 'jordan',
        in: 'race',
        status: 'rejected',
        claimed: 500,
        approved: 0,
        on: '2026-11-05',
        text: 'Figures J3',
      }),
    ])
    .returning({ id: expenseClaims.id, text: expenseClaims.occasionText });
  const j3 = claims.find((c) => c.text === 'Figures J3')!;
  const a2 = claims.find((c) => c.text === 'Figures A2')!;
  await db.insert(expenseDisputes).values([
    { claimId: j3.id, raisedAt: at('2026-11-06'), reason: 'Figures', stage: 'chair' },
    {
      claimId: a2.id,
      raisedBy: averyUser,
      raisedAt: at('2026-11-07'),
      reason: 'Figures',
      stage: 'director',
    },
  ]);
  await db.insert(expenseBudgets).values([
    {
      groupId: group.race,
      yearStart: 2026,
      amountPence: 50000,
      holder: 'dcfd',
      setAt: at('2026-04-01'),
    },
    {
      groupId: group.youth,
      yearStart: 2026,
      amountPence: 20000,
      holder: 'dcfd',
      setAt: at('2026-04-01'),
    },
  ]);
});
after(() => t.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(t.services.db, query);
}

/** The first page of a list: its rows are the total, or 25 of them when there are more. */
function assertFirstPage(html: string, shown: number, total: number) {
  assert.equal(shown, Math.min(total, 25), 'rows on the first page');
  const pagination = paginationOf(html);
  if (total > 25) assert.deepEqual(pagination, { from: 1, to: 25, total });
  else assert.equal(pagination, null);
}

/** A claim's row by its occasion ("12: Figures A1"). */
function claimRow(table: ReturnType<typeof tableOf>, text: string) {
  const found = rowRecords(table).filter((r) => Object.values(r)[0]!.endsWith(text));
  assert.equal(found.length, 1, `one row for ${text}`);
  return found[0]!;
}

test("must show: an advisor's own claims list counts their claims, and each shows what was claimed and approved", async () => {
  const page = await (await signInAccount(t, avery)).get('/expenses');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Claimed/);
  const mine = await rows<{ text: string; claimed: number; approved: number | null }>(
    sql`select occasion_text as text, claimed_pence as claimed, approved_pence as approved
        from expense_claims where claimant_user_id = ${averyUser}`,
  );
  assert.equal(table.caption, `${mine.length} ${mine.length === 1 ? 'claim' : 'claims'}`);
  assertFirstPage(page.body, table.rows.length, mine.length);
  for (const c of mine.filter((c) => c.text.startsWith('Figures'))) {
    const row = claimRow(table, c.text);
    assert.equal(penceOf(row.Claimed!), c.claimed, `claimed on ${c.text}`);
    if (c.approved === null) assert.equal(row.Approved, '');
    else assert.equal(penceOf(row.Approved!), c.approved, `approved on ${c.text}`);
  }
});

test("must show: the unit's claims to decide counts the claims waiting, and each shows what was claimed", async () => {
  const page = await (await signInAccount(t, unitAccount)).get('/expenses/to-decide');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Claimant and group/);
  const waiting = await rows<{ text: string; claimed: number }>(
    sql`select occasion_text as text, claimed_pence as claimed from expense_claims
        where status in ('submitted', 'awaiting_second_approval')`,
  );
  assert.equal(
    table.caption,
    `${waiting.length} ${waiting.length === 1 ? 'claim' : 'claims'} waiting`,
  );
  assertFirstPage(page.body, table.rows.length, waiting.length);
  for (const c of waiting.filter((c) => c.text.startsWith('Figures')))
    assert.equal(penceOf(claimRow(table, c.text).Claimed!), c.claimed, c.text);
});

test('must show: the payments page says how many approved claims wait to be paid and for how much, and each batch its claims and total', async () => {
  const unit = await signInAccount(t, unitAccount);
  const page = await unit.get('/expenses/payments');
  assert.equal(page.statusCode, 200);
  const [waiting] = await rows<{ n: number; pence: number }>(
    sql`select count(*)::int as n, coalesce(sum(approved_pence), 0)::int as pence from expense_claims
        where status in ('approved', 'part_approved') and batch_id is null`,
  );
  assert.ok(waiting!.n >= 1);
  const text = textOf(mainOf(page.body));
  const said = /(\d+) approved claims? (?:is|are) waiting to be paid: (£[\d,.]+)/.exec(text);
  assert.ok(said, text.slice(0, 400));
  assert.equal(numberOf(said[1]!), waiting!.n);
  assert.equal(penceOf(said[2]!), waiting!.pence);

  const table = tableOf(page.body, /Payment batches/);
  const batches = await rows<{ reference: number; n: number; pence: number; id: string }>(
    sql`select b.id, b.reference, (select count(*)::int from expense_claims c where c.batch_id = b.id) as n,
          (select coalesce(sum(c.approved_pence), 0)::int from expense_claims c where c.batch_id = b.id) as pence
        from payment_batches b`,
  );
  assertFirstPage(page.body, table.rows.length, batches.length);
  for (const b of batches.filter((b) => b.id === batch.paid || b.id === batch.open)) {
    const row = rowOf(table, `Batch ${b.reference}`);
    assert.equal(numberOf(row.Claims!), b.n, `claims in batch ${b.reference}`);
    assert.equal(penceOf(row.Total!), b.pence, `total of batch ${b.reference}`);
  }
  for (const id of [batch.paid, batch.open]) {
    const one = await unit.get(`/expenses/payments/${id}`);
    const lines = tableOf(one.body, /Claims in the batch/);
    const inBatch = await rows<{ reference: number; pence: number }>(
      sql`select reference, approved_pence as pence from expense_claims where batch_id = ${id}`,
    );
    assert.equal(lines.rows.length, inBatch.length);
    for (const c of inBatch)
      assert.equal(penceOf(rowOf(lines, `Claim ${c.reference}`).Amount!), c.pence);
  }
});

test("must show: the budgets page shows each group's budget, committed, paid and left for the year, and the totals", async () => {
  const page = await (await signInAccount(t, director)).get('/expenses/budgets?year=2026');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Committed/);
  const groups = await rows<{
    name: string;
    budget: number | null;
    committed: number;
    paid: number;
  }>(
    sql`select g.name,
          (select amount_pence from expense_budgets b where b.group_id = g.id and b.year_start = 2026) as budget,
          (select coalesce(sum(approved_pence), 0)::int from expense_claims c where c.group_id = g.id
             and c.submitted_on between '2026-04-01' and '2027-03-31'
             and c.status in ('awaiting_second_approval', 'approved', 'part_approved')) as committed,
          (select coalesce(sum(approved_pence), 0)::int from expense_claims c where c.group_id = g.id
             and c.submitted_on between '2026-04-01' and '2027-03-31' and c.status = 'paid') as paid
        from advisory_groups g where g.status <> 'closed'`,
  );
  assert.match(table.caption, new RegExp(`^${groups.length} groups?$`));
  // The body rows are the groups; the last row is "Every group".
  const groupRows = rowRecords(table).filter((r) => r.Group !== 'Every group');
  assertFirstPage(page.body, groupRows.length, groups.length);
  const race = groups.find((g) => g.name === 'Race Independent Advisory Group')!;
  const youth = groups.find((g) => g.name === 'Youth Independent Advisory Group')!;
  assert.deepEqual(
    [race, youth].map((g) => [g.budget, g.committed, g.paid]),
    [
      [50000, 2000 + 700, 0],
      [20000, 9000, 3000],
    ],
    'the data is as made',
  );
  for (const g of groups) {
    const row = groupRows.find((r) => r.Group!.startsWith(g.name));
    if (!row) continue; // on a later page
    assert.equal(
      row.Budget === 'Not set' ? null : penceOf(row.Budget!),
      g.budget,
      `budget of ${g.name}`,
    );
    assert.equal(penceOf(row.Committed!), g.committed, `committed by ${g.name}`);
    assert.equal(penceOf(row.Paid!), g.paid, `paid by ${g.name}`);
    if (g.budget !== null)
      assert.equal(penceOf(row.Left!), g.budget - g.committed - g.paid, `left to ${g.name}`);
  }
  const [totals] = await rows<{ budget: number; committed: number; paid: number }>(
    sql`select (select coalesce(sum(b.amount_pence), 0)::int from expense_budgets b
                join advisory_groups g on g.id = b.group_id
                where b.year_start = 2026 and g.status <> 'closed') as budget,
          coalesce(sum(c.approved_pence) filter (where c.status in ('awaiting_second_approval', 'approved', 'part_approved')), 0)::int as committed,
          coalesce(sum(c.approved_pence) filter (where c.status = 'paid'), 0)::int as paid
        from expense_claims c join advisory_groups g on g.id = c.group_id
        where c.submitted_on between '2026-04-01' and '2027-03-31' and g.status <> 'closed'`,
  );
  const every = table.rows.find((r) => r[0] === 'Every group')!;
  assert.deepEqual(
    every.slice(1, 4).map(penceOf),
    [totals!.budget, totals!.committed, totals!.paid],
    'the totals of every group',
  );
});

test('must show: expenses per advisor counts each advisor their claims, committed and paid for the year', async () => {
  const page = await (
    await signInAccount(t, unitAccount)
  ).get('/expenses/budgets/advisors?year=2026');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Committed/);
  const advisors = await rows<{ name: string; n: number; committed: number; paid: number }>(
    sql`select p.full_name as name, count(*)::int as n,
          coalesce(sum(c.approved_pence) filter (where c.status in ('awaiting_second_approval', 'approved', 'part_approved')), 0)::int as committed,
          coalesce(sum(c.approved_pence) filter (where c.status = 'paid'), 0)::int as paid
        from expense_claims c join people p on p.id = c.claimant_person_id
        where c.submitted_on between '2026-04-01' and '2027-03-31'
          and c.status in ('awaiting_second_approval', 'approved', 'part_approved', 'paid')
        group by p.full_name`,
  );
  assert.match(table.caption, new RegExp(`^${advisors.length} advisors?, the most first$`));
  assertFirstPage(page.body, table.rows.length, advisors.length);
  for (const a of advisors) {
    const row = rowOf(table, a.name);
    assert.equal(numberOf(row.Claims!), a.n, `claims of ${a.name}`);
    assert.equal(penceOf(row.Committed!), a.committed, `committed for ${a.name}`);
    assert.equal(penceOf(row.Paid!), a.paid, `paid to ${a.name}`);
  }
  const avery = advisors.find((a) => a.name === 'Avery Advisor')!;
  const jordan = advisors.find((a) => a.name === 'Jordan Okafor')!;
  assert.notDeepEqual(
    [avery.n, avery.committed, avery.paid],
    [jordan.n, jordan.committed, jordan.paid],
  );
});

test("must show: the auditors' list of claims states the number and the sums claimed, approved and paid in the period", async () => {
  const query = new URLSearchParams({
    ...dateFields('from', '2026-09-01'),
    ...dateFields('to', '2026-11-30'),
  });
  const page = await (await signInAccount(t, unitAccount)).get(`/expenses/audit?${query}`);
  assert.equal(page.statusCode, 200);
  const [sums] = await rows<{ n: number; claimed: number; approved: number; paid: number }>(
    sql`select count(*)::int as n, coalesce(sum(claimed_pence), 0)::int as claimed,
          coalesce(sum(approved_pence), 0)::int as approved,
          coalesce(sum(approved_pence) filter (where status = 'paid'), 0)::int as paid
        from expense_claims where submitted_on between '2026-09-01' and '2026-11-30'`,
  );
  assert.ok(sums!.n >= 6);
  const said =
    /([\d,]+) claims? sent from 1 September 2026 to 30 November 2026: claimed (£[\d,.]+), approved (£[\d,.]+), paid (£[\d,.]+)/.exec(
      textOf(mainOf(page.body)),
    );
  assert.ok(said, textOf(mainOf(page.body)).slice(0, 500));
  assert.deepEqual(
    [numberOf(said[1]!), penceOf(said[2]!), penceOf(said[3]!), penceOf(said[4]!)],
    [sums!.n, sums!.claimed, sums!.approved, sums!.paid],
  );
  const table = tableOf(page.body, /Decided by/);
  assertFirstPage(page.body, table.rows.length, sums!.n);
});

test("must show: disputes waiting list one row for each open dispute at the reader's stage", async () => {
  for (const role of ['chair', 'director'] as const) {
    const page = await (
      await signInAccount(t, role === 'chair' ? chair : director)
    ).get('/expenses/disputes');
    assert.equal(page.statusCode, 200);
    const [expected] =
      role === 'chair'
        ? await rows<{ n: number }>(
            sql`select count(*)::int as n from expense_disputes d join expense_claims c on c.id = d.claim_id
                where d.status = 'open' and d.stage = 'chair' and c.group_id = ${group.race}`,
          )
        : await rows<{ n: number }>(
            sql`select count(*)::int as n from expense_disputes where status = 'open' and stage = 'director'`,
          );
    assert.ok(expected!.n >= 1, `${role} has a dispute waiting`);
    const table = tableOf(page.body, /Waiting for your decision/);
    assertFirstPage(page.body, table.rows.length, expected!.n);
    const figure = role === 'chair' ? 'Figures J3' : 'Figures A2';
    assert.ok(
      table.rows.some((r) => r[0]!.endsWith(figure)),
      `${figure} waits for the ${role}`,
    );
  }
});
