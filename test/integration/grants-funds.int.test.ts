/**
 * Issue 26 part 2 (CON-04, CDRP-12): funds set up through the pages with a year's budget and
 * weighted criteria, rounds of them, staff's round page, and the public funding pages; with the
 * refusals of bad input and of those who may not. Each test makes its own funds. The clock is
 * 23 November 2026 (the year 2026-27).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { grantCriteria, grantFundYears, grantRounds } from '../../src/modules/grants/schema.js';
import { createTestApp, dateFields, Agent, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { uniqueTag } from '../factories/directory.js';
import {
  makeApplication,
  makeAwardedApplication,
  makeFund,
  makeRound,
} from '../factories/grants.js';
import { mainOf, rowRecords, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let reader: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
  reader = await signInNewAccount(t, 'authority_member');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));

test('CON-04: an authority officer sets up a fund; an empty form names each field it needs', async () => {
  const refused = await officer.post('/grants/funds/new', { returnIntervalMonths: '13' });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /Enter the fund's name/);
  assert.match(said, /Select the kind of fund/);
  assert.match(said, /Enter what the fund is for/);
  assert.match(said, /Enter the conditions of funding/);
  assert.match(said, /Select who may apply/);
  assert.match(said, /Enter the months between returns/);

  const name = `Engagement groups fund ${uniqueTag()}`;
  const saved = await officer.post('/grants/funds/new', {
    name,
    kind: 'engagement',
    description: 'Money for engagement groups to engage their communities.',
    conditions: 'Every funded activity is evaluated for effectiveness and value for money.',
    applicantKinds: ['engagement_group', 'organisation'],
    returnIntervalMonths: '3',
  });
  assert.equal(saved.statusCode, 303);
  const fundUrl = saved.headers.location as string;
  const page = text((await officer.get(fundUrl)).body);
  assert.match(page, new RegExp(`${name} has been added`));
  assert.match(page, /Who may apply Engagement groups, Community organisations/);
  assert.match(page, /Months between monitoring returns 3 months/);
  assert.match(page, /No budget has been set/);
});

test('CDRP-12: a year budget is typed in pounds, shown with committed and remaining, never set below what is committed', async () => {
  const fund = await makeFund(t, { budgetPence: 50_000_00 });
  const round = await makeRound(t, fund.id);
  await makeAwardedApplication(t, round.id, { lines: [12_000_00], awardedPence: 12_000_00 });
  const url = `/grants/funds/${fund.id}/budget`;

  const below = await officer.post(url, { startYear: '2026', budget: '£11,999.99' });
  assert.equal(below.statusCode, 400);
  assert.match(text(below.body), /The budget cannot be less than the £12,000.00 already committed/);
  assert.match(below.body, /href="#budget"/);
  const decimals = await officer.post(url, { startYear: '2027', budget: '1,000.505' });
  assert.match(text(decimals.body), /no more than 2 decimal places/);
  const [year] = await t.services.db
    .select()
    .from(grantFundYears)
    .where(eq(grantFundYears.fundId, fund.id));
  assert.equal(year!.budgetPence, 50_000_00);

  const changed = await officer.post(url, { startYear: '2026', budget: '£1,000,000' });
  assert.equal(changed.statusCode, 303);
  await officer.post(url, { startYear: '2025', budget: '950,000.50' });
  const page = await officer.get(`/grants/funds/${fund.id}`);
  assert.match(text(page.body), /The budget for 2025-26 has been saved/);
  assert.deepEqual(
    rowRecords(tableOf(page.body, /budget/)).map((r) => [
      r['Reporting year'],
      r.Budget,
      r.Committed,
      r.Remaining,
    ]),
    [
      ['2026-27', '£1,000,000.00', '£12,000.00', '£988,000.00'],
      ['2025-26', '£950,000.50', '£0.00', '£950,000.50'],
    ],
  );
});

test('CON-04: criteria are added with weights, reordered and removed, and fixed once applications are submitted', async () => {
  const fund = await makeFund(t, {
    criteria: [
      { title: 'Reaches seldom heard communities', weight: 3 },
      { title: 'Value for money', weight: 2 },
    ],
  });
  const refused = await officer.post(`/grants/funds/${fund.id}/criteria/new`, {
    title: '',
    weight: '11',
  });
  assert.match(text(refused.body), /Enter the criterion/);
  assert.match(text(refused.body), /Enter a weight, a whole number from 1 to 10/);
  const added = await officer.post(`/grants/funds/${fund.id}/criteria/new`, {
    title: 'Links with local agencies',
    weight: '5',
  });
  assert.equal(added.statusCode, 303);
  const [, second, third] = await t.services.db
    .select()
    .from(grantCriteria)
    .where(eq(grantCriteria.fundId, fund.id))
    .orderBy(grantCriteria.position);
  await officer.post(`/grants/criteria/${third!.id}/move`, { direction: 'up' });
  await officer.post(`/grants/criteria/${second!.id}/remove`);
  const page = await officer.get(`/grants/funds/${fund.id}`);
  assert.deepEqual(
    rowRecords(tableOf(page.body, /criteria/)).map((r) => [r.Criterion, r.Weight]),
    [
      ['Reaches seldom heard communities', '3'],
      ['Links with local agencies', '5'],
    ],
  );

  const round = await makeRound(t, fund.id);
  await makeApplication(t, round.id);
  const locked = await officer.post(`/grants/criteria/${third!.id}/remove`);
  assert.equal(locked.statusCode, 400);
  assert.match(text(locked.body), /criteria cannot be changed: applications have been submitted/);
  const still = await t.services.db
    .select()
    .from(grantCriteria)
    .where(eq(grantCriteria.fundId, fund.id));
  assert.equal(still.length, 2);
  assert.match(text((await officer.get(`/grants/funds/${fund.id}`)).body), /criteria are fixed/);
});

test('CON-04: a round is added for a year with a budget, closing on or after it opens; its page lists applications with totals', async () => {
  const fund = await makeFund(t, { startYear: 2026 });
  const url = `/grants/funds/${fund.id}/rounds/new`;
  const refused = await officer.post(url, {
    title: '',
    startYear: '2030',
    ...dateFields('opensOn', '2026-12-01'),
    ...dateFields('closesOn', '2026-11-30'),
  });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /Enter the round's name/);
  assert.match(said, /Select a reporting year the fund has a budget for/);
  assert.match(said, /The round must close on or after the day it opens/);

  const title = `Winter round ${uniqueTag()}`;
  const saved = await officer.post(url, {
    title,
    startYear: '2026',
    ...dateFields('opensOn', '2026-11-01'),
    ...dateFields('closesOn', '2027-01-31'),
    ...dateFields('decisionsBy', '2027-03-01'),
  });
  assert.equal(saved.statusCode, 303);
  const roundUrl = saved.headers.location as string;
  const roundId = roundUrl.split('/').pop()!;
  await makeApplication(t, roundId, { projectTitle: 'Youth listening events', lines: [600_00] });
  await makeApplication(t, roundId, { projectTitle: 'Stop and search forum', lines: [1_250_50] });
  await makeApplication(t, roundId, { projectTitle: 'Unfinished draft', status: 'draft' });
  const page = text((await reader.get(roundUrl)).body);
  assert.match(page, new RegExp(`Reporting year 2026-27`));
  assert.match(page, /Opens 1 November 2026/);
  assert.match(page, /Open for applications Open now/);
  assert.match(page, /2 applications asking for £1,850.50 in all/);
  assert.doesNotMatch(page, /Unfinished draft/);
  const searched = text((await reader.get(`${roundUrl}?q=forum`)).body);
  assert.match(searched, /1 application asking for £1,250.50 in all/);
  assert.match(searched, /Stop and search forum/);
  assert.doesNotMatch(searched, /Youth listening events/);
  // The authority member reads but does not change.
  assert.doesNotMatch(page, /Change the round/);
  assert.equal((await reader.get(`${roundUrl}/edit`)).statusCode, 403);
});

test('CON-04: the public funding page shows open and soon rounds with criteria, weights and conditions; closed ones are gone', async () => {
  const fund = await makeFund(t, {
    name: `Development bids ${uniqueTag()}`,
    criteria: [{ title: 'Pilots a new way of consulting', weight: 4 }],
  });
  const open = await makeRound(t, fund.id, {
    title: `Open round ${uniqueTag()}`,
    opensOn: '2026-11-01',
    closesOn: '2026-12-15',
  });
  const soon = await makeRound(t, fund.id, {
    title: `Spring round ${uniqueTag()}`,
    opensOn: '2027-01-10',
    closesOn: '2027-02-28',
  });
  const closed = await makeRound(t, fund.id, {
    title: `Old round ${uniqueTag()}`,
    opensOn: '2026-06-01',
    closesOn: '2026-07-01',
  });
  const anyone = new Agent(t.app);
  const page = text((await anyone.get('/funding')).body);
  assert.match(page, new RegExp(open.title));
  assert.match(page, new RegExp(soon.title));
  assert.doesNotMatch(page, new RegExp(closed.title));
  assert.match(page, /Pilots a new way of consulting \(weight 4\)/);
  assert.match(page, /An evaluation of effectiveness and value for money at the end/);
  assert.match(page, /How to apply/);
  const roundPage = await anyone.get(`/funding/rounds/${soon.id}`);
  assert.match(text(roundPage.body), /Open for applications Not yet open/);
  assert.doesNotMatch(text(roundPage.body), /Apply now/);
  assert.match(text((await anyone.get(`/funding/rounds/${open.id}`)).body), /Apply now/);
  // Staff pages are not the public's.
  assert.equal((await anyone.get('/grants')).statusCode, 303);
});

test('CON-04: a fund and a round are changed while they are as the form saw them; a stale change is refused', async () => {
  const fund = await makeFund(t);
  const form = await officer.get(`/grants/funds/${fund.id}/edit`);
  assert.match(form.body, /name="version" value="1"/);
  const input = {
    name: `${fund.name} renamed`,
    kind: 'development',
    description: 'Development money for pilots.',
    conditions: 'Pilots are evaluated.',
    applicantKinds: ['borough', 'partnership'],
    returnIntervalMonths: '6',
  };
  const changed = await officer.post(`/grants/funds/${fund.id}/edit`, { ...input, version: '1' });
  assert.equal(changed.statusCode, 303);
  const page = text((await officer.get(`/grants/funds/${fund.id}`)).body);
  assert.match(page, /Kind of fund Development bids/);
  assert.match(page, /Who may apply Community safety partnerships, Borough commands/);
  const stale = await officer.post(`/grants/funds/${fund.id}/edit`, { ...input, version: '1' });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this while you were editing it/);

  const round = await makeRound(t, fund.id, { title: 'Spring round' });
  const moved = await officer.post(`/grants/rounds/${round.id}/edit`, {
    title: 'Spring round (extended)',
    startYear: '2026',
    ...dateFields('opensOn', '2026-09-01'),
    ...dateFields('closesOn', '2026-12-31'),
    version: '1',
  });
  assert.equal(moved.statusCode, 303);
  const roundPage = text((await officer.get(`/grants/rounds/${round.id}`)).body);
  assert.match(roundPage, /The round ‘Spring round \(extended\)’ has been changed/);
  assert.match(roundPage, /Closes 31 December 2026/);
});

test('CDRP-12: once anything is submitted to a round, its reporting year is fixed (its awards count against it)', async () => {
  const fund = await makeFund(t);
  await t.services.db
    .insert(grantFundYears)
    .values({ fundId: fund.id, startYear: 2027, budgetPence: 50_000_00 });
  const round = await makeRound(t, fund.id, { title: 'Fixed-year round' });
  const edit = (startYear: string) =>
    officer.post(`/grants/rounds/${round.id}/edit`, {
      title: 'Fixed-year round',
      startYear,
      ...dateFields('opensOn', '2026-09-01'),
      ...dateFields('closesOn', '2026-10-31'),
      version: '1',
    });
  // A draft alone does not fix it: nothing has been submitted.
  await makeApplication(t, round.id, { status: 'draft' });
  await makeAwardedApplication(t, round.id);
  const refused = await edit('2027');
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /its reporting year cannot change/);
  const [kept] = await t.services.db.select().from(grantRounds).where(eq(grantRounds.id, round.id));
  assert.equal(kept!.startYear, 2026);
  assert.equal((await edit('2026')).statusCode, 303);
});

test('LEG-06, CDRP-12: the Grants home page leads to the late returns and spending per borough for anyone who reads grants, and to payments for those who manage them', async () => {
  const links = (body: string) =>
    [...mainOf(body).matchAll(/<a class="govuk-link" href="([^"]+)">([^<]+)<\/a>/g)].map(
      (m) => `${m[2]!.trim()} ${m[1]}`,
    );
  const officerLinks = links((await officer.get('/grants')).body);
  for (const link of [
    'Late monitoring returns /grants/late-returns',
    'Grant spending per borough /grants/spending',
    'Grant payments /grants/payments',
  ])
    assert.ok(officerLinks.includes(link), `officer: ${link}`);
  const readerLinks = links((await reader.get('/grants')).body);
  assert.ok(readerLinks.includes('Late monitoring returns /grants/late-returns'));
  assert.ok(readerLinks.includes('Grant spending per borough /grants/spending'));
  assert.ok(!readerLinks.some((l) => l.startsWith('Grant payments')));
  // Each link leads where its reader may go.
  for (const href of ['/grants/late-returns', '/grants/spending'])
    assert.equal((await reader.get(href)).statusCode, 200, href);
  assert.equal((await officer.get('/grants/payments')).statusCode, 200);
});
