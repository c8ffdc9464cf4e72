import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  actionOverdue,
  checkAdviceRationale,
  checkMinutesApproval,
  mayEditMinutes,
  minutesDraftDueOn,
  minutesOnTime,
  checkAttendanceRecording,
  checkMeetingTimes,
  checkMinutesDrafting,
  checkRepresentatives,
  checkTabling,
  consecutiveMissed,
  mayArrangeAgenda,
  mayAttachPaper,
  maySeeAgendaItem,
  mayBeWithdrawnForAbsence,
  mayTableItem,
  seriesDates,
  type AgendaRelation,
  type AttendanceStatus,
  type MeetingStatus,
} from './rules.js';
import { type Said } from '../../platform/i18n/said.js';

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
  assert.equal(checkMeetingTimes(18 * 60, 17 * 60)?.key, 'meetings:rules.endAfterStart');
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
  assert.equal(checkTabling(nobody, open)?.key, 'meetings:rules.tablingNotMember');
  assert.equal(
    checkTabling({ ...nobody, member: true }, published)?.key,
    'meetings:rules.tablingPublished',
  );
  assert.equal(checkTabling({ ...nobody, member: true, chair: true }, published), null);
  assert.equal(
    checkTabling({ ...nobody, member: true }, { status: 'held', agendaPublished: true })?.key,
    'meetings:rules.tablingHeld',
  );
  assert.equal(
    checkTabling({ ...nobody, chair: true }, { status: 'cancelled', agendaPublished: false })?.key,
    'meetings:rules.tablingCancelled',
  );
});

test('IAG-21e: before publication a member sees only what they tabled; after, the accepted items; the chair sees all', () => {
  const member = { arranges: false, personId: 'p1' };
  const chair = { arranges: true, personId: 'p2' };
  const own = { status: 'proposed' as const, tabledByPersonId: 'p1' };
  const others = { status: 'proposed' as const, tabledByPersonId: 'p3' };
  const accepted = { status: 'accepted' as const, tabledByPersonId: 'p3' };
  assert.equal(maySeeAgendaItem(member, false, own), true);
  assert.equal(maySeeAgendaItem(member, false, others), false);
  assert.equal(maySeeAgendaItem(member, false, accepted), false);
  assert.equal(maySeeAgendaItem(member, true, accepted), true);
  assert.equal(maySeeAgendaItem(member, true, others), false, 'a proposal never accepted');
  assert.equal(maySeeAgendaItem({ arranges: false, personId: null }, false, own), false);
  for (const item of [own, others, accepted])
    assert.equal(maySeeAgendaItem(chair, false, item), true);
});

test('IAG-21e: papers go on an item from whoever tabled it, or from the chair', () => {
  const item = { tabledByUserId: 'u1' };
  assert.equal(mayAttachPaper({ arranges: false, userId: 'u1' }, item), true);
  assert.equal(mayAttachPaper({ arranges: false, userId: 'u2' }, item), false);
  assert.equal(mayAttachPaper({ arranges: true, userId: 'u2' }, item), true);
  assert.equal(mayAttachPaper({ arranges: false, userId: null }, { tabledByUserId: null }), false);
});

test('IAG-21f: attendance is recorded once a meeting has started, never for a cancelled one', () => {
  const at = new Date('2026-11-23T18:30:00Z');
  const now = new Date('2026-11-23T18:30:00Z');
  assert.equal(checkAttendanceRecording({ status: 'scheduled', startsAt: at }, now), null);
  assert.equal(checkAttendanceRecording({ status: 'held', startsAt: at }, now), null);
  assert.equal(
    checkAttendanceRecording(
      { status: 'scheduled', startsAt: new Date(at.getTime() + 60_000) },
      now,
    )?.key,
    'meetings:rules.attendanceNotStarted',
  );
  assert.equal(
    checkAttendanceRecording({ status: 'cancelled', startsAt: at }, now)?.key,
    'meetings:rules.attendanceCancelled',
  );
});

