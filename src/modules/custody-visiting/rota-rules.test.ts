import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  availabilityRefusals,
  drawRota,
  pairRefusal,
  parseQuarter,
  quarterOf,
  quarterTarget,
  quarterWeeks,
  seededRandom,
  spreadOf,
  suiteRotaGaps,
  pairTwiceRunning,
  swapRefusal,
  visitSlot,
  visitTimeRefusals,
  type RotaVisitor,
} from './rota-rules.js';

const visitor = (id: string, experienced = true, unavailableWeeks: string[] = []): RotaVisitor => ({
  id,
  experienced,
  unavailableWeeks,
});
const weeks = quarterWeeks('2027-01-01');

test('ICV-03: a quarter is named by its first day and has the weeks whose Monday falls in it', () => {
  assert.equal(quarterOf('2026-11-23'), '2026-10-01');
  assert.equal(parseQuarter('2027-01-01'), '2027-01-01');
  assert.equal(parseQuarter('2027-02-01'), null);
  assert.equal(weeks[0], '2027-01-04');
  assert.equal(weeks.at(-1), '2027-03-29');
  assert.equal(weeks.length, 13);
  assert.equal(quarterTarget(1, 13), 13);
  assert.equal(quarterTarget(0.5, 13), 7);
});

test('ICV-03: a visit by one visitor is refused; two on probation are refused', () => {
  assert.equal(pairRefusal([visitor('a')])?.key, 'custody-visiting:rota.errors.onePerson');
  assert.equal(
    pairRefusal([visitor('a'), visitor('a')])?.key,
    'custody-visiting:rota.errors.onePerson',
  );
  assert.equal(
    pairRefusal([visitor('a', false), visitor('b', false)])?.key,
    'custody-visiting:rota.errors.noExperienced',
  );
  assert.equal(pairRefusal([visitor('a', false), visitor('b')]), null);
});

test('ICV-03: the draw meets every target where enough visitors are free, nobody twice in a week', () => {
  const visitors = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => visitor(id));
  const { visits, gaps } = drawRota({
    visitors,
    suites: [
      { id: 's1', target: 13 },
      { id: 's2', target: 7 },
    ],
    weeks,
    earlierPairs: [],
    random: seededRandom(1),
  });
  assert.deepEqual(gaps, []);
  assert.equal(visits.filter((v) => v.suiteId === 's1').length, 13);
  assert.equal(visits.filter((v) => v.suiteId === 's2').length, 7);
  for (const week of weeks) {
    const ids = visits.filter((v) => v.week === week).flatMap((v) => v.visitorIds);
    assert.equal(new Set(ids).size, ids.length, week);
  }
  // Shares spread fairly: 40 places among six visitors, none more than one apart.
  const shares = visitors.map((v) => visits.filter((x) => x.visitorIds.includes(v.id)).length);
  assert.ok(Math.max(...shares) - Math.min(...shares) <= 1, String(shares));
  // Every visit is two different visitors.
  for (const v of visits) assert.notEqual(v.visitorIds[0], v.visitorIds[1]);
});

test('ICV-03: the same pair is never drawn twice running, nor again after the last quarter', () => {
  const { visits } = drawRota({
    visitors: [visitor('a'), visitor('b'), visitor('c')],
    suites: [{ id: 's1', target: 13 }],
    weeks,
    earlierPairs: [['a', 'b']],
    random: seededRandom(7),
  });
  const key = (ids: readonly string[]) => [...ids].sort().join('');
  assert.notEqual(key(visits[0]!.visitorIds), 'ab');
  const lastOf = new Map<string, string>([
    ['a', 'b'],
    ['b', 'a'],
  ]);
  for (const v of visits) {
    const [x, y] = v.visitorIds;
    assert.notEqual(lastOf.get(x), y, v.week);
    lastOf.set(x, y);
    lastOf.set(y, x);
  }
});

test('ICV-02, ICV-03: a visitor on probation is drawn only with an experienced one', () => {
  const { visits } = drawRota({
    visitors: [visitor('p', false), visitor('q', false), visitor('e'), visitor('f')],
    suites: [{ id: 's1', target: 13 }],
    weeks,
    earlierPairs: [],
    random: seededRandom(3),
  });
  assert.equal(visits.length, 13);
  for (const v of visits)
    assert.ok(
      v.visitorIds.some((id) => id === 'e' || id === 'f'),
      v.week,
    );
  assert.ok(visits.some((v) => v.visitorIds.includes('p')));
});

test('ICV-03: a week a visitor cannot do is kept free, and what cannot be filled is a gap', () => {
  const { visits, gaps } = drawRota({
    visitors: [visitor('a', true, [weeks[0]!]), visitor('b'), visitor('c')],
    suites: [
      { id: 's1', target: 13 },
      { id: 's2', target: 13 },
    ],
    weeks,
    earlierPairs: [],
    random: seededRandom(5),
  });
  assert.ok(!visits.some((v) => v.week === weeks[0] && v.visitorIds.includes('a')));
  // Three visitors make one pair a week: 13 of the 26 visits at most.
  assert.ok(visits.length <= 13);
  const short = gaps.reduce((n, g) => n + g.short, 0);
  assert.equal(short, 26 - visits.length);
});

