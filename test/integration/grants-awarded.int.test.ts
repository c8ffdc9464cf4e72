/**
 * Issue 27 parts 5 and 6 (CON-04, CDRP-12, DP-01): the public page of grants awarded, read as
 * anyone reads it, filtered by fund, year and borough, with totals per fund and year; and the
 * grants awarded as open data, flat and in the 360Giving Data Standard. Declined and withdrawn
 * applications are never shown; an underspend shows beside the amount awarded; no person is
 * named. Each test makes its own fund, named uniquely.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { grantAdjustments, grantApplications } from '../../src/modules/grants/schema.js';
import { createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeBorough, makePerson, uniqueTag } from '../factories/directory.js';
import {
  makeApplication,
  makeAwardedApplication,
  makeFund,
  makeRound,
} from '../factories/grants.js';
import { mainOf, paginationOf, rowRecords, tableOf, textOf } from '../html.js';
import { openDataCsv } from '../open-data.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const text = (html: string) => textOf(mainOf(html));
const PAGE = '/funding/grants-awarded';

/**
 * A fund of its own with a round in 2026-27: one grant to an engagement group in a borough, one
 * to a community organisation area-wide (later reduced by an underspend), and one declined and
 * one withdrawn application, neither ever shown.
 */
async function fundWithAwards() {
  const tag = uniqueTag();
  const borough = await makeBorough(t, { name: `Borough ${tag}` });
  const fund = await makeFund(t, { name: `Fund ${tag}`, startYear: 2026 });
  const round = await makeRound(t, fund.id, { title: `Round ${tag}`, startYear: 2026 });
  const local = await makeAwardedApplication(t, round.id, {
    boroughId: borough.id,
    projectTitle: `Listening events ${tag}`,
    lines: [600_00, 400_00],
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
  });
  const wide = await makeAwardedApplication(t, round.id, {
    applicantKind: 'organisation',
    projectTitle: `Youth panel ${tag}`,
    lines: [2_500_00],
  });
  await t.services.db.insert(grantAdjustments).values({
    applicationId: wide.id,
    kind: 'underspend',
    amountPence: 500_00,
    reason: `Fewer events ${tag}`,
    recordedOn: '2027-06-30',
  });
  const declined = await makeApplication(t, round.id, { projectTitle: `Declined ${tag}` });
  await t.services.db
    .update(grantApplications)
    .set({ status: 'declined', decidedAt: new Date('2026-11-15T10:00:00Z') })
    .where(eq(grantApplications.id, declined.id));
  const withdrawn = await makeApplication(t, round.id, { projectTitle: `Withdrawn ${tag}` });
  await t.services.db
    .update(grantApplications)
    .set({ status: 'withdrawn' })
    .where(eq(grantApplications.id, withdrawn.id));
  return { tag, borough, fund, round, local, wide };
}

test('CON-04, DP-01: anyone reads the grants awarded from a fund: to whom, for what, where, when and how much, with totals; declined and withdrawn never', async () => {
  const { tag, fund, local, wide } = await fundWithAwards();
  const funding = await get('/funding');
  assert.match(funding.body, /href="\/funding\/grants-awarded"/);

  const res = await get(`${PAGE}?fund=${fund.id}`);
  assert.equal(res.statusCode, 200);
  const said = text(res.body);
  assert.match(said, /Grants awarded/);
  assert.doesNotMatch(said, new RegExp(`Declined ${tag}|Withdrawn ${tag}`));
  assert.match(said, /2 grants/);

  const rows = rowRecords(tableOf(res.body, /^Grants awarded$/));
  assert.deepEqual(
    rows.map((r) => r['Awarded to']),
    // Newest decided first; the same day, the later reference first.
    [`${wide.applicantName} Community organisation`, `${local.applicantName} Engagement group`],
  );
  const [wideRow, localRow] = rows;
  assert.deepEqual(localRow, {
    'Awarded to': `${local.applicantName} Engagement group`,
    Project: `Listening events ${tag} 1 January 2027 to 31 December 2027`,
    'Fund and round': `Fund ${tag} Round ${tag} (2026-27)`,
    Borough: `Borough ${tag}`,
    'Awarded on': '15 November 2026',
    'Amount awarded': '£1,000.00',
  });
  assert.equal(wideRow!.Borough, 'Area-wide');
  assert.equal(wideRow!['Amount awarded'], '£2,500.00 £2,000.00 after money given back');

  const totals = rowRecords(tableOf(res.body, /Totals by fund and reporting year/));
  assert.deepEqual(totals, [
    {
      Fund: `Fund ${tag}`,
      'Reporting year': '2026-27',
      Grants: '2',
      Awarded: '£3,500.00',
      'After money given back': '£3,000.00',
    },
  ]);
  // Links to the open data and back to the funding rounds.
  assert.match(res.body, /href="\/open-data\/grants-awarded"/);
  assert.match(res.body, /href="\/open-data\/grants-360giving\.json"/);
  assert.match(res.body, /href="\/funding"/);
});

