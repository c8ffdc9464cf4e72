import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import {
  trackerActions,
  trackerLeads,
  trackerRecommendations,
  trackerSources,
} from '../../src/modules/tracker/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { organisations } from '../../src/modules/directory/schema.js';
import { TRACKER_CSV_COLUMNS, parseTrackerCsv } from '../../src/modules/tracker/transfer/csv.js';
import { createTestApp, demoAccount, principalFor, type TestApp, type Agent } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makePerson } from '../factories/directory.js';
import { organisationIdByCode } from '../factories/tracker.js';
import { assertInOrder, mainOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let officerAccount: FactoryAccount;

const example = (name: string) => readFileSync(path.resolve('examples/tracker', name));
const csvFile = (bytes: Buffer | string, name = 'source.csv') => ({
  field: 'file',
  name,
  bytes: Buffer.from(bytes),
  type: 'text/csv',
});
const row = (cells: Partial<Record<(typeof TRACKER_CSV_COLUMNS)[number], string>>) =>
  TRACKER_CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');
/** A board's scrutiny of Camden with one action owned by the borough. */
const CAMDEN = [
  TRACKER_CSV_COLUMNS.join(','),
  row({
    source_title: 'Hate Crime Board scrutiny of Camden',
    source_kind: 'borough_scrutiny',
    source_monitored_by: 'Hate Crime Board',
    source_reports_to: 'Communities Equalities and People Committee',
    recommendation: '1',
    recommendation_text: 'Camden should record every hate crime referral from partners',
    key_point: 'Referrals recorded',
    action: 'Set up a referral log with the council',
    action_owner: 'E09000007',
    due_on: '2026-10-31',
    result: 'ongoing',
  }),
  row({
    recommendation: '2',
    recommendation_text: 'Publish the findings',
    key_point: 'Findings published',
    action: 'Publish on the website',
    result: 'awaits',
  }),
].join('\n');

async function sourceCount() {
  const [row] = await t.services.db.select({ n: count() }).from(trackerSources);
  return row!.n;
}

before(async () => {
  // No demo data: the file makes the people it reads. Camden is reference data.
  t = await createTestApp({ demo: false });
  officerAccount = await makeAccount(t, { role: 'authority_officer' });
  officer = await signInAccount(t, officerAccount);
  // Seed 003's work plan names its portfolio holder as the lead of her strands: a person in the
  // directory, found by her full name on import.
  await makePerson(t, { fullName: 'Cindy Butts', email: null });
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

for (const name of [
  'cdrp-scrutiny-2005.csv',
  'iag-review-2007.csv',
  'consultative-groups-action-plan-2002.csv',
  'community-engagement-work-plan-2006-07.csv',
])
  test(`TRK-01: ${name} imports, and exports to the same file byte for byte`, async () => {
    const bytes = example(name);
    const imported = await officer.postFile('/tracker/import', {}, csvFile(bytes, name));
    assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
    const sourcePage = await officer.get(imported.headers.location!);
    assert.equal(sourcePage.statusCode, 200);
    const exported = await officer.get(`${imported.headers.location}/export.csv`);
    assert.equal(exported.statusCode, 200);
    assert.match(exported.headers['content-type'] as string, /^text\/csv/);
    assert.equal(exported.body, bytes.toString('utf8'));
  });

test('TRK-01: seed 004 keeps its numbering with gaps, and HR owns the tenure actions', async () => {
  // Its own copy of the seed's file, under a title of its own: a source is imported only once,
  // and the test above imports the file as it is.
  const seed = 'MPA Scrutiny Panel: Crime and Disorder Reduction Partnerships';
  const imported = await officer.postFile(
    '/tracker/import',
    {},
    csvFile(
      example('cdrp-scrutiny-2005.csv').toString('utf8').replace(seed, `${seed} (numbering)`),
    ),
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
  const [source] = await t.services.db
    .select()
    .from(trackerSources)
    .where(eq(trackerSources.id, imported.headers.location!.split('/').pop()!));
  const numbers = await t.services.db
    .select({ number: trackerRecommendations.number })
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.sourceId, source!.id))
    .orderBy(trackerRecommendations.position);
  assert.deepEqual(numbers.map((n) => n.number).slice(17), ['18', '19', '22', '24']);
  const [hr] = await t.services.db
    .select({ n: count() })
    .from(trackerActions)
    .where(eq(trackerActions.sourceId, source!.id))
    .innerJoin(trackerLeads, eq(trackerLeads.actionId, trackerActions.id))
    .innerJoin(organisations, eq(organisations.id, trackerLeads.organisationId));
  assert.equal(hr!.n, 2);
  const page = await officer.get(`/tracker/sources/${source!.id}?page=1`);
  assert.match(page.body, /Recommendation 1/);
  assert.match(page.body, /Completed September 2003/);
  const second = await officer.get(`/tracker/sources/${source!.id}?page=2`);
  assert.match(second.body, /Recommendation 24/);
  assert.match(second.body, /Operation Jigsaw/);
});

test('CON-08, IAG-25: seed 003’s 2006-07 work plan imports with its reporting year, summary and terms of reference, and its report page lists the objectives and strands in the seed’s order with their leads', async () => {
  // Its own copy, under a title of its own: the test above imports the file as it is.
  const seed =
    'Terms of reference and priorities and 2006-07 work plan of the portfolio member for community engagement';
  const imported = await officer.postFile(
    '/tracker/import',
    {},
    csvFile(
      example('community-engagement-work-plan-2006-07.csv')
        .toString('utf8')
        .replace(seed, `${seed} (report)`),
    ),
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
  // Its reporting year, what it is and its terms of reference (the seed's Appendix 1) came in too.
  const page = textOf(mainOf((await officer.get(imported.headers.location!)).body));
  assertInOrder(page, [
    `${seed} (report)`,
    'This report proposes the terms of reference and key strategic priorities',
    'Terms of reference of portfolio member for Community Engagement (Appendix 1):',
    'To raise the profile of community engagement as a core and integral function',
    'To develop, with the assistance of the policy officer, an annual work plan',
    'Reporting year 2006-07 (April to March)',
  ]);
  const report = textOf(mainOf((await officer.get(`${imported.headers.location}/report`)).body));
  assertInOrder(report, [
    `${seed} (report)`,
    'This report proposes the terms of reference and key strategic priorities',
    'Terms of reference of portfolio member for Community Engagement (Appendix 1):',
    'To develop, with the assistance of the policy officer, an annual work plan',
    'Not started 18',
    'Every action 18',
    'Objective 1',
    'Governance and scrutiny and ensuring that the viewpoints of Londoner’s inform the whole of the MPA’s decision-making and planning process',
    '4 The Portfolio Holder will work to ensure the development, piloting and implementation of rigorous standards',
    'Lead: Cindy Butts',
    '5 The Portfolio Holder will continue to oversee the consultation processes',
    'Lead: Cindy Butts',
    '6 In addition, the Portfolio Holder will work to ensure the resources',
    'Lead: Cindy Butts',
    'Objective 2',
    'Strengthening partnerships and community engagement to help Londoners secure more responsive policing at a local level.',
    '7 This lead role will be pursued along three parallel strands of work. First,',
    'Lead: Cindy Butts',
    '8 Throughout 2006/07, local pilots directly supported by the MPA',
    '9 The second strand of work the Portfolio Holder will pursue',
    'Lead: Cindy Butts',
    '10 The third strand of work the Portfolio Holder will undertake',
    'Lead: Cindy Butts',
    '11 This strategic direction reinforces the changes',
    '12 In devolving greater community engagement responsibilities',
    'Lead: Cindy Butts',
    'The proposed work programme under this objective reflects the principles of:',
    'Increasing both the capacity and quality of community engagement at the local level.',
    'Enabling effective internal and external monitoring of MPA/MPS community engagement activity.',
    'Objective 3',
    'Enlarge the MPA’s community engagement profile at a pan London level',
    "13 The Portfolio Holder will enlarge and strengthen the MPA's pan London initiatives. Key actions will therefore include:",
    'Lead: Cindy Butts',
    'Ensuring that the newly established 3,000 member Safer London Panel is effectively used',
    'Facilitating community engagement on ‘Counter Terrorism: The Debate’',
    'Objective 4',
    'Serving diverse communities',
    '14 In addition to supporting and working with the Chair of the MPA Equal Opportunities and Diversity Board',
    'Lead: Cindy Butts',
    'The impact of community engagement activities by both the MPA and MPS recognises',
    'MPA/MPS community engagement activities conform with the MPA and MPS Race and Equality Scheme',
    'Objective 5',
    'Strengthening the community voice',
    "15 In strengthening the MPA's relationship with Londoners",
    'Lead: Cindy Butts',
    '16 In recognising the voluntary efforts and commitment of Londoners',
    'Lead: Cindy Butts',
  ]);
  // Paragraphs 8 and 11 name nobody to lead them, and the seed does not say which strands the
  // three oversight members lead: nobody else is named a lead.
  for (const name of ['Damien Hockney', 'John Roberts', 'Rachael Whittaker'])
    assert.doesNotMatch(report, new RegExp(name));
  assert.equal(report.match(/Lead: Cindy Butts/g)?.length, 11);
  assert.match(report, / disseminated\. No actions yet 9 The second strand/);
  assert.match(report, / civil renewal\. No actions yet 12 In devolving/);
});

test('issue 21 item 20: the export writes cells beginning = + - @ as text, and imports back to the same source', async () => {
  const risky = [
    TRACKER_CSV_COLUMNS.join(','),
    row({
      source_title: 'Formula scrutiny of Hackney',
      source_kind: 'borough_scrutiny',
      source_monitored_by: '@Hate Crime Board',
      recommendation: '1',
      recommendation_text: '"=HYPERLINK(""http://evil.example"",""Click"")"',
      key_point: '+ referrals recorded',
      action: '-1+2+cmd',
      result: 'ongoing',
    }),
  ].join('\n');
  const imported = await officer.postFile('/tracker/import', {}, csvFile(risky));
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
  const exported = await officer.get(`${imported.headers.location}/export.csv`);
  assert.equal(exported.statusCode, 200);
  const line = exported.body.split('\n')[1]!;
  for (const cell of [
    `'@Hate Crime Board`,
    `"'=HYPERLINK(""http://evil.example"",""Click"")"`,
    `'+ referrals recorded`,
    `'-1+2+cmd`,
  ])
    assert.ok(line.includes(`,${cell},`), `${cell} in ${line}`);
  // Read back, the export is the source as imported; the pages show the text as typed.
  assert.deepEqual(
    parseTrackerCsv(exported.body, '2026-11-23').file,
    parseTrackerCsv(risky, '2026-11-23').file,
  );
  const page = await officer.get(imported.headers.location!);
  assert.match(page.body, /[^']=HYPERLINK\(&quot;http:\/\/evil.example/);
});

test('issue 21 item 29: TRK-01: the same source imported twice is refused, naming the source already tracked', async () => {
  const file = [
    TRACKER_CSV_COLUMNS.join(','),
    row({
      source_title: 'Stop and search scrutiny of Lambeth',
      source_kind: 'borough_scrutiny',
      source_reference: 'SSB-2026-04',
      source_monitored_by: 'Stop and Search Board',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: 'Publish the monthly figures',
      key_point: 'Figures published',
      action: 'Publish on the website',
      result: 'awaits',
    }),
  ].join('\n');
  const first = await officer.postFile('/tracker/import', {}, csvFile(file));
  assert.equal(first.statusCode, 303, first.body.slice(0, 2000));
  const before = await sourceCount();
  // Again, and again with the title in other case and spacing: refused, nothing written.
  for (const again of [
    file,
    file.replace('Stop and search scrutiny of Lambeth', ' stop and SEARCH  scrutiny of lambeth'),
  ]) {
    const refused = await officer.postFile('/tracker/import', {}, csvFile(again));
    assert.equal(refused.statusCode, 400);
    assert.match(
      refused.body,
      /href="#file"[^>]*>Board’s borough scrutiny “Stop and search scrutiny of Lambeth” \(SSB-2026-04\) is already in the tracker, recorded on 23 November 2026: update it there rather than importing it again/,
    );
    assert.equal(await sourceCount(), before);
  }
  // The public list shows it once.
  const list = await t.app.inject({ url: '/recommendations' });
  assert.equal(list.body.split('Stop and search scrutiny of Lambeth').length - 1, 1);
  // The same new file sent twice at once is imported once.
  const twin = file.replace(
    'Stop and search scrutiny of Lambeth',
    'Stop and search scrutiny of Brent',
  );
  const both = await Promise.all([
    officer.postFile('/tracker/import', {}, csvFile(twin)),
    officer.postFile('/tracker/import', {}, csvFile(twin)),
  ]);
  assert.deepEqual(both.map((r) => r.statusCode).sort(), [303, 400]);
  assert.equal(await sourceCount(), before + 1);
  // Another source of the same title but another kind is another source.
  const review = await officer.postFile(
    '/tracker/import',
    {},
    csvFile(file.replace('borough_scrutiny', 'review')),
  );
  assert.equal(review.statusCode, 303, review.body.slice(0, 2000));
});

test('issue 21 item 29: a CSV saved as Windows-1252 or UTF-16 imports with its characters; the page says which encodings are read', async () => {
  const page = await officer.get('/tracker/import');
  assert.match(page.body, /UTF-8 \(with or without a byte order mark\), UTF-16/);
  assert.match(page.body, /Windows-1252/);
  const text = (title: string) =>
    [
      TRACKER_CSV_COLUMNS.join(','),
      row({
        source_title: title,
        source_kind: 'review',
        recommendation: '1',
        recommendation_text: 'Fund the café’s “drop-in” sessions – £40 a week',
      }),
    ].join('\r\n');
  const windows = Buffer.from(
    text('Review of Peckham’s café outreach')
      .replace(/’/g, '\x92')
      .replace(/“/g, '\x93')
      .replace(/”/g, '\x94')
      .replace(/–/g, '\x96'),
    'latin1',
  );
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(text('Review of Brixton’s café outreach'), 'utf16le'),
  ]);
  for (const [bytes, title] of [
    [windows, 'Review of Peckham’s café outreach'],
    [utf16, 'Review of Brixton’s café outreach'],
  ] as const) {
    const imported = await officer.postFile('/tracker/import', {}, csvFile(bytes));
    assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
    const [source] = await t.services.db
      .select()
      .from(trackerSources)
      .where(eq(trackerSources.title, title));
    assert.ok(source, title);
    const shown = await officer.get(imported.headers.location!);
    assert.ok(shown.body.includes('Fund the café’s “drop-in” sessions – £40 a week'), title);
    assert.ok(!shown.body.includes('\uFFFD'), `${title}: no replacement characters`);
  }
});

test('issue 21 item 29: the report’s “As at” date is a GOV.UK date input like every other date', async () => {
  const imported = await officer.postFile(
    '/tracker/import',
    {},
    csvFile(
      [
        TRACKER_CSV_COLUMNS.join(','),
        row({
          source_title: 'Hate Crime Board scrutiny of Islington',
          source_kind: 'borough_scrutiny',
          source_monitored_by: 'Hate Crime Board',
          recommendation: '1',
          recommendation_text: 'Islington should train every call handler',
          key_point: 'Call handlers trained',
          action: 'Train the call handlers of Islington',
          result: 'ongoing',
        }),
      ].join('\n'),
    ),
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
  const url = `${imported.headers.location}/report`;
  const page = await officer.get(url);
  // Today (23 November 2026) in three boxes, in a fieldset named "As at".
  assert.match(page.body, /<legend[^>]*>\s*As at\s*<\/legend>/);
  assert.match(page.body, /name="date-day"[^>]*value="23"/);
  assert.match(page.body, /name="date-month"[^>]*value="11"/);
  assert.match(page.body, /name="date-year"[^>]*value="2026"/);
  assert.doesNotMatch(page.body, /name="date"[^>]*type="text"|type="text"[^>]*name="date"/);
  const asked = await officer.get(`${url}?date-day=22&date-month=11&date-year=2026`);
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /Summary as at 22 November 2026/);
  const bad = await officer.get(`${url}?date-day=31&date-month=2&date-year=2026`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#date-day"[^>]*>The date the report is as at must be a real date/);
  const future = await officer.get(`${url}?date-day=1&date-month=1&date-year=2099`);
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /href="#date-day"[^>]*>The date must be today or in the past/);
});

test('TRK-01: a file with bad rows is refused line by line and nothing is imported', async () => {
  const before = await sourceCount();
  const bad = CAMDEN.replace('ongoing', 'started').replace('E09000007', 'nobody@example.org');
  const response = await officer.postFile('/tracker/import', {}, csvFile(bad));
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /Line 2: result must be completed, ongoing, awaits or not_started/);
  assert.match(response.body, /govuk-error-summary/);
  assert.match(response.body, /Nothing has been imported/);
  assert.equal(await sourceCount(), before);
  // Owners are looked up in the same pass: an unknown owner is named with the other problems.
  assert.match(
    response.body,
    /Line 2: action_owner &quot;nobody@example.org&quot; is not in the directory/,
  );
  assert.equal(await sourceCount(), before);
});

test('the tracker is refused to those who do not run it, and changes nothing', async () => {
  const advisor = await signInAccount(t, await makeAccount(t, { role: 'advisor' }));
  const before = await sourceCount();
  assert.equal((await advisor.get('/tracker')).statusCode, 403);
  assert.equal((await advisor.postFile('/tracker/import', {}, csvFile(CAMDEN))).statusCode, 403);
  const member = await signInAccount(t, await makeAccount(t, { role: 'authority_member' }));
  assert.equal((await member.get('/tracker')).statusCode, 200);
  assert.equal((await member.postFile('/tracker/import', {}, csvFile(CAMDEN))).statusCode, 403);
  assert.equal(await sourceCount(), before);
});

test('TRK-01: the owner’s unit records progress; others cannot; the report says what changed', async () => {
  const imported = await officer.postFile('/tracker/import', {}, csvFile(CAMDEN));
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 1500));
  const sourceId = imported.headers.location!.split('/').pop()!;
  const action = async (description: string) =>
    (
      await t.services.db
        .select()
        .from(trackerActions)
        .where(
          and(eq(trackerActions.sourceId, sourceId), eq(trackerActions.description, description)),
        )
    )[0];
  const owned = await action('Set up a referral log with the council');
  const unowned = await action('Publish on the website');

  // The report is recorded as reported before any progress.
  const recorded = await officer.post(`/tracker/sources/${sourceId}/report/record`, {
    date: '2026-11-23',
  });
  assert.equal(recorded.statusCode, 303);
  t.clock.advanceMinutes(24 * 60);
  // A day on, sessions have lapsed: sign in again.
  const officerNextDay = await signInAccount(t, officerAccount);
  // Read before the progress, so the report after it is shown to be built again, not kept.
  const beforeProgress = await officerNextDay.get(
    `/tracker/sources/${sourceId}/report?date=2026-11-24`,
  );
  assert.match(beforeProgress.body, /Set up a referral log with the council/);
  assert.doesNotMatch(beforeProgress.body, /Completed 20 November 2026/);

  // Camden's partnership officer answers for the borough.
  const partnership = await signInAccount(
    t,
    await makeAccount(t, {
      role: 'partnership_officer',
      name: 'Inspector Pat Partnership',
      scope: { type: 'borough', id: await organisationIdByCode(t, 'E09000007') },
    }),
  );
  const mine = await partnership.get('/tracker/my-actions');
  assert.match(mine.body, /Set up a referral log with the council/);
  assert.doesNotMatch(mine.body, /Publish on the website/);
  assert.equal((await partnership.get(`/tracker/actions/${unowned!.id}`)).statusCode, 404);
  const form = await partnership.get(`/tracker/actions/${owned!.id}`);
  assert.equal(form.statusCode, 200);
  const missingDate = await partnership.post(`/tracker/actions/${owned!.id}`, {
    version: '1',
    result: 'completed',
    narrative: 'The log is running',
  });
  assert.equal(missingDate.statusCode, 400);
  assert.match(missingDate.body, /Enter the date it was completed/);
  const done = await partnership.post(`/tracker/actions/${owned!.id}`, {
    version: '1',
    result: 'completed',
    'completedOn-day': '20',
    'completedOn-month': '11',
    'completedOn-year': '2026',
    narrative: 'The log is running with the council and two charities',
  });
  assert.equal(done.statusCode, 303, done.body.slice(0, 1500));
  // A form read before that update is refused, not silently overwritten.
  const stale = await partnership.post(`/tracker/actions/${owned!.id}`, {
    version: '1',
    result: 'ongoing',
  });
  assert.equal(stale.statusCode, 409);

  // Someone outside the borough cannot, and changes nothing.
  const advisor = await signInAccount(t, await makeAccount(t, { role: 'advisor' }));
  const refused = await advisor.post(`/tracker/actions/${owned!.id}`, {
    version: '2',
    result: 'awaits',
  });
  assert.equal(refused.statusCode, 404);
  const [after] = await t.services.db
    .select()
    .from(trackerActions)
    .where(eq(trackerActions.id, owned!.id));
  assert.equal(after!.result, 'completed');
  assert.equal(after!.completedOn, '2026-11-20');

  // The recommendation's history shows the import and the update, with date and author.
  const recommendation = await officerNextDay.get(
    `/tracker/recommendations/${owned!.recommendationId}`,
  );
  assert.match(recommendation.body, /Inspector Pat Partnership/);
  assert.match(recommendation.body, /Completed 20 November 2026/);

  // The report as at today counts it, and marks what changed since the recorded report.
  const report = await officerNextDay.get(`/tracker/sources/${sourceId}/report?date=2026-11-24`);
  assert.equal(report.statusCode, 200);
  assert.match(
    report.body,
    /Since the last report \(as at 23 November 2026\): 1 action new or changed/,
  );
  assert.match(report.body, /Result changed/);
  // As at the earlier date it stands where it stood then.
  const earlier = await officerNextDay.get(`/tracker/sources/${sourceId}/report?date=2026-11-23`);
  assert.doesNotMatch(earlier.body, /Completed 20 November 2026/);
  const csv = await officerNextDay.get(`/tracker/sources/${sourceId}/report.csv?date=2026-11-24`);
  assert.match(csv.body, /Completed 20 November 2026/);
  const future = await officerNextDay.get(`/tracker/sources/${sourceId}/report?date=2099-01-01`);
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /The date must be today or in the past/);
});

