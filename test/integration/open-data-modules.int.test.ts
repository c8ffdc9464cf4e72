/**
 * Issue 27 part 6: the open data of custody visiting's statistics (ICV-10), consultations and
 * "you said, we did" (CON-07), partnerships' records (CDRP-10) and the public indicators
 * (CDRP-10), each read against the data made here and against the public page showing the same
 * figures; small counts and people never published (DP-01); and open data's JSON in the OpenAPI
 * description and on the API documentation page.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { custodyIssues } from '../../src/modules/custody-visiting/follow-up/schema.js';
import {
  custodyVisitReportDetainees,
  custodyVisitReports,
} from '../../src/modules/custody-visiting/reports/schema.js';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import { consultationOutcomes } from '../../src/modules/consultation/outcomes/schema.js';
import { partnershipRecords, partnerships } from '../../src/modules/partnerships/schema.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { EXPERIENCED, makePanel, makeSuite, makeVisitor } from '../factories/custody-visiting.js';
import { makeBorough, makePerson, uniqueTag } from '../factories/directory.js';
import { makeIndicator } from '../factories/indicators.js';
import { mainOf, rowOf, rowRecords, summaryOf, tableOf, tablesOf, textOf } from '../html.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
type Cell = string | number | null;

/** A dataset's CSV as records by its header, with the header and the body itself. */
async function csvOf(url: string) {
  const res = await get(url);
  assert.equal(res.statusCode, 200, url);
  assert.match(String(res.headers['content-type']), /^text\/csv/);
  const [header, ...lines] = parse(res.body, { columns: false }) as string[][];
  return {
    header: header!,
    records: lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i] ?? '']))),
    body: res.body,
  };
}

/** A dataset's JSON, checked to hold the same rows as its CSV (the CSV's empty cell is null). */
async function bothOf(id: string) {
  const csv = await csvOf(`/open-data/${id}.csv`);
  const res = await get(`/open-data/${id}.json`);
  assert.equal(res.statusCode, 200);
  const json = JSON.parse(res.body) as {
    dataset: string;
    lastChanged: string | null;
    columns: { name: string; description: string }[];
    rows: Record<string, Cell>[];
  };
  assert.equal(json.dataset, id);
  assert.deepEqual(
    json.columns.map((c) => c.name),
    csv.header,
  );
  for (const c of json.columns) assert.ok(c.description.length > 5, `${id}.${c.name} described`);
  assert.deepEqual(
    json.rows.map((r) => Object.fromEntries(csv.header.map((h) => [h, String(r[h] ?? '')]))),
    csv.records,
  );
  return { ...csv, json };
}

