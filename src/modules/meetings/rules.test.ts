import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
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
