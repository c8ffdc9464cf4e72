import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { todayInLondon } from '../../platform/calendar/index.js';
import { DEFAULT_LANGUAGE, loadMessages } from '../../platform/i18n/messages.js';
import {
  EXPENSE_CATEGORIES,
  budgetHolder,
  budgetWarning,
  decisionOutcome,
  deciderProblem,
  disputeProblem,
  firstDisputeStage,
  isExpenseCategory,
  isPayable,
  itemApprovalProblem,
  itemDateProblem,
  lastDayToClaim,
  mayDecideDispute,
  mileagePence,
  needsSecondApproval,
  mayReferToDirector,
  parseMiles,
  submissionProblems,
  subsistenceOverLimit,
} from './rules.js';
import { type Said, say } from '../../platform/i18n/said.js';

// A rule decides, and names the words of its refusal: here they are read as people read them.
const t = loadMessages(path.resolve('src')).translator(DEFAULT_LANGUAGE);
const worded = (problem: Said | null) => problem && say(t, problem);

test('IAG-11: the last day to claim is three calendar months on, or that month’s last day', () => {
  assert.equal(lastDayToClaim('2026-08-31'), '2026-11-30');
  assert.equal(lastDayToClaim('2026-08-30'), '2026-11-30');
  assert.equal(lastDayToClaim('2026-08-15'), '2026-11-15');
  assert.equal(lastDayToClaim('2026-11-30'), '2027-02-28');
  assert.equal(lastDayToClaim('2027-11-30'), '2028-02-29', 'a leap year');
  assert.equal(lastDayToClaim('2026-01-31'), '2026-04-30');
  assert.equal(lastDayToClaim('2026-12-31'), '2027-03-31', 'across the year end');
});

test('IAG-11: an item can be claimed on its last day, not the day after, and never before it happened', () => {
  assert.equal(worded(itemDateProblem('2026-08-31', '2026-11-30')), null, 'the last allowed day');
  assert.equal(
    worded(itemDateProblem('2026-08-31', '2026-12-01')),
    'This cost was incurred on 31 August 2026: it could be claimed until 30 November 2026, three months later (IAG-11)',
  );
  assert.equal(worded(itemDateProblem('2026-11-23', '2026-11-23')), null, 'the same day');
  assert.match(worded(itemDateProblem('2026-11-24', '2026-11-23'))!, /today or in the past/);
});

test('IAG-11: the day is London’s: late evening in summer time is already the next day', () => {
  // 31 March's last day is 30 June. At 23:30 UTC on 30 June it is 00:30 on 1 July in London.
  const late = todayInLondon(new Date('2026-06-30T23:30:00Z'));
  assert.equal(late, '2026-07-01');
  assert.match(worded(itemDateProblem('2026-03-31', late))!, /until 30 June 2026/);
  assert.equal(
    worded(itemDateProblem('2026-03-31', todayInLondon(new Date('2026-06-30T22:59:00Z')))),
    null,
  );
  // In winter London is on UTC: 23:30 UTC on 30 November is still 30 November.
  assert.equal(
    worded(itemDateProblem('2026-08-31', todayInLondon(new Date('2026-11-30T23:30:00Z')))),
    null,
  );
});

test('IAG-11: a claim is sent once, with at least one item, every item in time', () => {
  assert.deepEqual(submissionProblems('draft', [{ incurredOn: '2026-11-01' }], '2026-11-23'), []);
  assert.deepEqual(submissionProblems('draft', [], '2026-11-23').map(worded), [
    'Add at least one cost before you send the claim',
  ]);
  const late = submissionProblems(
    'draft',
    [{ incurredOn: '2026-08-22' }, { incurredOn: '2026-11-01' }],
    '2026-11-23',
  ).map(worded);
  assert.equal(late.length, 1);
  assert.match(late[0]!, /until 22 November 2026/);
  assert.match(
    worded(submissionProblems('submitted', [{ incurredOn: '2026-11-01' }], '2026-11-23')[0]!)!,
    /already been sent/,
  );
});

