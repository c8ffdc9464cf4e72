import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  actionOverdue,
  checkAdviceRationale,
  checkMinutesApproval,
  mayEditMinutes,
  minutesDraftDueOn,
  checkMeetingTimes,
  checkTabling,
  consecutiveMissed,
  mayArrangeAgenda,
  mayBeWithdrawnForAbsence,
  mayTableItem,
  seriesDates,
  type AgendaRelation,
  type AttendanceStatus,
  type MeetingStatus,
} from './rules.js';

const nobody: AgendaRelation = { member: false, police: false, chair: false, secretariat: false };

test('IAG-21d: a series repeats at the agreed interval, each date counted from the first', () => {
  assert.deepEqual(seriesDates('2027-01-31', 1, 4), [
    '2027-01-31',
    '2027-02-28',
    '2027-03-31',
    '2027-04-30',
  ]);
  assert.deepEqual(seriesDates('2026-12-10', 2, 3), ['2026-12-10', '2027-02-10', '2027-04-10']);
  assert.deepEqual(seriesDates('2026-12-10', 3, 1), ['2026-12-10']);
  assert.throws(() => seriesDates('2026-12-10', 0, 3), RangeError);
  assert.throws(() => seriesDates('2026-12-10', 1, 25), RangeError);
});

test('a meeting ends after it starts', () => {
  assert.equal(checkMeetingTimes(18 * 60, null), null);
  assert.equal(checkMeetingTimes(18 * 60, 20 * 60), null);
  assert.equal(checkMeetingTimes(18 * 60, 18 * 60)?.field, 'endTime');
  assert.match(checkMeetingTimes(18 * 60, 17 * 60)!.message, /after the start time/);
});

test('IAG-21e: any member, and the police service, may table an item; nobody else', () => {
  assert.equal(mayTableItem({ ...nobody, member: true }), true);
  assert.equal(mayTableItem({ ...nobody, police: true }), true);
  assert.equal(mayTableItem({ ...nobody, chair: true }), true);
  assert.equal(mayTableItem(nobody), false);
  assert.equal(mayArrangeAgenda({ ...nobody, member: true }), false);
  assert.equal(mayArrangeAgenda({ ...nobody, police: true }), false);
  assert.equal(mayArrangeAgenda({ ...nobody, chair: true }), true);
  assert.equal(mayArrangeAgenda({ ...nobody, secretariat: true }), true);
});

test('IAG-21e: items are tabled before the agenda is published; after, only the chair adds late business', () => {
  const open = { status: 'scheduled' as const, agendaPublished: false };
  const published = { status: 'scheduled' as const, agendaPublished: true };
  assert.equal(checkTabling({ ...nobody, member: true }, open), null);
  assert.match(checkTabling(nobody, open)!, /IAG-21e/);
  assert.match(checkTabling({ ...nobody, member: true }, published)!, /late business/);
  assert.equal(checkTabling({ ...nobody, member: true, chair: true }, published), null);
  assert.match(
    checkTabling({ ...nobody, member: true }, { status: 'held', agendaPublished: true })!,
    /has been held/,
  );
  assert.match(
    checkTabling({ ...nobody, chair: true }, { status: 'cancelled', agendaPublished: false })!,
    /cancelled/,
  );
});

const history = (...entries: [MeetingStatus, AttendanceStatus | null][]) =>
  entries.map(([meetingStatus, attendance]) => ({ meetingStatus, attendance }));

test('IAG-21f: three consecutive meetings missed may lead to withdrawal', () => {
  const missed = consecutiveMissed(
    history(['held', 'absent'], ['held', 'absent'], ['held', 'absent'], ['held', 'present']),
  );
  assert.equal(missed, 3);
  assert.equal(mayBeWithdrawnForAbsence(missed), true);
  assert.equal(mayBeWithdrawnForAbsence(2), false);
});

test('IAG-21f: apologies are not attendance', () => {
  assert.equal(
    consecutiveMissed(history(['held', 'apologies'], ['held', 'absent'], ['held', 'apologies'])),
    3,
  );
});

