import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  financialYearOf,
  median,
  parseYear,
  percentOf,
  periodEnd,
  periodQuarters,
  periodWeeks,
  publishedSeen,
  reportFigures,
  yearChoices,
  type SuiteReports,
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

test('ICV-10: a year is the police-reporting year, 1 April to 31 March; this one and the two before are offered', () => {
  assert.equal(financialYearOf('2026-03-31'), '2025-04-01');
  assert.equal(financialYearOf('2026-04-01'), '2026-04-01');
  assert.deepEqual(yearChoices('2026-11-23'), ['2026-04-01', '2025-04-01', '2024-04-01']);
  assert.equal(parseYear('2025-04-01'), '2025-04-01');
  assert.equal(parseYear('2025-01-01'), null);
  assert.equal(parseYear(undefined), null);
  const year = { kind: 'year' as const, start: '2025-04-01' };
  assert.deepEqual(periodQuarters(year), ['2025-04-01', '2025-07-01', '2025-10-01', '2026-01-01']);
  assert.equal(periodEnd(year), '2026-04-01');
  assert.equal(periodEnd({ kind: 'quarter', start: '2025-10-01' }), '2026-01-01');
});

test('ICV-10: a year’s target is its four quarters’ targets added up, so a fortnightly suite’s is 7 + 7 + 7 + 7', () => {
  const weeks = periodWeeks({ kind: 'year', start: '2025-04-01' });
  assert.equal(weeks.length, 4);
  assert.equal(
    suiteLine(suite({ visitsPerWeek: 0.5 }), weeks).target,
    weeks.reduce((n, w) => n + Math.ceil(w / 2), 0),
  );
  assert.equal(suiteLine(suite({ visitsPerWeek: 0.5 }), [13, 13, 13, 13]).target, 28);
});

test('ICV-10: the median is the middle value, or the middle two’s mean rounded; none of nothing', () => {
  assert.equal(median([]), null);
  assert.equal(median([9, 1, 5]), 5);
  assert.equal(median([10, 2, 4, 7]), 6);
  assert.equal(median([1, 2]), 2);
  assert.equal(percentOf(2, 3), 67);
  assert.equal(percentOf(0, 0), null);
});

const reports = (over: Partial<SuiteReports>): SuiteReports => ({
  name: 'Holborn',
  area: 'Camden',
  reports: 0,
  detaineesPresent: 0,
  seen: 0,
  notSeen: { asleep: 0, interview: 0, solicitor: 0, declined: 0, safety: 0 },
  childrenSeen: 0,
  vulnerableSeen: 0,
  delays: [],
  issuesRaised: 0,
  daysToResolve: [],
  ...over,
});

test('ICV-04, ICV-05, ICV-10, LEG-05: detainees, delays and issues add up suite by suite, by area and in total; medians are of every value, not of the suites’ medians', () => {
  const result = reportFigures(
    [
      reports({
        reports: 3,
        detaineesPresent: 10,
        seen: 6,
        notSeen: { asleep: 2, interview: 1, solicitor: 0, declined: 1, safety: 0 },
        childrenSeen: 1,
        delays: [10, 40],
        issuesRaised: 3,
        daysToResolve: [2, 30],
      }),
      reports({
        name: 'Kentish Town',
        reports: 1,
        detaineesPresent: 4,
        seen: 4,
        vulnerableSeen: 2,
        delays: [15],
        issuesRaised: 1,
        daysToResolve: [5],
      }),
      reports({ name: 'Brixton', area: 'Lambeth', reports: 2, detaineesPresent: 0 }),
    ],
    'London',
  );
  const camden = result.areas[0]!.total;
  assert.equal(result.areas.length, 2);
  assert.deepEqual(
    [camden.reports, camden.detaineesPresent, camden.seen, camden.notSeen.asleep],
    [4, 14, 10, 2],
  );
  assert.deepEqual([camden.childrenSeen, camden.vulnerableSeen], [1, 2]);
  // Three delays: 10, 15 and 40 minutes; the middle is 15 (the suites' medians would give 20).
  assert.deepEqual([camden.delayed, camden.medianDelay, camden.longestDelay], [3, 15, 40]);
  // Four issues raised, three resolved (75%), in 2, 5 and 30 days: the median is 5.
  assert.deepEqual(
    [
      camden.issuesRaised,
      camden.issuesResolved,
      camden.percentResolved,
      camden.medianDaysToResolve,
    ],
    [4, 3, 75, 5],
  );
  const lambeth = result.areas[1]!.total;
  assert.deepEqual(
    [lambeth.delayed, lambeth.medianDelay, lambeth.longestDelay, lambeth.percentResolved],
    [0, null, null, null],
  );
  assert.equal(result.total.name, 'London');
  assert.deepEqual([result.total.reports, result.total.issuesRaised], [6, 4]);
  assert.equal(result.areas[0]!.suites[1]!.name, 'Kentish Town');
});

test('DP-01: children seen cannot be worked out from the total less the areas or suites shown', () => {
  // London 15: Camden 12 shown would leave Lambeth's 3 as 15 − 12.
  const result = reportFigures(
    [
      reports({ name: 'Holborn', childrenSeen: 12, vulnerableSeen: 30 }),
      reports({ name: 'Brixton', area: 'Lambeth', childrenSeen: 3, vulnerableSeen: 20 }),
      reports({ name: 'Streatham', area: 'Lambeth', childrenSeen: 0, vulnerableSeen: 11 }),
    ],
    'London',
  );
  const seen = publishedSeen(result);
  const [camden, lambeth] = result.areas;
  assert.equal(seen(result.total).childrenSeen, '15');
  assert.equal(seen(lambeth!.total).childrenSeen, 'fewer than 10');
  assert.equal(seen(camden!.total).childrenSeen, 'not shown');
  assert.equal(seen(camden!.suites[0]!).childrenSeen, 'not shown');
  assert.equal(seen(lambeth!.suites[0]!).childrenSeen, 'fewer than 10');
  // Nothing small: all shown.
  assert.deepEqual(
    [result.total, camden!.total, lambeth!.total, lambeth!.suites[1]!].map(
      (l) => seen(l).vulnerableSeen,
    ),
    ['61', '30', '31', '11'],
  );
});
