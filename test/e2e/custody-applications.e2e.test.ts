/**
 * Issue 24 items 2 and 3 (ICV-01 to ICV-03): a member of the public reads what a custody
 * visitor does and applies without an account (a missing declaration refused first); the
 * scheme manager finds the application and invites them to interview; their interview,
 * vetting, training and appointment are recorded on their visitor page; and the rota drawn for
 * the next quarter puts them on it, paired with experienced visitors. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { todayInLondon } from '../../src/platform/calendar/index.js';
import { EXPERIENCED, makePanel, makeSuite, makeVisitor } from '../factories/custody-visiting.js';
import { expectErrors, expectSuccess, fillDate, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

/** Follows a link on the visitor's page to a step's form, checked with axe. */
async function openStep(page: Page, link: string) {
  await page.getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: link }).waitFor();
  await expectAccessible(page);
}

test('a member of the public applies, is invited, interviewed, vetted, trained, appointed and rostered', async () => {
  const panel = await makePanel(e2e.app, { name: 'Islington custody visiting panel' });
  await makeSuite(e2e.app, { area: panel.area, name: 'Islington Police Station' });
  for (let i = 0; i < 3; i++)
    await makeVisitor(e2e.app, panel, { stage: EXPERIENCED, inducted: true });
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

  // Each step of recruitment, recorded today on the visitor's page (ICV-02).
  const today = todayInLondon(new Date());
  await openStep(staff, 'Record the interview');
  await fillDate(staff, 'Date of the interview', today);
  await staff.getByLabel('Interview panel').fill('Pip Panel and Val Visitor');
  await staff.getByLabel('Suitable for appointment').check();
  await staff.getByRole('button', { name: 'Save the interview' }).click();
  await expectSuccess(staff, 'The interview has been recorded');
  await openStep(staff, 'Record vetting');
  await staff.getByLabel('Cleared', { exact: true }).check();
  await fillDate(staff, 'Date of the vetting', today);
  await fillDate(staff, 'Vetting expires on', `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`);
  await staff.getByRole('button', { name: 'Save the vetting' }).click();
  await expectSuccess(staff, 'The vetting has been recorded');
  await openStep(staff, 'Record a training course');
  await staff.getByLabel('Course', { exact: true }).fill('Induction');
  await staff.getByLabel('This is the induction course').check();
  await fillDate(staff, 'Date of the course', today);
  await staff.getByRole('button', { name: 'Save the course' }).click();
  await expectSuccess(staff, 'The training course has been recorded');
  await openStep(staff, 'Record the appointment');
  await fillDate(staff, 'Date of appointment', today);
  await staff.getByRole('button', { name: 'Appoint' }).click();
  await expectSuccess(staff, 'The appointment has been recorded');
  await staff.getByText('Can be put on the rota', { exact: true }).waitFor();

  // The rota of the next quarter: availability asked, then drawn; Jo is on it, on probation,
  // always with an experienced visitor (ICV-03).
  await staff.goto(`${e2e.baseUrl}/custody-visiting/panels/${panel.id}`);
  await staff.getByRole('link', { name: 'Rota' }).click();
  await staff.getByRole('heading', { level: 1, name: /^Rota: / }).waitFor();
  await expectAccessible(staff);
  await staff.getByRole('button', { name: 'Ask the visitors for their availability' }).click();
  await expectSuccess(staff, 'The visitors have been asked for their availability');
  await staff.getByRole('button', { name: 'Draw the rota' }).click();
  await expectSuccess(staff, /The rota has been drawn: 1[34] visits/);
  await expectAccessible(staff);
  const share = staff.locator('#shares').getByRole('row', { name: /Jo Applicant/ });
  assert.match(
    (await share.innerText()).replace(/\s+/g, ' '),
    /Jo Applicant Yes, with an experienced visitor Not answered [1-9]/,
  );
});
