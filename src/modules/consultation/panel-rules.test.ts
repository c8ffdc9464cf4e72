import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addressList,
  balancedSample,
  boroughQuotas,
  formatDifference,
  formatShare,
  isQuiet,
  panelBalance,
  publishableBalance,
  sampleSizeRefusal,
  seededRandom,
  type SampleCandidate,
} from './panel-rules.js';

test('CON-06: the balance gives each group its share of members against its share of population', () => {
  const lines = panelBalance(['a', 'b', 'c'], { a: 30, b: 60, c: 10 }, { a: 500, b: 300, c: 200 });
  assert.deepEqual(
    lines.map((l) => [
      l.value,
      l.members,
      formatShare(l.memberShare),
      formatShare(l.populationShare),
      formatDifference(l.difference),
      l.underRepresented,
    ]),
    [
      ['a', 30, '30.0%', '50.0%', '−20.0', true],
      ['b', 60, '60.0%', '30.0%', '+30.0', false],
      ['c', 10, '10.0%', '20.0%', '−10.0', true],
    ],
  );
});

test('CON-06: a group is under-represented only below four fifths of its population share', () => {
  const [a, b] = panelBalance(['a', 'b'], { a: 40, b: 60 }, { a: 50, b: 50 });
  assert.equal(a!.underRepresented, false, '40% against 50% is exactly four fifths');
  assert.equal(b!.underRepresented, false);
  const [c] = panelBalance(['c', 'd'], { c: 39, d: 61 }, { c: 50, d: 50 });
  assert.equal(c!.underRepresented, true);
  // With no members counted, nothing is flagged: there is nothing to read yet.
  assert.equal(panelBalance(['a'], {}, { a: 10 })[0]!.underRepresented, false);
});

test('CON-06, DP-01: the balance shows no small group that the number who answered would give away', () => {
  // 15 answered: 12 women shown would leave 3 men; the 12 is not shown, nor its share.
  const [women, men] = publishableBalance(
    panelBalance(['female', 'male'], { female: 12, male: 3 }, { female: 515, male: 485 }),
  );
  assert.deepEqual(
    [women!.shownMembers, women!.hidden, men!.shownMembers, men!.hidden],
    ['not shown', true, 'fewer than 10', true],
  );
  // The men are at most 5 of 15 (33%): under four fifths of 48.5% whatever their count.
  assert.equal(men!.underRepresented, true);
  assert.equal(women!.underRepresented, false);
  // Nothing small, nothing hidden.
  const whole = publishableBalance(
    panelBalance(['female', 'male'], { female: 12, male: 10 }, { female: 1, male: 1 }),
  );
  assert.deepEqual(
    whole.map((l) => [l.shownMembers, l.hidden]),
    [
      ['12', false],
      ['10', false],
    ],
  );
});

test('CON-06, DP-01: a hidden group is marked under-represented only when its count could not change it', () => {
  // b's 2 of 107 (1.9%) is under four fifths of 4%, but b and c are 7 between them: b could be
  // 7 (6.5%), so marking it would tell that it is fewer than 4.
  const [, b, c] = publishableBalance(
    panelBalance(['a', 'b', 'c'], { a: 100, b: 2, c: 5 }, { a: 90, b: 4, c: 6 }),
  );
  assert.deepEqual([b!.shownMembers, b!.underRepresented], ['fewer than 10', false]);
  assert.deepEqual([c!.shownMembers, c!.underRepresented], ['fewer than 10', false]);
});

test('CON-06: the same seed gives the same random numbers, another seed others', () => {
  const one = seededRandom(42);
  const two = seededRandom(42);
  const a = [one(), one(), one()];
  assert.deepEqual(a, [two(), two(), two()]);
  assert.notDeepEqual(a, [seededRandom(43)(), seededRandom(43)(), seededRandom(43)()]);
  assert.ok(a.every((x) => x >= 0 && x < 1));
});

test('CON-06: boroughs share a sample in proportion to population, none past its members', () => {
  const quotas = boroughQuotas(
    new Map([
      ['north', 50],
      ['south', 50],
      ['west', 3],
    ]),
    { north: 600, south: 300, west: 100 },
    30,
  );
  // West's 10% is 3, all it has; north 18 and south 9 as their populations say.
  assert.deepEqual(Object.fromEntries(quotas), { north: 18, south: 9, west: 3 });
  const capped = boroughQuotas(
    new Map([
      ['north', 5],
      ['south', 50],
    ]),
    { north: 800, south: 200 },
    20,
  );
  // North has only 5 of its 16: the rest go to south.
  assert.deepEqual(Object.fromEntries(capped), { north: 5, south: 15 });
});

