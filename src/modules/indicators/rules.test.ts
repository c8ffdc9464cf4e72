import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  areaTargetFitsBorough,
  changeRefusals,
  closedPeriods,
  measureRefusal,
  hundredthsAsDecimal,
  isPeriodStart,
  nextPeriod,
  periodLabel,
  periodOf,
  periodsUpTo,
  ragStatus,
  readValue,
  readValuesCsv,
  validateIndicator,
} from './rules.js';

const OWNER = '11111111-2222-4333-8444-555555555555';

test('CON-01: a date falls in its month, its quarter of the reporting year, and its reporting year', () => {
  assert.equal(periodOf('2026-05-17', 'monthly'), '2026-05-01');
  assert.equal(periodOf('2026-04-01', 'quarterly'), '2026-04-01');
  assert.equal(periodOf('2026-06-30', 'quarterly'), '2026-04-01');
  assert.equal(periodOf('2026-07-01', 'quarterly'), '2026-07-01');
  assert.equal(periodOf('2026-12-31', 'quarterly'), '2026-10-01');
  assert.equal(periodOf('2027-02-14', 'quarterly'), '2027-01-01');
  assert.equal(periodOf('2027-03-31', 'yearly'), '2026-04-01', 'March is the year before');
  assert.equal(periodOf('2026-04-01', 'yearly'), '2026-04-01');
  assert.equal(isPeriodStart('2026-07-01', 'quarterly'), true);
  assert.equal(isPeriodStart('2026-08-01', 'quarterly'), false);
  assert.equal(isPeriodStart('2026-01-01', 'yearly'), false);
  assert.equal(isPeriodStart('2026-02-30', 'monthly'), false);
  assert.equal(nextPeriod('2027-01-01', 'quarterly'), '2027-04-01');
  assert.deepEqual(periodsUpTo('2026-05-10', 'quarterly', 3), [
    '2025-10-01',
    '2026-01-01',
    '2026-04-01',
  ]);
  assert.deepEqual(periodLabel('2027-01-01', 'quarterly'), {
    key: 'indicators:periods.quarter',
    values: { quarter: 4, year: '2026-27' },
  });
});

test('CON-01: RAG is green when the target is met by polarity, amber within the tolerance, red beyond, none without a target', () => {
  // Higher is better: target 100, tolerance 5% (95 is amber, 94 red).
  assert.equal(ragStatus(10000, 10000, 'higher_better', 5), 'green');
  assert.equal(ragStatus(12000, 10000, 'higher_better', 5), 'green');
  assert.equal(ragStatus(9500, 10000, 'higher_better', 5), 'amber');
  assert.equal(ragStatus(9499, 10000, 'higher_better', 5), 'red');
  // Lower is better: target 20 days, 21 is amber, 21.01 red.
  assert.equal(ragStatus(1500, 2000, 'lower_better', 5), 'green');
  assert.equal(ragStatus(2100, 2000, 'lower_better', 5), 'amber');
  assert.equal(ragStatus(2101, 2000, 'lower_better', 5), 'red');
  assert.equal(ragStatus(2001, 2000, 'lower_better', 0), 'red', 'no tolerance: any miss is red');
  assert.equal(ragStatus(5000, null, 'higher_better', 5), 'none');
  assert.equal(ragStatus(null, 5000, 'higher_better', 5), 'none');
  // A target of nought to be kept under: anything above it misses by more than 5% of nought.
  assert.equal(ragStatus(100, 0, 'lower_better', 5), 'red');
});

test('CDRP-10: a value is read exactly as typed, as its unit allows', () => {
  assert.deepEqual(readValue('1,204', 'count'), { hundredths: 120400 });
  assert.deepEqual(readValue('12.35', 'percent'), { hundredths: 1235 });
  assert.deepEqual(readValue('12.35%', 'percent'), { hundredths: 1235 });
  assert.deepEqual(readValue('0.1', 'rate_per_1000'), { hundredths: 10 });
  assert.deepEqual(readValue('£1,234.50', 'pounds'), { hundredths: 123450 });
  assert.deepEqual(readValue('4.10', 'count'), { refusal: 'decimals' });
  assert.deepEqual(readValue('4.0', 'people'), { hundredths: 400 }, 'a nought after the point');
  assert.deepEqual(readValue('1.234', 'days'), { refusal: 'decimals' });
  assert.deepEqual(readValue('-3', 'count'), { refusal: 'negative' });
  assert.deepEqual(readValue('12,34', 'count'), { refusal: 'notNumber' });
  assert.deepEqual(readValue('ten', 'count'), { refusal: 'notNumber' });
  assert.deepEqual(readValue(' ', 'count'), { refusal: 'missing' });
  assert.deepEqual(readValue('100.01', 'percent'), { refusal: 'tooLarge' });
  assert.deepEqual(readValue('99999999999999', 'count'), { refusal: 'tooLarge' });
  // No floating-point drift: 0.29 is 29 hundredths, not 28.999….
  assert.deepEqual(readValue('0.29', 'percent'), { hundredths: 29 });
  assert.equal(hundredthsAsDecimal(1235, 'percent'), '12.35');
  assert.equal(hundredthsAsDecimal(1250, 'days'), '12.5');
  assert.equal(hundredthsAsDecimal(400, 'count'), '4');
});

