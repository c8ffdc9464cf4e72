/**
 * Issue 26 (CON-04, CON-05, LEG-06, CDRP-12, CDRP-08): one grant's whole life, through the pages.
 * An authority officer opens a round; an engagement group's officer applies (saving part-way);
 * an assessor scores it; the panel awards it with conditions and instalments; a monitoring return
 * is late and is sent and accepted; the grant ends, is evaluated, and its good practice is
 * published for anyone to find. Axe checks every page.
 *
 * The project's dates lie in the past (its first period is long over and it ended yesterday), so
 * the return is late and the evaluation due without moving the app's clock: a pinned clock would
 * end the journey's sessions and refuse the authenticator's codes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  addCalendarDays,
  reportingYearOf,
  todayInLondon,
} from '../../src/platform/calendar/index.js';
import { and, eq } from 'drizzle-orm';
import { grantReturns } from '../../src/modules/grants/schema.js';
import { makeAccount } from '../factories/accounts.js';
import { makeBorough } from '../factories/directory.js';
import { makeEngagementGroup, makeFund } from '../factories/grants.js';
import { expectSuccess, fillDate, mainNavigation, summaryValue } from './pages/govuk.js';
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

const words = async (page: Page) => (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');

/** Follows a link and waits for the page it leads to, checking it with axe. */
async function follow(page: Page, link: string | RegExp, heading: string | RegExp) {
  await page.getByRole('link', { name: link }).first().click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page);
}