test("ICV-10, DP-01: custody visiting: each area's visits against target and issues raised and resolved, a quarter a row, the figures the statistics page shows", async () => {
  const panel = await makePanel(t);
  const suite = await makeSuite(t, { area: panel.area, name: `Suite ${panel.area}` });
  const [a, b] = await Promise.all([
    makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }),
    makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }),
  ]);
  const pair = {
    panelId: panel.id,
    suiteId: suite.id,
    firstVisitorId: a!.id,
    secondVisitorId: b!.id,
  };
  const mondays = ['2026-07-06', '2026-07-13', '2026-07-20', '2026-07-27', '2026-08-03'];
  await t.services.db.insert(custodyVisits).values(
    mondays.map((monday, i) => ({
      ...pair,
      quarterStart: '2026-07-01',
      weekStarting: monday,
      status: i < 4 ? ('made' as const) : ('missed' as const),
      visitOn: i < 4 ? monday : null,
      visitMinutes: i < 4 ? 600 : null,
    })),
  );
  // A report sent, with a child seen (a small count the page suppresses) and two issues raised.
  const [report] = await t.services.db
    .insert(custodyVisitReports)
    .values({
      ...pair,
      visitedOn: '2026-07-06',
      arrivedAt: '10:00',
      admittedAt: '10:00',
      detaineesPresent: 1,
      status: 'submitted',
      submittedAt: new Date('2026-07-06T21:00:00Z'),
      idempotencyKey: randomUUID(),
    })
    .returning({ id: custodyVisitReports.id });
  await t.services.db.insert(custodyVisitReportDetainees).values({
    reportId: report!.id,
    custodyRecordNumber: 'CR1',
    child: true,
    vulnerable: false,
    consent: true,
    seen: true,
    recordChecked: false,
    idempotencyKey: randomUUID(),
  });
  const issue = {
    reportId: report!.id,
    suiteId: suite.id,
    summary: 'The call bell in cell 4 does not work',
    significant: false,
    raisedAt: new Date('2026-07-06T10:00:00Z'),
    raisedOn: '2026-07-06',
    raisedBy: randomUUID(),
  };
  await t.services.db.insert(custodyIssues).values([
    { ...issue, status: 'answered' as const, response: 'Repair ordered' },
    {
      ...issue,
      status: 'closed' as const,
      response: 'Repaired',
      outcome: 'resolved' as const,
      closeNote: 'Checked at the next visit',
      closedOn: '2026-07-16',
      closedAt: new Date('2026-07-16T10:00:00Z'),
    },
  ]);

  const { header, records, body, json } = await bothOf('custody-visiting-statistics');
  assert.deepEqual(header, [
    'quarter',
    'quarter_name',
    'area',
    'target_visits',
    'visits_made',
    'percent_of_target',
    'visits_missed',
    'issues_raised',
    'issues_resolved',
    'percent_resolved',
  ]);
  const ours = records.filter((r) => r.area === panel.area);
  // Every quarter the page offers has its row for the area, no visit or none.
  assert.ok(ours.length >= 4);
  const july = ours.find((r) => r.quarter === '2026-07-01')!;
  assert.deepEqual(july, {
    quarter: '2026-07-01',
    quarter_name: '1 July 2026 to 30 September 2026',
    area: panel.area,
    target_visits: '13',
    visits_made: '4',
    percent_of_target: july.percent_of_target,
    visits_missed: '1',
    issues_raised: '2',
    issues_resolved: '1',
    percent_resolved: '50',
  });
  const jsonJuly = json.rows.find((r) => r.area === panel.area && r.quarter === '2026-07-01')!;
  assert.equal(jsonJuly.visits_made, 4);

  // The same figures as the public page and its own CSV.
  const page = textOf(mainOf((await get('/custody-visiting/statistics?quarter=2026-07-01')).body));
  assert.match(page, new RegExp(`${panel.area} 13 4 ${july.percent_of_target}%`));
  const statistics = await csvOf('/custody-visiting/statistics.csv?quarter=2026-07-01');
  const areaLine = statistics.records.find(
    (r) => r.Area === panel.area && r['Custody suite'] === 'All suites',
  )!;
  assert.equal(areaLine['Percent of target'], july.percent_of_target);
  assert.equal(areaLine['Issues raised'], '2');
  assert.equal(areaLine['Issues resolved'], '1');
  // DP-01: no child's count (suppressed on the page), no visitor, no issue's words.
  assert.doesNotMatch(header.join(), /child|vulnerable/);
  assert.doesNotMatch(body, /call bell|CR1/);
  assert.match(json.lastChanged!, /^\d{4}-\d{2}-\d{2}T/);
});

test('CON-07, DP-01: consultations: those the public list shows, with "you said, we did" and the responses received once published, as its public page says', async () => {
  const tag = uniqueTag();
  const closed = await makeConsultation(t, {
    title: `Stop and account ${tag}`,
    opensOn: '2026-01-05',
    closesOn: '2026-02-05',
  });
  await makeResponse(t, closed, { 0: 'Yes', 1: `Private words ${tag}` });
  await makeResponse(t, closed, { 0: 'No' });
  await makeResponse(t, closed, { 0: 'Yes' }, { submitted: false });
  await t.services.db.insert(consultationOutcomes).values({
    consultationId: closed.id,
    youSaid: `You asked for the record to be kept ${tag}.`,
    weDid: `The record is kept ${tag}.`,
    publishedAt: new Date('2026-03-02T09:00:00Z'),
  });
  const open = await makeConsultation(t, { title: `Open now ${tag}` });
  await makeResponse(t, open, { 0: 'Yes' });
  await makeConsultation(t, { title: `Draft ${tag}`, launched: false });
  await makeConsultation(t, { title: `Upcoming ${tag}`, opensOn: '2099-01-01' });

  const { header, records, body, json } = await bothOf('consultations');
  assert.deepEqual(header, [
    'title',
    'opens_on',
    'closes_on',
    'status',
    'responses_received',
    'outcome_published_on',
    'you_said',
    'we_did',
    'url',
    'outcome_url',
  ]);
  const ours = records.filter((r) => r.title!.endsWith(tag));
  assert.deepEqual(
    ours.map((r) => r.title),
    [`Open now ${tag}`, `Stop and account ${tag}`],
  );
  const done = ours.find((r) => r.title === `Stop and account ${tag}`)!;
  assert.equal(done.opens_on, '2026-01-05');
  assert.equal(done.closes_on, '2026-02-05');
  assert.equal(done.status, 'Closed');
  assert.equal(done.outcome_published_on, '2026-03-02');
  assert.equal(done.you_said, `You asked for the record to be kept ${tag}.`);
  assert.equal(done.we_did, `The record is kept ${tag}.`);
  assert.match(done.url!, new RegExp(`/consultations/${closed.id}$`));
  assert.match(done.outcome_url!, new RegExp(`/consultations/${closed.id}/outcome$`));
  // The same count as the outcome's public page: sent responses only.
  const outcome = await get(`/consultations/${closed.id}/outcome`);
  assert.equal(summaryOf(outcome.body).get('Responses received'), '2');
  assert.equal(done.responses_received, '2');
  assert.equal(json.rows.find((r) => r.title === done.title)!.responses_received, 2);
  // Until what came of it is published, its count and outcome are not.
  const now = ours.find((r) => r.title === `Open now ${tag}`)!;
  assert.equal(now.status, 'Open');
  assert.deepEqual([now.responses_received, now.you_said, now.outcome_url], ['', '', '']);
  assert.doesNotMatch(body, new RegExp(`Private words ${tag}|Draft ${tag}|Upcoming ${tag}`));
});

