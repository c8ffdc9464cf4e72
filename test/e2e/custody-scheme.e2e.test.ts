/**
 * Issue 24 item 1 (ICV-02, ICV-03): the scheme manager sets up custody visiting through the
 * pages: adds a custody suite (after a mistake), then the panel for its area with its
 * coordinator, and finds the suite on the panel's page. Axe checks every page on the way.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makePerson } from '../factories/directory.js';
import { expectErrors, expectSuccess, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('the scheme manager adds a custody suite and the panel for its area', async () => {
  const page = await e2e.newPage();
  const coordinator = await makePerson(e2e.app, { fullName: 'Pip Panel' });
  await signInWithRole(e2e, page, 'scheme_manager');

  await page.getByRole('link', { name: 'Custody visiting' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Custody suites' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add a custody suite' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a custody suite' }).waitFor();
  await expectAccessible(page);
  // London's default target is offered: a visit a week.
  assert.equal(await page.getByLabel('Target visits a week').inputValue(), '1');

  await page.getByLabel('Name').fill('Holborn Police Station');
  await page.getByLabel('Borough or custody area').fill('Camden');
  await page.getByLabel('Number of cells').fill('fourteen');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectErrors(page, [
    { field: 'address', message: 'Enter the address' },
    { field: 'cells', message: 'The number of cells must be a whole number, like 12' },
  ]);
  await page.getByLabel('Address').fill('10 Lamb’s Conduit Street, London WC1N 3NR');
  await page.getByLabel('Number of cells').fill('14');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'Holborn Police Station has been added');
  assert.equal(await summaryValue(page, 'Target visits a week'), '1 visit a week');
  assert.equal(await summaryValue(page, 'Panel'), 'No panel for this area yet');

  // The register, filtered to Camden, shows it with its target.
  await page.getByRole('link', { name: 'Custody suites' }).first().click();
  await page.getByLabel('Borough or custody area').selectOption('Camden');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Custody suites' }).waitFor();
  await expectAccessible(page);
  const row = page.getByRole('row', { name: /Holborn Police Station/ });
  assert.match((await row.innerText()).replace(/\s+/g, ' '), /Holborn Police Station Camden 14 1/);

  // The panel for Camden, with its coordinator from the directory.
  await page.getByRole('link', { name: 'Custody visiting panels' }).click();
  await page.getByRole('heading', { level: 1, name: 'Custody visiting panels' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add a panel' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a panel' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Name').fill('Camden custody visiting panel');
  await page.getByLabel('Borough or custody area').fill('Camden');
  await page.getByLabel('Coordinator’s e-mail address').fill('nobody@nowhere.example');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectErrors(page, [
    { field: 'coordinatorEmail', message: 'Enter the e-mail address of someone in the directory' },
  ]);
  await page.getByLabel('Coordinator’s e-mail address').fill(coordinator.email!);
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'Camden custody visiting panel has been added');
  assert.equal(await summaryValue(page, 'Coordinator'), 'Pip Panel');
  await page.getByRole('link', { name: 'Holborn Police Station' }).click();
  await page.getByRole('heading', { level: 1, name: 'Holborn Police Station' }).waitFor();
  await expectAccessible(page);
  assert.equal(await summaryValue(page, 'Panel'), 'Camden custody visiting panel');
});
