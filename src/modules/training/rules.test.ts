import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attendanceRefusal,
  needStatus,
  numbersTrained,
  validateCourse,
  validateNeed,
  validateSession,
  type Attended,
} from './rules.js';

const fieldsOf = (refusals: { field: string }[]) => refusals.map((r) => r.field);

test('CDRP-11: a course needs a title, an audience from the list and a provider', () => {
  assert.deepEqual(fieldsOf(validateCourse({}).refusals), ['title', 'audience', 'provider']);
  assert.deepEqual(fieldsOf(validateCourse({ audience: 'everyone' }).refusals), [
    'title',
    'audience',
    'provider',
  ]);
  const { refusals, value } = validateCourse({
    title: '  Working  in partnership ',
    audience: 'partnership',
    provider: 'MPS Partnership Team',
  });
  assert.deepEqual(refusals, []);
  assert.equal(value.title, 'Working in partnership');
  assert.equal(value.description, null);
});

test('CDRP-11: a session needs its place, its borough and a capacity from 1 to 500', () => {
  assert.deepEqual(fieldsOf(validateSession({}, '2026-05-01').refusals), [
    'place',
    'boroughId',
    'capacity',
  ]);
  for (const capacity of ['0', '501', 'ten', '-3'])
    assert.deepEqual(
      fieldsOf(validateSession({ place: 'Hendon', boroughId: 'x', capacity }, null).refusals),
      ['capacity'],
    );
  assert.equal(
    validateSession({ place: 'Hendon', boroughId: 'x', capacity: '20' }, null).value.capacity,
    20,
  );
});

test('CDRP-11: a person is recorded once at a session, only once it is held, and not beyond its capacity', () => {
  const session = { heldOn: '2026-05-01', capacity: 2, attended: 1, alreadyRecorded: false };
  assert.equal(attendanceRefusal(session, 'attended', '2026-05-01'), null);
  assert.equal(
    attendanceRefusal({ ...session, alreadyRecorded: true }, 'absent', '2026-06-01')?.key,
    'training:errors.alreadyRecorded',
  );
  assert.equal(
    attendanceRefusal(session, 'attended', '2026-04-30')?.key,
    'training:errors.notHeldYet',
  );
  const full = { ...session, attended: 2 };
  assert.equal(attendanceRefusal(full, 'attended', '2026-06-01')?.key, 'training:errors.full');
  // Someone who did not come takes no place.
  assert.equal(attendanceRefusal(full, 'absent', '2026-06-01'), null);
});

const at = (personId: string, courseId: string, boroughId: string, heldOn: string): Attended => ({
  personId,
  courseId,
  boroughId,
  heldOn,
});

test('CDRP-11: numbers trained count a person once per course per reporting year, in the borough they first attended', () => {
  const counts = numbersTrained([
    at('ann', 'c1', 'camden', '2026-05-01'),
    // Ann again in the same year, in another borough: still one, in Camden.
    at('ann', 'c1', 'hackney', '2026-09-01'),
    at('bob', 'c1', 'hackney', '2026-09-01'),
    // 31 March is the year before's; 1 April the next year's.
    at('ann', 'c1', 'hackney', '2026-03-31'),
    at('ann', 'c1', 'hackney', '2027-04-01'),
    // Another course: counted apart.
    at('ann', 'c2', 'camden', '2026-05-02'),
  ]);
  const key = (c: { courseId: string; yearStart: string; boroughId: string }) =>
    `${c.courseId} ${c.yearStart} ${c.boroughId}`;
  assert.deepEqual(Object.fromEntries(counts.map((c) => [key(c), c.people])), {
    'c1 2026-04-01 camden': 1,
    'c1 2026-04-01 hackney': 1,
    'c1 2025-04-01 hackney': 1,
    'c1 2027-04-01 hackney': 1,
    'c2 2026-04-01 camden': 1,
  });
});

test('CDRP-11: the earliest session of the year decides the borough, whatever order they come in', () => {
  const counts = numbersTrained([
    at('ann', 'c1', 'hackney', '2026-09-01'),
    at('ann', 'c1', 'camden', '2026-05-01'),
  ]);
  assert.deepEqual(
    counts.map((c) => [c.boroughId, c.people]),
    [['camden', 1]],
  );
});

test('IAG-34: a need is met by attending its course on or after the day it was raised', () => {
  const need = { raisedOn: '2026-05-01', dueBy: '2026-07-31' };
  assert.deepEqual(needStatus(need, ['2026-06-10', '2026-05-20'], '2026-08-01'), {
    status: 'met',
    metOn: '2026-05-20',
  });
  // Training before the need was raised does not meet it.
  assert.deepEqual(needStatus(need, ['2026-04-30'], '2026-06-01'), { status: 'open', metOn: null });
  // The last day is still open; the day after, overdue.
  assert.equal(needStatus(need, [], '2026-07-31').status, 'open');
  assert.equal(needStatus(need, [], '2026-08-01').status, 'overdue');
  // Attended late still meets it.
  assert.equal(needStatus(need, ['2026-09-01'], '2026-09-02').status, 'met');
});

test('IAG-34: a need names its role, whom (a person or the role as a whole), its course and a date not past', () => {
  assert.deepEqual(fieldsOf(validateNeed({}, null, '2026-05-01').refusals), [
    'area',
    'whom',
    'courseId',
  ]);
  assert.deepEqual(
    fieldsOf(
      validateNeed(
        { area: 'deployment', whom: 'person', courseId: 'c' },
        '2026-05-01',
        '2026-05-01',
      ).refusals,
    ),
    ['personId'],
  );
  assert.deepEqual(
    fieldsOf(
      validateNeed(
        { area: 'coordination', whom: 'role', courseId: 'c' },
        '2026-04-30',
        '2026-05-01',
      ).refusals,
    ),
    ['dueBy-day'],
  );
  const { refusals, value } = validateNeed(
    { area: 'partnership', whom: 'role', personId: 'ignored', courseId: 'c' },
    '2026-09-30',
    '2026-05-01',
  );
  assert.deepEqual(refusals, []);
  assert.equal(value.personId, null);
});
