import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  POLICING_PLAN_TEMPLATE,
  parsePlanYear,
  planYearLabel,
  reorderedIds,
  stageSlip,
  stagesForNextYear,
  summerPeakMonths,
  templateStages,
  validateStage,
  weeksAndDays,
  type StageDates,
} from './programme-rules.js';

const fieldwork: StageDates = {
  plannedStart: '2026-06-01',
  plannedEnd: '2026-06-30',
  actualStart: null,
  actualEnd: null,
  fieldwork: true,
};

test('CON-02: the template has the eight stages of the policing-plan timetable in order', () => {
  assert.deepEqual(
    POLICING_PLAN_TEMPLATE.map((s) => s.name),
    [
      'Brief to the planning panel',
      'Approval of the programme',
      'Fieldwork',
      'Analysis of results with partnership audits',
      'Results to the board and feedback stage 1',
      'Priorities drafted',
      'Feedback stage 2',
      'Publication',
    ],
  );
  assert.deepEqual(
    POLICING_PLAN_TEMPLATE.filter((s) => s.fieldwork).map((s) => s.name),
    ['Fieldwork'],
  );
});

test('CON-02: a programme from the template for the 2003/04 plan has the seed timetable: March 2002 to June 2003', () => {
  const stages = templateStages(2003);
  assert.deepEqual(
    stages.map((s) => [s.position, s.plannedStart, s.plannedEnd]),
    [
      [1, '2002-03-01', '2002-03-31'],
      [2, '2002-05-01', '2002-05-31'],
      [3, '2002-06-01', '2002-06-30'],
      [4, '2002-09-01', '2002-09-30'],
      [5, '2002-10-01', '2002-10-31'],
      [6, '2002-11-01', '2002-11-30'],
      [7, '2003-02-01', '2003-03-31'],
      [8, '2003-05-01', '2003-06-30'],
    ],
  );
});

test('CON-02: the plan year is named as the policing plan is: 2027 is 2027/28, 2099 is 2099/00', () => {
  assert.equal(planYearLabel(2027), '2027/28');
  assert.equal(planYearLabel(2099), '2099/00');
});

test('CON-02: a stage finished by its planned end, or not yet due, is on time', () => {
  assert.deepEqual(
    stageSlip({ ...fieldwork, actualStart: '2026-06-01', actualEnd: '2026-06-30' }, '2026-12-01'),
    {
      progress: 'done',
      daysLate: 0,
    },
  );
  assert.deepEqual(stageSlip(fieldwork, '2026-05-20'), { progress: 'notStarted', daysLate: 0 });
  assert.deepEqual(stageSlip({ ...fieldwork, actualStart: '2026-06-01' }, '2026-06-15'), {
    progress: 'underway',
    daysLate: 0,
  });
});

test('CON-02: a stage that ended after its planned end has slipped by the days between', () => {
  const slip = stageSlip(
    { ...fieldwork, actualStart: '2026-06-01', actualEnd: '2026-08-20' },
    '2026-12-01',
  );
  assert.deepEqual(slip, { progress: 'done', daysLate: 51 });
  assert.deepEqual(weeksAndDays(slip.daysLate), { weeks: 7, days: 2 });
});

test('CON-02: a stage still running after its planned end has slipped by the days to today', () => {
  assert.deepEqual(stageSlip({ ...fieldwork, actualStart: '2026-06-01' }, '2026-07-10'), {
    progress: 'underway',
    daysLate: 10,
  });
});

test('CON-02: a stage not started by its planned start has slipped, as has one started late', () => {
  assert.deepEqual(stageSlip(fieldwork, '2026-06-04'), { progress: 'notStarted', daysLate: 3 });
  assert.equal(stageSlip(fieldwork, '2026-06-01').daysLate, 0);
  assert.equal(
    stageSlip({ ...fieldwork, actualStart: '2026-06-08', actualEnd: '2026-06-30' }, '2026-12-01')
      .daysLate,
    7,
  );
});

test('CON-02: fieldwork planned in June is clear of a July and August summer peak', () => {
  assert.deepEqual(summerPeakMonths(fieldwork, [7, 8], '2026-05-01'), []);
});

test('CON-02: fieldwork that ran into August is flagged, naming the peak months it touched', () => {
  assert.deepEqual(
    summerPeakMonths(
      { ...fieldwork, actualStart: '2026-06-01', actualEnd: '2026-08-03' },
      [7, 8],
      '2026-12-01',
    ),
    [7, 8],
  );
  assert.deepEqual(
    summerPeakMonths(
      { ...fieldwork, actualStart: '2026-06-01', actualEnd: '2026-07-03' },
      [7, 8],
      '2026-12-01',
    ),
    [7],
  );
});

