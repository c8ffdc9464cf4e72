import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../platform/i18n/messages.js';
import { say, type Said } from '../../platform/i18n/said.js';
import { drawRota, quarterTarget, quarterWeeks, seededRandom, spreadVisits } from './rota-rules.js';
import {
  surgeEndRefusal,
  surgedQuarterTarget,
  surgeInWeek,
  surgesApplied,
  publishedSurges,
  surgeStartRefusal,
  validateSurge,
  weekTarget,
  type SurgeSpan,
} from './surge-rules.js';

const english = loadMessages(path.resolve('src')).translator('en');
const words = (said: Said | null | undefined) => (said ? say(english, said) : '');

const weeks = quarterWeeks('2026-07-01');
const holborn = { id: 'holborn', visitsPerWeek: 1 };
const kentish = { id: 'kentish', visitsPerWeek: 0.5 };
/** Disturbances from Thursday 6 August to Wednesday 19 August 2026: three weeks touched. */
const august: SurgeSpan = {
  startsOn: '2026-08-06',
  endsOn: '2026-08-19',
  visitsPerWeek: 3,
  suiteIds: ['holborn'],
};

test('ICV-10: a surge runs in every week any day of which it covers', () => {
  assert.equal(surgeInWeek(august, '2026-08-03'), true);
  assert.equal(surgeInWeek(august, '2026-08-10'), true);
  assert.equal(surgeInWeek(august, '2026-08-17'), true);
  assert.equal(surgeInWeek(august, '2026-07-27'), false);
  assert.equal(surgeInWeek(august, '2026-08-24'), false);
});

test('LEG-05: in a surge a suite it covers aims for the raised visits a week; other suites and weeks keep their own', () => {
  assert.equal(weekTarget(holborn, '2026-08-10', [august]), 3);
  assert.equal(weekTarget(holborn, '2026-07-06', [august]), 1);
  assert.equal(weekTarget(kentish, '2026-08-10', [august]), 0.5);
  // A surge never lowers a suite's own target; of two surges the higher counts.
  assert.equal(weekTarget({ id: 'holborn', visitsPerWeek: 5 }, '2026-08-10', [august]), 5);
  assert.equal(weekTarget(holborn, '2026-08-10', [august, { ...august, visitsPerWeek: 4 }]), 4);
});

test('ICV-10: a quarter target counting surges is each week target added up, and without one it is visits a week × weeks', () => {
  assert.equal(weeks.length, 13);
  // 10 weeks at 1 and 3 surge weeks at 3.
  assert.equal(surgedQuarterTarget(holborn, weeks, [august]), 19);
  assert.equal(surgedQuarterTarget(holborn, weeks, []), quarterTarget(1, 13));
  assert.equal(surgedQuarterTarget(kentish, weeks, [august]), quarterTarget(0.5, 13));
  // A surge in another quarter raises nothing.
  assert.equal(surgedQuarterTarget(holborn, quarterWeeks('2026-10-01'), [august]), 13);
});

test('ICV-10: the surges applied to a quarter are those that raised one of its suites in one of its weeks', () => {
  const lower = { ...august, visitsPerWeek: 0.5 };
  const elsewhere = { ...august, suiteIds: ['another'] };
  assert.deepEqual(surgesApplied([august, lower, elsewhere], [holborn, kentish], weeks), [august]);
  assert.deepEqual(surgesApplied([august], [holborn], quarterWeeks('2026-10-01')), []);
});

