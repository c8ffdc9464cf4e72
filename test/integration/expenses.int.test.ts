import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, count, eq, like } from 'drizzle-orm';
import { testConfig } from '../../src/app.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import {
  expenseBudgets,
  expenseClaims,
  expenseDisputes,
  expenseItems,
  paymentBatches,
} from '../../src/modules/expenses/schema.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { formatDateTime } from '../words.js';
import { outbox } from '../../src/platform/mail/schema.js';
import {
  createTestApp,
  demoAccount,
  groupIdByCode,
  principalFor,
  type Agent,
  type TestApp,
} from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeExpenseClaim, type ExpenseCost } from '../factories/expenses.js';
import { makeGroup, makeMember } from '../factories/groups.js';
import { makeMeeting, recordAttendance } from '../factories/meetings.js';

let t: TestApp;
/** The coordination unit's account and the Director's, in the app every test shares. */
let unitAccount: FactoryAccount;
let directorAccount: FactoryAccount;
let unit: UserPrincipal;
/** Another member of the coordination unit, for second approvals. */
let secondUnit: UserPrincipal;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

/** The app each test uses (or makes for itself, when it counts across the whole database). */
const newApp = () =>
  createTestApp({
    demo: false,
    config: { files: { ...testConfig().files, maxBytes: 1024 * 1024 } },
  });

/** Who decides claims in an app: the coordination unit, and the Director (also second approver). */
async function makeDeciders(app: TestApp) {
  const unitAccount = await makeAccount(app, { role: 'coordination_unit' });
  const directorAccount = await makeAccount(app, { role: 'director' });
  const director = await principalFor(app, directorAccount.email);
  return {
    unitAccount,
    directorAccount,
    unit: await principalFor(app, unitAccount.email),
    secondUnit: {
      ...director,
      roles: [{ role: 'coordination_unit', scopeType: null, scopeId: null }],
    } as UserPrincipal,
  };
}

interface ClaimGroup {
  id: string;
  /** The meeting a fortnight ago, which may be claimed for. */
  meetingId: string;
  /** Avery Advisor, a member, and the group's chair. */
  avery: FactoryAccount;
  chair: FactoryAccount;
}

/**
 * A test's own group to claim for: a corporate IAG of its own (or the one given, the Race IAG in
 * a database of its own), Avery Advisor and a chair appointed in June, and its meetings a
 * fortnight ago (claimable) and four months ago (too late: IAG-11).
 */
async function makeClaimGroup(app: TestApp, groupId?: string): Promise<ClaimGroup> {
  const id = groupId ?? (await makeGroup(app, { type: 'corporate_iag' })).id;
  const avery = await makeMember(app, id, { name: 'Avery Advisor', startsOn: '2026-06-01' });
  const chair = await makeMember(app, id, { chair: true, startsOn: '2026-06-01' });
  let meetingId = '';
  for (const [title, date] of [
    ['Race Independent Advisory Group full meeting', '2026-07-20'],
    ['Race IAG extraordinary meeting', '2026-11-09'],
  ]) {
    const held = await makeMeeting(app, id, { title: title!, date: date! });
    await recordAttendance(app, held.id);
    meetingId = held.id;
  }
  return { id, meetingId, avery, chair };
}

/** Avery's claim for the group's meeting, with these costs, sent. */
function sentClaim(app: TestApp, group: ClaimGroup, costs: ExpenseCost[]) {
  return makeExpenseClaim(app, group.avery, {
    occasion: `meeting:${group.meetingId}`,
    costs,
    submit: true,
  });
}

/** The fare, mileage and food of the first claim: £14.60 + 12.5 miles at 45p (£5.63) + £9.00. */
const THREE_COSTS: ExpenseCost[] = [
  {
    category: 'public_transport',
    incurredOn: '2026-11-09',
    description: 'Return train, Enfield to Earls Court',
    amount: '14.60',
  },
  {
    category: 'mileage',
    incurredOn: '2026-11-09',
    description: 'To the station and back',
    miles: '12.5',
  },
  { category: 'subsistence', incurredOn: '2026-11-09', description: 'Sandwich', amount: '9' },
];

/** The fare part-approved at £10.00 with its reason, the rest in full. */
async function partApproval(app: TestApp, claimId: string) {
  const fields: Record<string, string> = { decision: 'part_approve' };
  const items = await app.services.db
    .select()
    .from(expenseItems)
    .where(eq(expenseItems.claimId, claimId));
  for (const i of items) fields[`approved-${i.id}`] = (i.claimedPence / 100).toFixed(2);
  const fare = items.find((i) => i.category === 'public_transport')!;
  return {
    ...fields,
    [`approved-${fare.id}`]: '10.00',
    [`reason-${fare.id}`]: 'Off-peak fare only',
  };
}

