/**
 * Issue 26 part 4 (LEG-06, CDRP-12, CON-04): an engagement group's grant, ended in June, has its
 * returns, scheduled by its award, late; the group's engagement officer
 * sends them; the officer accepts the first, records an underspend and the evaluation, and reads
 * the late returns and spending per borough. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { scheduleReturns } from '../../src/modules/grants/index.js';
import { makeAccount } from '../factories/accounts.js';
import { makeAwardedApplication, makeFund, makeRound } from '../factories/grants.js';
import { expectSuccess, fillDate } from './pages/govuk.js';
import {
  expectAccessible,
  signInThroughPages,
  signInWithRole,
  startE2E,
  visit,
  type E2E,
} from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const rowWords = async (page: Page, name: RegExp) =>
  (await page.getByRole('row', { name }).innerText()).replace(/\s+/g, ' ').trim();

/** The applicant fills a return's form: spend on the first line, each outcome's progress. */
async function sendReturn(page: Page, spend: string, status: string) {
  await page.getByLabel('Spent on Budget line 1').fill(spend);
  for (const outcome of ['Young people trust the police more', 'More young people attend'])
    await page.getByRole('group', { name: outcome }).getByLabel(status, { exact: true }).check();
  await page
    .getByLabel('What was done in the period')
    .fill('Listening events held in the library.');
  await page.getByRole('button', { name: 'Send the return' }).click();
}

test('a late return is sent by the applicant and accepted; an underspend and the evaluation are recorded', async () => {
  const fund = await makeFund(e2e.app, { name: 'Engagement fund for monitoring' });
  const round = await makeRound(e2e.app, fund.id);
  const grant = await makeAwardedApplication(e2e.app, round.id, {
    projectTitle: 'Youth listening events',
    startsOn: '2026-01-01',
    endsOn: '2026-06-30',
    instalments: [{ amountPence: 500_00, batched: true }, { amountPence: 500_00 }],
  });
  const href = `/grants/monitoring/${grant.id}`;
  const officerPage = await e2e.newPage();
  await signInWithRole(e2e, officerPage, 'authority_officer');

  // The award scheduled two quarterly returns when it was made, in December 2025 (a schedule
  // made now would give them 28 days from today): both are late by now.
  assert.equal(await scheduleReturns(e2e.app.services.db, grant, '2025-12-01'), 2);
  await visit(officerPage, href);
  await expectAccessible(officerPage);
  assert.match(await rowWords(officerPage, /Return 1:/), /Late$/);
  await visit(officerPage, '/grants/late-returns');
  await officerPage.getByRole('heading', { level: 1, name: 'Late monitoring returns' }).waitFor();
  await expectAccessible(officerPage);
  assert.match(
    await rowWords(officerPage, /Youth listening events.*28 April 2026/),
    new RegExp(`G-${grant.reference} Youth listening events .* 1 28 April 2026 \\d+ Not yet`),
  );

  // The group's engagement officer sends the first return.
  const account = await makeAccount(e2e.app, {
    role: 'engagement_officer',
    scope: { type: 'engagement_group', id: grant.engagementGroupId! },
  });
  const applicantPage = await e2e.newPage();
  await signInThroughPages(applicantPage, account);
  await visit(applicantPage, href);
  await expectAccessible(applicantPage);
  await applicantPage.getByRole('link', { name: 'Send this return return 1' }).click();
  await applicantPage.getByRole('heading', { level: 1, name: 'Monitoring return 1' }).waitFor();
  await expectAccessible(applicantPage);
  await sendReturn(applicantPage, '250.50', 'On track');
  await expectSuccess(applicantPage, 'Monitoring return 1 has been sent');
  assert.equal(
    await rowWords(applicantPage, /^Budget line 1/),
    'Budget line 1 £600.00 £250.50 £349.50',
  );

  // The officer reads it and accepts it.
  await visit(officerPage, href);
  await officerPage.getByRole('link', { name: /Return 1:/ }).click();
  await officerPage.getByRole('heading', { level: 1, name: 'Monitoring return 1' }).waitFor();
  await expectAccessible(officerPage);
  await officerPage.getByRole('button', { name: 'Accept the return' }).click();
  await expectSuccess(officerPage, 'Monitoring return 1 has been accepted');

  // The applicant sends the final return.
  await visit(applicantPage, href);
  await applicantPage.getByRole('link', { name: 'Send this return return 2' }).click();
  await sendReturn(applicantPage, '300', 'Achieved');
  await expectSuccess(applicantPage, 'Monitoring return 2 has been sent');

  // An underspend, given back to the fund.
  await visit(officerPage, href);
  await officerPage.getByRole('link', { name: 'Record an underspend or clawback' }).click();
  await officerPage
    .getByRole('heading', { level: 1, name: 'Record an underspend or clawback' })
    .waitFor();
  await expectAccessible(officerPage);
  await officerPage.getByLabel('Underspend').check();
  await officerPage.getByLabel('Amount').fill('49.50');
  await officerPage.getByLabel('Reason').fill('Refreshments were given by the council.');
  await fillDate(officerPage, 'Date', '2026-11-30');
  await officerPage.getByRole('button', { name: 'Record it' }).click();
  await expectSuccess(
    officerPage,
    'Underspend of £49.50 has been recorded and given back to the fund',
  );

  // The evaluation, with the way to the good-practice library.
  await officerPage.getByRole('link', { name: 'Record the evaluation' }).click();
  await officerPage.getByRole('heading', { level: 1, name: 'Evaluation' }).waitFor();
  await expectAccessible(officerPage);
  await officerPage.getByRole('group', { name: 'Effectiveness' }).getByLabel('Good').check();
  await officerPage.getByRole('group', { name: 'Value for money' }).getByLabel('Excellent').check();
  await officerPage.getByLabel('Findings').fill('Attendance doubled; trust rose in the survey.');
  await officerPage.getByRole('button', { name: 'Record the evaluation' }).click();
  await expectSuccess(officerPage, 'The evaluation has been recorded');
  await officerPage.getByRole('link', { name: 'Add to the good-practice library' }).waitFor();

  // Spending per borough for the year of the fund's budget.
  await visit(officerPage, `/grants/spending?year=2026&fund=${fund.id}`);
  await officerPage
    .getByRole('heading', { level: 1, name: 'Grant spending per borough' })
    .waitFor();
  await expectAccessible(officerPage);
  assert.match(
    await rowWords(officerPage, /^Total/),
    /^Total 1 £1,000.00 £49.50 £950.50 £550.50 100.0%/,
  );
});
