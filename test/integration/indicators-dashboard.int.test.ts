/**
 * Issue 27 part 4 (CON-01, CDRP-10, DP-01): the dashboards of the indicators and the committee
 * pack, read as their readers read them: the committee's (how many stand at each status, the
 * ones off target first, each with a chart), a borough's (its own figures, against the area's
 * target only where a unit lets it), the public's counts matching, and the pack's words read back
 * from the PDF; with the refusals of roles that may not read the indicators. The app's clock is
 * 23 November 2026.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { referenceOrganisationId, uniqueTag } from '../factories/directory.js';
import { makeIndicator } from '../factories/indicators.js';
import { mainOf, rowRecords, summaryOf, tableOf, textOf } from '../html.js';
import { pagesText, pdfPages, pdfStructure } from '../pdf-text.js';

let t: TestApp;
let officer: Agent;
let counting = false;
let queries = 0;

before(async () => {
  t = await createTestApp({ onQuery: () => void (counting && queries++) });
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const OCT = '2026-10-01';
const text = (html: string) => textOf(mainOf(html));
const statusCounts = (html: string) =>
  Object.fromEntries(
    [...summaryOf(mainOf(html))].filter(([k]) => /^(Red|Amber|Green|No target|Not shown)/.test(k)),
  );

test('CON-01, CDRP-10, DP-01: the committee reads every indicator against target, off target first, with counts and charts; a borough its own figures; the pack says the same', async () => {
  const tag = uniqueTag();
  const camden = await referenceOrganisationId(t, 'E09000007');
  const made = {
    stops: await makeIndicator(t, {
      name: `A stops ${tag}`,
      values: { [OCT]: 1000 },
      targets: { [OCT]: 2000 },
    }),
    rate: await makeIndicator(t, {
      name: `B rate ${tag}`,
      unit: 'percent',
      breakdown: 'borough',
      values: { [OCT]: 8000 },
      targets: { [OCT]: 9000 },
      boroughValues: { [camden]: { [OCT]: 9500 } },
    }),
    count: await makeIndicator(t, {
      name: `C count ${tag}`,
      breakdown: 'borough',
      values: { [OCT]: 5000 },
      targets: { [OCT]: 6000 },
      boroughValues: { [camden]: { [OCT]: 1200 } },
    }),
    people: await makeIndicator(t, {
      name: `D people ${tag}`,
      unit: 'people',
      isPublic: true,
      values: { [OCT]: 700 },
      targets: { [OCT]: 1000 },
    }),
    amber: await makeIndicator(t, {
      name: `E satisfaction ${tag}`,
      unit: 'percent',
      isPublic: true,
      values: { [OCT]: 9600 },
      targets: { [OCT]: 10000 },
    }),
    green: await makeIndicator(t, {
      name: `F visits ${tag}`,
      isPublic: true,
      values: { [OCT]: 3000 },
      targets: { [OCT]: 2000 },
    }),
    none: await makeIndicator(t, { name: `G meetings ${tag}`, values: { [OCT]: 400 } }),
  };

  // The committee's dashboard, linked from the indicators' list.
  const list = await officer.get('/performance-indicators');
  assert.match(list.body, /href="\/performance-indicators\/dashboard"/);
  const page = await officer.get('/performance-indicators/dashboard');
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /Performance dashboard/);
  assert.deepEqual(statusCounts(page.body), {
    'Red: off target': '4',
    'Amber: near target': '1',
    'Green: on target': '1',
    'No target': '1',
  });
  const rows = rowRecords(tableOf(page.body, /^Indicator$/));
  assert.deepEqual(
    rows.map((r) => [r.Indicator, r.Value, r.Target, r.Status]),
    [
      [made.stops.name, '10', '20', 'Red: off target'],
      [made.rate.name, '80%', '90%', 'Red: off target'],
      [made.count.name, '50', '60', 'Red: off target'],
      // The staff read a small count of people as it is.
      [made.people.name, '7', '10', 'Red: off target'],
      [made.amber.name, '96%', '100%', 'Amber: near target'],
      [made.green.name, '30', '20', 'Green: on target'],
      [made.none.name, '4', 'None set', 'No target'],
    ],
  );
  // Each with a small chart: its title and description for a screen reader, and its figures a link away.
  assert.equal(page.body.match(/<svg [^>]*role="img"/g)?.length, 7);
  assert.match(
    page.body,
    new RegExp(`<title id="chart-1-title">${made.stops.name}: The whole area</title>`),
  );
  assert.match(text(page.body), new RegExp(`The figures of ${made.stops.name} in a table`));
  assert.match(page.body, /href="\/performance-indicators\/committee-pack.pdf"/);

  // A borough, chosen with the form (a GET): its own figures of the indicators kept by borough.
  assert.match(page.body, /<form method="get" action="\/performance-indicators\/dashboard"/);
  const borough = await officer.get(`/performance-indicators/dashboard?borough=${camden}`);
  assert.equal(borough.statusCode, 200);
  assert.match(text(borough.body), /Camden Performance dashboard/);
  assert.deepEqual(statusCounts(borough.body), {
    'Red: off target': '0',
    'Amber: near target': '0',
    'Green: on target': '1',
    'No target': '1',
  });
  assert.deepEqual(
    rowRecords(tableOf(borough.body, /^Indicator$/)).map((r) => [
      r.Indicator,
      r.Value,
      r.Target,
      r.Status,
    ]),
    [
      // A percentage is held against the area's target; a count is a part of the area's.
      [made.rate.name, '95%', '90%', 'Green: on target'],
      [made.count.name, '12', 'None set', 'No target'],
    ],
  );
  assert.match(
    borough.body,
    new RegExp(`href="/performance-indicators/${made.rate.id}\\?borough=${camden}"`),
  );
  assert.match(
    borough.body,
    new RegExp(`href="/performance-indicators/committee-pack.pdf\\?borough=${camden}"`),
  );
  assert.equal(
    (await officer.get(`/performance-indicators/dashboard?borough=${made.rate.id}`)).statusCode,
    404,
    'not a borough',
  );

  // The public's page counts and orders its indicators the same way; DP-01 withholds one status.
  const publicPage = await new Agent(t.app).get('/indicators');
  assert.deepEqual(statusCounts(publicPage.body), {
    'Red: off target': '0',
    'Amber: near target': '1',
    'Green: on target': '1',
    'No target': '0',
    'Not shown: the count is too small to publish': '1',
  });
  assert.deepEqual(
    rowRecords(tableOf(publicPage.body)).map((r) => r.Indicator),
    [made.amber.name, made.green.name, made.people.name],
  );

  // The committee pack: a cover, the summary in words, then a section for each indicator.
  const pdf = await officer.get('/performance-indicators/committee-pack.pdf');
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  if (process.env.PACK_PDF)
    (await import('node:fs')).writeFileSync(process.env.PACK_PDF, pdf.rawPayload);
  const pages = await pdfPages(pdf.rawPayload);
  const all = pagesText(pages);
  const cover = pages[0]!.map((l) => l.text);
  assert.deepEqual(cover.slice(0, 3), [
    'Committee pack: performance indicators',
    'Area: The whole area',
    'Made on 23 November 2026',
  ]);
  assert.ok(cover.includes('Red: off target: 3'), all);
  assert.ok(cover.includes('Not shown: the count is too small to publish: 1'), all);
  const lines = pages.flat().map((l) => l.text);
  const summaryAt = lines.indexOf("Summary: each indicator's latest figure against its target");
  assert.ok(summaryAt > 0, all);
  // Row by row, cell by cell, as a screen reader reads the table; the status in words.
  const summary = lines.slice(summaryAt);
  const at = (name: string) => summary.indexOf(name);
  assert.deepEqual(summary.slice(at(made.stops.name), at(made.stops.name) + 5), [
    made.stops.name,
    'October 2026',
    '10',
    '20',
    'Red: off target',
  ]);
  // DP-01: the pack is for the committee's published papers: a small count as the public read it.
  const people = at(made.people.name);
  assert.deepEqual(summary.slice(people, people + 4), [
    made.people.name,
    'October 2026',
    'fewer than 10',
    '10',
  ]);
  // The status wraps in its cell.
  assert.equal(
    summary.slice(people + 4, people + 6).join(' '),
    'Not shown: the count is too small to publish',
  );
  assert.ok(
    at(made.stops.name) < at(made.amber.name) && at(made.amber.name) < at(made.none.name),
    'off target first',
  );
  // A section for each: its definition and owner, the chart (a Figure), its table of figures.
  const section = lines.lastIndexOf(made.green.name);
  assert.equal(lines[section + 1], 'What is counted.');
  assert.match(lines[section + 2]!, /^Owner: /);
  const october = lines.indexOf('October 2026', section);
  assert.deepEqual(lines.slice(october, october + 4), [
    'October 2026',
    '30',
    '20',
    'Green: on target',
  ]);
  const structure = (await pdfStructure(pdf.rawPayload)).flat();
  assert.equal(structure.filter((s) => s === 'Document/Figure').length, 7);
  assert.ok(structure.includes('Document/Table/TR/TH'));

  // A borough's pack.
  const boroughPdf = await officer.get(
    `/performance-indicators/committee-pack.pdf?borough=${camden}`,
  );
  const boroughLines = (await pdfPages(boroughPdf.rawPayload)).flat().map((l) => l.text);
  assert.ok(boroughLines.includes('Area: Camden'));
  assert.ok(!boroughLines.includes(made.stops.name), 'only those kept by borough');
});

test('CON-01: a role that does not read the indicators is refused the dashboards and the pack, and shown nothing', async () => {
  const secret = await makeIndicator(t, { name: `Secret ${uniqueTag()}`, values: { [OCT]: 100 } });
  for (const role of ['advisor', 'lay_visitor'] as const) {
    const agent = await signInNewAccount(t, role);
    for (const url of [
      '/performance-indicators/dashboard',
      '/performance-indicators/dashboard?borough=x',
      '/performance-indicators/committee-pack.pdf',
    ]) {
      const refused = await agent.get(url);
      assert.equal(refused.statusCode, 403, `${role} ${url}`);
      assert.doesNotMatch(refused.body, new RegExp(secret.name));
    }
  }
  const anyone = await new Agent(t.app).get('/performance-indicators/committee-pack.pdf');
  assert.notEqual(anyone.statusCode, 200);
  assert.doesNotMatch(anyone.body, new RegExp(secret.name));
});

test('CON-01: the dashboard and the pack read as many queries for nine indicators as for three: none per indicator', async () => {
  const counted = async () => {
    const counts: number[] = [];
    for (const url of [
      '/performance-indicators/dashboard',
      '/performance-indicators/committee-pack.pdf',
    ]) {
      queries = 0;
      counting = true;
      assert.equal((await officer.get(url)).statusCode, 200);
      counting = false;
      counts.push(queries);
    }
    return counts;
  };
  const some = async (n: number) => {
    for (let i = 0; i < n; i++)
      await makeIndicator(t, { values: { [OCT]: 100 * i }, targets: { [OCT]: 300 } });
  };
  await some(3);
  const few = await counted();
  await some(6);
  assert.deepEqual(await counted(), few);
});
