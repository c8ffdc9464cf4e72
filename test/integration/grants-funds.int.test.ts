/**
 * Issue 26 part 2 (CON-04, CDRP-12): funds set up through the pages with a year's budget and
 * weighted criteria, rounds of them, staff's round page, and the public funding pages; with the
 * refusals of bad input and of those who may not. Each test makes its own funds. The clock is
 * 23 November 2026 (the year 2026-27).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, openDatabase, queryRows } from '../../src/platform/db/database.js';
import {
  grantApplications,
  grantAssessments,
  grantCriteria,
  grantFunds,
  grantFundYears,
  grantRounds,
  grantScores,
} from '../../src/modules/grants/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { createTestApp, dateFields, Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import { uniqueTag } from '../factories/directory.js';
import {
  makeApplication,
  makeAwardedApplication,
  makeEngagementGroup,
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

  const below = await officer.post(url, {
    startYear: '2026',
    budget: '£11,999.99',
    version: '1',
  });
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

  const changed = await officer.post(url, {
    startYear: '2026',
    budget: '£1,000,000',
    version: String(year!.version),
  });
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

test('CON-04: criteria are added with weights, reordered and removed; the fund page says which rounds they apply to', async () => {
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
  assert.match(
    text(page.body),
    /Changes to these criteria apply to the rounds that have not opened yet/,
  );
});

/** Criterion fields as the edit form sends them, from the version it read. */
const criterionForm = (title: string, weight: string, version: string) => ({
  title,
  guidance: '',
  weight,
  version,
});