test('CON-04: filtered by borough (or area-wide) and by year; a filter that is not one is ignored', async () => {
  const { tag, fund, borough, local, wide } = await fundWithAwards();
  const names = async (query: string) => text((await get(`${PAGE}?fund=${fund.id}&${query}`)).body);

  const inBorough = await names(`borough=${borough.id}`);
  assert.match(inBorough, new RegExp(local.applicantName));
  assert.doesNotMatch(inBorough, new RegExp(wide.applicantName));
  const areaWide = await names('borough=area');
  assert.match(areaWide, new RegExp(wide.applicantName));
  assert.doesNotMatch(areaWide, new RegExp(local.applicantName));

  const otherYear = await get(`${PAGE}?fund=${fund.id}&year=2031`);
  assert.match(text(otherYear.body), /No grant awarded matches these filters/);
  assert.match(await names('year=2026'), new RegExp(`Listening events ${tag}`));
  // The chosen filters stay chosen.
  assert.match(
    otherYear.body,
    new RegExp(`<option value="${fund.id}" selected>Fund ${tag}</option>`),
  );
  assert.match(otherYear.body, /<option value="2026">2026-27<\/option>/);

  const nonsense = await get(`${PAGE}?fund=${fund.id}&year=soon&borough=nowhere`);
  assert.equal(nonsense.statusCode, 200);
  assert.match(text(nonsense.body), /2 grants/);
});

test('the page is paginated, 25 awards at a time', async () => {
  const tag = uniqueTag();
  const fund = await makeFund(t, { name: `Busy fund ${tag}`, budgetPence: 1_000_000_00 });
  const round = await makeRound(t, fund.id);
  // A draft is never shown either.
  await makeApplication(t, round.id, { status: 'draft', projectTitle: `Draft ${tag}` });
  for (let i = 0; i < 26; i++)
    await makeAwardedApplication(t, round.id, {
      projectTitle: `Busy ${tag} ${i}`,
      lines: [100_00],
    });
  const first = await get(`${PAGE}?fund=${fund.id}`);
  assert.deepEqual(paginationOf(first.body), { from: 1, to: 25, total: 26 });
  assert.match(
    first.body,
    new RegExp(`href="/funding/grants-awarded\\?fund=${fund.id}&amp;page=2"`),
  );
  const second = await get(`${PAGE}?fund=${fund.id}&page=2`);
  assert.deepEqual(paginationOf(second.body), { from: 26, to: 26, total: 26 });
  assert.equal(rowRecords(tableOf(second.body, /^Grants awarded$/)).length, 1);
  assert.doesNotMatch(first.body + second.body, new RegExp(`Draft ${tag}`));
});

