/**
 * Advisory groups: a coordinator sets up a borough IAG (after a mistake), records its terms of
 * reference, appoints a member and records the chair's election, and the public sees it; a chair
 * and the Director agree a second term; an attempt at a third term is refused with the reason;
 * a coordinator keeps a corporate IAG's record up to date.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeEstablishedGroup, type EstablishedGroup } from '../factories/groups.js';
import { openGroup, openMember } from './pages/groups.js';
import {
  expectErrors,
  expectSuccess,
  fillDate,
  mainNavigation,
  summaryValue,
} from './pages/govuk.js';
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

let established: Promise<EstablishedGroup> | undefined;

/**
 * A corporate IAG years into its life (Charlie Chair, Avery Advisor, Jordan Okafor, Priya Shah),
 * made once for the file on first asking: two Jordans would make the directory's answer ambiguous.
 */
function raceGroup(): Promise<EstablishedGroup> {
  established ??= makeEstablishedGroup(e2e.app, {
    name: 'Race and Faith Independent Advisory Group',
    type: 'corporate_iag',
  });
  return established;
}

test('a coordinator sets up a borough IAG, and the public can read about it', async () => {
  await raceGroup(); // Jordan Okafor is in the directory.
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'coordination_unit');
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
  const { name: group, chair: chairAccount } = await raceGroup();
  const coordinator = await e2e.newPage();
  await signInWithRole(e2e, coordinator, 'coordination_unit');
  await openMember(coordinator, group, 'Avery Advisor');
  await coordinator.getByRole('button', { name: 'Propose a second term' }).click();
  await expectSuccess(coordinator, 'The second term has been proposed');

  const chair = await e2e.newPage();
  await signInThroughPages(chair, chairAccount);
  await openMember(chair, group, 'Avery Advisor');
  await chair.getByRole('button', { name: 'Agree the second term as chair' }).click();
  await expectSuccess(chair, 'Your agreement has been recorded');
  assert.match(await summaryValue(chair, 'Chair or co-chair'), /^Agreed /);
  assert.equal(await summaryValue(chair, 'Director'), 'Not yet agreed');

  const director = await e2e.newPage();
  await signInWithRole(e2e, director, 'director');
  await mainNavigation(director).getByRole('link', { name: 'Advisory groups' }).click();
  await director.getByRole('link', { name: 'Second terms awaiting agreement' }).click();
  await director
    .getByRole('heading', { level: 1, name: 'Second terms awaiting agreement' })
    .waitFor();
  await expectAccessible(director);
  await director.getByRole('link', { name: 'Avery Advisor' }).click();
  await director.getByRole('button', { name: 'Agree the second term as Director' }).click();
  await expectSuccess(director, 'The second term is agreed and has been recorded');
  // Agreed ahead of time: the first term runs its course and the second follows on.
  assert.equal(await summaryValue(director, 'Term'), 'First term');
  assert.match(await director.getByRole('main').innerText(), /The second term starts on/);

  // Priya Shah is in her second term: no third can be proposed, and appointing her afresh
  // after she leaves is refused with the reason.
  await openMember(coordinator, group, 'Priya Shah');
  assert.match(await coordinator.getByRole('main').innerText(), /A third term cannot be agreed/);
  assert.equal(await coordinator.getByRole('button', { name: 'Propose a second term' }).count(), 0);
  await coordinator.getByRole('link', { name: 'End this membership' }).click();
  await expectAccessible(coordinator);
  await coordinator.getByLabel('The member resigned').check();
  await coordinator.getByRole('button', { name: 'End membership' }).click();
  await expectSuccess(coordinator, 'The membership has ended');

  await openGroup(coordinator, group);
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

test("a coordinator keeps a corporate IAG's record: details, deployment contact, history and recognition", async () => {
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'coordination_unit');
  const { name: group } = await raceGroup();
  await openGroup(page, group);

  await page.getByRole('button', { name: "Change the group's details" }).click();
  await page.getByRole('heading', { level: 1, name: `Change ${group}` }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Purpose').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectErrors(page, [{ field: 'purpose', message: 'Enter what the group is for' }]);
  await page
    .getByLabel('Purpose')
    .fill('Advises the police service on policing that affects race and faith communities.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, `${group} has been updated`);
  assert.match(await page.getByRole('main').innerText(), /race and faith communities/);

  // The deployment contact (IAG-07).
  await page.getByRole('link', { name: 'Change deployment contact' }).click();
  await page.getByRole('heading', { level: 1, name: 'Deployment contact' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Find the person in the directory').fill('Jordan Okafor');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel('Jordan Okafor').check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Name as deployment contact' }).click();
  await expectSuccess(page, 'The deployment contact has been named');
  assert.equal(await summaryValue(page, 'Deployment contact'), 'Jordan Okafor');

  // The record's history: terms of reference, elections, members past and present.
  await page
    .getByRole('link', { name: 'Read the terms of reference and earlier versions' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Terms of reference' }).waitFor();
  await expectAccessible(page);
  await openGroup(page, group);
  await page.getByRole('link', { name: 'All elections of the chair' }).click();
  await page.getByRole('heading', { level: 1, name: 'Elections of the chair' }).waitFor();
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Charlie Chair/);
  await openGroup(page, group);
  await page.getByRole('link', { name: 'All members, past and present' }).click();
  await page.getByRole('heading', { level: 1, name: 'Members, past and present' }).waitFor();
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Priya Shah/);

  // Recognition, with the chair consulted (IAG-15).
  await page.getByRole('link', { name: 'Jordan Okafor' }).click();
  await page.getByRole('link', { name: 'Recognise exceptional commitment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Recognise Jordan Okafor' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Record the recognition' }).click();
  await expectErrors(page, [
    { field: 'citation', message: 'Enter what the recognition is for' },
    { field: 'consultedPersonId', message: 'Select who was consulted' },
    { field: 'consultedCapacity', message: 'Select the capacity in which they were consulted' },
  ]);
  await page.getByLabel('What it recognises').fill('Ten years of advice on stop and search.');
  await page.getByLabel('Consulted').selectOption({ label: 'Charlie Chair' });
  await page.getByLabel('Chair', { exact: true }).check();
  await page.getByRole('button', { name: 'Record the recognition' }).click();
  await expectSuccess(page, 'The recognition has been recorded');
  assert.match(await page.getByRole('main').innerText(), /Ten years of advice on stop and search/);
});