test('TRK-01: a recommendation not accepted needs its rationale; superseded names another', async () => {
  // A source of its own (Camden's, under another title), imported the day before.
  const title = 'Hate Crime Board scrutiny of Camden (second look)';
  const imported = await officer.postFile(
    '/tracker/import',
    {},
    csvFile(CAMDEN.replace('Hate Crime Board scrutiny of Camden', title)),
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 1500));
  const sourceId = imported.headers.location!.split('/').pop()!;
  t.clock.advanceMinutes(24 * 60);
  const officerNextDay = await signInAccount(t, officerAccount);
  const [rec] = await t.services.db
    .select()
    .from(trackerRecommendations)
    .where(
      and(
        eq(trackerRecommendations.sourceId, sourceId),
        eq(trackerRecommendations.text, 'Publish the findings'),
      ),
    );
  const url = `/tracker/recommendations/${rec!.id}/standing`;
  assert.equal((await officerNextDay.get(url)).statusCode, 200);
  const noReason = await officerNextDay.post(url, { status: 'not_accepted', rationale: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Enter the rationale for not accepting it/);
  const self = await officerNextDay.post(url, { status: 'superseded', supersededBy: '2' });
  assert.match(self.body, /cannot supersede itself/);
  const ok = await officerNextDay.post(url, { status: 'superseded', supersededBy: '1' });
  assert.equal(ok.statusCode, 303);
  const page = await officerNextDay.get(`/tracker/recommendations/${rec!.id}`);
  assert.match(page.body, /Superseded by recommendation 1/);
  // The change of standing is in its history, and in the report from today, not before.
  assert.match(page.body, /standing <strong>Superseded by recommendation 1<\/strong>/);
  const today = await officerNextDay.get(
    `/tracker/sources/${rec!.sourceId}/report?date=2026-11-24`,
  );
  assert.match(today.body, /Superseded by recommendation 1/);
  const before = await officerNextDay.get(
    `/tracker/sources/${rec!.sourceId}/report?date=2026-11-23`,
  );
  assert.doesNotMatch(before.body, /Superseded by recommendation 1/);
});

