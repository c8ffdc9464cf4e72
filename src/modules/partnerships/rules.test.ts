/** The partnerships register's rules, each test named by its rule id. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCalendarDays, startOfLondonDay } from '../../platform/calendar/index.js';
import {
  deputyRankAllowed,
  isStale,
  nominatedOfficerRankAllowed,
  reviewOverdue,
  staleCutoffDay,
  staleFrom,
  validateOfficers,
  validateProtocol,
  validateRecord,
} from './rules.js';

const officers = {
  name: 'Camden Community Safety Partnership',
  officerName: 'Ada Lane',
  officerRank: 'inspector',
  deputyName: 'Ben Ortiz',
  deputyRank: 'superintendent',
};
const fields = (input: Parameters<typeof validateOfficers>[0]) =>
  validateOfficers(input).refusals.map((r) => `${r.field}:${r.key.split('.').pop()}`);

test('CDRP-01: the nominated officer is an inspector or above', () => {
  assert.equal(nominatedOfficerRankAllowed('sergeant'), false);
  assert.equal(nominatedOfficerRankAllowed('constable'), false);
  for (const rank of ['inspector', 'chief_inspector', 'superintendent', 'commander'] as const)
    assert.equal(nominatedOfficerRankAllowed(rank), true, rank);
});

test('CDRP-01: the deputy is a superintendent (or chief superintendent), nobody below or above', () => {
  assert.equal(deputyRankAllowed('chief_inspector'), false);
  assert.equal(deputyRankAllowed('superintendent'), true);
  assert.equal(deputyRankAllowed('chief_superintendent'), true);
  assert.equal(deputyRankAllowed('commander'), false);
});

test('CDRP-01: an entry names its partnership, an officer and a deputy with ranks, two people', () => {
  assert.deepEqual(fields(officers), []);
  assert.deepEqual(fields({}), [
    'name:nameMissing',
    'officerName:officerNameMissing',
    'officerRank:officerRankMissing',
    'deputyName:deputyNameMissing',
    'deputyRank:deputyRankMissing',
  ]);
  assert.deepEqual(fields({ ...officers, officerRank: 'sergeant', deputyRank: 'inspector' }), [
    'officerRank:officerRankTooLow',
    'deputyRank:deputyRankTooLow',
  ]);
  assert.deepEqual(fields({ ...officers, deputyName: ' ada  LANE ' }), [
    'deputyName:deputySameAsOfficer',
  ]);
  assert.deepEqual(fields({ ...officers, officerEmail: 'not an address' }), [
    'officerEmail:emailInvalid',
  ]);
  const { value } = validateOfficers({ ...officers, officerEmail: ' Ada.Lane@Met.Example ' });
  assert.equal(value.officer.email, 'ada.lane@met.example');
  assert.equal(value.deputy.email, null);
});

test('CDRP-01: an entry is stale the set number of months after the London day it was confirmed', () => {
  // 23:30 on 31 August in London is 31 August, though 22:30 UTC.
  const confirmed = new Date('2026-08-31T22:30:00Z');
  assert.equal(staleFrom(confirmed, 6), '2027-02-28');
  assert.equal(isStale(confirmed, '2027-02-27', 6), false);
  assert.equal(isStale(confirmed, '2027-02-28', 6), true);
  assert.equal(isStale(new Date('2026-06-01T12:00:00Z'), '2026-12-01', 6), true);
  assert.equal(isStale(new Date('2026-06-02T12:00:00Z'), '2026-12-01', 6), false);
});

test('CDRP-01: the list filter’s cut-off agrees with isStale on every day of two years', () => {
  for (let today = '2026-01-01'; today < '2028-01-01'; today = addCalendarDays(today, 1)) {
    const cutoff = staleCutoffDay(today, 6);
    const before = addCalendarDays(cutoff, -1);
    assert.equal(isStale(startOfLondonDay(before), today, 6), true, `${today} ${before}`);
    assert.equal(isStale(startOfLondonDay(cutoff), today, 6), false, `${today} ${cutoff}`);
  }
});

test('CDRP-10: a record has a reporting year, a kind and a title; a figure and a link are optional', () => {
  const today = '2026-12-07';
  const ok = validateRecord(
    { year: '2025', kind: 'performance', title: 'Burglary', figure: 'Down 8%', link: '' },
    today,
  );
  assert.deepEqual(ok.refusals, []);
  assert.deepEqual(ok.value, {
    startYear: 2025,
    kind: 'performance',
    title: 'Burglary',
    figure: 'Down 8%',
    link: null,
  });
  const keys = (input: Parameters<typeof validateRecord>[0]) =>
    validateRecord(input, today).refusals.map((r) => `${r.field}:${r.key.split('.').pop()}`);
  assert.deepEqual(keys({}), ['year:yearMissing', 'kind:kindMissing', 'title:titleMissing']);
  assert.deepEqual(
    keys({ year: '2028', kind: 'minutes', title: 'x', link: 'javascript:alert(1)' }),
    ['year:yearOutOfRange', 'kind:kindMissing', 'link:linkInvalid'],
  );
  assert.deepEqual(
    keys({ year: '2027', kind: 'strategy', title: 'Plan', link: 'https://a.example/p.pdf' }),
    [],
  ); // In February, this reporting year is 2025-26: next year is 2026-27, and 2027-28 is too far.
  const inFebruary = (year: string) =>
    validateRecord({ year, kind: 'target', title: 'Target' }, '2026-02-10').refusals.map((r) =>
      r.key.split('.').pop(),
    );
  assert.deepEqual(inFebruary('2026'), []);
  assert.deepEqual(inFebruary('2027'), ['yearOutOfRange']);
});

test('CDRP-15: a protocol is agreed, reviewed later, and assessed against the guidance; short of compliant says why', () => {
  const today = '2026-12-07';
  const dates = { agreedOn: '2025-05-01', reviewOn: '2027-05-01', assessedOn: '2026-11-01' };
  const keys = (input: Parameters<typeof validateProtocol>[0], d = dates) =>
    validateProtocol(input, d, today).refusals.map((r) => `${r.field}:${r.key.split('.').pop()}`);
  assert.deepEqual(keys({ compliance: 'compliant' }), []);
  assert.deepEqual(keys({}), ['compliance:complianceMissing']);
  assert.deepEqual(keys({ compliance: 'partly' }), ['complianceNote:noteMissing']);
  assert.deepEqual(keys({ compliance: 'not', complianceNote: 'No purposes stated' }), []);
  assert.deepEqual(
    keys(
      { compliance: 'compliant' },
      { agreedOn: '2026-12-08', reviewOn: '2026-12-01', assessedOn: '2026-12-09' },
    ),
    [
      'agreedOn-day:agreedInFuture',
      'reviewOn-day:reviewBeforeAgreed',
      'assessedOn-day:assessedInFuture',
    ],
  );
  assert.deepEqual(keys({ compliance: 'compliant' }, { ...dates, assessedOn: '2025-04-01' }), [
    'assessedOn-day:assessedBeforeAgreed',
  ]);
});

test('CDRP-15: a protocol is overdue for review the day after its review date', () => {
  assert.equal(reviewOverdue('2026-12-07', '2026-12-07'), false);
  assert.equal(reviewOverdue('2026-12-06', '2026-12-07'), true);
  assert.equal(reviewOverdue(null, '2026-12-07'), false);
});