test('ICV-10, LEG-05: the draw puts the raised visits in the surge weeks', () => {
  const weekly = new Map(weeks.map((w) => [w, weekTarget(holborn, w, [august])]));
  const spread = spreadVisits(19, weeks, weekly);
  const inWeek = (w: string) => spread.filter((x) => x === w).length;
  assert.equal(inWeek('2026-08-03'), 3);
  assert.equal(inWeek('2026-08-10'), 3);
  assert.equal(inWeek('2026-08-17'), 3);
  assert.equal(inWeek('2026-07-06'), 1);
  // Without a surge the spread is even, as before.
  assert.deepEqual(spreadVisits(13, weeks), weeks);
  const visitors = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => ({
    id,
    experienced: true,
    unavailableWeeks: [],
  }));
  const { visits, gaps } = drawRota({
    visitors,
    suites: [{ id: 'holborn', target: 19, weekly }],
    weeks,
    earlierPairs: [],
    random: seededRandom(7),
  });
  assert.deepEqual(gaps, []);
  assert.equal(visits.filter((v) => v.week === '2026-08-10').length, 3);
  // Three visits that week, six different visitors.
  const that = visits.filter((v) => v.week === '2026-08-10').flatMap((v) => v.visitorIds);
  assert.equal(new Set(that).size, 6);
});

test('LEG-05: a surge needs a name, its days in order, at least one known suite and a raised target', () => {
  const ok = validateSurge(
    { name: ' Disturbances  in August ', visitsPerWeek: '3' },
    { startsOn: '2026-08-06', endsOn: '2026-08-19' },
    ['holborn', 'holborn'],
    ['holborn', 'kentish'],
  );
  assert.deepEqual(ok.refusals, []);
  assert.deepEqual(ok.value, {
    name: 'Disturbances in August',
    startsOn: '2026-08-06',
    endsOn: '2026-08-19',
    visitsPerWeek: 3,
    suiteIds: ['holborn'],
  });
  const bad = validateSurge(
    { name: '', visitsPerWeek: '30' },
    { startsOn: '2026-08-19', endsOn: '2026-08-06' },
    ['nowhere'],
    ['holborn'],
  );
  assert.deepEqual(
    bad.refusals.map((r) => [r.field, words(r)]),
    [
      ['name', "Enter the surge's name or reason"],
      ['endsOn-day', 'The last day must be the same as or after the first day'],
      ['suites', 'Select custody suites from the list'],
      ['visitsPerWeek', words({ key: 'custody-visiting:errors.target', values: { max: 21 } })],
    ],
  );
  assert.deepEqual(
    validateSurge({ name: 'x' }, { startsOn: null, endsOn: null }, [], []).refusals.map(
      (r) => r.field,
    ),
    ['suites', 'visitsPerWeek'],
  );
});

test('ICV-10: a surge is ended early on a day inside it, not gone, and not once over', () => {
  const today = '2026-08-12';
  assert.equal(surgeEndRefusal(august, '2026-08-12', today), null);
  assert.equal(surgeEndRefusal(august, '2026-08-18', today), null);
  assert.equal(
    words(surgeEndRefusal(august, '2026-08-19', today)),
    'The new last day must be from 6 August 2026 to the day before 19 August 2026',
  );
  assert.equal(
    words(surgeEndRefusal(august, '2026-08-10', today)),
    'The new last day must be today or later',
  );
  assert.equal(
    words(surgeEndRefusal(august, '2026-08-15', '2026-08-20')),
    'The surge is already over',
  );
});

test('ICV-10, LEG-05: a surge begins in this quarter or later, never in a quarter already published', () => {
  assert.equal(surgeStartRefusal('2026-10-01', '2026-11-23'), null);
  assert.equal(surgeStartRefusal('2027-01-04', '2026-11-23'), null);
  assert.deepEqual(surgeStartRefusal('2026-09-30', '2026-11-23'), {
    field: 'startsOn-day',
    key: 'custody-visiting:surges.errors.startsBeforeQuarter',
    values: { date: { date: '2026-10-01' } },
  });
});

test('ICV-03, ICV-10: the statistics name a surge only once it has begun', () => {
  const surges = [
    { name: 'Begun', startsOn: '2026-11-20' },
    { name: 'Today', startsOn: '2026-11-23' },
    { name: 'Next week', startsOn: '2026-11-30' },
  ];
  assert.deepEqual(
    publishedSurges(surges, '2026-11-23').map((s) => s.name),
    ['Begun', 'Today'],
  );
});
