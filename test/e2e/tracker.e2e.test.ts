/**
 * The tracker in the browser (TRK-01, LEG-02): a manager (the coordination unit) imports a
 * board's scrutiny of a borough from CSV, a bad file being refused line by line first; the
 * borough's partnership officer records progress on the action the borough owns; the manager
 * produces the progress report for the committee, as a page, CSV and PDF, and attaches it to a
 * meeting's agenda as a paper. The authority officer imports seed 004's Appendix 1, builds a
 * source by hand, reads the dashboard, and the public reads what was published.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import { TRACKER_CSV_COLUMNS } from '../../src/modules/tracker/transfer/csv.js';
import { users } from '../../src/platform/auth/schema.js';
import { loadRoles } from '../../src/platform/auth/service.js';
import { accountFor, makeAccount } from '../factories/accounts.js';
import { referenceOrganisationId } from '../factories/directory.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import {
  expectAccessible,
  signInThroughPages,
  signInWithRole,
  startE2E,
  type E2E,
} from './support.js';

let e2e: E2E;
/** The principal an account acts as, to set the scene through the services. */
async function principalForEmail(email: string) {
  const [user] = await e2e.services.db.select().from(users).where(eq(users.email, email));
  const roles = await loadRoles(e2e.services.db, user!.id);
  return { kind: 'user' as const, userId: user!.id, displayName: user!.displayName, email, roles };
}
before(async () => {
  e2e = await startE2E({ demo: false });
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

test('a manager imports a scrutiny, the borough records progress, and the committee report is attached to a meeting', async () => {
  // A meeting to come with an item for the report, as the unit would table it.
  const unit = await principalForEmail((await accountFor(e2e.app, 'coordination_unit')).email);
  const [race] = await e2e.services.db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.name, 'Race Independent Advisory Group'));
  const next = addCalendarDays(todayInLondon(new Date()), 14);
  const [meeting] = await e2e.services.meetings.schedule(unit, 'advisory_group', race!.id, {
    title: 'Full meeting',
    'date-day': String(Number(next.slice(8))),
    'date-month': String(Number(next.slice(5, 7))),
    'date-year': next.slice(0, 4),
    startTime: '18:00',
    format: 'online',
    repeat: 'once',
  });
  await e2e.services.meetings.tableItem(unit, meeting!.id, {
    title: 'Hate crime scrutiny of Camden: progress',
  });

  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'coordination_unit');
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
      message: 'Line 2: result must be completed, ongoing, awaits or not_started, not "started"',
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
  const camden = await referenceOrganisationId(e2e.app, 'E09000007');
  await signInThroughPages(
    pat,
    await makeAccount(e2e.app, {
      role: 'partnership_officer',
      scope: { type: 'borough', id: camden },
    }),
  );
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
  const pdf = officer.waitForEvent('download');
  await officer.getByRole('link', { name: /Download as PDF/ }).click();
  assert.equal(
    readFileSync(await (await pdf).path())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );
  await officer.getByRole('link', { name: 'Attach to a meeting’s agenda' }).click();
  await officer
    .getByRole('heading', { level: 1, name: 'Attach the report to a meeting’s agenda' })
    .waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Attach the report' }).click();
  await expectErrors(officer, [
    { field: 'item', message: 'Select the agenda item to attach it to' },
  ]);
  await officer.getByLabel('Hate crime scrutiny of Camden: progress').check();
  await officer.getByRole('button', { name: 'Attach the report' }).click();
  await expectSuccess(officer, /attached to the agenda as a paper, and recorded as reported/);
  await officer.getByRole('heading', { level: 1, name: /Full meeting/ }).waitFor();
  await officer
    .getByRole('link', { name: /Progress report as at .*: Hate Crime Board scrutiny of Camden/ })
    .waitFor();

  // The export is the import format, ready to correct and import again.
  await officer.goto(sourceUrl);
  const exported = officer.waitForEvent('download');
  await officer.getByRole('link', { name: /Export as CSV/ }).click();
  const back = readFileSync(await (await exported).path(), 'utf8');
  assert.match(back, /^source_title,source_kind/);
  assert.match(back, /,completed,\d{4}-\d{2}-\d{2},The log runs/);
});