test('ICV-03: the same random source draws the same rota; the visits kept count to the target', () => {
  const input = {
    visitors: ['a', 'b', 'c', 'd'].map((id) => visitor(id)),
    suites: [{ id: 's1', target: 13 }],
    weeks,
    earlierPairs: [] as [string, string][],
  };
  assert.deepEqual(
    drawRota({ ...input, random: seededRandom(9) }),
    drawRota({ ...input, random: seededRandom(9) }),
  );
  const kept = [{ suiteId: 's1', week: weeks[0]!, visitorIds: ['a', 'b'] as const }];
  const { visits } = drawRota({ ...input, weeks: weeks.slice(1), kept, random: seededRandom(9) });
  assert.equal(visits.length, 12);
});

test('ICV-02, ICV-03: a visitor swapped in must be eligible, free that week, and keep an experienced visitor in the pair', () => {
  const staying = visitor('a', false);
  assert.equal(
    swapRefusal({
      staying,
      incoming: {
        id: 'b',
        experienced: true,
        eligibility: { key: 'custody-visiting:visitors.rota.notTrained' },
      },
      busyThatWeek: false,
    })?.key,
    'custody-visiting:visitors.rota.notTrained',
  );
  assert.equal(
    swapRefusal({
      staying,
      incoming: { id: 'b', experienced: false, eligibility: null },
      busyThatWeek: false,
    })?.key,
    'custody-visiting:rota.errors.noExperienced',
  );
  assert.equal(
    swapRefusal({
      staying,
      incoming: { id: 'b', experienced: true, eligibility: null },
      busyThatWeek: true,
    })?.key,
    'custody-visiting:rota.errors.busyThatWeek',
  );
  assert.equal(
    swapRefusal({
      staying,
      incoming: { id: 'a', experienced: true, eligibility: null },
      busyThatWeek: false,
    })?.key,
    'custody-visiting:rota.errors.onePerson',
  );
  assert.equal(
    swapRefusal({
      staying,
      incoming: { id: 'b', experienced: true, eligibility: null },
      busyThatWeek: false,
    }),
    null,
  );
});

test('ICV-03: a visitor swapped in who would make the same pair twice running is refused', () => {
  const around = [
    { suiteId: 's1', week: '2027-01-04', visitorIds: ['a', 'b'] as const },
    { suiteId: 's1', week: '2027-01-11', visitorIds: ['a', 'c'] as const },
    { suiteId: 's1', week: '2027-02-01', visitorIds: ['d', 'a'] as const },
    { suiteId: 's2', week: '2027-01-11', visitorIds: ['b', 'e'] as const },
  ];
  const week = '2027-01-18';
  // a's visit just before is with c, just after with d; c's just before is with a.
  assert.equal(pairTwiceRunning(week, 'a', 'c', around), true);
  assert.equal(pairTwiceRunning(week, 'a', 'd', around), true);
  assert.equal(pairTwiceRunning(week, 'd', 'a', around), true);
  // a and b visited together, but each has visited with someone else since: they may again.
  assert.equal(pairTwiceRunning(week, 'a', 'b', around), false);
  assert.equal(pairTwiceRunning(week, 'b', 'e', around), true);
  assert.equal(pairTwiceRunning(week, 'c', 'e', around), false);
  assert.equal(
    swapRefusal({
      staying: visitor('a'),
      incoming: { id: 'c', experienced: true, eligibility: null },
      busyThatWeek: false,
      twiceRunning: pairTwiceRunning(week, 'a', 'c', around),
    })?.key,
    'custody-visiting:rota.errors.twiceRunning',
  );
});

test('ICV-03: the pair fixes a day of the visit week, not one gone, and a time', () => {
  const base = { week: '2027-01-04', minutes: 19 * 60, timeGiven: true, today: '2027-01-05' };
  assert.deepEqual(visitTimeRefusals({ ...base, on: '2027-01-09' }), []);
  assert.deepEqual(
    visitTimeRefusals({ ...base, on: '2027-01-11' }).map((r) => r.key),
    ['custody-visiting:rota.errors.notInWeek'],
  );
  assert.deepEqual(
    visitTimeRefusals({ ...base, on: '2027-01-04' }).map((r) => r.key),
    ['custody-visiting:rota.errors.dayGone'],
  );
  assert.deepEqual(
    visitTimeRefusals({ ...base, on: '2027-01-06', minutes: null }).map((r) => r.field),
    ['visitTime'],
  );
});

test('ICV-03: visits are spread across weekdays and weekends, day and evening; gaps are flagged', () => {
  assert.deepEqual(visitSlot('2027-01-09', 14 * 60), { weekend: true, evening: false });
  assert.deepEqual(visitSlot('2027-01-06', 18 * 60), { weekend: false, evening: true });
  assert.deepEqual(visitSlot('2027-01-06', 6 * 60), { weekend: false, evening: true });
  const spread = spreadOf([visitSlot('2027-01-06', 10 * 60), visitSlot('2027-01-07', 11 * 60)]);
  assert.deepEqual(spread, { weekdayDay: 2, weekdayEvening: 0, weekendDay: 0, weekendEvening: 0 });
  assert.deepEqual(
    suiteRotaGaps({ target: 13, visits: 10, spread }).map((g) => g.key),
    [
      'custody-visiting:rota.gaps.short',
      'custody-visiting:rota.gaps.noWeekend',
      'custody-visiting:rota.gaps.noEvening',
    ],
  );
});

test('ICV-03: availability names weeks of the quarter and leaves at least one free', () => {
  assert.deepEqual(availabilityRefusals([weeks[0]!], weeks, ''), []);
  assert.deepEqual(
    availabilityRefusals(['2026-01-05'], weeks, '').map((r) => r.field),
    ['unavailable'],
  );
  assert.deepEqual(
    availabilityRefusals(weeks, weeks, '').map((r) => r.key),
    ['custody-visiting:rota.errors.noWeekLeft'],
  );
});