before(async () => {
  // No demo data: each test makes the group, people and meetings it reads. The tests that name
  // the Race IAG (reference data) use it in a database of their own.
  t = await newApp();
  ({ unitAccount, directorAccount, unit, secondUnit } = await makeDeciders(t));
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

const claimsOf = (app: TestApp = t) => app.services.db.select().from(expenseClaims);
const claimById = async (id: string, app: TestApp = t) =>
  (await app.services.db.select().from(expenseClaims).where(eq(expenseClaims.id, id)))[0]!;
const auditCount = async (prefix: string, app: TestApp = t) =>
  Number(
    (
      await app.services.db
        .select({ n: count() })
        .from(auditEvents)
        .where(like(auditEvents.action, `${prefix}%`))
    )[0]!.n,
  );
const dated = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { 'incurredOn-day': day!, 'incurredOn-month': month!, 'incurredOn-year': year! };
};

/** Starts a claim for the group's meeting and returns its id. */
async function startClaim(agent: Agent, group: ClaimGroup) {
  const res = await agent.post('/expenses/new', { occasion: `meeting:${group.meetingId}` });
  assert.equal(res.statusCode, 303);
  return /\/expenses\/([0-9a-f-]{36})\/items\/new/.exec(res.headers.location ?? '')![1]!;
}

async function addCost(agent: Agent, claimId: string, fields: Record<string, string>) {
  return agent.postFile(`/expenses/${claimId}/items/new`, fields, null);
}

test('IAG-11, IAG-14: an advisor starts a claim and adds costs; bad input names each field and writes nothing', async () => {
  const group = await makeClaimGroup(t);
  const avery = await signInAccount(t, group.avery);
  const claimsBefore = (await claimsOf()).length;
  const itemsBefore = (await t.services.db.select().from(expenseItems)).length;
  const form = await avery.get('/expenses/new');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Race IAG extraordinary meeting, 9 November 2026/);
  // The meeting four months ago is past the three months: not offered.
  assert.doesNotMatch(form.body, /Race Independent Advisory Group full meeting/);
  const none = await avery.post('/expenses/new', {});
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /href="#occasion"[^>]*>Select what you are claiming for/);
  const other = await avery.post('/expenses/new', { occasion: 'other' });
  assert.match(other.body, /href="#groupId"/);
  assert.match(other.body, /href="#what"/);
  assert.equal((await claimsOf()).length, claimsBefore);

  const claimId = await startClaim(avery, group);
  const before = await auditCount('expense-item');
  const empty = await addCost(avery, claimId, {});
  assert.equal(empty.statusCode, 400);
  for (const field of ['category', 'incurredOn-day', 'description', 'amount'])
    assert.match(empty.body, new RegExp(`href="#${field}"`), field);
  // IAG-14: there is no fee to claim, whatever the form is sent.
  const fee = await addCost(avery, claimId, {
    category: 'fee',
    ...dated('2026-11-09'),
    description: 'Attendance',
    amount: '50',
  });
  assert.match(fee.body, /href="#category"[^>]*>Select what kind of cost it is/);
  // IAG-11: incurred more than three months ago: refused with its last day.
  const late = await addCost(avery, claimId, {
    category: 'public_transport',
    ...dated('2026-08-22'),
    description: 'Train',
    amount: '12.40',
  });
  assert.match(
    late.body,
    /This cost was incurred on 22 August 2026: it could be claimed until 22 November 2026, three months later \(IAG-11\)/,
  );
  const future = await addCost(avery, claimId, {
    category: 'parking',
    ...dated('2026-11-24'),
    description: 'Parking',
    amount: '5',
  });
  assert.match(future.body, /today or in the past/);
  const word = await avery.postFile(
    `/expenses/${claimId}/items/new`,
    { category: 'parking', ...dated('2026-11-09'), description: 'Parking', amount: '5' },
    { field: 'receipt', name: 'receipt.docx', bytes: Buffer.from('PK\x03\x04 not a receipt') },
  );
  assert.match(word.body, /href="#receipt"[^>]*>The selected file must be a PDF, PNG or JPEG/);
  const badAmount = await addCost(avery, claimId, {
    category: 'parking',
    ...dated('2026-11-09'),
    description: 'Parking',
    amount: '5.555',
  });
  assert.match(badAmount.body, /Enter the amount in pounds and pence/);
  assert.equal(await auditCount('expense-item'), before);
  assert.equal((await t.services.db.select().from(expenseItems)).length, itemsBefore);

  // A fare with its receipt; mileage worked out at the rate; food and drink up to the limit.
  const fare = await avery.postFile(
    `/expenses/${claimId}/items/new`,
    {
      category: 'public_transport',
      ...dated('2026-11-09'),
      description: 'Return train, Enfield to Earls Court',
      amount: '£14.60',
    },
    { field: 'receipt', name: 'ticket.pdf', bytes: PDF },
  );
  assert.equal(fare.statusCode, 303);
  assert.equal(
    (
      await addCost(avery, claimId, {
        category: 'mileage',
        ...dated('2026-11-09'),
        description: 'To the station and back',
        miles: '12.5',
      })
    ).statusCode,
    303,
  );
  assert.equal(
    (
      await addCost(avery, claimId, {
        category: 'subsistence',
        ...dated('2026-11-09'),
        description: 'Sandwich',
        amount: '9',
      })
    ).statusCode,
    303,
  );
  const tooMuch = await addCost(avery, claimId, {
    category: 'subsistence',
    ...dated('2026-11-09'),
    description: 'Dinner',
    amount: '7',
  });
  assert.match(
    tooMuch.body,
    /Food and drink is reimbursed up to £15.00 a day: with this, 9 November 2026 comes to £16.00/,
  );
  const claim = await claimById(claimId);
  // £14.60 + 12.5 miles at 45p (£5.63) + £9.00: money is whole pence.
  assert.equal(claim.claimedPence, 1460 + 563 + 900);
  const page = await avery.get(`/expenses/${claimId}`);
  assert.match(page.body, /£29.23/);
  assert.match(page.body, /Last day to claim/);
  assert.match(page.body, /9 February 2027/);
  assert.match(page.body, /ticket.pdf<\/a>/);
  const receipt = /href="(\/expenses\/[^"]+\/receipt)"/.exec(page.body)![1]!;
  assert.equal((await avery.get(receipt)).statusCode, 200);

  // Nobody else reads or changes it: another advisor, a requester.
  const charlie = await signInAccount(t, group.chair);
  assert.equal((await charlie.get(`/expenses/${claimId}`)).statusCode, 404);
  assert.equal((await charlie.get(receipt)).statusCode, 404);
  assert.equal((await addCost(charlie, claimId, { category: 'parking' })).statusCode, 404);
  const riley = await signInAccount(t, await makeAccount(t, { role: 'requester' }));
  assert.equal((await riley.get('/expenses')).statusCode, 403);
  assert.equal((await riley.get('/expenses/to-decide')).statusCode, 403);
});

