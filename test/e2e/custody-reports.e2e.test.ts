/**
 * Issue 24 item 4 (ICV-03 to ICV-07): two lay visitors report a visit at the station, on a phone
 * (360 × 740). Half-way through, the signal drops in the custody suite: the detainee's form is
 * sent while offline, kept on the device with a notification, and sent once when the signal
 * returns. Both visitors confirm; exactly one report, with one detainee, is sent. Axe checks
 * every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import {
  custodyVisitReportDetainees,
  custodyVisitReports,
} from '../../src/modules/custody-visiting/reports/schema.js';
import { todayInLondon } from '../../src/platform/calendar/index.js';
import { makeVisitingPair } from '../factories/custody-reports.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const PHONE = { width: 360, height: 740 };

async function phone(): Promise<Page> {
  const page = await e2e.newPage();
  await page.setViewportSize(PHONE);
  return page;
}

/** The page fits the phone's width: nothing wider than the screen to scroll sideways to. */
async function expectFitsPhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `the page is ${width}px wide on a ${PHONE.width}px screen`);
}

test('a paired visit is reported on a phone, the signal cut half-way, and sent once', async () => {
  const pair = await makeVisitingPair(e2e.app, {
    first: 'Amara Okafor',
    second: 'Tom Reilly',
    suite: 'Holborn Police Station',
  });
  const count_ = async (table: typeof custodyVisitReports | typeof custodyVisitReportDetainees) =>
    Number((await e2e.services.db.select({ n: count() }).from(table))[0]!.n);
  const reportsBefore = await count_(custodyVisitReports);

  const page = await phone();
  await signInThroughPages(page, pair.first.account);
  await page.getByRole('link', { name: 'Custody visit reports' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Custody visit reports' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start a visit report' }).click();
  await page.getByRole('heading', { level: 1, name: 'Start a visit report' }).waitFor();
  await expectAccessible(page);
  await expectFitsPhone(page);

  const [year, month, day] = todayInLondon(new Date()).split('-');
  await page.getByLabel('Custody suite').selectOption({ label: 'Holborn Police Station' });
  const date = page.getByRole('group', { name: 'Date of the visit' });
  await date.getByLabel('Day').fill(String(Number(day)));
  await date.getByLabel('Month').fill(String(Number(month)));
  await date.getByLabel('Year').fill(year!);
  await page.getByLabel('Tom Reilly').check();
  await page.getByLabel('Time you arrived').fill('19:00');
  await page.getByLabel('Time you were admitted').fill('19:10');
  await page.getByLabel('Reason for the delay').fill('A violent detainee in the corridor');
  await page.getByLabel('Inspector who authorised the delay').fill('Inspector Kit Custody');
  await page.getByRole('button', { name: 'Start the report' }).click();
  await expectSuccess(page, 'The report has been started');
  await expectFitsPhone(page);
  const reportUrl = page.url();

  // Half-way through the detainee's form the signal drops.
  await page.getByRole('button', { name: 'Add a detainee' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a detainee' }).waitFor();
  await page.getByText('Do not write their name or the reason they are detained').waitFor();
  await expectAccessible(page);
  await expectFitsPhone(page);
  await page.getByLabel('Custody record number').fill('01CD/1234/26');
  await page.getByLabel('A child (under 18)').check();
  await page.context().setOffline(true);
  await page
    .getByRole('group', { name: 'Did the detainee consent to the visit?' })
    .getByLabel('Yes')
    .check();
  await page.getByRole('group', { name: 'Did you see the detainee?' }).getByLabel('Yes').check();
  await page.getByLabel('Observations about this detainee').fill('Asked for a drink; given one');
  await page.getByRole('button', { name: 'Save the detainee' }).click();
  await page.getByText('saved on this device and will be sent when you are back online').waitFor();
  await expectAccessible(page);
  assert.equal(await count_(custodyVisitReportDetainees), 0, 'nothing is sent while offline');
  // Pressed again while still offline: still kept, still not sent.
  await page.getByRole('button', { name: 'Save the detainee' }).click();

  await page.context().setOffline(false);
  await expectSuccess(page, 'The detainee has been added');
  assert.equal(page.url(), reportUrl);
  await page.getByText('01CD/1234/26').first().waitFor();

  await page.getByRole('button', { name: 'Record the checks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Checks and observations' }).waitFor();
  await expectAccessible(page);
  await expectFitsPhone(page);
  for (const check of ['Rights and entitlements', 'Health and welfare', 'Cells and facilities'])
    await page.getByRole('group', { name: check }).getByLabel('Satisfactory').check();
  await page.getByLabel('Number of detainees present').fill('1');
  await page.getByLabel('Observations on conditions').fill('Clean and warm');
  await page.getByRole('button', { name: 'Save the checks' }).click();
  await expectSuccess(page, 'The checks have been recorded');
  await page.getByRole('button', { name: 'Confirm the report' }).click();
  await expectSuccess(page, 'You have confirmed the report');

  // The other visitor confirms on their own phone; only then is it sent.
  const other = await phone();
  await signInThroughPages(other, pair.second.account);
  await other.goto(reportUrl);
  await other.getByText('01CD/1234/26').first().waitFor();
  await expectAccessible(other);
  await other.getByRole('button', { name: 'Confirm the report' }).click();
  await expectSuccess(other, 'The report has been sent');
  await expectFitsPhone(other);

  assert.equal(await count_(custodyVisitReports), reportsBefore + 1, 'exactly one report');
  const [report] = await e2e.services.db
    .select()
    .from(custodyVisitReports)
    .where(eq(custodyVisitReports.suiteId, pair.suite.id));
  assert.equal(report!.status, 'submitted');
  const detainees = await e2e.services.db
    .select()
    .from(custodyVisitReportDetainees)
    .where(eq(custodyVisitReportDetainees.reportId, report!.id));
  assert.equal(detainees.length, 1, 'the detainee sent once');
  assert.equal(detainees[0]!.child, true);
});

test('without JavaScript a visitor begins a report and adds a detainee, each form posting as it is', async () => {
  const pair = await makeVisitingPair(e2e.app, {
    first: 'Grace Lindqvist',
    second: 'Hassan Malik',
  });
  const page = await e2e.newPage({ javaScript: false });
  await page.setViewportSize(PHONE);
  await signInThroughPages(page, pair.first.account);
  await page.goto('/custody-visiting/reports/new');
  await page.getByRole('heading', { level: 1, name: 'Start a visit report' }).waitFor();
  await page.getByLabel('Custody suite').selectOption({ label: pair.suite.name });
  const [year, month, day] = todayInLondon(new Date()).split('-');
  const date = page.getByRole('group', { name: 'Date of the visit' });
  await date.getByLabel('Day').fill(String(Number(day)));
  await date.getByLabel('Month').fill(String(Number(month)));
  await date.getByLabel('Year').fill(year!);
  await page.getByLabel('Time you arrived').fill('20:00');
  await page.getByLabel('Time you were admitted').fill('20:05');
  await page.getByRole('button', { name: 'Start the report' }).click();
  // ICV-03, ICV-04: alone, and delayed without a reason: refused, naming each field.
  await expectErrors(page, [
    {
      field: 'secondVisitorId',
      message: 'Select the other visitor: a visit is made by two visitors together',
    },
    { field: 'delayReason', message: 'Enter the reason you were not admitted at once' },
    { field: 'delayAuthorisedBy', message: 'Enter the inspector who authorised the delay' },
  ]);
  await page.getByLabel('Hassan Malik').check();
  await page.getByLabel('Time you were admitted').fill('20:00');
  await page.getByRole('button', { name: 'Start the report' }).click();
  await expectSuccess(page, 'The report has been started');
  await page.getByRole('button', { name: 'Add a detainee' }).click();
  await page.getByLabel('Custody record number').fill('01CD/9000/26');
  await page.getByLabel('A vulnerable adult').check();
  await page
    .getByRole('group', { name: 'Did the detainee consent to the visit?' })
    .getByLabel('No')
    .check();
  await page.getByRole('group', { name: 'Did you see the detainee?' }).getByLabel('No').check();
  await page.getByLabel('With a solicitor').check();
  await page.getByRole('button', { name: 'Save the detainee' }).click();
  await expectSuccess(page, 'The detainee has been added');
  await page.getByText('Not seen: With a solicitor').waitFor();
});
