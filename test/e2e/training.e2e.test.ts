/**
 * Issue 26 part 7 (CDRP-11, IAG-34): the coordination unit records a course and a session of it
 * in Camden, records who attended (a second recording of the same person refused), reads the
 * numbers trained this year, and records a training need that the attendance has met. Axe checks
 * every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { todayInLondon, reportingYearOf } from '../../src/platform/calendar/index.js';
import { makeBorough, makePerson } from '../factories/directory.js';
import { expectErrors, expectSuccess, fillDate, mainNavigation } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const rowWords = async (page: Page, name: RegExp) =>
  (await page.getByRole('row', { name }).innerText()).replace(/\s+/g, ' ').trim();

test('a course, a session with attendance, the numbers trained, and a training need met', async () => {
  const today = todayInLondon(new Date());
  const camden = await makeBorough(e2e.app, { name: 'Camden training borough' });
  await makePerson(e2e.app, {
    fullName: 'Jamie Oduyatrainee',
    jobTitle: 'Safer Neighbourhoods officer',
  });
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'coordination_unit');

  // The course.
  await mainNavigation(page).getByRole('link', { name: 'Training' }).click();
  await page.getByRole('heading', { level: 1, name: 'Training courses' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add a course' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a course' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Title').fill('Working in Partnership');
  await page.getByLabel('Officers and staff in partnership work').check();
  await page.getByLabel('Provider').fill('MPS Partnership Team');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'Working in Partnership has been added');
  await expectAccessible(page);

  // A session of it today, in Camden.
  await page.getByRole('button', { name: 'Add a session' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a session' }).waitFor();
  await expectAccessible(page);
  await fillDate(page, 'Date', today);
  await page.getByLabel('Place').fill('Camden Town Hall');
  await page.getByLabel('Borough').selectOption({ label: camden.name });
  await page.getByLabel('Capacity').fill('10');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'The session has been added');
  await expectAccessible(page);

  // Jamie attended: found in the directory, then recorded.
  await page.getByRole('searchbox', { name: 'Find a person' }).fill('Oduyatrainee');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel('Jamie Oduyatrainee').check();
  await page.getByLabel('Attended', { exact: true }).check();
  await page.getByRole('button', { name: 'Record attendance' }).click();
  await expectSuccess(page, 'Jamie Oduyatrainee has been recorded as having attended');
  assert.equal(await rowWords(page, /Jamie Oduyatrainee/), 'Jamie Oduyatrainee Attended');
  // Recorded twice: refused, saying why.
  await page.getByRole('searchbox', { name: 'Find a person' }).fill('Oduyatrainee');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel('Jamie Oduyatrainee').check();
  await page.getByLabel('Did not attend').check();
  await page.getByRole('button', { name: 'Record attendance' }).click();
  await expectErrors(page, [
    { field: 'personId', message: 'This person is already recorded at this session' },
  ]);

  // The numbers trained this year.
  await page.goto(`${e2e.baseUrl}/training/numbers`);
  await page.getByRole('heading', { level: 1, name: 'Numbers trained' }).waitFor();
  await expectAccessible(page);
  const year = reportingYearOf(today).label;
  await page.getByRole('heading', { level: 2, name: year }).waitFor();
  assert.equal(
    await rowWords(page, /Working in Partnership/),
    `Working in Partnership ${camden.name} 1`,
  );

  // A training need for Jamie, met by the session they attended.
  await page.goto(`${e2e.baseUrl}/training/needs`);
  await page.getByRole('heading', { level: 1, name: 'Training needs' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Record a training need' }).click();
  await page.getByRole('heading', { level: 1, name: 'Record a training need' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('searchbox', { name: 'Find the person' }).fill('Oduyatrainee');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('radio', { name: 'A person' }).check();
  await page.getByLabel('Jamie Oduyatrainee').check();
  await page.getByLabel('Partnership work').check();
  await page.getByLabel('Course that meets it').selectOption({ label: 'Working in Partnership' });
  const [y, m] = today.split('-').map(Number);
  await fillDate(
    page,
    'Date by which it is to be met',
    `${y! + 1}-${String(m).padStart(2, '0')}-01`,
  );
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'The training need has been recorded');
  await expectAccessible(page);
  assert.match(
    await rowWords(page, /Jamie Oduyatrainee/),
    /Partnership work Working in Partnership .* Met on /,
  );
});
