/**
 * Issue 25 item 2 (CON-02): an authority officer makes the 2027/28 policing-plan programme from
 * the template, records that its fieldwork ran on to 20 August (refused once without its actual
 * start), and reads it on the programme's table slipped and in the summer peak, the timeline
 * drawn beside it; then adds a stage, opens a stage's removal, and copies the programme to the
 * next year. A member reads the programme without the means to change it. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { expectErrors, expectSuccess, fillDate } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

/** A row's words, in the page or in one of its tables. */
const words = async (within: Page | Locator, name: RegExp) =>
  (await within.getByRole('row', { name }).innerText()).replace(/\s+/g, ' ').trim();

test('an officer makes the policing-plan programme from the template, records its fieldwork running into August, and reads it slipped and in the summer peak', async () => {
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.getByRole('link', { name: 'Consultation programmes' }).first().click();
  await officer.getByRole('heading', { level: 1, name: 'Consultation programmes' }).waitFor();
  await officer.getByText('No consultation programmes have been made yet.').waitFor();
  await expectAccessible(officer);

  await officer.getByRole('button', { name: 'New consultation programme' }).click();
  await officer.getByRole('heading', { level: 1, name: 'New consultation programme' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Plan year').fill('2027');
  await officer.getByLabel('The template').check();
  await officer.getByRole('button', { name: 'Make the programme' }).click();
  await expectSuccess(officer, 'The programme Policing plan 2027/28 consultation has been made');
  await officer
    .getByRole('heading', { level: 1, name: 'Policing plan 2027/28 consultation' })
    .waitFor();
  await expectAccessible(officer);
  const table = officer.getByRole('table', { name: /^The stages of/ });
  assert.match(
    await words(table, /^Fieldwork/),
    /^Fieldwork \(fieldwork\) No owner 1 June 2026 to 30 June 2026 Not started/,
  );
  assert.equal(await table.getByRole('row').count(), 9);

  // The fieldwork ran from 1 June to 20 August: first refused without its actual start.
  await officer.getByRole('link', { name: 'Change Fieldwork' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Change a programme stage' }).waitFor();
  await expectAccessible(officer);
  await fillDate(officer, 'Actual end', '2026-08-20');
  await officer.getByRole('button', { name: 'Save the stage' }).click();
  await expectErrors(officer, [
    { field: 'actualStart-day', message: 'Enter the actual start before the actual end' },
  ]);
  await fillDate(officer, 'Actual start', '2026-06-01');
  await officer.getByRole('button', { name: 'Save the stage' }).click();
  await expectSuccess(officer, 'The stage Fieldwork has been changed');
  await expectAccessible(officer);
  assert.equal(
    await words(table, /^Fieldwork/),
    'Fieldwork (fieldwork) No owner 1 June 2026 to 30 June 2026 1 June 2026 to 20 August 2026 ' +
      'Slipped by 7 weeks and 2 days In the summer peak (July and August) Change Fieldwork ' +
      'Remove Fieldwork Move up Fieldwork Move down Fieldwork',
  );
  // The timeline is an image named by its title; the table says the same in words.
  await officer
    .getByRole('img', { name: /^Timeline of Policing plan 2027\/28 consultation/ })
    .waitFor();

  // A stage added at the end of the programme.
  await officer.getByRole('button', { name: 'Add a stage to the programme' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Add a stage to the programme' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Stage', { exact: true }).fill('Report to the board');
  await fillDate(officer, 'Planned start', '2027-07-01');
  await fillDate(officer, 'Planned end', '2027-07-31');
  await officer.getByRole('button', { name: 'Save the stage' }).click();
  await expectSuccess(officer, 'The stage Report to the board has been added');
  assert.equal(await table.getByRole('row').count(), 10);

  // Removing a stage asks first.
  await officer.getByRole('link', { name: 'Remove Report to the board' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Remove this programme stage' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Remove the stage' }).click();
  await expectSuccess(officer, 'The stage Report to the board has been removed');

  // Next year's programme starts as a copy, planned a year on.
  await officer.getByRole('button', { name: 'Copy the programme to next year' }).click();
  await officer
    .getByRole('heading', { level: 1, name: 'Copy the programme to next year' })
    .waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Make the 2028/29 programme' }).click();
  await expectSuccess(
    officer,
    'The programme Policing plan 2028/29 consultation has been made as a copy',
  );
  await expectAccessible(officer);
  assert.match(
    await words(officer.getByRole('table', { name: /^The stages of/ }), /^Fieldwork/),
    /^Fieldwork \(fieldwork\) No owner 1 June 2027 to 30 June 2027 Not started/,
  );

  // A member reads the list and the programme, with nothing to change.
  const member = await e2e.newPage();
  await signInWithRole(e2e, member, 'authority_member');
  await member.getByRole('link', { name: 'Consultation programmes' }).first().click();
  await expectAccessible(member);
  assert.match(
    await words(member, /^Policing plan 2027\/28 consultation/),
    /^Policing plan 2027\/28 consultation 2027\/28 8 \d+ stages? slipped Fieldwork in summer peak$/,
  );
  await member.getByRole('link', { name: 'Policing plan 2027/28 consultation' }).click();
  await member
    .getByRole('heading', { level: 1, name: 'Policing plan 2027/28 consultation' })
    .waitFor();
  await expectAccessible(member);
  assert.equal(await member.getByRole('link', { name: /^Change/ }).count(), 0);
  assert.match(
    await words(member.getByRole('table', { name: /^The stages of/ }), /^Fieldwork/),
    /Slipped by 7 weeks and 2 days In the summer peak \(July and August\)$/,
  );
});