test('seed 004’s Appendix 1 imports; its report reads as the seed lays it out; the public reads it', async () => {
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.goto(new URL('/tracker/import', officer.url()).toString());
  await officer
    .getByLabel('The CSV file')
    .setInputFiles(path.resolve('examples/tracker/cdrp-scrutiny-2005.csv'));
  await officer.getByRole('button', { name: 'Import the source' }).click();
  await expectSuccess(officer, /21 recommendations/);
  const sourceUrl = officer.url();
  await officer.getByRole('button', { name: 'Progress report for a committee' }).click();
  await officer.getByRole('heading', { level: 2, name: 'Recommendation 24' }).waitFor();
  await expectAccessible(officer);
  const table = officer.getByRole('table', {
    name: 'Key points, actions and results of recommendation 1',
    exact: true,
  });
  assert.equal(await table.getByRole('columnheader', { name: 'Results/timescale' }).count(), 1);
  await table.getByText('Completed September 2003').waitFor();

  // A recommendation's history, and its standing.
  await officer.goto(sourceUrl);
  await officer
    .getByRole('link', { name: 'Updates and history of recommendation 2', exact: true })
    .click();
  await officer.getByRole('heading', { level: 1, name: 'Recommendation 2' }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('link', { name: /Change its standing/ }).click();
  await officer.getByLabel('Not accepted').check();
  await officer.getByRole('button', { name: 'Save its standing' }).click();
  await expectErrors(officer, [
    { field: 'rationale', message: 'Enter the rationale for not accepting it' },
  ]);
  await expectAccessible(officer);
  await officer
    .getByLabel('Rationale')
    .fill('Tenure is agreed locally with each borough commander.');
  await officer.getByRole('button', { name: 'Save its standing' }).click();
  await expectSuccess(officer, /standing of recommendation 2 has been saved/);

  // The public reads it, without signing in.
  const visitor = await e2e.newPage();
  await visitor.goto(new URL('/', officer.url()).toString());
  await visitor.getByRole('link', { name: 'Recommendations and progress' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Recommendations and progress' }).waitFor();
  await expectAccessible(visitor);
  await visitor
    .getByRole('link', { name: 'MPA Scrutiny Panel: Crime and Disorder Reduction Partnerships' })
    .click();
  await visitor.getByRole('heading', { level: 2, name: /^Recommendation 1 Complete$/ }).waitFor();
  await expectAccessible(visitor);
});

test('a manager builds a source by hand and follows it on the dashboard', async () => {
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.goto(new URL('/tracker', officer.url()).toString());
  await officer.getByRole('button', { name: 'Record a source' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Record a source' }).waitFor();
  await officer.getByLabel('Title').fill('Race and Faith Inquiry');
  await officer.getByLabel('Inquiry').check();
  await officer.getByRole('button', { name: 'Record the source' }).click();
  await expectErrors(officer, [
    { field: 'monitoredBy', message: 'Enter the group that monitors it to completion (LEG-07)' },
  ]);
  await expectAccessible(officer);
  await officer
    .getByLabel('Group that monitors it to completion')
    .fill('Race and Faith Inquiry Monitoring Group');
  await officer.getByRole('button', { name: 'Record the source' }).click();
  await expectSuccess(officer, /Race and Faith Inquiry has been recorded/);
  await expectAccessible(officer);

  await officer.getByRole('button', { name: 'Add a recommendation' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Add a recommendation' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Number').fill('7');
  await officer.getByLabel('Text').fill('Recruit from under-represented communities');
  await officer.getByRole('button', { name: 'Add it' }).click();
  await expectSuccess(officer, /Recommendation 7 has been added/);
  await officer.getByRole('button', { name: 'Add a key point' }).click();
  await officer.getByRole('heading', { level: 1, name: 'Add a key point' }).waitFor();
  await expectAccessible(officer);
  await officer
    .getByLabel('Key point')
    .fill('Recruitment reaches the communities under-represented');
  await officer.getByRole('button', { name: 'Add the key point' }).click();
  await expectSuccess(officer, /key point has been added/);
  await officer.getByRole('link', { name: /Add an action/ }).click();
  await officer.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Action', { exact: true }).fill('Outreach events in Camden');
  await officer.getByLabel('A unit, directorate or borough').selectOption({ label: 'Camden' });
  const due = officer.getByRole('group', { name: 'Due (optional)' });
  await due.getByLabel('Day').fill('1');
  await due.getByLabel('Month').fill('10');
  await due.getByLabel('Year').fill('2026');
  await officer.getByLabel('Ongoing').check();
  await officer.getByRole('button', { name: 'Add the action' }).click();
  await expectSuccess(officer, /action has been added/);
  await officer.getByRole('link', { name: /Change owner or due date/ }).click();
  await officer.getByRole('heading', { level: 1, name: /Change an action/ }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Save the details' }).click();
  await expectSuccess(officer, /details have been saved/);

  await officer.goto(new URL('/tracker', officer.url()).toString());
  await officer.getByRole('link', { name: /^Dashboard/ }).click();
  await officer.getByRole('heading', { level: 1, name: 'Tracker dashboard' }).waitFor();
  await expectAccessible(officer);
  const overdue = officer.getByRole('table', { name: /Overdue actions/ });
  await overdue.getByRole('link', { name: 'Outreach events in Camden' }).waitFor();
  await officer.getByRole('button', { name: /Expect the annual reports for/ }).click();
  await expectSuccess(officer, /annual reports for .* are expected by 31 July/);
  await officer
    .getByRole('link', { name: /Mark received\s*: Annual report .*Race Independent/ })
    .click();
  await officer.getByRole('heading', { level: 1, name: /Mark Annual report/ }).waitFor();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: 'Mark it received' }).click();
  await expectErrors(officer, [
    { field: 'receivedOn-day', message: 'Enter the date it was received' },
  ]);
  await officer.goto(new URL('/tracker/process-review', officer.url()).toString());
  await officer
    .getByRole('heading', { level: 1, name: 'Schedule the review of the advisory process' })
    .waitFor();
  await expectAccessible(officer);
  const last = officer.getByRole('group', { name: 'When was the last review?' });
  await last.getByLabel('Day').fill('29');
  await last.getByLabel('Month').fill('3');
  await last.getByLabel('Year').fill('2025');
  await officer.getByRole('button', { name: 'Schedule the next review' }).click();
  await expectSuccess(officer, /next review of the advisory process is due by 29 March 2028/);
});

test('TRK-01: a clerk adds a part and two numbered items in it out of order, and the report reads them in natural order', async () => {
  const clerk = await e2e.newPage();
  await signInWithRole(e2e, clerk, 'authority_officer');
  await clerk.goto(new URL('/tracker/new', clerk.url()).toString());
  await clerk.getByLabel('Title').fill('Consultative Groups action plan, year 1');
  await clerk.getByLabel('Review', { exact: true }).check();
  await clerk.getByRole('button', { name: 'Record the source' }).click();
  await expectSuccess(clerk, /has been recorded/);

  await clerk.getByRole('link', { name: 'Add a part' }).click();
  await clerk.getByRole('heading', { level: 1, name: 'Add a part' }).waitFor();
  await expectAccessible(clerk);
  await clerk.getByLabel('Title of the part').fill('MPA Action Plan 2002/03');
  await clerk.getByRole('button', { name: 'Save the part' }).click();
  await expectSuccess(clerk, 'The part MPA Action Plan 2002/03 has been added');

  // Item 10 typed before item 2; each in the part the form asks for.
  for (const [number, text] of [
    ['10', 'To develop and introduce relevant financial monitoring procedures.'],
    ['2', 'To develop a budget strategy incorporating:'],
  ]) {
    await clerk.getByRole('button', { name: 'Add a recommendation' }).click();
    await clerk.getByRole('heading', { level: 1, name: 'Add a recommendation' }).waitFor();
    await expectAccessible(clerk);
    await clerk.getByLabel('MPA Action Plan 2002/03').check();
    await clerk.getByLabel('Number', { exact: true }).fill(number!);
    await clerk.getByLabel('Text').fill(text!);
    await clerk.getByRole('button', { name: 'Add it' }).click();
    await expectSuccess(clerk, `Recommendation ${number} has been added`);
    await clerk.getByRole('link', { name: 'Consultative Groups action plan, year 1' }).click();
    await clerk.getByRole('heading', { level: 2, name: 'MPA Action Plan 2002/03' }).waitFor();
    await expectAccessible(clerk);
  }

  await clerk.getByRole('button', { name: 'Progress report for a committee' }).click();
  await clerk
    .getByRole('heading', { level: 1, name: 'Consultative Groups action plan, year 1' })
    .waitFor();
  await expectAccessible(clerk);
  const headings = await clerk.locator('main h2, main h3').allInnerTexts();
  const items = headings.filter((h) => /^(MPA Action Plan|Recommendation)/.test(h));
  assert.deepEqual(items, ['MPA Action Plan 2002/03', 'Recommendation 2', 'Recommendation 10']);
});