test("CON-04: criteria changed after a round's applications are submitted: those are still assessed against the old criteria, a new round gets the new ones", async () => {
  const fund = await makeFund(t, {
    criteria: [
      { title: 'Reaches seldom heard communities', weight: 3 },
      { title: 'Value for money', weight: 2 },
    ],
  });
  const [reach, value] = fund.criteria;
  const first = await makeRound(t, fund.id, { title: `First round ${uniqueTag()}` });
  const application = await makeApplication(t, first.id);
  // An assessor scores it against the criteria it was submitted under.
  const assessorAccount = await makeAccount(t, { role: 'authority_member' });
  const assessor = await signInAccount(t, assessorAccount);
  await officer.post(`/grants/applications/${application.id}/assessors`, {
    assessorId: assessorAccount.userId,
  });
  const [oldReach, oldValue] = application.criteria;
  const sent = await assessor.post(`/grants/applications/${application.id}/assess`, {
    [`score-${oldReach!.id}`]: '5',
    [`score-${oldValue!.id}`]: '2',
    send: 'yes',
  });
  assert.equal(sent.statusCode, 303);
  const [assessment] = await t.services.db
    .select()
    .from(grantAssessments)
    .where(eq(grantAssessments.applicationId, application.id));
  const scoresOf = () =>
    t.services.db
      .select()
      .from(grantScores)
      .where(eq(grantScores.assessmentId, assessment!.id))
      .orderBy(grantScores.score);
  const scoresBefore = await scoresOf();

  // The fund's criteria change for later rounds: nothing refuses it.
  const changed = await officer.post(
    `/grants/criteria/${reach!.id}/edit`,
    criterionForm('Reaches young people', '5', '1'),
  );
  assert.equal(changed.statusCode, 303);
  assert.equal((await officer.post(`/grants/criteria/${value!.id}/remove`)).statusCode, 303);
  assert.equal(
    (
      await officer.post(`/grants/funds/${fund.id}/criteria/new`, {
        title: 'Links with local agencies',
        weight: '4',
      })
    ).statusCode,
    303,
  );
  const fundPage = await officer.get(`/grants/funds/${fund.id}`);
  assert.deepEqual(
    rowRecords(tableOf(fundPage.body, /criteria/)).map((r) => [r.Criterion, r.Weight]),
    [
      ['Reaches young people', '5'],
      ['Links with local agencies', '4'],
    ],
  );
  const second = await makeRound(t, fund.id, {
    title: `Second round ${uniqueTag()}`,
    opensOn: '2027-01-10',
    closesOn: '2027-02-28',
  });
  const rounds = rowRecords(tableOf((await officer.get(`/grants/funds/${fund.id}`)).body, /round/));
  assert.deepEqual(
    rounds.map((r) => [r.Round, r.Criteria]),
    [
      [second.title, "The fund's, as they change, until it opens"],
      [first.title, 'Its own, fixed on 1 October 2026'],
    ],
  );

  // The old application's assessment shows and weighs the old criteria, its scores untouched.
  const assessors = await officer.get(`/grants/applications/${application.id}/assessors`);
  assert.deepEqual(
    rowRecords(tableOf(mainOf(assessors.body), /Assessors' scores/)).map((r) => [
      r.Criterion,
      r.Weight,
      r['Mean score (0 to 5)'],
    ]),
    [
      ['Reaches seldom heard communities', '3', '5'],
      ['Value for money', '2', '2'],
    ],
  );
  // (3 × 5 + 2 × 2) / (5 × 5) = 76%.
  assert.match(text(assessors.body), /Weighted score: 76%, from 1 assessment\(s\) counted/);
  assert.deepEqual(await scoresOf(), scoresBefore);
  const scoring = text((await assessor.get(`/grants/applications/${application.id}/assess`)).body);
  assert.match(scoring, /Reaches seldom heard communities \(weight 3\)/);
  assert.doesNotMatch(scoring, /Reaches young people|Links with local agencies/);
  // Scored again against the same (old) criteria, it is still taken.
  const again = await assessor.post(`/grants/applications/${application.id}/assess`, {
    [`score-${oldReach!.id}`]: '4',
    [`score-${oldValue!.id}`]: '2',
    send: 'yes',
  });
  assert.equal(again.statusCode, 303);
  const firstPage = text((await reader.get(`/grants/rounds/${first.id}`)).body);
  assert.match(firstPage, /Reaches seldom heard communities \(weight 3\)/);
  assert.match(firstPage, /Value for money \(weight 2\)/);
  assert.doesNotMatch(firstPage, /Links with local agencies/);

  // The new round is published, and its applications assessed, with the new criteria.
  const published = text((await new Agent(t.app).get(`/funding/rounds/${second.id}`)).body);
  assert.match(published, /Reaches young people \(weight 5\)/);
  assert.match(published, /Links with local agencies \(weight 4\)/);
  assert.doesNotMatch(published, /Value for money/);
  const later = await makeApplication(t, second.id);
  assert.deepEqual(
    later.criteria.map((c) => [c.title, c.weight]),
    [
      ['Reaches young people', 5],
      ['Links with local agencies', 4],
    ],
  );
});

test('CON-04: a round open now keeps the criteria it was published with when they change, though nothing was submitted yet', async () => {
  const fund = await makeFund(t, {
    criteria: [{ title: 'Pilots a new way of consulting', weight: 4 }],
  });
  const [criterion] = fund.criteria;
  const open = await makeRound(t, fund.id, { opensOn: '2026-11-01', closesOn: '2026-12-15' });
  const soon = await makeRound(t, fund.id, { opensOn: '2027-01-10', closesOn: '2027-02-28' });
  const changed = await officer.post(
    `/grants/criteria/${criterion!.id}/edit`,
    criterionForm('Tries something new', '2', '1'),
  );
  assert.equal(changed.statusCode, 303);
  const anyone = new Agent(t.app);
  assert.match(
    text((await anyone.get(`/funding/rounds/${open.id}`)).body),
    /Pilots a new way of consulting \(weight 4\)/,
  );
  assert.match(
    text((await anyone.get(`/funding/rounds/${soon.id}`)).body),
    /Tries something new \(weight 2\)/,
  );
  const application = await makeApplication(t, open.id);
  assert.deepEqual(
    application.criteria.map((c) => c.title),
    ['Pilots a new way of consulting'],
  );
});