test('IAG-11: a claim is sent once; the advisor is told; it cannot change afterwards', async () => {
  const group = await makeClaimGroup(t);
  const claim = await makeExpenseClaim(t, group.avery, {
    occasion: `meeting:${group.meetingId}`,
    costs: THREE_COSTS,
  });
  const avery = await signInAccount(t, group.avery);
  const sent = await avery.post(`/expenses/${claim.id}/submit`, {});
  assert.equal(sent.statusCode, 303);
  const after = await claimById(claim.id);
  assert.equal(after.status, 'submitted');
  assert.equal(after.submittedOn, '2026-11-23');
  const [mail] = await t.services.db
    .select()
    .from(outbox)
    .where(like(outbox.subject, `Expense claim ${claim.reference} has reached%`));
  assert.ok(mail, 'the advisor is e-mailed');
  assert.equal((await avery.post(`/expenses/${claim.id}/submit`, {})).statusCode, 400);
  assert.equal(
    (
      await addCost(avery, claim.id, {
        category: 'parking',
        ...dated('2026-11-09'),
        description: 'Parking',
        amount: '4',
      })
    ).statusCode,
    409,
  );
});

test('the unit part-approves item by item with reasons; the advisor is told; nobody decides their own claim', async () => {
  const group = await makeClaimGroup(t);
  const claim = await sentClaim(t, group, THREE_COSTS);
  const items = await t.services.db
    .select()
    .from(expenseItems)
    .where(eq(expenseItems.claimId, claim.id));
  const casey = await signInAccount(t, unitAccount);
  const queue = await casey.get('/expenses/to-decide');
  assert.match(queue.body, /Race IAG extraordinary meeting/);
  assert.match(queue.body, new RegExp(`>${claim.reference}: Race IAG extraordinary meeting`));
  const url = `/expenses/${claim.id}/decision`;
  assert.equal((await casey.get(url)).statusCode, 200);
  const avery = await signInAccount(t, group.avery);
  assert.equal((await avery.get(url)).statusCode, 403);

  const none = await casey.post(url, {});
  assert.match(none.body, /href="#decision"/);
  const reject = await casey.post(url, { decision: 'reject' });
  assert.match(reject.body, /Enter why the claim is rejected/);
  const fare = items.find((i) => i.category === 'public_transport')!;
  const partFields: Record<string, string> = { decision: 'part_approve' };
  for (const i of items) partFields[`approved-${i.id}`] = (i.claimedPence / 100).toFixed(2);
  const noReason = await casey.post(url, { ...partFields, [`approved-${fare.id}`]: '10.00' });
  assert.match(noReason.body, new RegExp(`href="#reason-${fare.id}"`));
  const tooMuch = await casey.post(url, { ...partFields, [`approved-${fare.id}`]: '20.00' });
  assert.match(tooMuch.body, /cannot be more than was claimed/);
  assert.equal((await claimById(claim.id)).status, 'submitted', 'refusals change nothing');

  const decided = await casey.post(url, {
    ...partFields,
    [`approved-${fare.id}`]: '10.00',
    [`reason-${fare.id}`]: 'Off-peak fare only',
  });
  assert.equal(decided.statusCode, 303);
  const after = await claimById(claim.id);
  assert.equal(after.status, 'part_approved');
  assert.equal(after.approvedPence, 1000 + 563 + 900);
  const page = await avery.get(`/expenses/${claim.id}`);
  assert.match(page.body, /Partly approved/);
  assert.match(page.body, /Off-peak fare only/);
  const [told] = await t.services.db
    .select()
    .from(outbox)
    .where(like(outbox.subject, `Expense claim ${claim.reference} has been partly approved%`));
  assert.match(told!.bodyText, /£24.63 of £29.23/);
  assert.equal((await casey.post(url, { decision: 'approve' })).statusCode, 409, 'decided once');

  // A claim whose claimant is the decider is refused, whatever its state.
  const [own] = await t.services.db
    .insert(expenseClaims)
    .values({
      claimantPersonId: group.avery.personId,
      claimantUserId: unit.userId,
      groupId: group.id,
      occasion: 'other',
      occasionText: 'Own claim',
      status: 'submitted',
      claimedPence: 500,
      createdAt: new Date(),
      submittedAt: new Date(),
      submittedOn: '2026-11-23',
    })
    .returning();
  await assert.rejects(
    t.services.expenseProcessing.decide(unit, own!.id, { decision: 'approve' }),
    /Nobody may decide their own claim/,
  );
});

