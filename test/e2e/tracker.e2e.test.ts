/**
 * The tracker in the browser (TRK-01, LEG-02): the authority officer imports a board's scrutiny
 * of a borough from CSV, a bad file being refused line by line first; the borough's partnership
 * officer records progress on the action the borough owns; the officer produces the progress
 * report for the committee, as a page and CSV, and records it as reported.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { todayInLondon } from '../../src/platform/calendar/index.js';
import { TRACKER_CSV_COLUMNS } from '../../src/modules/tracker/transfer.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E();
});
after(() => e2e.close());

const row = (cells: Partial<Record<(typeof TRACKER_CSV_COLUMNS)[number], string>>) =>
  TRACKER_CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');
const scrutiny = (result: string) =>
  [
    TRACKER_CSV_COLUMNS.join(','),
    row({
      source_title: 'Hate Crime Board scrutiny of Camden',
      source_kind: 'borough_scrutiny',
      source_monitored_by: 'Hate Crime Board',
      source_reports_to: 'Communities Equalities and People Committee',
      source_owner: 'E09000007',
      recommendation: '1',
      recommendation_text: 'Camden should record every hate crime referral from partners',
      key_point: 'Referrals recorded',
      action: 'Set up a referral log with the council',
      action_owner: 'E09000007',
      result,
    }),
    row({
      recommendation: '3',
      recommendation_text: 'Publish the findings',
      key_point: 'Findings published',
      action: 'Publish on the website',
      result: 'awaits',
    }),
  ].join('\n');

test('a manager imports a scrutiny, the borough records progress, and the committee report is produced', async () => {
  const officer = await e2e.newPage();
  await signInThroughPages(officer, 'authority_officer');
  await officer.getByRole('link', { name: 'Recommendations tracker' }).first().click();
  await officer.getByRole('heading', { level: 1, name: 'Recommendations tracker' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Import a source from CSV' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Import a source from CSV' }).waitFor();
  await expectAccessible(officer);
  const file = officer.getByLabel('The CSV file');
  await file.setInputFiles({
    name: 'camden.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(scrutiny('started')),
  });
  await officer.getByRole('button', { name: 'Import the source' }).click();
  await expectErrors(officer, [
    {
      field: 'file',
      message: 'Line 2: result must be completed, ongoing or awaits, not "started"',
    },
  ]);
  await expectAccessible(officer);
  await officer.getByLabel('The CSV file').setInputFiles({
    name: 'camden.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(scrutiny('ongoing')),
  });
  await officer.getByRole('button', { name: 'Import the source' }).click();
  await expectSuccess(officer, /Imported Hate Crime Board scrutiny of Camden: 2 recommendations/);
  await officer
    .getByRole('heading', { level: 1, name: 'Hate Crime Board scrutiny of Camden' })
    .waitFor();
  await expectAccessible(officer);
  const sourceUrl = officer.url();

  // Camden's partnership officer finds the borough's action and records progress.
  const pat = await e2e.newPage();
  await signInThroughPages(pat, 'partnership_officer');
  await pat.getByRole('link', { name: 'Your actions' }).click();
  await pat.getByRole('heading', { level: 1, name: 'Your actions' }).waitFor();
  await expectAccessible(pat);
  assert.equal(await pat.getByRole('link', { name: 'Publish on the website' }).count(), 0);
  await pat.getByRole('link', { name: 'Set up a referral log with the council' }).click();
  await pat.getByRole('heading', { level: 1, name: 'Record progress on an action' }).waitFor();
  await expectAccessible(pat);
  await pat.getByLabel('Completed').check();
  await pat.getByRole('button', { name: 'Record the update' }).click();
  await expectErrors(pat, [
    { field: 'completedOn-day', message: 'Enter the date it was completed' },
  ]);
  await expectAccessible(pat);
  const today = todayInLondon(new Date());
  const [year, month, day] = today.split('-');
  const date = pat.getByRole('group', { name: 'If completed: the date it was completed' });
  await date.getByLabel('Day').fill(String(Number(day)));
  await date.getByLabel('Month').fill(String(Number(month)));
  await date.getByLabel('Year').fill(year!);
  await pat.getByLabel('Narrative').fill('The log runs with the council and two charities.');
  await pat.getByRole('button', { name: 'Record the update' }).click();
  await expectSuccess(pat, /Your update has been recorded/);
  await pat.getByRole('heading', { level: 2, name: 'History' }).waitFor();
  await expectAccessible(pat);

  // The officer produces the report for the committee.
  await officer.goto(sourceUrl);
  await officer.getByRole('button', { name: 'Progress report for a committee' }).click();
  await officer
    .getByRole('heading', { level: 1, name: 'Hate Crime Board scrutiny of Camden' })
    .waitFor();
  await expectAccessible(officer);
  const summary = officer.getByRole('table', { name: 'Actions by result' });
  assert.equal(await summary.getByRole('row', { name: 'Completed 1' }).count(), 1);
  assert.equal(await summary.getByRole('row', { name: 'Awaits 1' }).count(), 1);
  await officer.getByText('The log runs with the council and two charities.').waitFor();
  const download = officer.waitForEvent('download');
  await officer.getByRole('link', { name: /Download as CSV/ }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  assert.match(csv, /Set up a referral log with the council/);
  await officer.getByRole('button', { name: 'Record as reported to the committee' }).click();
  await expectSuccess(officer, /recorded as reported/);
  await expectAccessible(officer);

  // The export is the import format, ready to correct and import again.
  await officer.goto(sourceUrl);
  const exported = officer.waitForEvent('download');
  await officer.getByRole('link', { name: /Export as CSV/ }).click();
  const back = readFileSync(await (await exported).path(), 'utf8');
  assert.match(back, /^source_title,source_kind/);
  assert.match(back, /,completed,\d{4}-\d{2}-\d{2},The log runs/);
});

test('seed 004’s Appendix 1 imports and its report reads as the seed lays it out', async () => {
  const officer = await e2e.newPage();
  await signInThroughPages(officer, 'authority_officer');
  await officer.goto(new URL('/tracker/import', officer.url()).toString());
  await officer
    .getByLabel('The CSV file')
    .setInputFiles(path.resolve('examples/tracker/cdrp-scrutiny-2005.csv'));
  await officer.getByRole('button', { name: 'Import the source' }).click();
  await expectSuccess(officer, /21 recommendations/);
  await officer.getByRole('button', { name: 'Progress report for a committee' }).click();
  await officer.getByRole('heading', { level: 2, name: 'Recommendation 24' }).waitFor();
  await expectAccessible(officer);
  const table = officer.getByRole('table', {
    name: 'Key points, actions and results of recommendation 1',
    exact: true,
  });
  assert.equal(await table.getByRole('columnheader', { name: 'Results/timescale' }).count(), 1);
  await table.getByText('Completed September 2003').waitFor();
});
