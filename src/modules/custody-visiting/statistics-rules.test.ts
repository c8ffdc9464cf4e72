import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  latestWholeQuarter,
  quarterChoices,
  quarterPerformance,
  suiteLine,
  type SuiteQuarter,
} from './statistics-rules.js';

const spread = (weekdayDay: number, weekdayEvening = 0, weekendDay = 0, weekendEvening = 0) => ({
  weekdayDay,
  weekdayEvening,
  weekendDay,
  weekendEvening,
});
const suite = (over: Partial<SuiteQuarter>): SuiteQuarter => ({
  name: 'Holborn',
  area: 'Camden',
  visitsPerWeek: 1,
  made: 0,
  missed: 0,
  spread: spread(0),
  ...over,
});

test('ICV-10: a suite visited weekly has a target of 13 in a 13-week quarter; 12 made is short of it, at 92%', () => {
  const l = suiteLine(suite({ made: 12, missed: 1, spread: spread(8, 2, 1, 1) }), 13);
  assert.equal(l.target, 13);
  assert.equal(l.percentOfTarget, 92);
  assert.equal(l.onTarget, false);
  assert.equal(suiteLine(suite({ made: 13 }), 13).onTarget, true);
});

test('ICV-10: a fortnightly suite (0.5 a week) has a target of 7 in a 13-week quarter; a suite with no target shows no percentage', () => {
  assert.equal(suiteLine(suite({ visitsPerWeek: 0.5 }), 13).target, 7);
  const none = suiteLine(suite({ visitsPerWeek: 0, made: 1 }), 13);
  assert.equal(none.percentOfTarget, null);
  assert.equal(none.onTarget, true);
});

test('ICV-10, LEG-05: each area totals its suites, and the police area totals every suite, spread included', () => {
  const result = quarterPerformance(
    [
      suite({ name: 'Holborn', made: 13, spread: spread(10, 1, 1, 1) }),
      suite({ name: 'Kentish Town', made: 6, missed: 2, spread: spread(6) }),
      suite({
        name: 'Brixton',
        area: 'Lambeth',
        visitsPerWeek: 2,
        made: 26,
        spread: spread(20, 6),
      }),
    ],
    13,
    'London',
  );
  assert.deepEqual(
    result.areas.map((a) => [
      a.area,
      a.total.target,
      a.total.made,
      a.total.missed,
      a.total.onTarget,
    ]),
    [
      ['Camden', 26, 19, 2, false],
      ['Lambeth', 26, 26, 0, true],
    ],
  );
  assert.equal(result.total.name, 'London');
  assert.equal(result.total.target, 52);
  assert.equal(result.total.made, 45);
  assert.equal(result.total.percentOfTarget, 87);
  assert.deepEqual(result.total.spread, spread(36, 7, 1, 1));
});

test('ICV-10: the statistics open on the last whole quarter, and offer this quarter and the eleven before', () => {
  assert.equal(latestWholeQuarter('2026-12-06'), '2026-07-01');
  assert.equal(latestWholeQuarter('2027-01-01'), '2026-10-01');
  const choices = quarterChoices('2026-12-06');
  assert.equal(choices.length, 12);
  assert.equal(choices[0], '2026-10-01');
  assert.equal(choices[11], '2024-01-01');
});