test('IAG-14: expenses actually incurred only; no fee, wage or allowance can be claimed', () => {
  for (const pay of ['fee', 'wage', 'salary', 'attendance_allowance', 'honorarium', 'time'])
    assert.equal(isExpenseCategory(pay), false, pay);
  assert.deepEqual(
    EXPENSE_CATEGORIES.filter((c) => /fee|wage|salary|allowance|honorar/.test(c)),
    [],
  );
  for (const c of EXPENSE_CATEGORIES) assert.equal(isExpenseCategory(c), true, c);
});

test('IAG-14: mileage is distance times the rate, in whole pence; food and drink has a daily limit', () => {
  assert.equal(parseMiles('12.5'), 125);
  assert.equal(parseMiles('3'), 30);
  for (const bad of ['', '0', '-2', '1.25', 'ten', undefined])
    assert.equal(parseMiles(bad), null, String(bad));
  // issue 21 item 6: a distance over the limit is told apart, so the form can say the limit.
  assert.equal(parseMiles('9999.9'), 99_999);
  assert.equal(parseMiles('10000'), 'too-large');
  assert.equal(parseMiles('123456789012345678901'), 'too-large');
  assert.equal(mileagePence(125, 45), 563, '12.5 miles at 45p is £5.625, rounded to £5.63');
  assert.equal(mileagePence(30, 45), 135);
  const limits = { mileagePencePerMile: 45, subsistencePencePerDay: 1000 };
  assert.deepEqual(
    subsistenceOverLimit(
      [
        { category: 'subsistence', incurredOn: '2026-11-02', amountPence: 600 },
        { category: 'subsistence', incurredOn: '2026-11-02', amountPence: 500 },
        { category: 'subsistence', incurredOn: '2026-11-03', amountPence: 1000 },
        { category: 'parking', incurredOn: '2026-11-03', amountPence: 5000 },
      ],
      limits,
    ),
    [{ day: '2026-11-02', pence: 1100 }],
  );
});

test('claims are decided by someone other than the claimant; a second approval by someone else again', () => {
  const claim = { status: 'submitted' as const, claimantUserId: 'adv', decidedBy: null };
  assert.equal(worded(deciderProblem(claim, 'unit-1')), null);
  assert.match(worded(deciderProblem(claim, 'adv'))!, /own claim/);
  const second = { ...claim, status: 'awaiting_second_approval' as const, decidedBy: 'unit-1' };
  assert.match(worded(deciderProblem(second, 'unit-1'))!, /someone other than the first/);
  assert.equal(worded(deciderProblem(second, 'unit-2')), null);
  assert.match(worded(deciderProblem(second, 'adv'))!, /own claim/);
  for (const status of ['draft', 'approved', 'part_approved', 'rejected', 'paid'] as const)
    assert.ok(worded(deciderProblem({ ...claim, status }, 'unit-1')), status);
  assert.equal(needsSecondApproval(10_000, 10_000), false, 'at the threshold');
  assert.equal(needsSecondApproval(10_001, 10_000), true, 'above it');
});

test('part-approval: each item approved up to what was claimed, with a reason for less', () => {
  assert.equal(worded(itemApprovalProblem(1000, 1000, undefined)), null);
  assert.match(worded(itemApprovalProblem(1000, 1001, undefined))!, /cannot be more/);
  assert.match(worded(itemApprovalProblem(1000, 400, undefined))!, /why less/);
  assert.equal(worded(itemApprovalProblem(1000, 400, 'Standard class only')), null);
  assert.match(worded(itemApprovalProblem(1000, null, 'x'))!, /Enter the amount/);
  assert.equal(decisionOutcome([{ claimedPence: 500, approvedPence: 500 }]), 'approved');
  assert.equal(
    decisionOutcome([
      { claimedPence: 500, approvedPence: 500 },
      { claimedPence: 300, approvedPence: 0 },
    ]),
    'part_approved',
  );
  assert.equal(decisionOutcome([{ claimedPence: 500, approvedPence: 0 }]), 'rejected');
});