test('above the threshold an approval waits for a second approver, never the first; a budget overrun is warned of', async () => {
  const group = await makeClaimGroup(t);
  // The group has already had £24.63 approved this year: the first claim, part-approved.
  const first = await sentClaim(t, group, THREE_COSTS);
  await t.services.expenseProcessing.decide(unit, first.id, await partApproval(t, first.id));
  assert.equal((await claimById(first.id)).approvedPence, 2463);
  const avery = await signInAccount(t, group.avery);
  const claimId = await startClaim(avery, group);
  await addCost(avery, claimId, {
    category: 'care',
    ...dated('2026-11-09'),
    description: 'Childminder for the evening',
    amount: '120',
  });
  await avery.post(`/expenses/${claimId}/submit`, {});
  await t.services.db.insert(expenseBudgets).values({
    groupId: group.id,
    yearStart: 2026,
    amountPence: 13_000,
    holder: 'dcfd',
    setAt: new Date(),
  });
  const decided = await t.services.expenseProcessing.decide(unit, claimId, { decision: 'approve' });
  assert.equal(decided.status, 'awaiting_second_approval');
  // £24.63 already approved + £120 is over the £130 budget.
  assert.match(decided.warning!, /£144.63, over its budget of £130.00/);
  await assert.rejects(
    t.services.expenseProcessing.secondApproval(unit, claimId, { confirm: 'yes' }),
    /someone other than the first approver/,
  );
  await assert.rejects(
    t.services.expenseProcessing.secondApproval(secondUnit, claimId, { confirm: 'no' }),
    /Enter why it needs a new decision/,
  );
  const confirmed = await t.services.expenseProcessing.secondApproval(secondUnit, claimId, {
    confirm: 'yes',
  });
  assert.equal(confirmed.status, 'approved');
  const [claim] = await t.services.db
    .select()
    .from(expenseClaims)
    .where(and(eq(expenseClaims.id, claimId)));
  assert.equal(claim!.secondApprovedBy, secondUnit.userId);
  assert.equal(claim!.approvedPence, 12_000);
});

test('IAG-11: a cost on its last day is sent that day, and not the day after', async () => {
  const group = await makeClaimGroup(t);
  let avery = await signInAccount(t, group.avery);
  const claimId = await startClaim(avery, group);
  // 23 August: its last day is today, 23 November.
  assert.equal(
    (
      await addCost(avery, claimId, {
        category: 'parking',
        ...dated('2026-08-23'),
        description: 'Parking at the vigil',
        amount: '6',
      })
    ).statusCode,
    303,
  );
  const waiting = await avery.get(`/expenses/${claimId}`);
  assert.match(waiting.body, /23 November 2026/);
  assert.doesNotMatch(waiting.body, /Too late/);
  t.clock.advanceMinutes(24 * 60);
  // A day later (signed in afresh: sessions lapse when idle).
  avery = await signInAccount(t, group.avery);
  const page = await avery.get(`/expenses/${claimId}`);
  assert.match(page.body, /Too late/);
  const refused = await avery.post(`/expenses/${claimId}/submit`, {});
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /it could be claimed until 23 November 2026/);
  const [claim] = await t.services.db
    .select()
    .from(expenseClaims)
    .where(eq(expenseClaims.id, claimId));
  assert.equal(claim!.status, 'draft');
});

