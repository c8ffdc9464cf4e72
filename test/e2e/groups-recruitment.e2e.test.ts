/**
 * Recruitment: a round opens, a member of the public applies without an account, the panel
 * assesses, the Director accepts and the appointment is made; an advisor keeps their own records.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeBoroughCommander, referenceOrganisationId } from '../factories/directory.js';
import { makeGroup } from '../factories/groups.js';
import { openGroup } from './pages/groups.js';
import { expectErrors, expectSuccess, summaryValue } from './pages/govuk.js';
import {
  expectAccessible,
  signInThroughPages,
  signInWithRole,
  startE2E,
  visit,
  type E2E,
} from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('a recruitment round runs from a public application to the Director’s acceptance and the appointment', async () => {
  const group = 'Disability Independent Advisory Group';
  // Two boroughs (Camden, Islington) have a commander on record, to be told of the round.
  for (const code of ['E09000007', 'E09000019'])
    await makeBoroughCommander(e2e.app, await referenceOrganisationId(e2e.app, code));
  const coordinator = await e2e.newPage();
  const unit = await signInWithRole(e2e, coordinator, 'coordination_unit');
  await openGroup(coordinator, group);
  await coordinator.getByRole('link', { name: 'Recruitment' }).click();
  await expectAccessible(coordinator);
  await coordinator.getByRole('button', { name: 'Open a recruitment round' }).click();
  await expectAccessible(coordinator);
  await coordinator
    .getByLabel('Target audiences')
    .fill('Deaf people; people with learning disabilities');
  await coordinator.getByLabel('Panel members').fill(unit.email);
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
  await signInWithRole(e2e, director, 'director');
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
  const { members } = await makeGroup(e2e.app, { members: 1 });
  const page = await e2e.newPage();
  await signInThroughPages(page, members[0]!);
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