test("CDRP-10, DP-01: partnerships: each record by borough and year, as the partnership's public page shows it; no officer named", async () => {
  const tag = uniqueTag();
  const borough = await makeBorough(t, { name: `Borough ${tag}` });
  const [officer, deputy] = await Promise.all([
    makePerson(t, { fullName: `Officer Person ${tag}` }),
    makePerson(t, { fullName: `Deputy Person ${tag}` }),
  ]);
  const [entry] = await t.services.db
    .insert(partnerships)
    .values({
      boroughId: borough.id,
      name: `Partnership ${tag}`,
      officerId: officer.id,
      officerRank: 'inspector',
      deputyId: deputy.id,
      deputyRank: 'superintendent',
      confirmedAt: new Date('2026-06-01T09:00:00Z'),
    })
    .returning({ id: partnerships.id });
  await t.services.db.insert(partnershipRecords).values([
    {
      partnershipId: entry!.id,
      startYear: 2025,
      kind: 'strategy',
      title: `Strategy ${tag}`,
      link: 'https://example.org/strategy.pdf',
    },
    {
      partnershipId: entry!.id,
      startYear: 2026,
      kind: 'target',
      title: `Burglary ${tag}`,
      figure: 'Down 8%',
    },
  ]);

  const { header, records, body } = await bothOf('partnership-records');
  assert.deepEqual(header, [
    'borough',
    'partnership',
    'reporting_year',
    'kind',
    'title',
    'figure',
    'document',
    'url',
  ]);
  const ours = records.filter((r) => r.partnership === `Partnership ${tag}`);
  assert.deepEqual(
    ours.map((r) => [r.borough, r.reporting_year, r.kind, r.title, r.figure, r.document]),
    [
      [`Borough ${tag}`, '2026-27', 'Target', `Burglary ${tag}`, 'Down 8%', ''],
      [
        `Borough ${tag}`,
        '2025-26',
        'Strategy',
        `Strategy ${tag}`,
        '',
        'https://example.org/strategy.pdf',
      ],
    ],
  );
  assert.match(ours[0]!.url!, new RegExp(`/partnerships/${entry!.id}$`));
  // The page's tables hold the same records, year by year.
  const page = await get(`/partnerships/${entry!.id}`);
  const shown = tablesOf(page.body)
    .filter((table) => /^\d{4}-\d{2}/.test(table.caption))
    .flatMap((table) => rowRecords(table).map((r) => [table.caption, r.Kind, r.Title, r.Figure]));
  assert.deepEqual(
    shown,
    ours.map((r) => [r.reporting_year, r.kind, r.title, r.figure]),
  );
  // DP-01: the officers the page names are not in the download.
  assert.doesNotMatch(body, new RegExp(`Officer Person ${tag}|Deputy Person ${tag}`));
});

