/**
 * Issue 25 item 1 (CON-01): an authority officer adds the consultation strategy board's members
 * from the authority and the police, schedules the board's meeting and minutes it through the
 * meetings pages (ADR 0005), records the board's approval of a major consultation naming the
 * minute and reads it back; then sets a measure's target and actual for the year and reads it
 * met. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { reportingYearOf, todayInLondon } from '../../src/platform/calendar/index.js';
import { formatDate } from '../../src/platform/i18n/dates.js';
import { makeConsultation } from '../factories/consultation.js';
import { makePerson, uniqueTag } from '../factories/directory.js';
import { expectErrors, expectSuccess, fillDate, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const words = async (page: Page, name: RegExp) =>
  (await page.getByRole('row', { name }).innerText()).replace(/\s+/g, ' ').trim();

test('an officer adds board members, minutes the board’s meeting, records its approval of a major consultation, and reads a measure met', async () => {
  const today = todayInLondon(new Date());
  const tag = uniqueTag();
  const chair = await makePerson(e2e.app, { fullName: `Councillor Amina Shah ${tag}` });
  const police = await makePerson(e2e.app, { fullName: `Superintendent Joe Park ${tag}` });
  const consultation = await makeConsultation(e2e.app, {
    title: `Policing priorities ${tag}`,
    major: true,
    launched: false,
  });

  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.getByRole('link', { name: 'Consultation strategy board' }).first().click();
  await officer.getByRole('heading', { level: 1, name: 'Consultation strategy board' }).waitFor();
  await expectAccessible(officer);

  // Two members: the authority's chair and a police member.
  for (const [person, side, role] of [
    [chair, 'The authority', 'Chair'],
    [police, 'The police service', 'Member'],
  ] as const) {
    await officer.getByRole('button', { name: 'Add a member' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Add a member' }).waitFor();
    await expectAccessible(officer);
    await officer.getByLabel('Their e-mail address in the directory').fill(person.email!);
    await officer.getByLabel(side).check();
    await officer.getByLabel(role, { exact: true }).check();
    await fillDate(officer, 'The day they join', today);
    await officer.getByRole('button', { name: 'Add the member' }).click();
    await expectSuccess(officer, `${person.fullName} has been added to the board`);
  }
  await expectAccessible(officer);
  assert.match(await words(officer, new RegExp(chair.fullName)), /The authority Chair/);
  assert.match(await words(officer, new RegExp(police.fullName)), /The police service Member/);

  // The board's meeting, scheduled today at midnight (so it has begun), through the meetings pages.
  await officer.getByRole('link', { name: 'The board’s meetings, agendas and minutes' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Schedule a meeting' }).click();
  await expectAccessible(officer);
  await officer.getByLabel('Title').fill(`Board meeting ${tag}`);
  await fillDate(officer, 'Date', today);
  await officer.getByLabel('Start time').fill('12:00am');
  await officer.getByLabel('In person', { exact: true }).check();
  await officer.getByLabel('Venue').fill('City Hall, Committee Room 4');
  await officer.getByRole('button', { name: 'Schedule' }).click();
  await expectSuccess(officer, 'The meeting has been scheduled');
  // Scheduled once, it opens on the meeting's own page.
  await officer
    .getByRole('heading', { level: 1, name: new RegExp(`Board meeting ${tag}`) })
    .waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Table an item' }).click();
  await expectAccessible(officer);
  await officer
    .getByLabel('What is the item about?')
    .fill('Approval of the policing priorities consultation');
  await officer.getByRole('button', { name: 'Table the item' }).click();
  await expectSuccess(officer, /is on the agenda/);
  await officer.getByRole('button', { name: 'Record attendance' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Record attendance' }).waitFor();
  await expectAccessible(officer);
  for (const person of [chair, police])
    await officer.getByRole('group', { name: person.fullName }).getByLabel('Present').check();
  await officer.getByRole('button', { name: 'Save attendance' }).click();
  await expectSuccess(officer, 'Attendance has been recorded');
  await officer.getByRole('link', { name: 'Draft the minutes' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Draft the minutes' }).waitFor();
  await expectAccessible(officer);
  await officer
    .getByLabel('1. Approval of the policing priorities consultation')
    .fill('The board approved the consultation on the policing priorities.');
  await officer.getByRole('button', { name: 'Save the draft' }).click();
  await expectSuccess(officer, 'The draft minutes have been saved');

  // The board's approval, naming the minute.
  await visit(officer, `/consultation/consultations/${consultation.id}/approval`);
  await officer.getByRole('heading', { level: 1, name: 'The board’s approval' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Record the approval' }).click();
  await expectErrors(officer, [
    { field: 'minuteItemId', message: 'Select the board’s minute that records it' },
  ]);
  await expectAccessible(officer);
  await officer.getByLabel('Approval of the policing priorities consultation').check();
  await officer.getByRole('button', { name: 'Record the approval' }).click();
  await expectSuccess(officer, /The board’s approval has been recorded/);
  await expectAccessible(officer);
  const day = formatDate(e2e.services.t, today);
  assert.equal(
    await summaryValue(officer, 'Minute'),
    'Approval of the policing priorities consultation',
  );
  assert.equal(await summaryValue(officer, 'Date of the meeting'), day);
  assert.equal(await summaryValue(officer, 'Meeting'), `Board meeting ${tag}`);

  // A measure, its target and actual for this year: met.
  const year = reportingYearOf(today);
  await visit(officer, '/consultation/board');
  await officer
    .getByRole('link', { name: 'Measures and targets for consultation, reported each year' })
    .click();
  await officer
    .getByRole('heading', { level: 1, name: `Performance measures and targets, ${year.label}` })
    .waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Add a measure' }).click();
  await expectAccessible(officer);
  await officer.getByLabel('Name').fill(`Responses ${tag}`);
  await officer
    .getByLabel('What it counts')
    .fill('Responses to the policing priorities consultation');
  await officer.getByLabel('Unit').fill('responses');
  await officer.getByLabel('Higher is better').check();
  await officer.getByRole('button', { name: 'Add the measure' }).click();
  await expectSuccess(officer, /has been added: set its target/);
  await expectAccessible(officer);
  await officer.getByLabel('Target').fill('3000');
  await officer.getByLabel('Actual').fill('3412');
  await officer.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(officer, new RegExp(`Responses ${tag}: ${year.label} saved`));
  await expectAccessible(officer);
  assert.match(await words(officer, new RegExp(`Responses ${tag}`)), /3000 3412 Met/);
});
