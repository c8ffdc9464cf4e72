/**
 * Issue 24 item 2 (ICV-01, ICV-02): the scheme manager adds a lay visitor to a panel (after
 * a declaration that refuses them), and records their interview, vetting, training and
 * appointment until their page says they can be put on the rota. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makePanel } from '../factories/custody-visiting.js';
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

test('the scheme manager recruits a visitor until they can be put on the rota', async () => {
  const page = await e2e.newPage();
  const panel = await makePanel(e2e.app, { name: 'Camden custody visiting panel' });
  await signInWithRole(e2e, page, 'scheme_manager');

  await page.goto(`${e2e.baseUrl}/custody-visiting/panels/${panel.id}`);
  await page.getByRole('heading', { level: 1, name: panel.name }).waitFor();
  await page.getByRole('link', { name: 'Visitors' }).click();
  await page.getByRole('heading', { level: 1, name: 'Visitors' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add a visitor' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a visitor' }).waitFor();
  await expectAccessible(page);

  // ICV-01: a member of police staff cannot be a visitor.
  await page.getByLabel('Full name').fill('Robin Lay');
  await page.getByLabel('E-mail address').fill('robin.lay@example.org');
  const police = page.getByRole('group', {
    name: /serving police officer or member of police staff/,
  });
  const justice = page.getByRole('group', { name: /criminal justice system/ });
  await police.getByLabel('Yes').check();
  await justice.getByLabel('No').check();
  await fillDate(page, 'Date of the declaration', '2026-09-01');
  await page.getByRole('button', { name: 'Add the visitor' }).click();
  await expectErrors(page, [
    {
      field: 'policeOfficerOrStaff',
      message:
        'A serving police officer or member of police staff cannot be a custody visitor: visitors are independent of the police',
    },
  ]);
  await page
    .getByRole('group', { name: /serving police officer or member of police staff/ })
    .getByLabel('No')
    .check();
  await page.getByRole('button', { name: 'Add the visitor' }).click();
  await expectSuccess(page, 'Robin Lay has been added');
  await page.getByText('Cannot be put on the rota').waitFor();

  await openStep(page, 'Record the interview');
  await fillDate(page, 'Date of the interview', '2026-10-01');
  await page.getByLabel('Interview panel').fill('Pip Panel and Val Visitor');
  await page.getByLabel('Suitable for appointment').check();
  await page.getByRole('button', { name: 'Save the interview' }).click();
  await expectSuccess(page, 'The interview has been recorded');
  assert.equal(await summaryValue(page, 'Outcome'), 'Suitable for appointment');

  await openStep(page, 'Record vetting');
  await page.getByLabel('Cleared', { exact: true }).check();
  await fillDate(page, 'Date of the vetting', '2026-10-15');
  await fillDate(page, 'Vetting expires on', '2029-10-15');
  await page.getByRole('button', { name: 'Save the vetting' }).click();
  await expectSuccess(page, 'The vetting has been recorded');

  await openStep(page, 'Record a training course');
  await page.getByLabel('Course', { exact: true }).fill('Induction');
  await page.getByLabel('This is the induction course').check();
  await fillDate(page, 'Date of the course', '2026-10-20');
  await page.getByRole('button', { name: 'Save the course' }).click();
  await expectSuccess(page, 'The training course has been recorded');
  // Trained and vetted, but not yet appointed.
  await page.getByText('Not appointed', { exact: true }).waitFor();

  await openStep(page, 'Record the appointment');
  await fillDate(page, 'Date of appointment', '2026-11-01');
  await page.getByRole('button', { name: 'Appoint' }).click();
  await expectSuccess(page, 'The appointment has been recorded');
  assert.equal(await summaryValue(page, 'Term ends on'), '1 November 2029');
  await page.getByText('Can be put on the rota', { exact: true }).waitFor();
  await page.getByText('On probation: to be paired with an experienced visitor.').waitFor();

  // The other steps' forms, each checked with axe; a suspension without its reason is refused.
  for (const link of ['Sign off probation', 'Renew the term']) {
    await openStep(page, link);
    await page.getByRole('link', { name: 'Back to the visitor’s record' }).click();
    await page.getByRole('heading', { level: 1, name: 'Robin Lay' }).waitFor();
  }
  await openStep(page, 'Suspend the visitor');
  await fillDate(page, 'Suspended from', '2026-11-02');
  await page.getByRole('button', { name: 'Suspend' }).click();
  await expectErrors(page, [{ field: 'reason', message: 'Enter the reason for the suspension' }]);
  await page.getByRole('link', { name: 'Back to the visitor’s record' }).click();
  await page.getByText('Not suspended.').waitFor();

  // The panel's list says the same.
  await page.getByRole('link', { name: 'Visitors' }).click();
  await page.getByRole('heading', { level: 1, name: 'Visitors' }).waitFor();
  await expectAccessible(page);
  const row = page.getByRole('row', { name: /Robin Lay/ });
  assert.match(
    (await row.innerText()).replace(/\s+/g, ' '),
    /Robin Lay Appointed, on probation Can be put on the rota/,
  );
});
