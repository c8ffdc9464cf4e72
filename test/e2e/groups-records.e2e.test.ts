/**
 * The coordination unit keeps the records of a group and its members: imports, clearances,
 * access, police attendance, guides and the membership balance.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addCalendarDays } from '../../src/platform/calendar/index.js';
import { openGroup } from './pages/groups.js';
import {
  expectErrors,
  expectSuccess,
  fillDate,
  mainNavigation,
  summaryValue,
} from './pages/govuk.js';
import { makePerson } from '../factories/directory.js';
import { makeGroup } from '../factories/groups.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('the coordination unit keeps the records: imports, clearances, access, recognition, police attendance, guides and balance', async () => {
  const page = await e2e.newPage();
  // A corporate IAG (whose police attendance is named), and the officer to name.
  const { name: group } = await makeGroup(e2e.app, { type: 'corporate_iag' });
  await makePerson(e2e.app, {
    fullName: 'Sam Strategic',
    jobTitle: 'Strategic engagement officer',
  });
  await signInWithRole(e2e, page, 'coordination_unit');
  await openGroup(page, group);

  // Existing members, with a bad line first.
  await page.getByRole('button', { name: 'Import existing members' }).click();
  await expectAccessible(page);
  await page
    .getByLabel('Members')
    .fill('name,email,first_joined\nAlex Long,alex.long@example.org,2019-13-01');
  await page.getByRole('button', { name: 'Import members' }).click();
  await expectErrors(page, [
    { field: 'csv', message: 'Line 2: “2019-13-01” is not a real date; write it like 2003-06-01' },
  ]);
  // In a second term since 2023, agreed by the chair and the Director then (IAG-18).
  await page
    .getByLabel('Members')
    .fill(
      'name,email,first_joined,publish_name,second_term_agreed_on,agreed_by_chair,agreed_by_director\nAlex Long,alex.long@example.org,2019-02-01,yes,2023-01-10,Grace Chair,Dana Director',
    );
  await page.getByRole('button', { name: 'Import members' }).click();
  await expectSuccess(page, /Imported 1 member: 1 current/);

  // Police attendance.
  await openGroup(page, group);
  await page.getByRole('link', { name: 'Change police attendance' }).first().click();
  await expectAccessible(page);
  await page.getByLabel('Find the officer in the directory').fill('Sam Strategic');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel('Sam Strategic').check();
  await page.getByLabel('Directorate manager').check();
  await page.getByLabel('Rank or staff band').selectOption('Inspector');
  await page.getByRole('button', { name: 'Name them' }).click();
  await expectSuccess(page, 'Police attendance has been updated');
  assert.equal(await summaryValue(page, 'Police directorate manager'), 'Sam Strategic, Inspector');

  // The member's records.
  await page.getByRole('link', { name: 'Alex Long' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Record a clearance' }).click();
  await expectAccessible(page);
  await page.getByLabel('Non-police personnel vetting level 3 (NPPV3)').check();
  await fillDate(page, 'Granted', '2025-01-10');
  // Expiring within 90 days, so it is flagged.
  await fillDate(page, 'Expires', addCalendarDays(e2e.services.groups.today(), 60));
  await page
    .getByLabel('Directorate that required it')
    .selectOption({ label: 'Specialist Operations' });
  await page.getByRole('button', { name: 'Record the clearance' }).click();
  await expectSuccess(page, 'The clearance has been recorded');
  await page.getByRole('link', { name: 'Record an access exemption' }).click();
  await expectAccessible(page);
  await page.getByLabel('Approved by').fill('Supt A. Patel, Estates security');
  await page
    .getByLabel('The policy that exempts them, or why')
    .fill('Building pass policy, section 4');
  await page.getByRole('button', { name: 'Record the exemption' }).click();
  await expectSuccess(page, 'The access exemption has been recorded');
  assert.match(
    await page.getByRole('main').innerText(),
    /Has an exemption from escorted access in force/,
  );

  // Clearances expiring and the guides.
  await mainNavigation(page).getByRole('link', { name: 'Advisory groups' }).click();
  await page.getByRole('link', { name: 'Clearances expiring' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Clearances expiring in the next 90 days' })
    .waitFor();
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Alex Long/);
  await mainNavigation(page).getByRole('link', { name: 'Advisory groups' }).click();
  await page.getByRole('link', { name: 'Guides' }).click();
  await page.getByRole('heading', { level: 1, name: 'Guides for advisory groups' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Guide for Independent Advisors' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Record a reviewed version' }).click();
  await expectAccessible(page);
  await page.getByLabel('The guide').fill('How to give independent advice.');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expectSuccess(page, /the next review is due in a year/);

  await openGroup(page, group);
  await page.getByRole('link', { name: 'Membership balance' }).click();
  await page.getByRole('heading', { level: 1, name: 'Membership balance' }).waitFor();
  await expectAccessible(page);
});