test('CON-04: a criterion changed from an outdated page is refused and changes nothing', async () => {
  const fund = await makeFund(t);
  const [criterion] = fund.criteria;
  const form = await officer.get(`/grants/criteria/${criterion!.id}/edit`);
  assert.match(form.body, /name="version" value="1"/);
  const first = await officer.post(
    `/grants/criteria/${criterion!.id}/edit`,
    criterionForm('Reaches young people', '4', '1'),
  );
  assert.equal(first.statusCode, 303);
  const stale = await officer.post(
    `/grants/criteria/${criterion!.id}/edit`,
    criterionForm('Reaches older people', '1', '1'),
  );
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this while you were editing it/);
  const [kept] = await t.services.db
    .select()
    .from(grantCriteria)
    .where(eq(grantCriteria.id, criterion!.id));
  assert.deepEqual([kept!.title, kept!.weight, kept!.version], ['Reaches young people', 4, 2]);
});

test('CON-04: moving or removing a criterion from an outdated fund page is refused and changes nothing', async () => {
  const fund = await makeFund(t, {
    criteria: [
      { title: 'Reaches seldom heard communities', weight: 3 },
      { title: 'Value for money', weight: 2 },
    ],
  });
  const [reach, value] = fund.criteria;
  const fundPage = await officer.get(`/grants/funds/${fund.id}`);
  // Each button carries the version of its criterion the page read.
  for (const action of [
    `${reach!.id}/move`,
    `${reach!.id}/remove`,
    `${value!.id}/move`,
    `${value!.id}/remove`,
  ])
    assert.match(
      fundPage.body,
      new RegExp(
        `action="/grants/criteria/${action}"[^>]*>(<input[^>]*>)*<input type="hidden" name="version" value="1">`,
      ),
    );
  // Someone else changes the second criterion after the page was read.
  const changed = await officer.post(
    `/grants/criteria/${value!.id}/edit`,
    criterionForm('Value for money and evaluation', '2', '1'),
  );
  assert.equal(changed.statusCode, 303);
  const criteriaNow = () =>
    t.services.db
      .select()
      .from(grantCriteria)
      .where(eq(grantCriteria.fundId, fund.id))
      .orderBy(grantCriteria.position);
  const before = await criteriaNow();
  const audits = async () =>
    (
      await t.services.db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.recordId} in (${reach!.id}, ${value!.id})`)
    ).length;
  const auditsBefore = await audits();
  for (const [url, body] of [
    [`/grants/criteria/${value!.id}/move`, { direction: 'up', version: '1' }],
    [`/grants/criteria/${value!.id}/remove`, { version: '1' }],
  ] as const) {
    const refused = await officer.post(url, body);
    assert.equal(refused.statusCode, 409);
    assert.match(text(refused.body), /Someone else changed this while you were editing it/);
    // Not about a field: the error summary links nowhere on the page.
    assert.doesNotMatch(refused.body, /href="#(?!main-content)/);
  }
  assert.deepEqual(await criteriaNow(), before);
  assert.equal(await audits(), auditsBefore);

  // From the page as it is now, both go through; moving renumbers (and so changes) both.
  const moved = await officer.post(`/grants/criteria/${value!.id}/move`, {
    direction: 'up',
    version: '2',
  });
  assert.equal(moved.statusCode, 303);
  const page = await officer.get(`/grants/funds/${fund.id}`);
  assert.deepEqual(
    rowRecords(tableOf(page.body, /criteria/)).map((r) => r.Criterion),
    ['Value for money and evaluation', 'Reaches seldom heard communities'],
  );
  const stale = await officer.post(`/grants/criteria/${reach!.id}/remove`, { version: '1' });
  assert.equal(stale.statusCode, 409);
  const removed = await officer.post(`/grants/criteria/${reach!.id}/remove`, { version: '2' });
  assert.equal(removed.statusCode, 303);
  assert.deepEqual(
    (await criteriaNow()).map((c) => c.title),
    ['Value for money and evaluation'],
  );
});

test("CDRP-12: a year's budget changed from an outdated page is refused and changes nothing", async () => {
  const fund = await makeFund(t, { budgetPence: 50_000_00 });
  const url = `/grants/funds/${fund.id}/budget`;
  const form = await officer.get(`${url}?year=2026`);
  assert.match(form.body, /name="version" value="1"/);
  assert.match(text(form.body), /Reporting year: 2026-27/);
  const first = await officer.post(url, { startYear: '2026', budget: '60,000', version: '1' });
  assert.equal(first.statusCode, 303);
  const stale = await officer.post(url, { startYear: '2026', budget: '70,000', version: '1' });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this while you were editing it/);
  const [year] = await t.services.db
    .select()
    .from(grantFundYears)
    .where(eq(grantFundYears.fundId, fund.id));
  assert.deepEqual([year!.budgetPence, year!.version], [60_000_00, 2]);
});

test('CDRP-12: the blank budget form refuses a year that already has a budget, naming the year field, and changes nothing', async () => {
  const fund = await makeFund(t, { budgetPence: 50_000_00 });
  const url = `/grants/funds/${fund.id}/budget`;
  const blank = await officer.get(url);
  assert.doesNotMatch(blank.body, /name="version"[^>]*value="\d/);
  const refused = await officer.post(url, { startYear: '2026', budget: '70,000', version: '' });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /2026-27 already has a budget of £50,000.00: change it from its row/,
  );
  assert.match(refused.body, /href="#startYear"/);
  const rows = await t.services.db
    .select()
    .from(grantFundYears)
    .where(eq(grantFundYears.fundId, fund.id));
  assert.deepEqual(
    rows.map((y) => [y.startYear, y.budgetPence, y.version]),
    [[2026, 50_000_00, 1]],
  );
  // Its row's own form, carrying the version, changes it; a new year is still added.
  assert.equal(
    (await officer.post(url, { startYear: '2026', budget: '70,000', version: '1' })).statusCode,
    303,
  );
  assert.equal((await officer.post(url, { startYear: '2027', budget: '10,000' })).statusCode, 303);
  const page = rowRecords(tableOf((await officer.get(`/grants/funds/${fund.id}`)).body, /budget/));
  assert.deepEqual(
    page.map((r) => [r['Reporting year'], r.Budget]),
    [
      ['2027-28', '£10,000.00'],
      ['2026-27', '£70,000.00'],
    ],
  );
});

test('CON-04: a stale edit is shown again with what was typed and the current version, so a deliberate second save goes through', async () => {
  const fund = await makeFund(t, { budgetPence: 50_000_00 });
  const input = {
    name: `${fund.name} (theirs)`,
    kind: 'engagement',
    description: 'Their description.',
    conditions: 'Their conditions.',
    applicantKinds: ['engagement_group'],
    returnIntervalMonths: '3',
  };
  const url = `/grants/funds/${fund.id}/edit`;
  assert.equal((await officer.post(url, { ...input, version: '1' })).statusCode, 303);
  const mine = { ...input, name: `${fund.name} (mine)`, description: 'My description.' };
  const stale = await officer.post(url, { ...mine, version: '1' });
  assert.equal(stale.statusCode, 409);
  assert.match(
    text(stale.body),
    /Someone else changed this while you were editing it. What you typed is still below: save again to replace their change with yours, or cancel and open it again to see their change first/,
  );
  // What was typed is kept; the version is the fund's as it is now.
  assert.match(stale.body, /My description\./);
  assert.match(stale.body, /name="version" value="2"/);
  const [unchanged] = await t.services.db
    .select()
    .from(grantFunds)
    .where(eq(grantFunds.id, fund.id));
  assert.deepEqual([unchanged!.name, unchanged!.version], [input.name, 2]);
  const again = await officer.post(url, { ...mine, version: '2' });
  assert.equal(again.statusCode, 303);
  const page = text((await officer.get(`/grants/funds/${fund.id}`)).body);
  assert.match(page, new RegExp(`${mine.name.replace(/[()]/g, '\\$&')} has been changed`));
  assert.match(page, /My description\./);

  // A year's budget form the same way: its year kept, the year's version as it is now.
  const budgetUrl = `/grants/funds/${fund.id}/budget`;
  await officer.post(budgetUrl, { startYear: '2026', budget: '60,000', version: '1' });
  const staleBudget = await officer.post(budgetUrl, {
    startYear: '2026',
    budget: '70,000',
    version: '1',
  });
  assert.equal(staleBudget.statusCode, 409);
  assert.match(text(staleBudget.body), /Reporting year: 2026-27/);
  assert.match(staleBudget.body, /name="version" value="2"/);
  assert.match(staleBudget.body, /value="70,000"/);
  assert.equal(
    (await officer.post(budgetUrl, { startYear: '2026', budget: '70,000', version: '2' }))
      .statusCode,
    303,
  );
  const [year] = await t.services.db
    .select()
    .from(grantFundYears)
    .where(eq(grantFundYears.fundId, fund.id));
  assert.deepEqual([year!.budgetPence, year!.version], [70_000_00, 3]);
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

const fundRow = async (id: string) =>
  (await t.services.db.select().from(grantFunds).where(eq(grantFunds.id, id)))[0]!;

test('CON-04, LEG-06: a fund is not closed while a round of it is open or still to open; the refusal says which, and nothing changes', async () => {
  const fund = await makeFund(t);
  const open = await makeRound(t, fund.id, {
    title: `Open round ${uniqueTag()}`,
    opensOn: '2026-11-01',
    closesOn: '2026-12-15',
  });
  const before = await fundRow(fund.id);
  const refused = await officer.post(`/grants/funds/${fund.id}/close`, { version: '1' });
  assert.equal(refused.statusCode, 409);
  assert.match(
    text(refused.body),
    new RegExp(`The fund cannot be closed while its round ‘${open.title}’ is open`),
  );
  assert.doesNotMatch(refused.body, /href="#(?!main-content)/);
  await t.services.db
    .update(grantRounds)
    .set({ opensOn: '2027-01-10', closesOn: '2027-02-28' })
    .where(eq(grantRounds.id, open.id));
  const upcoming = await officer.post(`/grants/funds/${fund.id}/close`, { version: '1' });
  assert.equal(upcoming.statusCode, 409);
  assert.match(text(upcoming.body), /is still to open: change the round's dates/);
  assert.deepEqual(await fundRow(fund.id), before);
  // Only officers close funds.
  assert.equal((await reader.get(`/grants/funds/${fund.id}/close`)).statusCode, 403);
  assert.equal(
    (await reader.post(`/grants/funds/${fund.id}/close`, { version: '1' })).statusCode,
    403,
  );
  assert.deepEqual(await fundRow(fund.id), before);
});

test('CON-04, LEG-06: a closed fund is shown as closed, offered for no new round and no application, kept for its history, and opened again', async () => {
  const name = `Old fund ${uniqueTag()}`;
  const fund = await makeFund(t, { name });
  const past = await makeRound(t, fund.id, {
    title: `Past round ${uniqueTag()}`,
    opensOn: '2026-06-01',
    closesOn: '2026-07-01',
  });
  const form = await officer.get(`/grants/funds/${fund.id}/close`);
  assert.match(text(form.body), new RegExp(`Close ${name}`));
  assert.match(form.body, /name="version" value="1"/);
  const closed = await officer.post(`/grants/funds/${fund.id}/close`, {
    version: '1',
    reason: 'Replaced by the partnership fund',
  });
  assert.equal(closed.statusCode, 303);
  const page = text((await officer.get(closed.headers.location as string)).body);
  assert.match(page, new RegExp(`${name} has been closed`));
  assert.match(page, /This fund was closed on 23 November 2026/);
  assert.match(page, /Reason: Replaced by the partnership fund/);
  assert.match(page, /No round can be added while the fund is closed/);
  assert.doesNotMatch(page, /Add a round/);
  const [event] = await t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'grant-fund.closed'), eq(auditEvents.recordId, fund.id)));
  assert.ok(event);
  const list = rowRecords(tableOf((await reader.get('/grants')).body, /fund/));
  assert.ok(list.some((r) => r.Name === `${name} Closed`));

  // Closing again, a new round, or a round moved to be current again: refused, nothing changes.
  const after = await fundRow(fund.id);
  const again = await officer.post(`/grants/funds/${fund.id}/close`, { version: '2' });
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /This fund is already closed/);
  const newRound = await officer.post(`/grants/funds/${fund.id}/rounds/new`, {
    title: 'Another round',
    startYear: '2026',
    ...dateFields('opensOn', '2027-01-01'),
    ...dateFields('closesOn', '2027-02-01'),
  });
  assert.equal(newRound.statusCode, 409);
  assert.match(text(newRound.body), /This fund is closed, so no round can be added to it/);
  assert.doesNotMatch(newRound.body, /href="#(?!main-content)/);
  const moved = await officer.post(`/grants/rounds/${past.id}/edit`, {
    title: past.title,
    startYear: '2026',
    ...dateFields('opensOn', '2026-06-01'),
    ...dateFields('closesOn', '2026-12-31'),
    version: '1',
  });
  assert.equal(moved.statusCode, 400);
  assert.match(text(moved.body), /This fund is closed, so its round must have closed before today/);
  assert.match(moved.body, /href="#closesOn-day"/);
  assert.deepEqual(await fundRow(fund.id), after);
  const rounds = await t.services.db
    .select()
    .from(grantRounds)
    .where(eq(grantRounds.fundId, fund.id));
  assert.deepEqual(
    rounds.map((r) => [r.id, r.closesOn]),
    [[past.id, '2026-07-01']],
  );

  // Its history stays readable; the public page says it is closed and offers no application.
  assert.match(
    text((await reader.get(`/grants/rounds/${past.id}`)).body),
    /This round's fund is closed/,
  );
  const publicRound = text((await new Agent(t.app).get(`/funding/rounds/${past.id}`)).body);
  assert.match(publicRound, /This fund is closed: it takes no new applications/);
  assert.doesNotMatch(publicRound, /Apply now/);

  // Opened again from an outdated page: refused; from the page as it is: opened.
  const stale = await officer.post(`/grants/funds/${fund.id}/reopen`, { version: '1' });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this while you were editing it/);
  assert.doesNotMatch(stale.body, /href="#(?!main-content)/);
  assert.ok((await fundRow(fund.id)).closedAt);
  const reopened = await officer.post(`/grants/funds/${fund.id}/reopen`, { version: '2' });
  assert.equal(reopened.statusCode, 303);
  const open = text((await officer.get(`/grants/funds/${fund.id}`)).body);
  assert.match(open, new RegExp(`${name} has been opened again`));
  assert.match(open, /Add a round/);
  assert.equal((await fundRow(fund.id)).closedReason, null);
});

test('CON-04: nobody starts an application in a round of a closed fund, even one whose dates say open', async () => {
  const fund = await makeFund(t);
  const round = await makeRound(t, fund.id, { opensOn: '2026-11-01', closesOn: '2026-12-15' });
  const group = await makeEngagementGroup(t);
  const applicant = await signInAccount(
    t,
    await makeAccount(t, {
      role: 'engagement_officer',
      scope: { type: 'engagement_group', id: group.id },
    }),
  );
  // A draft begun while the fund was open.
  const draft = await applicant.post(`/funding/rounds/${round.id}/apply`, {
    applicant: `engagement_group:${group.id}`,
    projectTitle: 'Youth listening events',
  });
  assert.equal(draft.statusCode, 303);
  // Closed as it would be had the round ended (the close page refuses while it is open).
  await t.services.db
    .update(grantFunds)
    .set({ closedAt: new Date('2026-11-22T10:00:00Z') })
    .where(eq(grantFunds.id, fund.id));
  const started = await applicant.post(`/funding/rounds/${round.id}/apply`, {
    applicant: `engagement_group:${group.id}`,
    projectTitle: 'Another project',
  });
  assert.equal(started.statusCode, 409);
  assert.match(text(started.body), /This fund is closed: it takes no new applications/);
  const made = await t.services.db
    .select()
    .from(grantApplications)
    .where(eq(grantApplications.roundId, round.id));
  assert.deepEqual(
    made.map((a) => a.projectTitle),
    ['Youth listening events'],
  );
  assert.doesNotMatch(text((await new Agent(t.app).get('/funding')).body), new RegExp(round.title));
});

test('CON-04: migration 0059 gives each round with submitted applications its own copy of the criteria and moves its scores onto it', async () => {
  // The migrations before 0059, on a database of its own, with a fund scored the old way.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-0058-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 58);
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries)
    fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  const database = await openDatabase({});
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  try {
    await migrate(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    const db = database.db;
    for (const statement of `
      insert into users (id, email, display_name, password_hash)
        values ('${id(1)}', 'assessor@example.org', 'Assessor', 'x');
      insert into organisations (id, name, kind) values ('${id(2)}', 'Old organisation', 'community');
      insert into grant_funds (id, name, kind, description, conditions, applicant_kinds)
        values ('${id(10)}', 'Old fund', 'engagement', 'For engagement', 'Evaluated', array['organisation']);
      insert into grant_criteria (id, fund_id, position, title, weight) values
        ('${id(11)}', '${id(10)}', 1, 'Reach', 3), ('${id(12)}', '${id(10)}', 2, 'Value', 2);
      insert into grant_rounds (id, fund_id, start_year, title, opens_on, closes_on) values
        ('${id(20)}', '${id(10)}', 2026, 'Submitted to', '2026-09-01', '2026-10-31'),
        ('${id(21)}', '${id(10)}', 2026, 'Nothing submitted', '2027-01-01', '2027-02-01');
      insert into grant_applications (id, round_id, applicant_kind, organisation_id, applicant_name,
          project_title, status, requested_pence, submitted_at)
        values ('${id(30)}', '${id(20)}', 'organisation', '${id(2)}', 'Old organisation', 'Project',
          'submitted', 1000, '2026-10-01T10:00:00Z');
      insert into grant_assessments (id, application_id, assessor_id, submitted_at)
        values ('${id(40)}', '${id(30)}', '${id(1)}', '2026-10-05T10:00:00Z');
      insert into grant_scores (assessment_id, criterion_id, score) values
        ('${id(40)}', '${id(11)}', 5), ('${id(40)}', '${id(12)}', 2);`.split(';'))
      if (statement.trim()) await db.execute(sql.raw(statement));
    // Then the rest, as an upgrade runs them.
    await database.migrate();
    const copies = await queryRows<{
      round_id: string;
      criterion_id: string;
      title: string;
      weight: number;
      position: number;
    }>(
      db,
      sql`select round_id, criterion_id, title, weight, position from grant_round_criteria order by position`,
    );
    assert.deepEqual(
      copies.map((c) => [c.round_id, c.criterion_id, c.title, c.weight, c.position]),
      [
        [id(20), id(11), 'Reach', 3, 1],
        [id(20), id(12), 'Value', 2, 2],
      ],
    );
    const fixed = await queryRows<{ id: string; fixed: boolean }>(
      db,
      sql`select id, criteria_fixed_at is not null as fixed from grant_rounds order by id`,
    );
    assert.deepEqual(
      fixed.map((r) => [r.id, r.fixed]),
      [
        [id(20), true],
        [id(21), false],
      ],
    );
    const scores = await queryRows<{ title: string; score: number }>(
      db,
      sql`select c.title, s.score from grant_scores s
          join grant_round_criteria c on c.id = s.criterion_id order by c.position`,
    );
    assert.deepEqual(
      scores.map((s) => [s.title, s.score]),
      [
        ['Reach', 5],
        ['Value', 2],
      ],
    );
  } finally {
    await database.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