test('a grant from its round to the good-practice library: apply, assess, award, monitor, evaluate', async () => {
  const today = todayInLondon(new Date());
  const year = reportingYearOf(today);
  const startsOn = addCalendarDays(today, -180);
  const endsOn = addCalendarDays(today, -1);
  const fund = await makeFund(e2e.app, {
    name: 'Whole-life journey fund',
    startYear: year.startYear,
    budgetPence: 50_000_00,
    criteria: [
      { title: 'Reaches communities that are seldom heard', weight: 3 },
      { title: 'Value for money', weight: 2 },
    ],
  });
  const borough = await makeBorough(e2e.app, { name: 'Hackney journey borough' });
  const group = await makeEngagementGroup(e2e.app, {
    name: 'Hackney journey engagement group',
    boroughId: borough.id,
  });
  const applicant = await makeAccount(e2e.app, {
    role: 'engagement_officer',
    name: 'Ena Applicant',
    scope: { type: 'engagement_group', id: group.id },
  });
  const assessor = await makeAccount(e2e.app, { role: 'authority_officer', name: 'Asa Scorer' });

  // 1. The authority officer opens a round of the fund.
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await mainNavigation(officer).getByRole('link', { name: 'Grants' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Grants' }).waitFor();
  await expectAccessible(officer);
  await follow(officer, fund.name, fund.name);
  await officer.getByRole('button', { name: 'Add a round' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Add a round' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Round').fill('Whole-life round');
  await officer
    .getByLabel('Reporting year (one with a budget)')
    .selectOption({ label: year.label });
  await fillDate(officer, 'Opens', today);
  await fillDate(officer, 'Closes', addCalendarDays(today, 30));
  await officer.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(officer, 'The round ‘Whole-life round’ has been added');

  // 2. The group's officer applies from their home page, saving part-way once.
  const group1 = await e2e.newPage();
  await signInThroughPages(group1, applicant);
  await follow(group1, 'Apply for funding', 'Funding');
  await group1.getByRole('button', { name: 'Apply now – Whole-life round' }).click();
  await group1.getByRole('heading', { level: 1, name: 'Start an application' }).waitFor();
  await expectAccessible(group1);
  await group1.getByLabel(group.name).check();
  await group1.getByLabel('Project title').fill('Street stories');
  await group1.getByRole('button', { name: 'Start the application' }).click();
  await expectSuccess(group1, 'Your application ‘Street stories’ has been started and saved');
  await follow(group1, 'About the project', 'About the project');
  await group1.getByLabel('Summary of the project').fill('Residents record their stories.');
  await group1.getByRole('button', { name: 'Save and come back later' }).click();
  await group1.getByRole('heading', { level: 1, name: 'Your applications' }).waitFor();
  await expectAccessible(group1);
  await follow(group1, 'Street stories', 'Your application');
  assert.match(await words(group1), /You have completed 0 of 4 sections/);
  await follow(group1, 'About the project', 'About the project');
  assert.equal(
    await group1.getByLabel('Summary of the project').inputValue(),
    'Residents record their stories.',
  );
  await fillDate(group1, 'When the project starts', startsOn);
  await fillDate(group1, 'When the project ends', endsOn);
  await group1.getByRole('button', { name: 'Save and continue' }).click();
  await group1.getByRole('heading', { level: 1, name: 'Objectives and activities' }).waitFor();
  await expectAccessible(group1);
  await group1.getByLabel('Objectives').fill('Residents and officers hear each other.');
  await group1.getByLabel('Activities').fill('Recording sessions and a screening.');
  await group1.getByRole('button', { name: 'Save and continue' }).click();
  await group1.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
  await expectAccessible(group1);
  for (const [line, amount] of [
    ['Recording kit', '1,500'],
    ['Screening venue', '1,000'],
  ] as const) {
    await group1.getByRole('textbox', { name: 'What the money is for' }).fill(line);
    await group1.getByLabel('Amount').fill(amount);
    await group1.getByRole('button', { name: 'Add the line' }).click();
    await expectSuccess(group1, 'The budget line has been added');
  }
  await group1.getByRole('button', { name: 'Continue' }).click();
  await group1
    .getByRole('heading', { level: 1, name: 'Outcomes and how they are measured' })
    .waitFor();
  await expectAccessible(group1);
  await group1.getByLabel('Outcome', { exact: true }).fill('Residents feel heard');
  await group1.getByLabel('How it will be measured').fill('A survey at each screening');
  await group1.getByRole('button', { name: 'Add the outcome' }).click();
  await expectSuccess(group1, 'The outcome has been added');
  await group1.getByRole('button', { name: 'Continue' }).click();
  await group1
    .getByRole('heading', {
      level: 1,
      name: 'Check your answers before submitting your application',
    })
    .waitFor();
  await expectAccessible(group1);
  assert.match(await words(group1), /Total requested £2,500.00/);
  await group1.getByRole('button', { name: 'Submit the application' }).click();
  await expectSuccess(group1, /Your application G-\d+ has been submitted/);
  const reference = /G-\d+/.exec(await words(group1))![0];
  const applicationId = /\/funding\/applications\/([0-9a-f-]{36})/.exec(group1.url())![1]!;

  // 3. The officer asks an assessor from the application's staff page.
  await follow(officer, 'Grants', 'Grants');
  await follow(officer, /applications? awaiting a decision/, 'Grant applications');
  await follow(officer, 'Street stories', /Street stories/);
  await follow(officer, 'Assessors and their scores', `Assessment of ${reference}`);
  assert.match(await words(officer), /No one has been asked to assess this application yet/);
  await officer
    .getByLabel('Ask someone to assess it')
    .selectOption({ label: `${assessor.name} (${assessor.email})` });
  await officer.getByRole('button', { name: 'Ask them to assess' }).click();
  await expectSuccess(officer, `${assessor.name} has been asked to assess the application`);
  assert.match(await words(officer), /Asa Scorer Asked, not started/);

  // The assessor scores every criterion from their home page's task and sends.
  const scorer = await e2e.newPage();
  await signInThroughPages(scorer, assessor);
  await follow(scorer, 'Score grant applications (1)', 'Applications to assess');
  await follow(scorer, `${reference}: Street stories`, `Score ${reference}`);
  assert.match(await words(scorer), /Residents record their stories\./);
  await scorer
    .getByRole('group', { name: 'Reaches communities that are seldom heard (weight 3)' })
    .getByLabel('4 – well met')
    .check();
  await scorer
    .getByRole('group', { name: 'Value for money (weight 2)' })
    .getByLabel('5 – fully met')
    .check();
  await scorer.getByLabel('Your overall comments (optional)').fill('A strong, cheap project.');
  await scorer.getByRole('button', { name: 'Send your scores' }).click();
  await expectSuccess(scorer, `Your scores for ${reference} are sent`);

  // The officer sees the weighted score: (4×3 + 5×2) out of (5×5) is 88%.
  await officer.reload();
  await expectAccessible(officer);
  assert.match(await words(officer), /Weighted score: 88%, from 1 assessment\(s\) counted/);
  assert.match(await words(officer), /Asa Scorer Scores sent on/);

  // 4. The panel's decision: awarded, with conditions and two instalments.
  await follow(officer, "The panel's decision", `Decision on ${reference}`);
  await officer.getByLabel('Awarded', { exact: true }).check();
  await officer.getByLabel('Who sat on the panel').fill('Cllr A Smith (chair), J Patel');
  await officer.getByLabel("The panel's reason").fill('Reaches residents seldom heard.');
  await officer.getByLabel('Amount awarded').fill('2,000');
  const conditions = officer.getByLabel('Conditions of the grant');
  assert.match(await conditions.inputValue(), /evaluation of effectiveness and value for money/);
  await conditions.fill(`${await conditions.inputValue()}\nCredit the fund at the screening.`);
  await officer.getByLabel('Paid in how many instalments').selectOption('2');
  await fillDate(officer, 'First instalment due', addCalendarDays(today, 14));
  await officer.getByRole('button', { name: 'Record the decision' }).click();
  await expectSuccess(officer, `${reference} is awarded`);
  assert.equal(await summaryValue(officer, 'Decision'), 'Awarded');
  assert.equal(await summaryValue(officer, 'Amount awarded'), '£2,000.00');
  await follow(officer, 'The award letter', `Award letter for ${reference}`);
  const letter = await words(officer);
  assert.match(letter, /Credit the fund at the screening\./);
  assert.match(letter, /Instalment Due on Amount awarded 1 .+ £1,000.00 2 .+ £1,000.00/);

  // The applicant reads their letter from their application's page.
  await visit(group1, '/');
  await follow(group1, 'Your applications', 'Your applications');
  await follow(group1, 'Street stories', /Street stories|Your application/);
  assert.match(await words(group1), /Awarded/);
  await follow(group1, 'The award letter and its conditions', `Award letter for ${reference}`);
  assert.match(await words(group1), /To Hackney journey engagement group/);
  assert.match(await words(group1), /Credit the fund at the screening\./);

  // 5. The first return falls late. An award made after its first period ended gives that
  // return 28 days from the award; the browser cannot wait a month (moving the app's clock
  // would end every session), so its due date is put back to yesterday, as a month would.
  await e2e.app.services.db
    .update(grantReturns)
    .set({ dueOn: addCalendarDays(today, -1) })
    .where(and(eq(grantReturns.applicationId, applicationId), eq(grantReturns.period, 1)));
  await follow(officer, 'Grants', 'Grants');
  await follow(officer, 'Late monitoring returns', 'Late monitoring returns');
  assert.match(await words(officer), new RegExp(`${reference} Street stories`));

  // The applicant sends it from the grant's monitoring page.
  await group1.goBack();
  await follow(group1, 'Monitoring returns and evaluation', 'Street stories');
  await group1.getByRole('heading', { level: 2, name: 'Monitoring returns' }).waitFor();
  assert.match(await words(group1), /Late/);
  await follow(group1, 'Send this return return 1', 'Monitoring return 1');
  await group1.getByLabel('Spent on Recording kit').fill('1,200');
  await group1
    .getByRole('group', { name: 'Residents feel heard' })
    .getByLabel('On track', { exact: true })
    .check();
  await group1.getByLabel('What was done in the period').fill('Twelve stories recorded.');
  await group1.getByRole('button', { name: 'Send the return' }).click();
  await expectSuccess(group1, 'Monitoring return 1 has been sent');

  // The officer accepts it.
  await follow(officer, `${reference} Street stories`, 'Street stories');
  await officer.getByRole('heading', { level: 2, name: 'Monitoring returns' }).waitFor();
  await follow(officer, /Return 1:/, 'Monitoring return 1');
  assert.match(await words(officer), /Twelve stories recorded\./);
  await officer.getByRole('button', { name: 'Accept the return' }).click();
  await expectSuccess(officer, 'Monitoring return 1 has been accepted');

  // 6. The grant ended yesterday: the officer records the evaluation.
  assert.match(await words(officer), /The grant has ended: its evaluation .* is due\./);
  await follow(officer, 'Record the evaluation', 'Evaluation');
  await officer.getByRole('group', { name: 'Effectiveness' }).getByLabel('Good').check();
  await officer.getByRole('group', { name: 'Value for money' }).getByLabel('Excellent').check();
  await officer.getByLabel('Findings').fill('Residents and officers met at every screening.');
  await officer.getByRole('button', { name: 'Record the evaluation' }).click();
  await expectSuccess(officer, 'The evaluation has been recorded');

  // From the evaluation, the good-practice library: the entry is prefilled from the grant.
  await follow(officer, 'Add to the good-practice library', 'Record good practice');
  assert.equal(await officer.getByLabel('Title').inputValue(), 'Street stories');
  assert.equal(await officer.getByLabel('Reference').inputValue(), reference);
  assert.equal(
    await officer.getByLabel('Borough').locator('option:checked').innerText(),
    borough.name,
  );
  await officer.getByLabel('What was done').fill('Residents recorded their stories for officers.');
  await officer.getByLabel('Young people').check();
  await officer.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(officer, 'Street stories has been recorded');
  await officer.getByRole('button', { name: 'Mark as public' }).click();
  await expectSuccess(officer, 'Street stories is now public');

  // A signed-out visitor finds it on the public good-practice pages.
  const visitor = await e2e.newPage();
  await visit(visitor, '/good-practice');
  await visitor.getByLabel('Words in the title or summary').fill('stories');
  await visitor.getByRole('button', { name: 'Search' }).click();
  await expectAccessible(visitor);
  await follow(visitor, 'Street stories', 'Street stories');
  assert.match(await words(visitor), /Residents recorded their stories for officers\./);
  assert.equal(await summaryValue(visitor, 'Borough'), borough.name);
});
