/**
 * Issue 26 part 2 (CON-04, CDRP-12): an authority officer opens a round of the engagement groups'
 * fund; an engagement group's officer applies for their group from their home page, saving part
 * way and coming back to the draft, then completes each section and submits. Axe checks every
 * page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  addCalendarDays,
  reportingYearOf,
  todayInLondon,
} from '../../src/platform/calendar/index.js';
import { makeAccount } from '../factories/accounts.js';
import { makeEngagementGroup, makeFund } from '../factories/grants.js';
import { expectSuccess, fillDate, mainNavigation } from './pages/govuk.js';
import { expectAccessible, signInAs, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('an authority officer opens a round; an engagement group officer applies, saving part-way, then submits', async () => {
  const today = todayInLondon(new Date());
  const year = reportingYearOf(today);
  const fund = await makeFund(e2e.app, {
    name: "Engagement groups' fund (journey)",
    startYear: year.startYear,
    budgetPence: 1_000_000_00,
    criteria: [{ title: 'Reaches communities that are seldom heard', weight: 3 }],
  });
  const group = await makeEngagementGroup(e2e.app, { name: 'Camden journey engagement group' });
  const eli = await makeAccount(e2e.app, {
    role: 'engagement_officer',
    name: 'Eli Journey',
    scope: { type: 'engagement_group', id: group.id },
  });

  // The authority officer opens a round from the fund's page.
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await mainNavigation(officer).getByRole('link', { name: 'Grants' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Grants' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('link', { name: fund.name }).click();
  await officer.getByRole('heading', { level: 1, name: fund.name }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Add a round' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Add a round' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Round').fill('Winter round (journey)');
  await officer
    .getByLabel('Reporting year (one with a budget)')
    .selectOption({ label: year.label });
  await fillDate(officer, 'Opens', today);
  await fillDate(officer, 'Closes', addCalendarDays(today, 30));
  await officer.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(officer, 'The round ‘Winter round (journey)’ has been added');
  await expectAccessible(officer);

  // The engagement group's officer is offered to apply from their home page.
  const page = await e2e.newPage();
  await signInAs(page, eli);
  await page.getByRole('link', { name: 'Apply for funding' }).click();
  await page.getByRole('heading', { level: 1, name: 'Funding' }).waitFor();
  await expectAccessible(page);
  assert.match(
    await page.getByRole('main').innerText(),
    /Reaches communities that are seldom heard \(weight 3\)/,
  );
  await page.getByRole('button', { name: 'Apply now – Winter round (journey)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Start an application' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel(group.name).check();
  await page.getByLabel('Project title').fill('Listening to young people');
  await page.getByRole('button', { name: 'Start the application' }).click();
  await expectSuccess(
    page,
    'Your application ‘Listening to young people’ has been started and saved',
  );
  await expectAccessible(page);

  // About the project, part-way; saved to come back to.
  await page.getByRole('link', { name: 'About the project' }).click();
  await page.getByRole('heading', { level: 1, name: 'About the project' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Summary of the project').fill('Six listening events with young people.');
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your applications' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Listening to young people' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your application' }).waitFor();
  assert.match(await page.getByRole('main').innerText(), /You have completed 0 of 4 sections/);

  await page.getByRole('link', { name: 'About the project' }).click();
  assert.equal(
    await page.getByLabel('Summary of the project').inputValue(),
    'Six listening events with young people.',
  );
  await fillDate(page, 'When the project starts', addCalendarDays(today, 60));
  await fillDate(page, 'When the project ends', addCalendarDays(today, 240));
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await page.getByRole('heading', { level: 1, name: 'Objectives and activities' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Objectives').fill('Build trust between young people and the police.');
  await page.getByLabel('Activities').fill('Six events and a youth panel.');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  await page.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('What the money is for').fill('Hall hire');
  await page.getByLabel('Amount').fill('1,250.50');
  await page.getByRole('button', { name: 'Add the line' }).click();
  await expectSuccess(page, 'The budget line has been added');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continue' }).click();

  await page
    .getByRole('heading', { level: 1, name: 'Outcomes and how they are measured' })
    .waitFor();
  await expectAccessible(page);
  await page.getByLabel('Outcome', { exact: true }).fill('Young people trust the police more');
  await page.getByLabel('How it will be measured').fill('A survey before and after');
  await page.getByRole('button', { name: 'Add the outcome' }).click();
  await expectSuccess(page, 'The outcome has been added');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page
    .getByRole('heading', {
      level: 1,
      name: 'Check your answers before submitting your application',
    })
    .waitFor();
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Total requested\s+£1,250.50/);
  await page.getByRole('button', { name: 'Submit the application' }).click();
  await expectSuccess(page, /Your application G-\d+ has been submitted/);
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Status\s+Submitted/);
});

test('CON-04, LEG-06: an authority officer closes a fund no longer used, confirming why, and opens it again', async () => {
  const fund = await makeFund(e2e.app, { name: 'Old pilots fund (journey)' });
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await mainNavigation(officer).getByRole('link', { name: 'Grants' }).click();
  await officer.getByRole('link', { name: fund.name }).click();
  await officer.getByRole('link', { name: `Close this fund ${fund.name}` }).click();
  await officer.getByRole('heading', { level: 1, name: `Close ${fund.name}` }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Why is the fund being closed?').fill('Replaced by development bids');
  await officer.getByRole('button', { name: 'Close the fund' }).click();
  await expectSuccess(officer, `${fund.name} has been closed`);
  await expectAccessible(officer);
  assert.match(await officer.getByRole('main').innerText(), /Reason: Replaced by development bids/);
  await officer.getByRole('button', { name: `Open this fund again ${fund.name}` }).click();
  await expectSuccess(officer, `${fund.name} has been opened again`);
  await officer.getByRole('button', { name: 'Add a round' }).waitFor();
});