test('IAG-21f: a cancelled meeting does not count, and does not break the run', () => {
  assert.equal(
    consecutiveMissed(
      history(['held', 'absent'], ['cancelled', null], ['held', 'absent'], ['held', 'present']),
    ),
    2,
  );
  assert.equal(
    consecutiveMissed(
      history(['held', 'absent'], ['cancelled', null], ['held', 'absent'], ['held', 'apologies']),
    ),
    3,
  );
});

test('IAG-21f: the count resets when the member attends', () => {
  assert.equal(
    consecutiveMissed(
      history(['held', 'absent'], ['held', 'present'], ['held', 'absent'], ['held', 'absent']),
    ),
    1,
  );
  assert.equal(consecutiveMissed(history(['held', 'present'], ['held', 'absent'])), 0);
});

test('IAG-21f: meetings not yet held do not count', () => {
  assert.equal(
    consecutiveMissed(history(['scheduled', null], ['held', 'absent'], ['held', 'absent'])),
    2,
  );
  assert.equal(consecutiveMissed([]), 0);
});

test('minutes are drafted within 10 working days of the meeting (bank holidays skipped)', () => {
  // Thursday 17 December 2026: Christmas Day and Boxing Day (observed on Monday 28th) are not
  // working days.
  assert.equal(minutesDraftDueOn('2026-12-17'), '2027-01-05');
  assert.equal(minutesDraftDueOn('2026-11-05'), '2026-11-19');
});

test('IAG-27: approved minutes are never edited, only corrected', () => {
  assert.equal(mayEditMinutes('draft'), true);
  assert.equal(mayEditMinutes('approved'), false);
});

test('IAG-27: minutes are approved at a later meeting of the same body, once it has begun', () => {
  const minuted = new Date('2026-12-01T18:30:00Z');
  const later = {
    startsAt: new Date('2027-02-01T18:30:00Z'),
    status: 'scheduled' as const,
    sameBody: true,
  };
  const base = {
    status: 'draft' as const,
    hasContent: true,
    minutedMeetingStartsAt: minuted,
    approvingMeeting: later,
    now: new Date('2027-02-01T19:00:00Z'),
  };
  assert.equal(checkMinutesApproval(base), null);
  assert.match(checkMinutesApproval({ ...base, status: 'approved' })!, /already been approved/);
  assert.match(checkMinutesApproval({ ...base, hasContent: false })!, /empty/);
  assert.match(
    checkMinutesApproval({ ...base, approvingMeeting: { ...later, startsAt: minuted } })!,
    /later meeting of the same group/,
  );
  assert.match(
    checkMinutesApproval({ ...base, approvingMeeting: { ...later, sameBody: false } })!,
    /later meeting of the same group/,
  );
  assert.match(
    checkMinutesApproval({ ...base, approvingMeeting: { ...later, status: 'cancelled' } })!,
    /cancelled/,
  );
  assert.match(
    checkMinutesApproval({ ...base, now: new Date('2027-01-31T12:00:00Z') })!,
    /once it has begun/,
  );
});

test('IAG-27: every piece of advice says whether the police used it, and why, before approval', () => {
  assert.equal(checkAdviceRationale([]), null);
  assert.equal(checkAdviceRationale([{ use: 'used', rationale: 'Changed the briefing' }]), null);
  assert.match(
    checkAdviceRationale([{ use: 'not_used', rationale: null }])!,
    /why the police did or did not use/,
  );
  assert.match(
    checkAdviceRationale([{ use: 'not_yet_known', rationale: null }])!,
    /whether the police used each piece of advice/,
  );
});

test('an outstanding action past its due date is overdue', () => {
  assert.equal(actionOverdue({ status: 'open', dueOn: '2026-11-22' }, '2026-11-23'), true);
  assert.equal(actionOverdue({ status: 'open', dueOn: '2026-11-23' }, '2026-11-23'), false);
  assert.equal(actionOverdue({ status: 'done', dueOn: '2026-11-01' }, '2026-11-23'), false);
  assert.equal(actionOverdue({ status: 'open', dueOn: null }, '2026-11-23'), false);
});
