/**
 * A plan agreed years ago, typed in now (issue 23 items 6 and 10, TRK-01): the clerk records it
 * with its summary and introduction (a numbered list with sub-bullets), adds an action, follows
 * the action's link from the source page to record progress that happened in 2003, and reads the
 * report as at that day, and as at the day before, which says why it shows nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

async function fillDate(group: Locator, day: string, month: string, year: string) {
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

async function reportAsAt(page: Page, day: string, month: string, year: string) {
  await fillDate(page.getByRole('group', { name: 'As at' }), day, month, year);
  await page.getByRole('button', { name: 'Show the report' }).click();
}

test('a clerk types in a 2002 plan with its introduction, back-fills its progress from the action link, and reports as at 2003', async () => {
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.goto(new URL('/tracker/new', officer.url()).toString());
  await officer.getByRole('heading', { level: 1, name: 'Record a source' }).waitFor();
  await officer.getByLabel('Title').fill('MPA action plan 2002/03');
  await officer.getByLabel('Summary (optional)').fill('How the Authority answers six issues.');
  await officer
    .getByLabel('Introduction (optional)')
    .fill(
      [
        'The plan answers these issues:',
        '',
        '1. Trust and confidence',
        '    - stop and search',
        '    - complaints',
        '2. Recruitment',
      ].join('\n'),
    );
  await officer.getByLabel('Review', { exact: true }).check();
  await fillDate(
    officer.getByRole('group', { name: 'Date of the source (optional)' }),
    '6',
    '12',
    '2002',
  );
  await officer.getByRole('button', { name: 'Record the source' }).click();
  await expectSuccess(officer, /MPA action plan 2002\/03 has been recorded/);
  await expectAccessible(officer);
  const sourceUrl = officer.url();
  await officer.getByText('How the Authority answers six issues.').waitFor();
  const issues = officer.getByRole('list').filter({ hasText: 'Trust and confidence' }).first();
  assert.deepEqual(
    (await issues.locator(':scope > li').allInnerTexts()).map((s) => s.split('\n')[0]),
    ['Trust and confidence', 'Recruitment'],
  );
  assert.deepEqual(await issues.locator('ul > li').allInnerTexts(), [
    'stop and search',
    'complaints',
  ]);

  await officer.getByRole('button', { name: 'Add a recommendation' }).click();
  await officer.getByLabel('Number').fill('1');
  await officer.getByLabel('Text').fill('Improve trust and confidence');
  await officer.getByRole('button', { name: 'Add it' }).click();
  await expectSuccess(officer, /Recommendation 1 has been added/);
  await officer.getByRole('button', { name: 'Add a key point' }).click();
  await officer.getByLabel('Key point').fill('Stop and search monitored');
  await officer.getByRole('button', { name: 'Add the key point' }).click();
  await expectSuccess(officer, /key point has been added/);
  await officer.getByRole('link', { name: /Add an action/ }).click();
  await officer.getByLabel('Action', { exact: true }).fill('Publish the figures each quarter');
  await officer.getByLabel('Ongoing').check();
  await officer.getByRole('button', { name: 'Add the action' }).click();
  await expectSuccess(officer, /action has been added/);

  // From the source page, the action's own page: what happened in March 2003.
  await officer.goto(sourceUrl);
  await officer
    .getByRole('link', { name: 'Record progress on Publish the figures each quarter' })
    .click();
  await officer.getByRole('heading', { level: 1, name: 'Record progress on an action' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Completed').check();
  await fillDate(
    officer.getByRole('group', { name: 'If completed: the date it was completed' }),
    '1',
    '3',
    '2003',
  );
  await fillDate(
    officer.getByRole('group', { name: 'When did this happen? (optional)' }),
    '31',
    '3',
    '2003',
  );
  await officer.getByLabel('Narrative').fill('Published from March 2003.');
  await officer.getByRole('button', { name: 'Record the update' }).click();
  await expectSuccess(officer, /Your update has been recorded/);
  await officer.getByText('(happened on 31 March 2003)').waitFor();

  await officer.goto(sourceUrl);
  await officer.getByRole('button', { name: 'Progress report for a committee' }).click();
  await officer.getByRole('heading', { level: 1, name: 'MPA action plan 2002/03' }).waitFor();
  await reportAsAt(officer, '31', '3', '2003');
  await officer.getByRole('heading', { level: 2, name: 'Summary as at 31 March 2003' }).waitFor();
  await officer.getByText('Published from March 2003.').waitFor();
  await officer.getByText('How the Authority answers six issues.').waitFor();
  await expectAccessible(officer);
  await officer
    .getByRole('link', { name: 'Record progress on Publish the figures each quarter' })
    .waitFor();
  await reportAsAt(officer, '30', '3', '2003');
  await officer.getByRole('heading', { level: 2, name: 'Summary as at 30 March 2003' }).waitFor();
  await officer.getByText(/Nothing was recorded for this source by 30 March 2003/).waitFor();
  assert.equal(await officer.getByText('Published from March 2003.').count(), 0);
  await expectAccessible(officer);
});