test('IAG-11: approved claims are paid in one batch, exported in the set layout, paid once; totals are the sum of their lines', async () => {
  // Every approved claim waiting goes into the batch: in a database of its own, the two here,
  // the first claim part-approved and one above the threshold approved twice.
  const own = await newApp();
  try {
    const deciders = await makeDeciders(own);
    const group = await makeClaimGroup(own, await groupIdByCode(own, 'iag-race'));
    const first = await sentClaim(own, group, THREE_COSTS);
    await own.services.expenseProcessing.decide(
      deciders.unit,
      first.id,
      await partApproval(own, first.id),
    );
    const care = await sentClaim(own, group, [
      { category: 'care', incurredOn: '2026-11-09', description: 'Childminder', amount: '120' },
    ]);
    await own.services.expenseProcessing.decide(deciders.unit, care.id, { decision: 'approve' });
    await own.services.expenseProcessing.secondApproval(deciders.secondUnit, care.id, {
      confirm: 'yes',
    });
    const casey = await signInAccount(own, deciders.unitAccount);
    const made = await casey.post('/expenses/payments', {});
    assert.equal(made.statusCode, 303);
    const batchUrl = made.headers.location!;
    const approved = await own.services.db
      .select()
      .from(expenseClaims)
      .where(eq(expenseClaims.status, 'approved'));
    const partly = await own.services.db
      .select()
      .from(expenseClaims)
      .where(eq(expenseClaims.status, 'part_approved'));
    const inBatch = [...approved, ...partly];
    assert.equal(inBatch.length, 2);
    const [batch] = await own.services.db.select().from(paymentBatches);
    assert.equal(batch!.claimCount, 2);
    assert.equal(
      batch!.totalPence,
      inBatch.reduce((sum, c) => sum + c.approvedPence!, 0),
    );
    assert.ok(inBatch.every((c) => c.batchId === batch!.id));
    // Nothing is left to pay: a second batch is refused and nothing is written.
    assert.equal((await casey.post('/expenses/payments', {})).statusCode, 409);
    assert.equal((await own.services.db.select().from(paymentBatches)).length, 1);

    const csv = await casey.post(`${batchUrl}/batch.csv`, {});
    assert.equal(csv.statusCode, 200);
    const lines = csv.body.trim().split('\n');
    assert.equal(
      lines[0],
      'Batch,Claim,Payee,Payee ID,Cost centre,Group,Submitted,Approved,Amount',
    );
    assert.equal(lines.length, 3);
    // Corporate groups are paid from the Diversity and Citizen Focus Directorate's budget.
    assert.match(
      lines[1]!,
      /,Avery Advisor,[0-9a-f-]{36},dcfd,Race Independent Advisory Group,2026-11-23,2026-11-23,/,
    );
    const amounts = lines.slice(1).map((l) => Math.round(Number(l.split(',').at(-1)) * 100));
    assert.equal(
      amounts.reduce((a, b) => a + b, 0),
      batch!.totalPence,
    );
    assert.equal((await casey.get(batchUrl)).statusCode, 200);
    const avery = await signInAccount(own, group.avery);
    assert.equal((await avery.get(batchUrl)).statusCode, 403);
    assert.equal((await avery.get(`${batchUrl}/batch.csv`)).statusCode, 403);

    assert.equal((await casey.post(`${batchUrl}/paid`, {})).statusCode, 303);
    const paid = await own.services.db
      .select()
      .from(expenseClaims)
      .where(eq(expenseClaims.status, 'paid'));
    assert.equal(paid.length, 2);
    assert.equal((await casey.post(`${batchUrl}/paid`, {})).statusCode, 409, 'never paid twice');
    const told = await own.services.db
      .select()
      .from(outbox)
      .where(like(outbox.subject, 'Expense claim % has been paid'));
    assert.equal(told.length, 2);
  } finally {
    await own.close();
  }
});