test('CON-02: fieldwork planned into the peak, or running on past June today, is flagged', () => {
  assert.deepEqual(
    summerPeakMonths({ ...fieldwork, plannedEnd: '2026-08-31' }, [7, 8], '2026-01-01'),
    [7, 8],
  );
  assert.deepEqual(
    summerPeakMonths({ ...fieldwork, actualStart: '2026-06-01' }, [7, 8], '2026-07-02'),
    [7],
  );
});

test('CON-02: only fieldwork is flagged, and no peak configured flags nothing', () => {
  const august = { ...fieldwork, plannedStart: '2026-08-01', plannedEnd: '2026-08-31' };
  assert.deepEqual(summerPeakMonths({ ...august, fieldwork: false }, [7, 8], '2026-01-01'), []);
  assert.deepEqual(summerPeakMonths(august, [], '2026-01-01'), []);
  assert.deepEqual(summerPeakMonths(august, [12], '2026-01-01'), []);
});

test('CON-02: next year copies the stages and owners, planned a year on, with no actual dates', () => {
  const copied = stagesForNextYear([
    {
      position: 2,
      name: 'Publication',
      plannedStart: '2027-05-01',
      plannedEnd: '2027-06-30',
      fieldwork: false,
      ownerId: 'b',
    },
    {
      position: 1,
      name: 'Fieldwork',
      plannedStart: '2026-06-01',
      plannedEnd: '2026-06-30',
      fieldwork: true,
      ownerId: 'a',
    },
  ]);
  assert.deepEqual(copied, [
    {
      position: 1,
      name: 'Fieldwork',
      ownerId: 'a',
      plannedStart: '2027-06-01',
      plannedEnd: '2027-06-30',
      fieldwork: true,
    },
    {
      position: 2,
      name: 'Publication',
      ownerId: 'b',
      plannedStart: '2028-05-01',
      plannedEnd: '2028-06-30',
      fieldwork: false,
    },
  ]);
  // A leap day moves to the last of February.
  assert.equal(
    stagesForNextYear([{ ...copied[0]!, plannedStart: '2028-02-29', plannedEnd: '2028-02-29' }])[0]!
      .plannedStart,
    '2029-02-28',
  );
});

test('CON-02: the plan year is a four-figure year in range', () => {
  assert.deepEqual(parsePlanYear('2027'), { planYear: 2027 });
  assert.equal(
    (parsePlanYear('') as { refusal: { key: string } }).refusal.key,
    'consultation:programmes.errors.yearMissing',
  );
  assert.equal((parsePlanYear('27') as { refusal: { field: string } }).refusal.field, 'planYear');
  assert.ok('refusal' in parsePlanYear('3001'));
});

test('CON-02: a stage needs a name, a planned end not before its start, and an actual end only after an actual start', () => {
  const dates = {
    plannedStart: '2026-06-01',
    plannedEnd: '2026-06-30',
    actualStart: null,
    actualEnd: null,
  };
  assert.deepEqual(validateStage({ name: '  Fieldwork ' }, dates), {
    refusals: [],
    value: { name: 'Fieldwork', note: null },
  });
  const fields = (
    input: Parameters<typeof validateStage>[0],
    d: Parameters<typeof validateStage>[1],
  ) => validateStage(input, d).refusals.map((r) => r.field);
  assert.deepEqual(fields({ name: '' }, dates), ['name']);
  assert.deepEqual(fields({ name: 'x'.repeat(201) }, dates), ['name']);
  assert.deepEqual(fields({ name: 'F' }, { ...dates, plannedEnd: '2026-05-31' }), [
    'plannedEnd-day',
  ]);
  assert.deepEqual(fields({ name: 'F' }, { ...dates, actualEnd: '2026-06-30' }), [
    'actualStart-day',
  ]);
  assert.deepEqual(
    fields({ name: 'F' }, { ...dates, actualStart: '2026-06-10', actualEnd: '2026-06-09' }),
    ['actualEnd-day'],
  );
  assert.deepEqual(fields({ name: 'F', note: 'n'.repeat(1001) }, dates), ['note']);
});

test('CON-02: a stage moves one place up or down, never past either end', () => {
  assert.deepEqual(reorderedIds(['a', 'b', 'c'], 'b', 'up'), ['b', 'a', 'c']);
  assert.deepEqual(reorderedIds(['a', 'b', 'c'], 'b', 'down'), ['a', 'c', 'b']);
  assert.equal(reorderedIds(['a', 'b', 'c'], 'a', 'up'), null);
  assert.equal(reorderedIds(['a', 'b', 'c'], 'c', 'down'), null);
  assert.equal(reorderedIds(['a', 'b'], 'x', 'up'), null);
});
