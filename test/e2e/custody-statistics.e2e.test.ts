/**
 * Issue 24 items 7 and 9 (ICV-10, LEG-05): anyone, signed out, finds the custody visiting
 * statistics from the scheme's page, reads the last whole quarter by area with its chart, opens
 * an area's suites, chooses another quarter, and downloads the figures as CSV. Axe checks each
 * page. The demo data has a year of the Camden panel's visits.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectAccessible, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: true });
});
after(() => e2e.close());

test('a member of the public reads the quarterly statistics, an area’s suites, another quarter, and the CSV', async () => {
  const page = await e2e.newPage();
  await page.goto(`${e2e.baseUrl}/custody-visiting`);
  await page.getByRole('link', { name: /Custody visiting statistics/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Custody visiting statistics' }).waitFor();
  await expectAccessible(page);
  assert.ok(
    await page.getByRole('img', { name: /Visits made against target by area/ }).isVisible(),
  );
  // The areas' table (the panels' community and recruitment table has a Camden row too).
  const camden = page
    .getByRole('table', { name: /Visits by area/ })
    .getByRole('row', { name: /^Camden/ });
  assert.match((await camden.innerText()).replace(/\s+/g, ' '), /^Camden \d+ \d+ \d+%/);

  await camden.getByRole('link', { name: 'Camden' }).click();
  await page.getByRole('heading', { level: 2, name: 'The custody suites of Camden' }).waitFor();
  await expectAccessible(page);

  const quarter = page.getByLabel('Quarter');
  const choices = await quarter.locator('option').allInnerTexts();
  assert.equal(choices.length, 12);
  await quarter.selectOption({ label: choices[3]! });
  await page.getByRole('button', { name: 'Show the quarter' }).click();
  await page.getByRole('heading', { level: 2, name: choices[3]! }).waitFor();
  await expectAccessible(page);

  const href = await page
    .getByRole('link', { name: /Download these figures as CSV/ })
    .getAttribute('href');
  const csv = await page.request.get(`${e2e.baseUrl}${href}`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /^Quarter starting,Area,Custody suite,Target,Visits made/);
});
