/**
 * Issue 24 item 2 (ICV-01, ICV-02): a member of the public reads what a custody visitor does
 * and applies without an account (a missing declaration refused first); the scheme manager
 * finds the application and invites them to interview, and their visitor page takes over.
 * Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makePanel } from '../factories/custody-visiting.js';
import { expectErrors, expectSuccess, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('a member of the public applies, and the scheme manager invites them to interview', async () => {
  const panel = await makePanel(e2e.app, { name: 'Islington custody visiting panel' });
  const email = `jo.applicant.${Date.now()}@example.org`;
  const page = await e2e.newPage();

  await page.goto(`${e2e.baseUrl}/custody-visiting/become-a-visitor`);
  await page.getByRole('heading', { level: 1, name: 'How to become a custody visitor' }).waitFor();
  await page.getByText(/unannounced and made in pairs/).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Apply to be a custody visitor' }).click();
  await page.getByRole('heading', { level: 1, name: 'Apply to be a custody visitor' }).waitFor();
  await expectAccessible(page);

  await page.getByLabel('Full name').fill('Jo Applicant');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Borough or area you live or work in').selectOption(panel.area);
  await page
    .getByLabel('Why do you want to be a custody visitor?')
    .fill('To keep an independent eye on how people held at the station are treated.');
  await page.getByLabel(/not a serving police officer/).check();
  await page.getByLabel(/aged 18 or over/).check();
  await page.getByRole('button', { name: 'Send application' }).click();
  await expectErrors(page, [
    {
      field: 'declarations',
      message:
        'Your independence: confirm you are not otherwise directly involved in the criminal justice system',
    },
  ]);
  await page.getByLabel(/not otherwise directly involved/).check();
  await page.getByRole('button', { name: 'Send application' }).click();
  await page.getByRole('heading', { level: 1, name: 'Application received' }).waitFor();
  const panelText = await page.locator('.govuk-panel').innerText();
  assert.match(panelText, /Your reference is\s+ICV-[0-9A-F]{8}/);
  await expectAccessible(page);

  const staff = await e2e.newPage();
  await signInWithRole(e2e, staff, 'scheme_manager');
  await staff.goto(`${e2e.baseUrl}/`);
  await staff.getByRole('link', { name: 'Applications to be a custody visitor' }).click();
  await staff
    .getByRole('heading', { level: 1, name: 'Applications to be a custody visitor' })
    .waitFor();
  await expectAccessible(staff);
  await staff.getByLabel('Status').selectOption('received');
  await staff.getByRole('button', { name: 'Show applications' }).click();
  await staff.getByRole('link', { name: 'Jo Applicant' }).first().click();
  await staff.getByRole('heading', { level: 1, name: 'Jo Applicant' }).waitFor();
  await expectAccessible(staff);
  assert.equal(await summaryValue(staff, 'Borough or area you live or work in'), panel.area);

  await staff.getByRole('button', { name: 'Save decision' }).click();
  await expectErrors(staff, [
    { field: 'outcome', message: 'Select a decision: invite to interview, or decline' },
  ]);
  await staff.getByLabel('Invite to interview').check();
  await staff.getByLabel('Panel to interview them').selectOption({ label: panel.name });
  await staff.getByRole('button', { name: 'Save decision' }).click();
  await expectSuccess(staff, 'Jo Applicant is invited to interview');
  await staff.getByRole('heading', { level: 1, name: 'Jo Applicant' }).waitFor();
  await staff
    .getByText(/Declared on/)
    .first()
    .waitFor();
  await staff.getByRole('link', { name: 'Record the interview' }).waitFor();
});
