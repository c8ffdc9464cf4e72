import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCalendarDays, createWorkingDayCalendar } from '../../platform/calendar/index.js';
import {
  answerRefusal,
  daysToResolve,
  escalationDue,
  lastDayPast,
  reviewOverdue,
  seesIssue,
  validateClosure,
  validateIssue,
} from './follow-up-rules.js';
import type { SchemeReach } from './rules.js';

// Christmas 2026: Friday 25 and Monday 28 December (Boxing Day substitute), and New Year's Day.
const calendar = createWorkingDayCalendar([
  { date: '2026-12-25', title: 'Christmas Day', nations: ['england-and-wales'] },
  { date: '2026-12-28', title: 'Boxing Day', nations: ['england-and-wales'] },
  { date: '2027-01-01', title: 'New Year’s Day', nations: ['england-and-wales'] },
]);

const reach = (over: Partial<SchemeReach> = {}): SchemeReach => ({
  manager: false,
  panelAreas: [],
  panelIds: [],
  suiteIds: [],
  ...over,
});

test('ICV-08: a review is overdue once more than N working days have passed since the report was sent', () => {
  // Sent Monday 7 December 2026: five working days take it to Monday 14th.
  assert.equal(reviewOverdue(calendar, '2026-12-07', '2026-12-14', 5), false);
  assert.equal(reviewOverdue(calendar, '2026-12-07', '2026-12-15', 5), true);
  // Weekends and bank holidays are not counted: sent Wednesday 23rd, the fifth is 4 January.
  assert.equal(reviewOverdue(calendar, '2026-12-23', '2027-01-04', 5), false);
  assert.equal(reviewOverdue(calendar, '2026-12-23', '2027-01-05', 5), true);
});

test('ICV-08: an open issue is due to go to the chief inspector after M working days, an answered one never', () => {
  const open = { status: 'open' as const, raisedOn: '2026-12-01' };
  assert.equal(escalationDue(calendar, open, '2026-12-15', 10), false);
  assert.equal(escalationDue(calendar, open, '2026-12-16', 10), true);
  assert.equal(escalationDue(calendar, { ...open, status: 'answered' }, '2027-02-01', 10), false);
  assert.equal(escalationDue(calendar, { ...open, status: 'closed' }, '2027-02-01', 10), false);
});

test('ICV-08: the reminders read what was sent on or before the last day past its working days', () => {
  // On Tuesday 15 December a report sent on Monday 7th is overdue (five days), on 8th not yet.
  assert.equal(lastDayPast(calendar, '2026-12-15', 5), '2026-12-07');
  // On Tuesday 5 January 2027, over Christmas and New Year: sent Wednesday 23 December.
  assert.equal(lastDayPast(calendar, '2027-01-05', 5), '2026-12-23');
  // On Sunday 20th, ten working days: raised on Thursday 3 December, not Friday 4th (only ten since).
  assert.equal(lastDayPast(calendar, '2026-12-20', 10), '2026-12-03');
});

test('ICV-08: a day is past its working days exactly when the review or escalation rule says so', () => {
  for (let t = 0; t < 60; t++) {
    const today = addCalendarDays('2026-12-01', t);
    for (const days of [1, 5, 10]) {
      const last = lastDayPast(calendar, today, days);
      for (let back = 0; back < 30; back++) {
        const sent = addCalendarDays(today, -back);
        const open = { status: 'open' as const, raisedOn: sent };
        assert.equal(sent <= last, reviewOverdue(calendar, sent, today, days), `${sent} ${today}`);
        assert.equal(sent <= last, escalationDue(calendar, open, today, days), `${sent} ${today}`);
      }
    }
  }
});

test('ICV-08: a summary with one of the report’s custody record numbers is refused, however written', () => {
  const numbers = ['01CD/4471/26'];
  for (const summary of [
    'Detainee 01CD/4471/26 had no blanket',
    'detainee 01cd 4471 26 had no blanket',
    'Record 01CD-4471-26 unsigned',
  ]) {
    const { refusals } = validateIssue({ summary, significant: 'no' }, numbers);
    assert.deepEqual(
      refusals.map((r) => r.key),
      ['custody-visiting:followUp.errors.identifiesDetainee'],
      summary,
    );
  }
  const fine = validateIssue({ summary: 'The blanket store ran out', significant: 'yes' }, numbers);
  assert.deepEqual(fine.refusals, []);
  assert.deepEqual(fine.value, { summary: 'The blanket store ran out', significant: true });
});

test('ICV-08: an issue needs its summary and whether it is significant', () => {
  const { refusals } = validateIssue({ summary: '  ' }, []);
  assert.deepEqual(
    refusals.map((r) => r.field),
    ['summary', 'significant'],
  );
  const long = validateIssue({ summary: 'x'.repeat(501), significant: 'no' }, []);
  assert.equal(long.refusals[0]?.key, 'custody-visiting:followUp.errors.tooLong');
});

test('ICV-08: only a custody inspector of the issue’s suite answers it, and only while it is open', () => {
  const issue = { suiteId: 's1', status: 'open' as const };
  assert.equal(answerRefusal(reach({ suiteIds: ['s1'] }), issue), null);
  assert.equal(answerRefusal(reach({ suiteIds: ['s2'] }), issue), 'notTheirs');
  assert.equal(answerRefusal(reach({ manager: true }), issue), 'notTheirs');
  assert.equal(answerRefusal(reach(), issue), 'notTheirs');
  assert.equal(
    answerRefusal(reach({ suiteIds: ['s1'] }), { ...issue, status: 'answered' }),
    'notOpen',
  );
});

test('ICV-08: an issue is seen by the manager, its suite’s inspector and its report’s visitors only', () => {
  const issue = { suiteId: 's1', firstVisitorId: 'v1', secondVisitorId: 'v2' };
  assert.equal(seesIssue(reach({ manager: true }), null, issue), true);
  assert.equal(seesIssue(reach({ suiteIds: ['s1'] }), null, issue), true);
  assert.equal(seesIssue(reach({ suiteIds: ['s2'] }), null, issue), false);
  assert.equal(seesIssue(reach(), 'v2', issue), true);
  assert.equal(seesIssue(reach(), 'v3', issue), false);
  assert.equal(seesIssue(reach({ panelIds: ['p'], panelAreas: ['Camden'] }), null, issue), false);
});

test('ICV-08: an issue is closed as resolved or not, with a note', () => {
  assert.deepEqual(
    validateClosure({}).refusals.map((r) => r.field),
    ['outcome', 'closeNote'],
  );
  assert.deepEqual(validateClosure({ outcome: 'resolved', closeNote: 'Store restocked' }), {
    refusals: [],
    value: { outcome: 'resolved', closeNote: 'Store restocked' },
  });
  assert.equal(daysToResolve('2026-12-01', '2026-12-15'), 14);
  assert.equal(daysToResolve('2026-12-01', null), null);
});