test('IAG-27: minutes are drafted once the meeting has been held', () => {
  assert.equal(checkMinutesDrafting({ status: 'held' }), null);
  assert.equal(checkMinutesDrafting({ status: 'scheduled' })?.key, 'meetings:rules.draftOnceHeld');
  assert.equal(checkMinutesDrafting({ status: 'cancelled' })?.key, 'meetings:rules.draftOnceHeld');
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

test('minutes on time: of those due in the period, the share drafted by their last day', () => {
  // Held 5 November 2026: due 19 November. Held 17 December: due 5 January 2027.
  const meetings = [
    { heldOn: '2026-11-05', draftedOn: '2026-11-19' }, // on the last day: on time
    { heldOn: '2026-11-05', draftedOn: '2026-11-20' }, // a day late
    { heldOn: '2026-11-05', draftedOn: null }, // none yet: late
    { heldOn: '2026-12-17', draftedOn: '2026-12-18' }, // due in January: not this period's
  ];
  assert.deepEqual(minutesOnTime(meetings, '2026-11-01', '2026-12-01'), { due: 3, onTime: 1 });
  assert.deepEqual(minutesOnTime(meetings, '2027-01-01', '2027-02-01'), { due: 1, onTime: 1 });
  // Due on the period's first day is in; due on the next period's first day is not.
  assert.deepEqual(minutesOnTime(meetings, '2026-11-19', '2026-11-20'), { due: 3, onTime: 1 });
  assert.deepEqual(minutesOnTime(meetings, '2026-11-18', '2026-11-19'), { due: 0, onTime: 0 });
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
  assert.equal(
    checkMinutesApproval({ ...base, status: 'approved' })?.key,
    'meetings:rules.alreadyApproved',
  );
  assert.equal(checkMinutesApproval({ ...base, hasContent: false })?.key, 'meetings:rules.empty');
  assert.equal(
    checkMinutesApproval({ ...base, approvingMeeting: { ...later, startsAt: minuted } })?.key,
    'meetings:rules.laterMeeting',
  );
  assert.equal(
    checkMinutesApproval({ ...base, approvingMeeting: { ...later, sameBody: false } })?.key,
    'meetings:rules.laterMeeting',
  );
  assert.equal(
    checkMinutesApproval({ ...base, approvingMeeting: { ...later, status: 'cancelled' } })?.key,
    'meetings:rules.cancelledApproves',
  );
  assert.equal(
    checkMinutesApproval({ ...base, now: new Date('2027-01-31T12:00:00Z') })?.key,
    'meetings:rules.notBegun',
  );
});

test('IAG-27: every piece of advice says whether the police used it, and why, before approval', () => {
  assert.equal(checkAdviceRationale([]), null);
  assert.equal(checkAdviceRationale([{ use: 'used', rationale: 'Changed the briefing' }]), null);
  assert.equal(
    checkAdviceRationale([{ use: 'not_used', rationale: null }])?.key,
    'meetings:rules.adviceWhy',
  );
  assert.equal(
    checkAdviceRationale([{ use: 'not_yet_known', rationale: null }])?.key,
    'meetings:rules.adviceUseUnknown',
  );
});

test('an outstanding action past its due date is overdue', () => {
  assert.equal(actionOverdue({ status: 'open', dueOn: '2026-11-22' }, '2026-11-23'), true);
  assert.equal(actionOverdue({ status: 'open', dueOn: '2026-11-23' }, '2026-11-23'), false);
  assert.equal(actionOverdue({ status: 'done', dueOn: '2026-11-01' }, '2026-11-23'), false);
  assert.equal(actionOverdue({ status: 'open', dueOn: null }, '2026-11-23'), false);
});

test('IAG-32: attendance at the conference is how many came from each group, a whole number', () => {
  assert.equal(checkRepresentatives('2', 'Race IAG'), 2);
  assert.equal(checkRepresentatives(' 0 ', 'Race IAG'), 0);
  assert.equal(checkRepresentatives('100', 'Race IAG'), 100);
  assert.deepEqual(checkRepresentatives('', 'Race IAG'), {
    key: 'meetings:rules.representativesMissing',
    values: { name: 'Race IAG', max: 100 },
  });
  assert.deepEqual(
    checkRepresentatives(undefined, 'Race IAG'),
    checkRepresentatives('', 'Race IAG'),
  );
  for (const bad of ['two', '1.5', '-1', '2 people'])
    assert.equal(
      (checkRepresentatives(bad, 'Race IAG') as Said).key,
      'meetings:rules.representativesNotNumber',
      bad,
    );
  assert.equal(
    (checkRepresentatives('101', 'Race IAG') as Said).key,
    'meetings:rules.representativesTooMany',
  );
});
