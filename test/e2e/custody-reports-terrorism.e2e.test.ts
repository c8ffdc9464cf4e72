/**
 * Issue 24 item 6 (ICV-09) with ICV-03: a lay visitor begins the report from their visit on the
 * rota, lists a detainee held under terrorism legislation whose interview recordings they viewed;
 * both visitors confirm; the scheme manager sees the terrorism report and records the copy to the
 * Independent Reviewer of Terrorism Legislation sent by hand (no address is set). Axe checks
 * every page.
 */
import { after, before, test } from 'node:test';
import { todayInLondon } from '../../src/platform/calendar/index.js';
import { makeAccount } from '../factories/accounts.js';
import { makeRotaVisit, makeVisitingPair } from '../factories/custody-reports.js';
import { expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('a visit on the rota is reported with a terrorism detainee, and the manager records the copy to the Independent Reviewer', async () => {
  const pair = await makeVisitingPair(e2e.app, {
    first: 'Nadia Farouk',
    second: 'Owen Price',
    suite: 'Paddington Green Police Station',
  });
  const today = todayInLondon(new Date());
  await makeRotaVisit(e2e.app, pair, today, { minutes: 9 * 60 + 30 });

  const page = await e2e.newPage();
  await signInThroughPages(page, pair.first.account);
  await page.goto('/custody-visiting/your-visits');
  await page.getByRole('heading', { level: 1, name: 'Your custody visits' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Write the report/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Start a visit report' }).waitFor();
  await page.getByText('This report is of your visit on the rota').waitFor();
  await page.getByText('Owen Price').waitFor();
  await expectAccessible(page);
  await page.getByLabel('Time you were admitted').fill('09:30');
  await page.getByRole('button', { name: 'Start the report' }).click();
  await expectSuccess(page, 'The report has been started');
  const reportUrl = page.url();

  await page.getByRole('button', { name: 'Add a detainee' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a detainee' }).waitFor();
  await page.getByLabel('Custody record number').fill('01PG/4242/26');
  await page
    .getByRole('group', { name: 'Did the detainee consent to the visit?' })
    .getByLabel('Yes')
    .check();
  await page.getByRole('group', { name: 'Did you see the detainee?' }).getByLabel('Yes').check();
  await page.getByLabel('Detained under terrorism legislation').check();
  await page
    .getByRole('group', { name: 'Did you view recordings of their interviews?' })
    .getByLabel('Yes')
    .check();
  await page.getByLabel('Which recordings you viewed (optional)').fill('The two of the first day');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save the detainee' }).click();
  await expectSuccess(page, 'The detainee has been added');
  await page.getByText('Viewed: The two of the first day').waitFor();

  await page.getByRole('button', { name: 'Record the checks' }).click();
  await page.getByRole('heading', { level: 1, name: 'Checks and observations' }).waitFor();
  for (const check of ['Rights and entitlements', 'Health and welfare', 'Cells and facilities'])
    await page.getByRole('group', { name: check }).getByLabel('Satisfactory').check();
  await page.getByLabel('Number of detainees present').fill('1');
  await page.getByLabel('Observations on conditions').fill('Clean and warm');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save the checks' }).click();
  await expectSuccess(page, 'The checks have been recorded');
  await page.getByRole('button', { name: 'Confirm the report' }).click();
  await expectSuccess(page, 'You have confirmed the report');

  const other = await e2e.newPage();
  await signInThroughPages(other, pair.second.account);
  await other.goto(reportUrl);
  await other.getByText('01PG/4242/26').first().waitFor();
  await expectAccessible(other);
  await other.getByRole('button', { name: 'Confirm the report' }).click();
  await expectSuccess(other, 'with a copy to the Independent Reviewer of Terrorism Legislation');

  // The scheme manager sees it is a terrorism report; no address is set, so they send by hand.
  const manager = await e2e.newPage();
  await signInThroughPages(manager, await makeAccount(e2e.app, { role: 'scheme_manager' }));
  await manager.goto(reportUrl);
  await manager.getByRole('heading', { level: 2, name: /Terrorism report/ }).waitFor();
  await manager.getByText('Recordings of interviews').waitFor();
  await expectAccessible(manager);
  await manager.getByLabel('Copy to the Independent Reviewer of Terrorism Legislation').check();
  await manager.getByLabel('Sent to').fill('The Independent Reviewer’s office');
  const [year, month, day] = today.split('-');
  const date = manager.getByRole('group', { name: 'Date sent' });
  await date.getByLabel('Day').fill(String(Number(day)));
  await date.getByLabel('Month').fill(String(Number(month)));
  await date.getByLabel('Year').fill(year!);
  await manager.getByRole('button', { name: 'Record the copy as sent' }).click();
  await expectSuccess(manager, 'The copy has been recorded as sent');
  await manager.getByText('Sent by hand to The Independent Reviewer’s office').waitFor();
});