test('IAG-11: only approved claims not already in a batch are paid, so none is paid twice', () => {
  assert.equal(isPayable('approved', null), true);
  assert.equal(isPayable('part_approved', null), true);
  assert.equal(isPayable('approved', 'batch-1'), false);
  for (const status of [
    'draft',
    'submitted',
    'awaiting_second_approval',
    'rejected',
    'paid',
  ] as const)
    assert.equal(isPayable(status, null), false, status);
});

test('IAG-13: a dispute goes to the group’s chair, then to the Director, whose word is final', () => {
  assert.equal(worded(disputeProblem('rejected', null)), null);
  assert.equal(worded(disputeProblem('part_approved', null)), null);
  for (const status of ['draft', 'submitted', 'approved', 'paid'] as const)
    assert.ok(worded(disputeProblem(status, null)), status);
  assert.match(
    worded(disputeProblem('rejected', { stage: 'chair', status: 'open' }))!,
    /already being/,
  );
  // The chair did not uphold it: the next step is the Director, by referral, not a new dispute.
  const chairSaidNo = { stage: 'chair', status: 'not_upheld' } as const;
  assert.match(worded(disputeProblem('rejected', chairSaidNo))!, /refer it to the Director/);
  assert.equal(mayReferToDirector(chairSaidNo), true);
  assert.equal(mayReferToDirector({ stage: 'chair', status: 'upheld' }), false);
  assert.equal(mayReferToDirector({ stage: 'director', status: 'not_upheld' }), false);
  assert.equal(mayReferToDirector(null), false);
  // The Director's decision is final.
  for (const status of ['upheld', 'not_upheld'] as const)
    assert.match(worded(disputeProblem('rejected', { stage: 'director', status }))!, /final/);

  assert.equal(firstDisputeStage({ chairUserIds: ['chair'] }, 'adv'), 'chair');
  assert.equal(
    firstDisputeStage({ chairUserIds: ['adv'] }, 'adv'),
    'director',
    'the chair claimed',
  );
  assert.equal(firstDisputeStage({ chairUserIds: [] }, 'adv'), 'director', 'no chair');
  // The chair upheld it and the unit decided against it again: still unresolved, so the Director.
  assert.equal(
    firstDisputeStage({ chairUserIds: ['chair'] }, 'adv', { stage: 'chair', status: 'upheld' }),
    'director',
  );
  const chair = { userId: 'chair', chairOfGroup: true, director: false };
  const director = { userId: 'dir', chairOfGroup: false, director: true };
  assert.equal(mayDecideDispute('chair', chair, 'adv'), true);
  assert.equal(mayDecideDispute('chair', director, 'adv'), false);
  assert.equal(mayDecideDispute('director', director, 'adv'), true);
  assert.equal(mayDecideDispute('director', chair, 'adv'), false);
  assert.equal(mayDecideDispute('chair', chair, 'chair'), false, 'not their own claim');
});

test('budgets are held where the review says: corporate by DCFD, specialist by their sponsor, borough locally', () => {
  assert.equal(budgetHolder('corporate_iag'), 'dcfd');
  assert.equal(budgetHolder('corporate_focus'), 'dcfd');
  assert.equal(budgetHolder('specialist'), 'sponsoring_directorate');
  assert.equal(budgetHolder('borough_iag'), 'borough');
  assert.equal(
    worded(budgetWarning({ amountPence: 10_000 }, 9_000, 1_000)),
    null,
    'exactly the budget',
  );
  assert.match(
    worded(budgetWarning({ amountPence: 10_000 }, 9_000, 1_001))!,
    /£100.01, over its budget of £100.00/,
  );
  assert.equal(worded(budgetWarning(null, 9_000, 1_001)), null, 'no budget set');
});