test('removing the demo data keeps the tracker, taking the demo accounts’ names off it', async () => {
  // The demo data is what this test removes: it loads it, and a demo officer imports a source.
  await loadDemoData(t.services.db, t.services.secretBox);
  const demoOfficer = await principalFor(t, demoAccount('authority_officer').email);
  const title = 'Hate Crime Board scrutiny of Camden (demo officer)';
  const { source } = await t.services.tracker.importCsv(
    demoOfficer,
    CAMDEN.replace('Hate Crime Board scrutiny of Camden', title),
  );
  const before = await sourceCount();
  await removeDemoData(t.services.db);
  // Only the source the demo itself loaded goes (CON-07: its "you said, we did" names it).
  assert.equal(await sourceCount(), before - 1);
  const [kept] = await t.services.db
    .select()
    .from(trackerSources)
    .where(eq(trackerSources.id, source.id));
  assert.equal(kept!.createdBy, null);
  const [owned] = await t.services.db
    .select()
    .from(trackerActions)
    .where(
      and(
        eq(trackerActions.sourceId, source.id),
        eq(trackerActions.description, 'Set up a referral log with the council'),
      ),
    );
  // Camden is reference data, not demo data: the borough still owns its action.
  const ownedBy = await t.services.db
    .select({ organisationId: trackerLeads.organisationId })
    .from(trackerLeads)
    .where(eq(trackerLeads.actionId, owned!.id));
  assert.equal(ownedBy.length, 1);
  assert.ok(ownedBy[0]!.organisationId);
});