test("CDRP-10, DP-01: indicators: each public indicator's figures, target and status by period, as its page shows them; a count of people below 10 withheld", async () => {
  const people = await makeIndicator(t, {
    name: `People helped ${uniqueTag()}`,
    unit: 'people',
    isPublic: true,
    values: { '2026-09-01': 1400, '2026-10-01': 700 },
    targets: { '2026-10-01': 1000, '2026-11-01': 1200 },
  });
  const percent = await makeIndicator(t, {
    name: `Answered on time ${uniqueTag()}`,
    unit: 'percent',
    isPublic: true,
    values: { '2026-10-01': 9250 },
    targets: { '2026-10-01': 9000 },
  });
  const hidden = await makeIndicator(t, {
    name: `Internal ${uniqueTag()}`,
    isPublic: false,
    values: { '2026-10-01': 500 },
  });

  const { header, records, body, json } = await bothOf('indicators');
  assert.deepEqual(header, [
    'indicator',
    'owner',
    'unit',
    'better_when',
    'period',
    'period_name',
    'value',
    'value_shown',
    'target',
    'status',
    'url',
  ]);
  const rowsOf = (name: string) => records.filter((r) => r.indicator === name);
  const helped = rowsOf(people.name);
  assert.deepEqual(
    helped.map((r) => [r.period, r.period_name, r.value, r.value_shown, r.target, r.status]),
    [
      ['2026-09-01', 'September 2026', '14', '14', '', 'No target'],
      [
        '2026-10-01',
        'October 2026',
        '',
        'fewer than 10',
        '10',
        'Not shown: the count is too small to publish',
      ],
      ['2026-11-01', 'November 2026', '', 'No figure', '12', 'No target'],
    ],
  );
  assert.equal(helped[0]!.unit, 'Count of people');
  assert.equal(helped[0]!.better_when, 'Higher is better');
  assert.match(helped[0]!.url!, new RegExp(`/indicators/${people.id}$`));
  const jsonOctober = json.rows.find(
    (r) => r.indicator === people.name && r.period === '2026-10-01',
  )!;
  assert.equal(jsonOctober.value, null);
  assert.equal(
    json.rows.find((r) => r.indicator === people.name && r.period === '2026-09-01')!.value,
    14,
  );
  assert.deepEqual(
    rowsOf(percent.name).map((r) => [r.value, r.value_shown, r.target, r.status]),
    [['92.5', '92.5%', '90', 'Green: on target']],
  );

  // The same figures as the indicator's public page.
  const table = tableOf((await get(`/indicators/${people.id}`)).body, /Figures for/);
  for (const r of helped.slice(0, 2)) {
    const shown = rowOf(table, r.period_name!);
    assert.equal(shown.Value, r.value_shown);
    assert.equal(shown.Status, r.status);
  }
  // DP-01: the withheld count is nowhere; an indicator not public is not published.
  assert.doesNotMatch(body, new RegExp(hidden.name));
  assert.ok(!helped.some((r) => r.value === '7'));
});

test("the OpenAPI description documents open data's JSON (the dataset envelope and the DCAT catalogue) as public, and the API page lists them", async () => {
  const spec = (await get('/api/openapi.json')).json() as {
    paths: Record<string, { get?: Record<string, unknown> }>;
  };
  const dataset = spec.paths['/open-data/{id}.json']?.get as {
    tags: string[];
    summary: string;
    security: unknown[];
    parameters: { name: string; in: string }[];
    responses: Record<
      string,
      { content: Record<string, { schema: { required: string[]; properties: object } }> }
    >;
  };
  assert.ok(dataset, 'the dataset JSON is described');
  assert.deepEqual(dataset.tags, ['Open data']);
  assert.deepEqual(dataset.security, [], 'no token needed');
  assert.deepEqual(
    dataset.parameters.map((p) => [p.name, p.in]),
    [['id', 'path']],
  );
  const envelope = dataset.responses['200']!.content['application/json']!.schema;
  assert.deepEqual(envelope.required.sort(), [
    'columns',
    'dataset',
    'description',
    'lastChanged',
    'licence',
    'rows',
    'title',
  ]);
  // What the route sends is the envelope described.
  const sent = JSON.parse((await get('/open-data/indicators.json')).body) as object;
  assert.deepEqual(Object.keys(sent).sort(), Object.keys(envelope.properties).sort());

  const catalogue = spec.paths['/open-data/catalogue.jsonld']?.get as {
    tags: string[];
    security: unknown[];
    responses: Record<string, { content: Record<string, unknown> }>;
  };
  assert.deepEqual(catalogue.tags, ['Open data']);
  assert.deepEqual(catalogue.security, []);
  assert.ok(catalogue.responses['200']!.content['application/ld+json']);
  // The staff-only and HTML addresses stay out of it.
  assert.ok(!spec.paths['/open-data/{id}']);

  const page = await get('/api-documentation');
  assert.equal(page.statusCode, 200);
  const listed = rowRecords(tableOf(page.body));
  assert.ok(
    listed.some((r) => Object.values(r).includes('/open-data/{id}.json')),
    'the dataset JSON is listed',
  );
  assert.match(textOf(mainOf(page.body)), /One open dataset, as JSON/);
  assert.match(textOf(mainOf(page.body)), /The open-data catalogue, in DCAT as JSON-LD/);
  assert.match(
    textOf(mainOf(page.body)),
    /Open data \(the addresses under \/open-data\) is public/,
  );
});