test('IAG-11: two batches made at the same moment never share a claim', async () => {
  // A batch takes every approved claim waiting, and the batches are counted: a database of its
  // own.
  const own = await newApp();
  try {
    const { unit: ownUnit } = await makeDeciders(own);
    const group = await makeClaimGroup(own);
    const avery = await signInAccount(own, group.avery);
    const claimId = await startClaim(avery, group);
    await addCost(avery, claimId, {
      category: 'parking',
      ...dated('2026-11-20'),
      description: 'Parking',
      amount: '8',
    });
    await avery.post(`/expenses/${claimId}/submit`, {});
    await own.services.expenseProcessing.decide(ownUnit, claimId, { decision: 'approve' });
    const results = await Promise.allSettled([
      own.services.payments.createBatch(ownUnit),
      own.services.payments.createBatch(ownUnit),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.match(
      String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason),
      /No approved claims are waiting/,
    );
    const claim = await claimById(claimId, own);
    const batches = await own.services.db.select().from(paymentBatches);
    // Only the batch that took the claim: the empty one was never kept.
    assert.equal(batches.length, 1, 'the empty one was never kept');
    assert.ok(batches.some((b) => b.id === claim.batchId && b.claimCount === 1));
  } finally {
    await own.close();
  }
});

test('IAG-13: a dispute goes to the chair, then, not upheld, to the Director, whose decision is final', async () => {
  const group = await makeClaimGroup(t);
  const avery = await signInAccount(t, group.avery);
  const claimId = await startClaim(avery, group);
  await addCost(avery, claimId, {
    category: 'other',
    ...dated('2026-11-20'),
    description: 'Printing leaflets for the meeting',
    amount: '30',
  });
  await avery.post(`/expenses/${claimId}/submit`, {});
  await t.services.expenseProcessing.decide(unit, claimId, {
    decision: 'reject',
    reason: 'Printing is provided by the unit',
  });
  const raise = `/expenses/${claimId}/dispute/new`;
  const empty = await avery.post(raise, {});
  assert.match(empty.body, /href="#reason"[^>]*>Enter why you disagree/);
  // Only the advisor whose claim it is.
  const riley = await signInAccount(t, await makeAccount(t, { role: 'requester' }));
  assert.equal((await riley.get(raise)).statusCode, 403);
  assert.equal(
    (await avery.post(raise, { reason: 'The unit was closed that week' })).statusCode,
    303,
  );
  assert.equal((await avery.post(raise, { reason: 'Again' })).statusCode, 409);

  // The chair of the group decides first; the Director may not yet.
  const charlie = await signInAccount(t, group.chair);
  const dana = await signInAccount(t, directorAccount);
  const decide = `/expenses/${claimId}/dispute`;
  assert.match((await charlie.get('/expenses/disputes')).body, /Printing|Race IAG extraordinary/);
  assert.equal((await dana.get(decide)).statusCode, 404);
  const noReason = await charlie.post(decide, { decision: 'not_upheld' });
  assert.match(noReason.body, /Enter the reason for your decision/);
  assert.equal(
    (await charlie.post(decide, { decision: 'not_upheld', reason: 'The unit offered printing' }))
      .statusCode,
    303,
  );
  // Not upheld: a new dispute is refused; the advisor refers it to the Director.
  assert.equal((await avery.get(raise)).statusCode, 409);
  const refer = `/expenses/${claimId}/dispute/refer`;
  assert.equal(
    (await avery.post(refer, { reason: 'I could not reach the unit in time' })).statusCode,
    303,
  );
  assert.equal((await charlie.get(decide)).statusCode, 404, 'the chair has had their say');
  assert.equal(
    (await dana.post(decide, { decision: 'upheld', reason: 'Reasonable in the circumstances' }))
      .statusCode,
    303,
  );
  const [claim] = await t.services.db
    .select()
    .from(expenseClaims)
    .where(eq(expenseClaims.id, claimId));
  assert.equal(claim!.status, 'approved');
  assert.equal(claim!.approvedPence, 3000);
  const page = await avery.get(`/expenses/${claimId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /The group(&#39;|')s chair did not uphold it/);
  assert.match(page.body, /The Director upheld it/);
  // Final: no further dispute, no further referral.
  assert.equal((await avery.get(raise)).statusCode, 409);
  assert.equal((await avery.get(refer)).statusCode, 409);
  const [record] = await t.services.db
    .select()
    .from(expenseDisputes)
    .where(eq(expenseDisputes.claimId, claimId));
  assert.equal(record!.chairDecision, 'not_upheld');
  assert.equal(record!.directorDecision, 'upheld');
});

test('IAG-11: budgets per group and year, spend committed and paid, per advisor, and the claims for auditors; totals are the sum of their lines', async () => {
  // The overview and the auditors' report cover every group and claim, and the budget set is
  // counted in the audit trail: a database of its own, holding a claim of each kind.
  const own = await newApp();
  try {
    const deciders = await makeDeciders(own);
    const group = await makeClaimGroup(own, await groupIdByCode(own, 'iag-race'));
    // Paid: part-approved, batched and paid.
    const first = await sentClaim(own, group, THREE_COSTS);
    await own.services.expenseProcessing.decide(
      deciders.unit,
      first.id,
      await partApproval(own, first.id),
    );
    const batch = await own.services.payments.createBatch(deciders.unit);
    await own.services.payments.markPaid(deciders.unit, batch.id);
    // Committed: one approved, one waiting for its second approver; one still a draft.
    const printing = await sentClaim(own, group, [
      { category: 'other', incurredOn: '2026-11-20', description: 'Printing', amount: '30' },
    ]);
    await own.services.expenseProcessing.decide(deciders.unit, printing.id, {
      decision: 'approve',
    });
    const care = await sentClaim(own, group, [
      { category: 'care', incurredOn: '2026-11-09', description: 'Childminder', amount: '120' },
    ]);
    await own.services.expenseProcessing.decide(deciders.unit, care.id, { decision: 'approve' });
    await makeExpenseClaim(own, group.avery, {
      occasion: `meeting:${group.meetingId}`,
      costs: [{ category: 'parking', incurredOn: '2026-11-20', amount: '6' }],
    });
    const casey = await signInAccount(own, deciders.unitAccount);
    const setUrl = `/expenses/budgets/${group.id}?year=2026`;
    assert.match((await casey.get(setUrl)).body, /Diversity and Citizen Focus Directorate/);
    const bad = await casey.post(setUrl, { amount: 'lots' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#amount"/);
    assert.equal((await casey.post(setUrl, { amount: '2,500' })).statusCode, 303);
    const [budget] = await own.services.db
      .select()
      .from(expenseBudgets)
      .where(eq(expenseBudgets.groupId, group.id));
    assert.equal(budget!.amountPence, 250_000);
    assert.equal(budget!.holder, 'dcfd');
    assert.equal(await auditCount('expense-budget.set', own), 1);

    const overview = await own.services.budgets.overview(
      deciders.unit,
      { year: '2026' },
      {
        page: 1,
        limit: 500,
        offset: 0,
      },
    );
    const race = overview.items.find((g) => g.id === group.id)!;
    const claims = await claimsOf(own);
    const sum = (status: string[]) =>
      claims
        .filter((c) => c.groupId === group.id && status.includes(c.status))
        .reduce((total, c) => total + (c.approvedPence ?? 0), 0);
    assert.equal(race.paidPence, sum(['paid']));
    assert.equal(
      race.committedPence,
      sum(['approved', 'part_approved', 'awaiting_second_approval']),
    );
    assert.equal(race.remainingPence, 250_000 - race.paidPence - race.committedPence);
    for (const key of ['committedPence', 'paidPence'] as const)
      assert.equal(
        overview.totals[key],
        overview.items.reduce((total, g) => total + g[key], 0),
        key,
      );
    assert.equal((await casey.get('/expenses/budgets?year=2026')).statusCode, 200);
    assert.equal((await casey.get('/expenses/budgets/advisors?year=2026')).statusCode, 200);

    // The Director reads the budgets but does not set them; an advisor sees neither.
    const dana = await signInAccount(own, deciders.directorAccount);
    assert.equal((await dana.get('/expenses/budgets')).statusCode, 200);
    assert.equal((await dana.post(setUrl, { amount: '1' })).statusCode, 403);
    const avery = await signInAccount(own, group.avery);
    assert.equal((await avery.get('/expenses/budgets')).statusCode, 403);
    assert.equal((await avery.get('/expenses/audit')).statusCode, 403);

    const period = {
      'from-day': '1',
      'from-month': '11',
      'from-year': '2026',
      'to-day': '30',
      'to-month': '11',
      'to-year': '2026',
    };
    const query = new URLSearchParams(period).toString();
    const page = await casey.get(`/expenses/audit?${query}`);
    assert.equal(page.statusCode, 200);
    const report = await own.services.budgets.auditReport(deciders.unit, period, null);
    const sent = claims.filter((c) => c.submittedOn);
    assert.equal(report.total, sent.length);
    assert.equal(
      report.totals.approvedPence,
      report.items.reduce((total, c) => total + (c.approvedPence ?? 0), 0),
    );
    assert.ok(report.items.some((c) => c.decidedBy && c.paidBy && c.batch !== null));
    const csv = await casey.get(`/expenses/audit.csv?${query}`);
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.body.trim().split('\n').length, sent.length + 1);
    const wrong = await casey.get(
      `/expenses/audit?${new URLSearchParams({ ...period, 'to-month': '10' }).toString()}`,
    );
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The last day must be on or after the first day/);
  } finally {
    await own.close();
  }
});

test('issue 21 item 6: IAG-14: an amount too large says what the limit is, however many digits are typed', async () => {
  const group = await makeClaimGroup(t);
  const avery = await signInAccount(t, group.avery);
  const claimId = await startClaim(avery, group);
  const itemsBefore = (await t.services.db.select().from(expenseItems)).length;
  for (const amount of ['10000.01', '12345678', '£99,999,999,999.99', '1234567890123456789']) {
    const res = await addCost(avery, claimId, {
      category: 'parking',
      ...dated('2026-11-09'),
      description: 'Parking',
      amount,
    });
    assert.equal(res.statusCode, 400, amount);
    assert.match(
      res.body,
      /href="#amount"[^>]*>The amount must be £10,000.00 or less</,
      `${amount}: the limit named in the summary`,
    );
  }
  const far = await addCost(avery, claimId, {
    category: 'mileage',
    ...dated('2026-11-09'),
    description: 'Driving',
    miles: '123456',
  });
  assert.equal(far.statusCode, 400);
  assert.match(far.body, /href="#miles"[^>]*>The miles driven must be 9,999.9 or fewer</);
  assert.equal((await t.services.db.select().from(expenseItems)).length, itemsBefore);
  // The limit itself is accepted.
  const most = await addCost(avery, claimId, {
    category: 'parking',
    ...dated('2026-11-09'),
    description: 'A year of parking',
    amount: '10,000',
  });
  assert.equal(most.statusCode, 303);

  const casey = await signInAccount(t, unitAccount);
  const setUrl = `/expenses/budgets/${group.id}?year=2027`;
  for (const amount of ['1000000.01', '123456789012345']) {
    const res = await casey.post(setUrl, { amount });
    assert.equal(res.statusCode, 400, amount);
    assert.match(res.body, /href="#amount"[^>]*>The budget must be £1,000,000.00 or less</);
  }
  const budgets = await t.services.db
    .select()
    .from(expenseBudgets)
    .where(and(eq(expenseBudgets.groupId, group.id), eq(expenseBudgets.yearStart, 2027)));
  assert.equal(budgets.length, 0, 'nothing written');
});

test('issue 21 item 24: exporting a payment batch is recorded only by the button (a POST); downloading again changes nothing', async () => {
  const casey = await signInAccount(t, unitAccount);
  const [batch] = await t.services.db
    .insert(paymentBatches)
    .values({ createdBy: unit.userId, createdAt: t.clock.now(), claimCount: 0, totalPence: 0 })
    .returning();
  const url = `/expenses/payments/${batch!.id}`;
  const exportedAt = async () =>
    (await t.services.db.select().from(paymentBatches).where(eq(paymentBatches.id, batch!.id)))[0]!
      .exportedAt;
  const exports = () => auditCount('payment-batch.exported');
  const before = await exports();

  const shownExported = async () =>
    /Exported\s*<\/dt>\s*<dd[^>]*>\s*([^<]*?)\s*<\/dd>/.exec((await casey.get(url)).body)?.[1];
  const page = await casey.get(url);
  assert.equal(await shownExported(), 'Not yet');
  assert.match(page.body, new RegExp(`<form method="post" action="${url}/batch.csv"`));
  // A GET (a link followed, a prefetch) records nothing, so before the first export it gives no
  // file either: a batch never reaches the finance system unrecorded.
  const early = await casey.get(`${url}/batch.csv`);
  assert.equal(early.statusCode, 409);
  assert.match(early.body, /has not been exported yet: export it with the button on its page/);
  assert.doesNotMatch(early.body, /Batch,Claim,Payee/);
  assert.equal(await exportedAt(), null);
  assert.equal(await exports(), before);
  assert.equal(await shownExported(), 'Not yet');
  // The form without its CSRF token is refused and records nothing.
  assert.equal((await casey.post(`${url}/batch.csv`, {}, { csrf: false })).statusCode, 403);
  assert.equal(await exportedAt(), null);

  const exported = await casey.post(`${url}/batch.csv`, {});
  assert.equal(exported.statusCode, 200);
  assert.match(exported.headers['content-disposition'] as string, /attachment/);
  assert.match(exported.body, /^Batch,Claim,Payee/);
  const first = t.clock.now();
  assert.equal((await exportedAt())?.getTime(), first.getTime());
  assert.equal(await exports(), before + 1);
  assert.equal(await shownExported(), formatDateTime(first));
  assert.match((await casey.get(url)).body, /Download the exported batch again \(CSV\)/);
  const copy = await casey.get(`${url}/batch.csv`);
  assert.equal(copy.statusCode, 200);
  assert.match(copy.body, /^Batch,Claim,Payee/);
  assert.equal(await exports(), before + 1, 'a copy downloaded again is not another export');

  // Exported again later: the first export stays recorded; each is in the audit trail.
  const saved = t.clock.current;
  t.clock.advanceMinutes(10);
  try {
    assert.equal((await casey.post(`${url}/batch.csv`, {})).statusCode, 200);
  } finally {
    t.clock.current = saved;
  }
  assert.equal((await exportedAt())?.getTime(), first.getTime());
  assert.equal(await exports(), before + 2);
  await t.services.db.delete(paymentBatches).where(eq(paymentBatches.id, batch!.id));
});

test('the demonstration data comes out cleanly after claims were made and decided', async () => {
  // The demo data is what this test removes: it loads it, in a database of its own, and the
  // demo advisor's claim is decided. Claims by anyone else (Avery's, here decided too) stay.
  const own = await newApp();
  try {
    const { unit: ownUnit } = await makeDeciders(own);
    const group = await makeClaimGroup(own, await groupIdByCode(own, 'iag-race'));
    const avery = await sentClaim(own, group, THREE_COSTS);
    await own.services.expenseProcessing.decide(ownUnit, avery.id, { decision: 'approve' });
    await loadDemoData(own.services.db, own.services.secretBox);
    const kept = (await claimsOf(own)).map((c) => c.id).sort();
    assert.ok(kept.includes(avery.id));
    const claim = await makeExpenseClaim(own, demoAccount('advisor'), {
      occasion: `meeting:${group.meetingId}`,
      costs: [{ incurredOn: '2026-11-09', amount: '6.20' }],
      submit: true,
    });
    await own.services.expenseProcessing.decide(ownUnit, claim.id, { decision: 'approve' });
    await removeDemoData(own.services.db);
    assert.deepEqual((await claimsOf(own)).map((c) => c.id).sort(), kept);
    assert.equal(
      (await own.services.db.select().from(expenseItems).where(eq(expenseItems.claimId, claim.id)))
        .length,
      0,
    );
  } finally {
    await own.close();
  }
});
