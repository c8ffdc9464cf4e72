/**
 * Advisory groups: a coordinator sets up a borough IAG (after a mistake), records its terms of
 * reference, appoints a member and records the chair's election, and the public sees it; a chair
 * and the Director agree a second term; an attempt at a third term is refused with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addCalendarDays } from '../../src/platform/calendar/index.js';
import { expectErrors, expectSuccess, mainNavigation, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(() => e2e.close());

async function openGroup(page: Page, name: string): Promise<void> {
  await mainNavigation(page).getByRole('link', { name: 'Advisory groups' }).click();
  await page.getByRole('heading', { level: 1, name: 'Advisory groups' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await expectAccessible(page);
}

async function openMember(page: Page, group: string, member: string): Promise<void> {
  await openGroup(page, group);
  await page.getByRole('link', { name: member, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: member }).waitFor();
  await expectAccessible(page);
}

async function fillDate(page: Page, legend: string, iso: string): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  const [y, m, d] = iso.split('-');
  await group.getByLabel('Day').fill(String(Number(d)));
  await group.getByLabel('Month').fill(String(Number(m)));
  await group.getByLabel('Year').fill(y!);
}

test('a coordinator sets up a borough IAG, and the public can read about it', async () => {
  const page = await e2e.newPage();
  await signInThroughPages(page, 'coordination_unit');
  await mainNavigation(page).getByRole('link', { name: 'Advisory groups' }).click();
  await page.getByRole('button', { name: 'Register a group' }).click();
  await page.getByRole('heading', { level: 1, name: 'Register an advisory group' }).waitFor();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Save' }).click();
  await expectErrors(page, [
    { field: 'name', message: 'Enter the name of the group' },
    { field: 'type', message: 'Select the type of group' },
    { field: 'purpose', message: 'Enter what the group is for' },
    { field: 'meetingIntervalMonths', message: 'Select how often the group meets' },
  ]);

  await page.getByLabel('Name').fill('Camden Independent Advisory Group');
  await page.getByLabel('Borough independent advisory group').check();
  await page.getByLabel('Owner').selectOption({ label: 'Camden (borough)' });
  await page.getByLabel('Purpose').fill('Advises Camden borough command on policing in Camden.');
  await page.getByLabel('How often it meets').selectOption({ label: 'Every two months' });
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'Camden Independent Advisory Group has been registered');
  assert.equal(await summaryValue(page, 'Owner'), 'Camden');
  assert.equal(await summaryValue(page, 'Chair'), 'None elected');

  // Terms of reference, the first version.
  await page
    .getByRole('link', { name: 'Read the terms of reference and earlier versions' })
    .click();
  await page.getByRole('button', { name: 'Record a new version' }).click();
  await expectAccessible(page);
  await page.getByLabel('Terms of reference').fill('1. The group elects a chair every two years.');
  await fillDate(page, 'When the group and the police service agreed this version', '2026-11-02');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expectSuccess(page, 'Version 1 of the terms of reference has been saved');

  // A member, found in the directory.
  await openGroup(page, 'Camden Independent Advisory Group');
  await page.getByRole('button', { name: 'Appoint a member' }).click();
  await expectAccessible(page);
  await page.getByLabel('Find the person in the directory').fill('Jordan');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel('Jordan Okafor').check();
  await page
    .getByLabel("The member agrees to their name appearing on the group's public page")
    .check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Appoint' }).click();
  await expectSuccess(page, 'The appointment has been recorded');

  // The chair's election.
  await page.getByRole('button', { name: 'Record an election' }).click();
  await expectAccessible(page);
  await fillDate(page, 'When the election was held', e2e.services.groups.today());
  await page.getByLabel('Independent adjudicator', { exact: true }).fill('Ruth Mensah');
  await page.getByLabel('Adjudicator agreed for the group by').fill('The members, no chair yet');
  await page.getByLabel('Adjudicator agreed for the police service by').fill('Chris Coordinator');
  await page
    .getByRole('group', { name: 'Candidates who stood' })
    .getByLabel('Jordan Okafor')
    .check();
  await page.getByRole('group', { name: 'Elected' }).getByLabel('Jordan Okafor').check();
  await page.getByRole('button', { name: 'Record the election' }).click();
  await expectSuccess(page, 'The election and its result have been recorded');
  assert.equal(await summaryValue(page, 'Chair'), 'Jordan Okafor');

  // The public page, signed out.
  const visitor = await e2e.newPage();
  await visit(visitor, '/advisory-groups');
  await expectAccessible(visitor);
  await visitor.getByRole('link', { name: 'Camden Independent Advisory Group' }).click();
  await visitor
    .getByRole('heading', { level: 1, name: 'Camden Independent Advisory Group' })
    .waitFor();
  await expectAccessible(visitor);
  assert.equal(await summaryValue(visitor, 'Chair'), 'Jordan Okafor');
  assert.match(await visitor.getByRole('main').innerText(), /Jordan Okafor/);
});

test('a chair and the Director agree a second term; a third term is refused, saying why', async () => {
  const coordinator = await e2e.newPage();
  await signInThroughPages(coordinator, 'coordination_unit');
  await openMember(coordinator, 'Race Independent Advisory Group', 'Avery Advisor');
  await coordinator.getByRole('button', { name: 'Propose a second term' }).click();
  await expectSuccess(coordinator, 'The second term has been proposed');

  const chair = await e2e.newPage();
  await signInThroughPages(chair, 'chair');
  await openMember(chair, 'Race Independent Advisory Group', 'Avery Advisor');
  await chair.getByRole('button', { name: 'Agree the second term as chair' }).click();
  await expectSuccess(chair, 'Your agreement has been recorded');
  assert.match(await summaryValue(chair, 'Chair or co-chair'), /^Agreed /);
  assert.equal(await summaryValue(chair, 'Director'), 'Not yet agreed');

  const director = await e2e.newPage();
  await signInThroughPages(director, 'director');
  await mainNavigation(director).getByRole('link', { name: 'Advisory groups' }).click();
  await director.getByRole('link', { name: 'Second terms awaiting agreement' }).click();
  await director
    .getByRole('heading', { level: 1, name: 'Second terms awaiting agreement' })
    .waitFor();
  await expectAccessible(director);
  await director.getByRole('link', { name: 'Avery Advisor' }).click();
  await director.getByRole('button', { name: 'Agree the second term as Director' }).click();
  await expectSuccess(director, 'The second term is agreed and has been recorded');
  assert.equal(await summaryValue(director, 'Term'), 'Second term');

  // Priya Shah is in her second term: no third can be proposed, and appointing her afresh
  // after she leaves is refused with the reason.
  await openMember(coordinator, 'Race Independent Advisory Group', 'Priya Shah');
  assert.match(await coordinator.getByRole('main').innerText(), /A third term cannot be agreed/);
  assert.equal(await coordinator.getByRole('button', { name: 'Propose a second term' }).count(), 0);
  await coordinator.getByRole('link', { name: 'End this membership' }).click();
  await expectAccessible(coordinator);
  await coordinator.getByLabel('The member resigned').check();
  await coordinator.getByRole('button', { name: 'End membership' }).click();
  await expectSuccess(coordinator, 'The membership has ended');

  await openGroup(coordinator, 'Race Independent Advisory Group');
  await coordinator.getByRole('button', { name: 'Appoint a member' }).click();
  await coordinator.getByLabel('Find the person in the directory').fill('Priya Shah');
  await coordinator.getByRole('button', { name: 'Find' }).click();
  await coordinator.getByLabel('Priya Shah').check();
  await coordinator.getByRole('button', { name: 'Appoint' }).click();
  await expectErrors(coordinator, [
    {
      field: 'personId',
      message:
        'An advisor may serve at most 2 terms of 4 years in a group, and this member has served 2 (IAG-18). A third term cannot be agreed',
    },
  ]);
});

test('a recruitment round runs from a public application to the Director’s acceptance and the appointment', async () => {
  const group = 'Disability Independent Advisory Group';
  const coordinator = await e2e.newPage();
  await signInThroughPages(coordinator, 'coordination_unit');
  await openGroup(coordinator, group);
  await coordinator.getByRole('link', { name: 'Recruitment' }).click();
  await expectAccessible(coordinator);
  await coordinator.getByRole('button', { name: 'Open a recruitment round' }).click();
  await expectAccessible(coordinator);
  await coordinator
    .getByLabel('Target audiences')
    .fill('Deaf people; people with learning disabilities');
  await coordinator.getByLabel('Panel members').fill('coordination@bridge.example');
  await coordinator.getByRole('button', { name: 'Open the round' }).click();
  await expectSuccess(coordinator, /2 borough commanders have been told/);

  // A member of the public applies, with no account, after forgetting the declarations.
  const visitor = await e2e.newPage();
  await visit(visitor, '/advisory-groups');
  await visitor.getByRole('link', { name: group }).click();
  await visitor.getByRole('button', { name: 'Apply to join' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Apply to join' }).waitFor();
  await expectAccessible(visitor);
  await visitor.getByLabel('Full name').fill('Morgan Applicant');
  await visitor.getByLabel('E-mail address').fill('morgan.applicant@example.org');
  await visitor
    .getByLabel('Which communities are you part of or do you work with?')
    .fill('Deaf community in Islington');
  await visitor
    .getByLabel('Why do you want to join the group?')
    .fill('To help the police communicate with Deaf people.');
  await visitor.getByRole('button', { name: 'Send application' }).click();
  await expectErrors(visitor, [
    {
      field: 'confirm',
      message:
        'Confirm that you are independent of the police service and of any body that monitors it',
    },
  ]);
  await visitor.getByLabel('I am independent of the police service').check();
  await visitor.getByLabel('I will follow the Seven Principles of Public Life').check();
  await visitor.getByRole('button', { name: 'Send application' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Application received' }).waitFor();
  await expectAccessible(visitor);

  // The panel (here the coordinator) assesses it.
  await coordinator.reload();
  await coordinator.getByRole('link', { name: 'Morgan Applicant' }).click();
  await expectAccessible(coordinator);
  await coordinator
    .getByLabel('Assessment')
    .fill('Clear understanding of independence; strong community links.');
  await coordinator.getByLabel('Yes, recommend it').check();
  await coordinator.getByRole('button', { name: 'Record the assessment' }).click();
  await expectSuccess(coordinator, 'The panel’s assessment has been recorded');
  const applicationUrl = coordinator.url();

  // The Director sees the name and the assessment, not the applicant's details, and accepts.
  const director = await e2e.newPage();
  await signInThroughPages(director, 'director');
  await director.goto(applicationUrl);
  await director.getByRole('heading', { level: 1, name: 'Morgan Applicant' }).waitFor();
  await expectAccessible(director);
  assert.doesNotMatch(
    await director.getByRole('main').innerText(),
    /morgan\.applicant@example\.org|Islington/,
  );
  await director.getByLabel('Accept: appoint for four years').check();
  await director.getByRole('button', { name: 'Record the decision' }).click();
  await expectSuccess(director, 'You have accepted the appointment');
  await director.getByRole('link', { name: 'The appointment' }).click();
  await director.getByRole('heading', { level: 1, name: 'Morgan Applicant' }).waitFor();
  await expectAccessible(director);
  assert.equal(await summaryValue(director, 'Term'), 'First term');
  assert.equal(await summaryValue(director, 'Status'), 'Current');
});

test('an advisor sees their groups, declares their interests and answers the optional monitoring questions', async () => {
  const page = await e2e.newPage();
  await signInThroughPages(page, 'advisor');
  await page.getByRole('link', { name: 'Your advisory groups' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Your advisory groups' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: /Declare interests/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Declaration of interests' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('I have no interests to declare').check();
  await page.getByRole('button', { name: 'Make the declaration' }).click();
  await expectErrors(page, [
    {
      field: 'confirm',
      message:
        'Confirm independence of the police service, of other advisors and of any body that monitors the police',
    },
  ]);
  await page.getByLabel(/I am independent of the police service/).check();
  await page.getByLabel(/I will follow the Seven Principles/).check();
  await page.getByRole('button', { name: 'Make the declaration' }).click();
  await expectSuccess(page, 'The declaration has been recorded');

  await page.getByRole('link', { name: 'Diversity monitoring (optional)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Diversity monitoring' }).waitFor();
  await expectAccessible(page);
  await page
    .getByRole('group', { name: 'What is your ethnic group?' })
    .getByLabel('Mixed or multiple ethnic groups')
    .check();
  await page
    .getByRole('group', { name: 'Do you consider yourself to be disabled?' })
    .getByLabel('Prefer not to say')
    .check();
  await page.getByRole('button', { name: 'Save answers' }).click();
  await expectSuccess(page, 'Your answers have been saved');
});

test('the coordination unit keeps the records: imports, clearances, access, recognition, police attendance, guides and balance', async () => {
  const page = await e2e.newPage();
  await signInThroughPages(page, 'coordination_unit');
  const group = 'LGBT Independent Advisory Group';
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
  await page
    .getByLabel('Members')
    .fill('name,email,first_joined,publish_name\nAlex Long,alex.long@example.org,2019-02-01,yes');
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