test('the page is kept while the grants are unchanged (ETag, 304), and a new award is seen at once; signed in, it is the same page', async () => {
  const { fund, round } = await fundWithAwards();
  const url = `${PAGE}?fund=${fund.id}`;
  const first = await get(url);
  const etag = first.headers.etag as string;
  assert.match(etag, /^W\//);
  const again = await get(url, { 'if-none-match': etag });
  assert.equal(again.statusCode, 304);

  const later = await makeAwardedApplication(t, round.id, { projectTitle: 'A later award' });
  const changed = await get(url, { 'if-none-match': etag });
  assert.equal(changed.statusCode, 200);
  assert.match(text(changed.body), new RegExp(later.applicantName));

  // Nobody is refused: a signed-in reader reads the same grants.
  const reader = await signInNewAccount(t, 'authority_member');
  const theirs = await reader.get(url);
  assert.equal(theirs.statusCode, 200);
  assert.match(text(theirs.body), /3 grants/);
});

const csvOf = (id: string) => openDataCsv(t, id);

test('open data: the grants awarded in CSV and JSON, with the amount after money given back; declined and withdrawn never, nor any person', async () => {
  const { tag, local, wide } = await fundWithAwards();
  // Whoever sat on the panel or gave its reasons is never published.
  const person = await makePerson(t, { fullName: `Private Person ${tag}` });
  await t.services.db
    .update(grantApplications)
    .set({ panel: `Panel with ${person.fullName}`, decisionReason: `Said ${person.fullName}` })
    .where(eq(grantApplications.id, local.id));

  const { header, records, body } = await csvOf('grants-awarded');
  assert.deepEqual(header, [
    'identifier',
    'recipient',
    'recipient_kind',
    'title',
    'fund',
    'round',
    'reporting_year',
    'borough',
    'amount_awarded',
    'amount_after_adjustments',
    'award_date',
    'starts_on',
    'ends_on',
  ]);
  const ours = records.filter((r) => r.fund === `Fund ${tag}`);
  assert.deepEqual(ours, [
    {
      identifier: `360G-bridge-G-${wide.reference}`,
      recipient: wide.applicantName,
      recipient_kind: 'Community organisation',
      title: `Youth panel ${tag}`,
      fund: `Fund ${tag}`,
      round: `Round ${tag}`,
      reporting_year: '2026-27',
      borough: 'Area-wide',
      amount_awarded: '2500',
      amount_after_adjustments: '2000',
      award_date: '2026-11-15',
      starts_on: '2027-01-01',
      ends_on: '2027-12-31',
    },
    {
      identifier: `360G-bridge-G-${local.reference}`,
      recipient: local.applicantName,
      recipient_kind: 'Engagement group',
      title: `Listening events ${tag}`,
      fund: `Fund ${tag}`,
      round: `Round ${tag}`,
      reporting_year: '2026-27',
      borough: `Borough ${tag}`,
      amount_awarded: '1000',
      amount_after_adjustments: '1000',
      award_date: '2026-11-15',
      starts_on: '2027-01-01',
      ends_on: '2027-12-31',
    },
  ]);
  assert.doesNotMatch(body, new RegExp(`Declined ${tag}|Withdrawn ${tag}|Private Person ${tag}`));

  const json = JSON.parse((await get('/open-data/grants-awarded.json')).body) as {
    dataset: string;
    rows: Record<string, unknown>[];
  };
  assert.equal(json.dataset, 'grants-awarded');
  const row = json.rows.find((r) => r.title === `Youth panel ${tag}`)!;
  assert.equal(row.amount_awarded, 2500);
  assert.equal(row.amount_after_adjustments, 2000);
});

interface Grant360 {
  id: string;
  title: string;
  description: string;
  currency: string;
  amountAwarded: number;
  awardDate: string;
  plannedDates?: { startDate: string; endDate: string }[];
  recipientOrganization: { id: string; name: string }[];
  fundingOrganization: { id: string; name: string }[];
  beneficiaryLocation?: { name: string; countryCode: string }[];
  grantProgramme: { code: string; title: string }[];
  dateModified: string;
}

test('CON-04, DP-01: 360Giving: the JSON is a data package of grants with every required field; the CSV has the standard’s headings', async () => {
  const { tag, local, wide, fund } = await fundWithAwards();
  const res = await get('/open-data/grants-360giving.json');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const pack = JSON.parse(res.body) as {
    grants: Grant360[];
    license: string;
    publisher: { name: string };
    modified: string;
  };
  assert.match(pack.modified, /^\d{4}-\d{2}-\d{2}T/);
  assert.match(pack.license, /open-government-licence/);
  assert.equal(pack.publisher.name, 'Metropolitan Police Authority');
  const isoDate = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])$/;
  for (const grant of pack.grants) {
    // The schema's required fields, each of its type.
    for (const field of ['id', 'title', 'description', 'currency', 'awardDate'] as const)
      assert.equal(typeof grant[field], 'string', `${grant.id} ${field}`);
    assert.equal(typeof grant.amountAwarded, 'number');
    assert.match(grant.awardDate, isoDate);
    assert.equal(grant.currency, 'GBP');
    for (const org of [...grant.recipientOrganization, ...grant.fundingOrganization]) {
      assert.equal(typeof org.id, 'string');
      assert.equal(typeof org.name, 'string');
    }
    assert.match(grant.id, /^360G-bridge-G-\d+$/);
    assert.ok(!Number.isNaN(Date.parse(grant.dateModified)));
  }
  assert.equal(new Set(pack.grants.map((g) => g.id)).size, pack.grants.length);

  const ours = pack.grants.filter((g) => g.grantProgramme[0]!.title === `Fund ${tag}`);
  assert.deepEqual(
    ours.map((g) => g.title),
    [`Youth panel ${tag}`, `Listening events ${tag}`],
  );
  const localGrant = ours[1]!;
  assert.deepEqual(localGrant.recipientOrganization, [
    { id: `360G-bridge-group-${local.engagementGroupId}`, name: local.applicantName },
  ]);
  assert.deepEqual(localGrant.fundingOrganization, [
    { id: '360G-bridge-funder', name: 'Metropolitan Police Authority' },
  ]);
  assert.equal(localGrant.amountAwarded, 1000);
  assert.deepEqual(localGrant.plannedDates, [{ startDate: '2027-01-01', endDate: '2027-12-31' }]);
  assert.equal(localGrant.beneficiaryLocation![0]!.countryCode, 'GB');
  assert.deepEqual(localGrant.grantProgramme, [
    { code: `360G-bridge-fund-${fund.id}`, title: `Fund ${tag}` },
  ]);
  assert.match(
    localGrant.description,
    new RegExp(`Listening events ${tag}: a grant from the Fund ${tag}`),
  );
  const wideGrant = ours[0]!;
  assert.equal(wideGrant.recipientOrganization[0]!.id, `360G-bridge-org-${wide.organisationId}`);
  // The amount awarded stays as the panel decided it, whatever was given back.
  assert.equal(wideGrant.amountAwarded, 2500);
  assert.ok(!('beneficiaryLocation' in wideGrant));
  assert.doesNotMatch(res.body, new RegExp(`Declined ${tag}|Withdrawn ${tag}`));

  const { header, records } = await csvOf('grants-360giving');
  assert.deepEqual(header, [
    'Identifier',
    'Title',
    'Description',
    'Currency',
    'Amount Awarded',
    'Award Date',
    'Planned Dates:Start Date',
    'Planned Dates:End Date',
    'Recipient Org:Identifier',
    'Recipient Org:Name',
    'Beneficiary Location:Name',
    'Beneficiary Location:Country Code',
    'Funding Org:Identifier',
    'Funding Org:Name',
    'Grant Programme:Code',
    'Grant Programme:Title',
    'Last modified',
  ]);
  const line = records.find((r) => r.Title === `Listening events ${tag}`)!;
  assert.equal(line.Identifier, `360G-bridge-G-${local.reference}`);
  assert.equal(line['Amount Awarded'], '1000');
  assert.equal(line['Award Date'], '2026-11-15');
  assert.equal(line['Recipient Org:Name'], local.applicantName);
  assert.equal(line['Funding Org:Name'], 'Metropolitan Police Authority');

  // Its page names the standard and each column by its heading; the catalogue lists both.
  const page = await get('/open-data/grants-360giving');
  assert.match(text(page.body), /It follows the 360Giving Data Standard/);
  const columns = rowRecords(tableOf(page.body, /What each column holds/));
  assert.equal(columns[4]!.Column, 'Amount Awarded');
  assert.equal(columns[4]!.Kind, 'Number');
  const catalogue = await get('/open-data');
  for (const id of ['grants-awarded', 'grants-360giving'])
    assert.match(catalogue.body, new RegExp(`href="/open-data/${id}"`));
  const dcat = JSON.parse((await get('/open-data/catalogue.jsonld')).body) as {
    'dcat:dataset': { 'dct:identifier': string; 'dct:conformsTo'?: { '@id': string } }[];
  };
  assert.deepEqual(
    dcat['dcat:dataset'].find((d) => d['dct:identifier'] === 'grants-360giving')!['dct:conformsTo'],
    { '@id': 'https://standard.threesixtygiving.org/' },
  );
});