function panelOf(): SampleCandidate[] {
  const members: SampleCandidate[] = [];
  // North: 40 men aged 65+, 10 women aged 16-24. South: 25 women, 25 men; nobody answered age.
  for (let i = 0; i < 40; i++)
    members.push({
      id: `n-m-${String(i).padStart(2, '0')}`,
      boroughId: 'north',
      sex: 'male',
      ageBand: '65+',
    });
  for (let i = 0; i < 10; i++)
    members.push({
      id: `n-f-${String(i).padStart(2, '0')}`,
      boroughId: 'north',
      sex: 'female',
      ageBand: '16-24',
    });
  for (let i = 0; i < 25; i++)
    members.push({ id: `s-f-${String(i).padStart(2, '0')}`, boroughId: 'south', sex: 'female' });
  for (let i = 0; i < 25; i++)
    members.push({ id: `s-m-${String(i).padStart(2, '0')}`, boroughId: 'south', sex: 'male' });
  return members;
}

const POPULATION = {
  boroughs: { north: 500, south: 500 },
  ageBand: { '16-24': 50, '65+': 50 },
  sex: { female: 50, male: 50 },
  ethnicGroup: {},
};

test('CON-06: a balanced sample is stratified by borough, then balances sex and age', () => {
  const members = panelOf();
  const drawn = balancedSample(members, POPULATION, 20, 7);
  assert.equal(drawn.length, 20);
  assert.equal(new Set(drawn).size, 20);
  const of = (id: string) => members.find((m) => m.id === id)!;
  const north = drawn.filter((id) => of(id).boroughId === 'north');
  assert.equal(north.length, 10, 'half the population, half the sample');
  // The north's women are a fifth of its members but half the population: the sample takes
  // as many women as men there, not one in five.
  assert.equal(north.filter((id) => of(id).sex === 'female').length, 5);
  const women = drawn.filter((id) => of(id).sex === 'female').length;
  assert.equal(women, 10);
});

test('CON-06: the same seed draws exactly the same sample; another seed may differ', () => {
  const members = panelOf();
  const first = balancedSample(members, POPULATION, 12, 2026);
  assert.deepEqual(balancedSample(members, POPULATION, 12, 2026), first);
  assert.deepEqual(balancedSample([...members].reverse(), POPULATION, 12, 2026), first);
  assert.notDeepEqual(balancedSample(members, POPULATION, 12, 99), first);
});

test('CON-06: a sample as large as the panel is the whole panel', () => {
  const members = panelOf();
  assert.equal(balancedSample(members, POPULATION, 500, 1).length, members.length);
});

test('CON-06: a member is quiet after the set months with no answer since their first wave', () => {
  const base = {
    firstInvitedAt: new Date('2025-11-23T10:00:00Z'),
    lastAnsweredAt: null,
    stayedAt: null,
    askedToStayAt: null,
    leftAt: null,
  };
  assert.equal(isQuiet(base, '2026-11-22', 12), false);
  assert.equal(isQuiet(base, '2026-11-23', 12), true);
  // Never sent a wave: never quiet.
  assert.equal(isQuiet({ ...base, firstInvitedAt: null }, '2030-01-01', 12), false);
  // An answer, or choosing to stay, starts the count again.
  assert.equal(
    isQuiet({ ...base, lastAnsweredAt: new Date('2026-06-01T10:00:00Z') }, '2026-11-23', 12),
    false,
  );
  assert.equal(
    isQuiet({ ...base, stayedAt: new Date('2026-06-01T10:00:00Z') }, '2026-11-23', 12),
    false,
  );
  // Asked once already, or left: not asked again.
  assert.equal(
    isQuiet({ ...base, askedToStayAt: new Date('2026-11-01T10:00:00Z') }, '2027-11-23', 12),
    false,
  );
  assert.equal(
    isQuiet({ ...base, leftAt: new Date('2026-01-01T10:00:00Z') }, '2027-11-23', 12),
    false,
  );
});

test("CON-06: a wave's sample size is a whole number from 1 to the panel's members", () => {
  assert.equal(sampleSizeRefusal('', 10)?.key, 'consultation:panel.errors.sampleSizeMissing');
  assert.equal(sampleSizeRefusal('0', 10)?.key, 'consultation:panel.errors.sampleSizeNumber');
  assert.equal(sampleSizeRefusal('2.5', 10)?.key, 'consultation:panel.errors.sampleSizeNumber');
  assert.equal(sampleSizeRefusal('11', 10)?.key, 'consultation:panel.errors.sampleSizeTooBig');
  assert.equal(sampleSizeRefusal(' 10 ', 10), null);
});

test('CON-06: an invitation list is read one address a line or separated by commas', () => {
  assert.deepEqual(addressList('A@x.org, b@y.org\n\nc@z.org; a@X.org'), [
    'a@x.org',
    'b@y.org',
    'c@z.org',
  ]);
});