test('CON-01: an indicator needs each of its fields from their lists; its tolerance is 5% unless given', () => {
  const empty = validateIndicator({});
  assert.deepEqual(
    empty.refusals.map((r) => r.field),
    ['name', 'definition', 'unit', 'polarity', 'ownerId', 'frequency', 'breakdown'],
  );
  const { refusals, value } = validateIndicator({
    name: ' Visits  made ',
    definition: 'Custody visits made in the period.',
    unit: 'count',
    polarity: 'higher_better',
    ownerId: OWNER,
    frequency: 'quarterly',
    breakdown: 'borough',
    isPublic: 'yes',
  });
  assert.deepEqual(refusals, []);
  assert.equal(value.name, 'Visits made');
  assert.equal(value.tolerance, 5);
  assert.equal(value.isPublic, true);
  assert.deepEqual(
    validateIndicator({ tolerance: '101' }).refusals.filter((r) => r.field === 'tolerance').length,
    1,
  );
  assert.deepEqual(
    validateIndicator({ tolerance: '2.5' }).refusals.filter((r) => r.field === 'tolerance').length,
    1,
  );
});

test('CON-01: an indicator with values keeps its unit and frequency', () => {
  const before = { unit: 'count', frequency: 'monthly' } as const;
  const after = { unit: 'percent', frequency: 'yearly' } as const;
  assert.deepEqual(
    changeRefusals(before, after, true).map((r) => r.field),
    ['unit', 'frequency'],
  );
  assert.deepEqual(changeRefusals(before, after, false), []);
});

test('CDRP-10: an owner’s file is read whole, and every bad line named', () => {
  const indicator = { unit: 'count', frequency: 'quarterly', breakdown: 'borough' } as const;
  const good = readValuesCsv(
    'period,borough_code,value,note\n2026-04-01,,120,whole area\n2026-04-01,E09000007,15,\n',
    indicator,
  );
  assert.deepEqual(good.problems, []);
  assert.deepEqual(good.rows, [
    { line: 2, period: '2026-04-01', boroughCode: null, hundredths: 12000, note: 'whole area' },
    { line: 3, period: '2026-04-01', boroughCode: 'E09000007', hundredths: 1500, note: null },
  ]);
  const bad = readValuesCsv(
    'period,borough_code,value,note\n2026-05-01,,1,\n2026-04-01,,1.5,\n2026-04-01,,2,\n2026-04-01,,3,\nx\n',
    indicator,
  );
  assert.deepEqual(
    bad.problems.map((p) => [p.line, p.message.key]),
    [
      [2, 'indicators:csv.problems.period.quarterly'],
      [3, 'indicators:csv.problems.value.decimals'],
      [5, 'indicators:csv.problems.twice'],
      [6, 'indicators:csv.problems.columns'],
    ],
  );
  assert.equal(
    readValuesCsv('month,value\n', indicator).problems[0]!.message.key,
    'indicators:csv.problems.header',
  );
  assert.equal(
    readValuesCsv('period,borough_code,value,note\n2026-04-01,E09000007,1,\n', {
      ...indicator,
      breakdown: 'none',
    }).problems[0]!.message.key,
    'indicators:csv.problems.noBoroughs',
  );
});

test('CON-01: a figure Bridge counts keeps its own unit, and is counted only for periods that have ended', () => {
  assert.equal(measureRefusal({ unit: 'count' }, { unit: 'count' }), null);
  assert.equal(measureRefusal({ unit: 'percent' }, { unit: 'percent' }), null);
  assert.equal(measureRefusal({ unit: 'days' }, { unit: 'days' }), null);
  assert.equal(measureRefusal({ unit: 'percent' }, { unit: 'count' })!.field, 'measureKey');
  assert.deepEqual(measureRefusal({ unit: 'count' }, { unit: 'days' }), {
    field: 'measureKey',
    key: 'indicators:errors.measureUnit',
    values: { unit: { key: 'indicators:units.days' } },
  });
  assert.equal(
    measureRefusal({ unit: 'count' }, undefined)!.key,
    'indicators:errors.measureKeyMissing',
  );
  assert.deepEqual(closedPeriods(['2026-07-01', '2026-10-01'], 'quarterly', '2026-11-23'), [
    '2026-07-01',
  ]);
  assert.deepEqual(closedPeriods(['2026-10-01'], 'monthly', '2026-11-01'), ['2026-10-01']);
});

test("CDRP-10: the area's target is a borough's only for a unit that does not add up across boroughs", () => {
  assert.equal(areaTargetFitsBorough('rate_per_1000'), true);
  assert.equal(areaTargetFitsBorough('percent'), true);
  assert.equal(areaTargetFitsBorough('days'), true);
  assert.equal(areaTargetFitsBorough('count'), false);
  assert.equal(areaTargetFitsBorough('people'), false);
  assert.equal(areaTargetFitsBorough('pounds'), false);
});
