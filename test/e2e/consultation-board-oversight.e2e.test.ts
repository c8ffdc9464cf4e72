/**
 * CON-01: an authority officer opens an approved major draft's details, is warned that a
 * material change clears the board's approval, changes its purpose and reads that it must go
 * back to the board; then records a borough consultation's costs (a bad line refused, naming the
 * fields) and reads the board's borough consultation page for the year. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { consultations } from '../../src/modules/consultation/schema.js';
import { reportingYearOf, todayInLondon } from '../../src/platform/calendar/index.js';
import { makeConsultation } from '../factories/consultation.js';
import { makeBoardMinute } from '../factories/consultation-board.js';
import { makeBorough, uniqueTag } from '../factories/directory.js';
import { staffPrincipal } from '../factories/meetings.js';
import { expectErrors, expectSuccess, fillDate } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('an officer is warned, clears the board’s approval by changing the purpose, records a borough consultation’s costs and reads the borough page', async () => {
  const today = todayInLondon(new Date());
  const tag = uniqueTag();
  const borough = await makeBorough(e2e.app, { name: `Borough ${tag}` });
  const draft = await makeConsultation(e2e.app, {
    title: `Policing priorities ${tag}`,
    major: true,
    launched: false,
  });
  const { minuteItemId } = await makeBoardMinute(e2e.app, {
    title: `Board meeting ${tag}`,
    heading: `Approval of the priorities consultation ${tag}`,
    date: '2026-01-12',
  });
  await e2e.services.consultationBoardDecisions.approve(
    await staffPrincipal(e2e.app, 'authority_officer'),
    draft.id,
    { minuteItemId },
  );
  const local = await makeConsultation(e2e.app, { title: `Safer streets ${tag}`, opensOn: today });
  await e2e.services.db
    .update(consultations)
    .set({ boroughId: borough.id })
    .where(eq(consultations.id, local.id));

  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await visit(officer, `/consultation/consultations/${draft.id}/edit`);
  await expectAccessible(officer);
  assert.match(
    await officer.locator('.govuk-warning-text').innerText(),
    /Saving a change to its purpose.*will clear the board’s approval/s,
  );
  await officer.getByLabel('Purpose').fill('To hear what businesses want the police to put first.');
  await officer.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(
    officer,
    /the board’s approval has been cleared: it must go back to the board/,
  );
  await expectAccessible(officer);
  assert.match(
    await officer.locator('.govuk-warning-text').innerText(),
    /The board’s approval was cleared on .* because its purpose changed after it was given/,
  );

  // The borough consultation's costs.
  await visit(officer, `/consultation/consultations/${local.id}`);
  await officer.getByRole('link', { name: 'Costs' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Costs' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Record the cost' }).click();
  await expectErrors(officer, [
    { field: 'what', message: 'Enter what the cost was for' },
    { field: 'amount', message: 'Enter the amount' },
    { field: 'spentOn-day', message: 'Enter the day it was spent' },
  ]);
  await expectAccessible(officer);
  await officer.getByLabel('What was it for?').fill('Venue for the public meeting');
  await officer.getByLabel('Amount').fill('1,250');
  await fillDate(officer, 'The day it was spent', today);
  await officer.getByRole('button', { name: 'Record the cost' }).click();
  await expectSuccess(officer, 'Venue for the public meeting, £1,250.00, has been recorded');
  await expectAccessible(officer);

  // The board's page for the year.
  const year = reportingYearOf(today);
  await visit(officer, '/consultation/board');
  await officer
    .getByRole('link', { name: 'Borough consultation and its cost, by financial year' })
    .click();
  await officer.getByLabel('Financial year').selectOption(String(year.startYear));
  await officer.getByRole('button', { name: 'Show' }).click();
  await officer
    .getByRole('heading', { level: 1, name: `Borough consultation, ${year.label}` })
    .waitFor();
  await expectAccessible(officer);
  const line = (await officer.getByRole('row', { name: new RegExp(borough.name) }).innerText())
    .replace(/\s+/g, ' ')
    .trim();
  assert.equal(line, `${borough.name} 1 0 £1,250.00 No responses`);
});
