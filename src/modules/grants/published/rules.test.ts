import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  COLUMNS_360,
  grant360,
  grantIdentifier,
  package360,
  poundsOf,
  publishedAward,
  recipientOf,
  row360,
  type AwardRecord,
} from './rules.js';

const SETTINGS = {
  prefix360: '360G-bridge-',
  funderId: 'GB-GOR-PC000123',
  funderName: 'The Authority',
};
const GROUP = '11111111-1111-4111-8111-111111111111';
const ORG = '22222222-2222-4222-8222-222222222222';
const FUND = '33333333-3333-4333-8333-333333333333';

const award = (over: Partial<AwardRecord> = {}): AwardRecord => ({
  reference: 1042,
  applicantKind: 'engagement_group',
  engagementGroupId: GROUP,
  organisationId: null,
  applicantName: 'Hackney Engagement Group',
  projectTitle: 'Youth listening events',
  fundId: FUND,
  fundName: 'Engagement Fund',
  roundTitle: 'Autumn 2026',
  startYear: 2026,
  awardedPence: 1_234_56,
  adjustedPence: 0,
  // 23:30 GMT on 15 November is still the 15th in London; in summer 23:30 UTC is the next day.
  decidedAt: new Date('2026-11-15T23:30:00Z'),
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  borough: 'Hackney',
  updatedAt: new Date('2026-11-16T09:00:00Z'),
  ...over,
});
const describe = (a: AwardRecord) => `${a.projectTitle}: from the ${a.fundName}`;

test('CON-04: 360Giving amounts are pounds from whole pence; identifiers carry the prefix and reference', () => {
  assert.equal(poundsOf(1_234_56), 1234.56);
  assert.equal(poundsOf(100_000_00), 100000);
  assert.equal(poundsOf(1), 0.01);
  assert.throws(() => poundsOf(1.5), RangeError);
  assert.equal(grantIdentifier('360G-bridge-', 1042), '360G-bridge-G-1042');
});

test('DP-01: the recipient is the unit that applied, an engagement group or an organisation, never a person', () => {
  assert.deepEqual(recipientOf('360G-x-', award()), {
    id: `360G-x-group-${GROUP}`,
    name: 'Hackney Engagement Group',
  });
  for (const applicantKind of ['organisation', 'partnership', 'borough'] as const)
    assert.deepEqual(
      recipientOf(
        '360G-x-',
        award({
          applicantKind,
          engagementGroupId: null,
          organisationId: ORG,
          applicantName: 'Unit',
        }),
      ),
      { id: `360G-x-org-${ORG}`, name: 'Unit' },
    );
  assert.throws(() => recipientOf('360G-x-', award({ engagementGroupId: null })));
});

test('DP-01: an award is published with its public fields only: nothing of who sent, decided or wrote it', () => {
  const row = {
    ...award(),
    submittedBy: 'user-id',
    decidedBy: 'user-id',
    panel: 'Panel of named people',
    decisionReason: 'Chair Jane Doe liked it',
    summary: 'Run by Jane Doe',
    conditions: 'Report to John Smith',
  } as AwardRecord;
  const published = publishedAward(row);
  for (const field of ['submittedBy', 'decidedBy', 'panel', 'decisionReason', 'summary'])
    assert.ok(!(field in published), field);
  assert.doesNotMatch(JSON.stringify(published), /Jane Doe|John Smith/);
  assert.equal(published.netPence, 1_234_56);
});

test('CDRP-12: the amount awarded stays as the panel decided; the net is less underspend and clawback', () => {
  const reduced = publishedAward(award({ awardedPence: 1000_00, adjustedPence: 250_00 }));
  assert.equal(reduced.awardedPence, 1000_00);
  assert.equal(reduced.netPence, 750_00);
  assert.equal(publishedAward(award({ awardedPence: 100, adjustedPence: 200 })).netPence, 0);
});

test('CON-04: an award in 360Giving flat form: GBP, pounds, the London day of the award, ISO dates', () => {
  const row = row360(SETTINGS, award(), describe);
  assert.deepEqual(row, {
    identifier: '360G-bridge-G-1042',
    title: 'Youth listening events',
    description: 'Youth listening events: from the Engagement Fund',
    currency: 'GBP',
    amount_awarded: 1234.56,
    award_date: '2026-11-15',
    planned_start_date: '2027-01-01',
    planned_end_date: '2027-12-31',
    recipient_org_identifier: `360G-bridge-group-${GROUP}`,
    recipient_org_name: 'Hackney Engagement Group',
    beneficiary_location_name: 'Hackney',
    beneficiary_location_country_code: 'GB',
    funding_org_identifier: 'GB-GOR-PC000123',
    funding_org_name: 'The Authority',
    grant_programme_code: `360G-bridge-fund-${FUND}`,
    grant_programme_title: 'Engagement Fund',
    last_modified: '2026-11-16T09:00:00.000Z',
  });
  assert.deepEqual(
    Object.keys(row),
    COLUMNS_360.map(([name]) => name),
  );
  const summer = row360(SETTINGS, award({ decidedAt: new Date('2026-06-15T23:30:00Z') }), describe);
  assert.equal(summer.award_date, '2026-06-16');
});

test('CON-04: the 360Giving JSON nests each column at its place; with no dates or borough, none is claimed', () => {
  const grant = grant360(row360(SETTINGS, award(), describe));
  assert.deepEqual(grant, {
    id: '360G-bridge-G-1042',
    title: 'Youth listening events',
    description: 'Youth listening events: from the Engagement Fund',
    currency: 'GBP',
    amountAwarded: 1234.56,
    awardDate: '2026-11-15',
    plannedDates: [{ startDate: '2027-01-01', endDate: '2027-12-31' }],
    recipientOrganization: [{ id: `360G-bridge-group-${GROUP}`, name: 'Hackney Engagement Group' }],
    beneficiaryLocation: [{ name: 'Hackney', countryCode: 'GB' }],
    fundingOrganization: [{ id: 'GB-GOR-PC000123', name: 'The Authority' }],
    grantProgramme: [{ code: `360G-bridge-fund-${FUND}`, title: 'Engagement Fund' }],
    dateModified: '2026-11-16T09:00:00.000Z',
  });
  const bare = grant360(
    row360(SETTINGS, award({ startsOn: null, endsOn: null, borough: null }), describe),
  );
  assert.ok(!('plannedDates' in bare));
  assert.ok(!('beneficiaryLocation' in bare));
  // 360Giving's required fields are all there.
  for (const field of [
    'id',
    'title',
    'description',
    'currency',
    'amountAwarded',
    'awardDate',
    'recipientOrganization',
    'fundingOrganization',
  ])
    assert.ok(field in bare, field);

  const pack = package360([row360(SETTINGS, award(), describe)], {
    title: 'Grants',
    publisherName: 'The Authority',
    licence: 'https://licence.example',
    modified: new Date('2026-11-16T09:00:00Z'),
  });
  assert.equal(pack.grants.length, 1);
  assert.deepEqual(pack.publisher, { name: 'The Authority' });
  assert.equal(pack.modified, '2026-11-16T09:00:00.000Z');
});
