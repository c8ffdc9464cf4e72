/**
 * Issue 27 parts 1 and 4 (CON-01, CDRP-10): an authority officer defines an indicator (an empty
 * form refused first), sets its target and enters this month's figure, and reads how it stands;
 * anyone then reads it on the public performance page with JavaScript off: the chart's title and
 * the same figures in its table. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeOrganisation } from '../factories/directory.js';
import { expectErrors, expectSuccess, mainNavigation } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('an officer defines an indicator with a target and its figure, and anyone reads it', async () => {
  const owner = await makeOrganisation(e2e.app, {
    name: 'Community engagement unit e2e',
    kind: 'directorate',
  });
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'authority_officer');
  await mainNavigation(page).getByRole('link', { name: 'Indicators' }).click();
  await page.getByRole('heading', { level: 1, name: 'Performance indicators' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Define an indicator' }).click();
  await page.getByRole('heading', { level: 1, name: 'Define an indicator' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await expectErrors(page, [
    { field: 'name', message: 'Enter the name' },
    { field: 'definition', message: 'Enter the definition' },
    { field: 'unit', message: 'Select the unit' },
    { field: 'polarity', message: 'Select whether a higher figure is better or worse' },
    { field: 'ownerId', message: 'Select the owner from the list' },
    { field: 'frequency', message: 'Select how often it is measured' },
    { field: 'breakdown', message: 'Select what it is kept for' },
  ]);
  await expectAccessible(page);

  await page.getByLabel('Name').fill('Engagement events held');
  await page
    .getByLabel('Definition')
    .fill('Public engagement events held by the engagement groups in the month.');
  await page.getByRole('group', { name: 'Unit' }).getByLabel('Count', { exact: true }).check();
  await page.getByLabel('Higher is better').check();
  await page.getByLabel('Owner', { exact: true }).selectOption({ label: owner.name });
  await page.getByLabel('Monthly').check();
  await page.getByLabel('The whole area only').check();
  await page
    .getByRole('group', { name: 'Publish it on the public indicators page?' })
    .getByLabel('Yes')
    .check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'Engagement events held has been defined');
  await expectAccessible(page);

  // The target for the current month, then its figure: 38 against 40 is within the 5% band.
  await page.getByRole('button', { name: 'Set targets' }).click();
  await page.getByRole('heading', { level: 1, name: 'Set targets' }).waitFor();
  await expectAccessible(page);
  const monthInputs = page.locator('.govuk-form-group input.govuk-input');
  const count = await monthInputs.count();
  assert.ok(count >= 12, `a box per month: ${count}`);
  const today = new Date();
  const monthName = today.toLocaleString('en-GB', { month: 'long', timeZone: 'Europe/London' });
  const thisMonth = `${monthName} ${today.getUTCFullYear()}`;
  await page.getByLabel(thisMonth, { exact: true }).fill('40');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'Targets saved: 1 changed');

  await page.getByRole('button', { name: 'Enter a figure' }).click();
  await page.getByRole('heading', { level: 1, name: 'Enter a figure' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Period').selectOption({ label: thisMonth });
  await page.getByLabel('Value', { exact: true }).fill('38');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, `The figure for ${thisMonth} has been recorded`);
  await expectAccessible(page);
  const staffRow = page.getByRole('table').getByRole('row', { name: new RegExp(thisMonth) });
  const staffText = await staffRow.innerText();
  assert.match(staffText, /38/);
  assert.match(staffText, /40/);
  assert.match(staffText, /Amber: near target/);

  // Anyone, without JavaScript, reads it on the public page.
  const visitor = await e2e.newPage({ javaScript: false });
  await visit(visitor, '/indicators');
  await visitor.getByRole('heading', { level: 1, name: 'Performance against targets' }).waitFor();
  await expectAccessible(visitor);
  await visitor.getByRole('link', { name: 'Engagement events held' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Engagement events held' }).waitFor();
  await expectAccessible(visitor);
  const chart = visitor.getByRole('img', { name: /Engagement events held/ });
  assert.ok(await chart.count(), 'the chart is an image with its title');
  const row = visitor.getByRole('table').getByRole('row', { name: new RegExp(thisMonth) });
  const said = await row.innerText();
  assert.match(said, /38/);
  assert.match(said, /Amber: near target/);
});
