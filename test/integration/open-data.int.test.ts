/**
 * Issue 27 part 6: open data. The catalogue names every dataset with its words, licence and
 * downloads; a dataset's CSV and JSON hold the same rows, made here, under its described columns;
 * the DCAT catalogue names each dataset and its distributions; nothing private is published
 * (DP-01); an unknown dataset is not found. Each test makes its own data, with words no other has.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeBorough, makePerson, uniqueTag } from '../factories/directory.js';
import { makeEntry } from '../factories/good-practice.js';
import { makeGroup } from '../factories/groups.js';
import { policeUkFile, policeUkLines } from '../factories/stop-search.js';
import { makeTrackerSource } from '../factories/tracker.js';
import { mainOf, rowRecords, tableOf, textOf } from '../html.js';
import { openDataCsv } from '../open-data.js';

let t: TestApp;
let officer: Agent;
before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const OGL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';
const get = (url: string) => t.app.inject({ method: 'GET', url });
const text = (html: string) => textOf(mainOf(html));
interface JsonDownload {
  dataset: string;
  title: string;
  licence: { name: string; url: string };
  lastChanged: string | null;
  columns: { name: string; description: string; type: string }[];
  rows: Record<string, string | number | null>[];
}
const jsonOf = async (id: string) => {
  const res = await get(`/open-data/${id}.json`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  return JSON.parse(res.body) as JsonDownload;
};
const csvRecords = (id: string) => openDataCsv(t, id);

test('the catalogue page lists every dataset with its description, last change, licence and downloads; the home page links to it', async () => {
  const home = await get('/');
  assert.match(home.body, /<a class="govuk-link" href="\/open-data">Open data<\/a>/);

  await makeEntry(t, { public: true });
  const res = await get('/open-data');
  assert.equal(res.statusCode, 200);
  const said = text(res.body);
  assert.match(said, /Open data/);
  assert.match(said, /Open Government Licence v3\.0/);
  for (const [title, words] of [
    ['Good practice', /what boroughs, partnerships, funded projects and groups did/],
    ['Stop and search by month, borough and ethnic group', /self-defined/],
    ['Stop and search by month, legislation and outcome', /legislation/],
    ['Advisory groups', /advisory groups/],
    ['Recommendations', /recommendations/],
    ['Grants awarded', /Every grant awarded/],
    ['Grants awarded \\(360Giving\\)', /360Giving Data Standard/],
    ['Custody visiting statistics', /visits made against target/],
    ['Consultations and what came of them', /you said, we did/],
    ["Partnerships' audits, strategies, targets and performance", /reporting year/],
    ['Performance indicators', /fewer than 10/],
  ] as const) {
    assert.match(said, new RegExp(title));
    assert.match(said, words);
  }
  for (const id of [
    'good-practice',
    'stop-search-groups',
    'stop-search-outcomes',
    'advisory-groups',
    'recommendations',
    'grants-awarded',
    'grants-360giving',
    'custody-visiting-statistics',
    'consultations',
    'partnership-records',
    'indicators',
  ]) {
    assert.match(res.body, new RegExp(`href="/open-data/${id}"`));
    assert.match(res.body, new RegExp(`href="/open-data/${id}\\.csv"`));
    assert.match(res.body, new RegExp(`href="/open-data/${id}\\.json"`));
  }
  assert.match(res.body, new RegExp(`href="${OGL}"`));
  assert.match(res.body, /href="\/open-data\/catalogue\.jsonld"/);
});

test("a dataset's page describes each column in a table, with the licence and the downloads", async () => {
  const res = await get('/open-data/good-practice');
  assert.equal(res.statusCode, 200);
  const said = text(res.body);
  assert.match(said, /Good practice/);
  assert.match(said, /Open Government Licence v3\.0/);
  const columns = rowRecords(tableOf(res.body, /What each column holds/));
  assert.deepEqual(
    columns.map((c) => c.Column),
    ['title', 'theme', 'borough', 'summary', 'lessons', 'published_on', 'url'],
  );
  assert.equal(columns.find((c) => c.Column === 'published_on')!.Kind, 'Date (YYYY-MM-DD)');
  assert.match(columns.find((c) => c.Column === 'borough')!['What it holds']!, /Area-wide/);
  assert.match(res.body, /href="\/open-data\/good-practice\.csv"/);
  assert.match(res.body, /href="\/open-data\/good-practice\.json"/);
});

test('CDRP-08, DP-01: good practice: the published entries in CSV and JSON alike; one not published, and any contact, never', async () => {
  const tag = uniqueTag();
  const borough = await makeBorough(t, { name: `Borough ${tag}` });
  const contact = await makePerson(t, { fullName: `Contact Person ${tag}` });
  await makeEntry(t, {
    title: `Published ${tag}`,
    summary: `What was done ${tag}`,
    theme: 'youth',
    boroughId: borough.id,
    public: true,
    contactId: contact.id,
    source: { kind: 'grant', reference: `Source ref ${tag}` },
  });
  const areaWide = await makeEntry(t, { title: `Area wide ${tag}`, public: true });
  await makeEntry(t, { title: `Private ${tag}`, public: false });

  const { header, records, body } = await csvRecords('good-practice');
  assert.deepEqual(header, [
    'title',
    'theme',
    'borough',
    'summary',
    'lessons',
    'published_on',
    'url',
  ]);
  const ours = records.filter((r) => r.title!.endsWith(tag));
  assert.deepEqual(ours.map((r) => r.title).sort(), [`Area wide ${tag}`, `Published ${tag}`]);
  const published = ours.find((r) => r.title === `Published ${tag}`)!;
  assert.equal(published.theme, 'Young people');
  assert.equal(published.borough, `Borough ${tag}`);
  assert.equal(published.summary, `What was done ${tag}`);
  assert.match(published.published_on!, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(published.url!, /^http:\/\/localhost:\d+\/good-practice\/[0-9a-f-]{36}$/);
  assert.equal(ours.find((r) => r.title === `Area wide ${tag}`)!.borough, 'Area-wide');
  assert.ok(ours.find((r) => r.url!.endsWith(`/good-practice/${areaWide.id}`)));
  for (const secret of [`Private ${tag}`, `Contact Person ${tag}`, `Source ref ${tag}`])
    assert.doesNotMatch(body, new RegExp(secret));

  const json = await jsonOf('good-practice');
  assert.equal(json.dataset, 'good-practice');
  assert.equal(json.licence.url, OGL);
  assert.deepEqual(
    json.columns.map((c) => c.name),
    header,
  );
  assert.match(json.lastChanged!, /^\d{4}-\d{2}-\d{2}T/);
  const jsonOurs = json.rows.filter((r) => String(r.title).endsWith(tag));
  assert.deepEqual(
    jsonOurs.map((r) =>
      Object.fromEntries(header.map((h) => [h, r[h] === null ? '' : String(r[h])])),
    ),
    ours,
  );
  const raw = JSON.stringify(json);
  for (const secret of [`Private ${tag}`, `Contact Person ${tag}`, `Source ref ${tag}`])
    assert.doesNotMatch(raw, new RegExp(secret));
});

test('the DCAT catalogue (JSON-LD) names each dataset, its licence and its CSV and JSON distributions', async () => {
  const res = await get('/open-data/catalogue.jsonld');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^application\/ld\+json/);
  const catalogue = JSON.parse(res.body) as {
    '@type': string;
    'dcat:dataset': {
      '@type': string;
      'dct:identifier': string;
      'dct:title': string;
      'dct:description': string;
      'dct:license': { '@id': string };
      'dcat:distribution': {
        'dcat:downloadURL': { '@id': string };
        'dcat:mediaType': { '@id': string };
      }[];
    }[];
  };
  assert.equal(catalogue['@type'], 'dcat:Catalog');
  const ids = catalogue['dcat:dataset'].map((d) => d['dct:identifier']);
  for (const id of [
    'good-practice',
    'stop-search-groups',
    'stop-search-outcomes',
    'advisory-groups',
    'recommendations',
    'grants-awarded',
    'grants-360giving',
    'custody-visiting-statistics',
    'consultations',
    'partnership-records',
    'indicators',
  ])
    assert.ok(ids.includes(id), id);
  const gp = catalogue['dcat:dataset'].find((d) => d['dct:identifier'] === 'good-practice')!;
  assert.equal(gp['@type'], 'dcat:Dataset');
  assert.equal(gp['dct:title'], 'Good practice');
  assert.equal(gp['dct:license']['@id'], OGL);
  assert.deepEqual(
    gp['dcat:distribution'].map((d) => [
      d['dcat:downloadURL']['@id'].replace(/^http:\/\/localhost:\d+/, ''),
      d['dcat:mediaType']['@id'],
    ]),
    [
      ['/open-data/good-practice.csv', 'https://www.iana.org/assignments/media-types/text/csv'],
      [
        '/open-data/good-practice.json',
        'https://www.iana.org/assignments/media-types/application/json',
      ],
    ],
  );
});

test('an unknown dataset is not found, in every form', async () => {
  for (const url of [
    '/open-data/no-such-data',
    '/open-data/no-such-data.csv',
    '/open-data/no-such-data.json',
  ]) {
    const res = await get(url);
    assert.equal(res.statusCode, 404, url);
  }
});

test('LEG-04: stop and search: a month imported is counted by borough (the force area, before boundaries) and ethnic group, and by legislation and outcome, in CSV and JSON alike', async () => {
  // A month far from any other test's.
  const y = 3000 + Math.floor(Math.random() * 6000);
  const month = `${y}-06-01`;
  const date = `${y}-06-14T09:30:00+00:00`;
  const section60 = 'Criminal Justice and Public Order Act 1994 (section 60)';
  const lines = [
    ...policeUkLines(12, {
      Date: date,
      'Self-defined ethnicity': 'White - English/Welsh/Scottish/Northern Irish/British',
      Outcome: 'Arrest',
      Legislation: section60,
    }),
    ...policeUkLines(3, { Date: date }),
    ...policeUkLines(2, { Date: date, 'Self-defined ethnicity': '', Outcome: '' }),
  ];
  const imported = await officer.postFile(
    '/stop-and-search/months/import',
    {},
    {
      field: 'file',
      name: `${y}-06-force-stop-and-search.csv`,
      bytes: Buffer.from(policeUkFile(...lines)),
      type: 'text/csv',
    },
  );
  assert.equal(imported.statusCode, 303, imported.body);

  const groups = await csvRecords('stop-search-groups');
  assert.deepEqual(groups.header, ['month', 'borough', 'ethnic_group', 'searches']);
  assert.deepEqual(
    groups.records.filter((r) => r.month === month),
    [
      { month, borough: 'Force area', ethnic_group: 'Black', searches: '3' },
      { month, borough: 'Force area', ethnic_group: 'White', searches: '12' },
      { month, borough: 'Force area', ethnic_group: 'Not stated', searches: '2' },
    ],
  );
  const groupsJson = await jsonOf('stop-search-groups');
  assert.deepEqual(
    groupsJson.rows.filter((r) => r.month === month),
    [
      { month, borough: 'Force area', ethnic_group: 'Black', searches: 3 },
      { month, borough: 'Force area', ethnic_group: 'White', searches: 12 },
      { month, borough: 'Force area', ethnic_group: 'Not stated', searches: 2 },
    ],
  );

  const outcomes = await csvRecords('stop-search-outcomes');
  assert.deepEqual(outcomes.header, ['month', 'legislation', 'outcome', 'searches']);
  const drugs = 'Misuse of Drugs Act 1971 (section 23)';
  assert.deepEqual(
    outcomes.records.filter((r) => r.month === month),
    [
      { month, legislation: section60, outcome: 'Arrest', searches: '12' },
      { month, legislation: drugs, outcome: 'A no further action disposal', searches: '3' },
      { month, legislation: drugs, outcome: '', searches: '2' },
    ],
  );
  const outcomesJson = await jsonOf('stop-search-outcomes');
  assert.deepEqual(
    outcomesJson.rows
      .filter((r) => r.month === month)
      .map((r) => [r.legislation, r.outcome, r.searches]),
    [
      [section60, 'Arrest', 12],
      [drugs, 'A no further action disposal', 3],
      [drugs, null, 2],
    ],
  );
  assert.ok(outcomesJson.lastChanged);
});

test('IAG-01: advisory groups: the groups the public register lists, closed ones never, with no member named or counted', async () => {
  const tag = uniqueTag();
  const borough = await makeBorough(t, { name: `Borough ${tag}` });
  const open = await makeGroup(t, {
    name: `Open group ${tag}`,
    ownerId: borough.id,
    purpose: `Advising ${tag}`,
    meetingIntervalMonths: 3,
    members: [`Member Named ${tag}`],
  });
  const closed = await makeGroup(t, { name: `Closed group ${tag}` });
  await t.services.db
    .update(advisoryGroups)
    .set({ status: 'closed' })
    .where(eq(advisoryGroups.id, closed.id));

  const { header, records, body } = await csvRecords('advisory-groups');
  assert.deepEqual(header, ['name', 'type', 'run_with', 'purpose', 'meets_every_months', 'url']);
  const ours = records.filter((r) => r.name!.endsWith(tag));
  assert.equal(ours.length, 1);
  assert.deepEqual(
    { ...ours[0], url: ours[0]!.url!.replace(/^http:\/\/localhost:\d+/, '') },
    {
      name: `Open group ${tag}`,
      type: 'Borough independent advisory group',
      run_with: `Borough ${tag}`,
      purpose: `Advising ${tag}`,
      meets_every_months: '3',
      url: `/advisory-groups/${open.id}`,
    },
  );
  assert.doesNotMatch(body, new RegExp(`Member Named ${tag}`));
  const json = await jsonOf('advisory-groups');
  const row = json.rows.find((r) => r.name === `Open group ${tag}`)!;
  assert.equal(row.meets_every_months, 3);
  assert.ok(!json.rows.some((r) => r.name === `Closed group ${tag}`));
  assert.doesNotMatch(JSON.stringify(json), new RegExp(`Member Named ${tag}`));
});

test('recommendations: each of a published source, with its status and latest due date; a source not published, never', async () => {
  const tag = uniqueTag();
  const published = await makeTrackerSource(t, [
    {
      source_title: `Review ${tag}`,
      source_kind: 'review',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: `Explain every search ${tag}`,
      action: 'Brief every officer',
      result: 'ongoing',
      due_on: '2031-05-31',
    },
    {
      recommendation: '1',
      action: 'Check the briefings',
      result: 'not_started',
      due_on: '2031-09-30',
    },
    {
      recommendation: '2',
      recommendation_text: `Stop nothing ${tag}`,
      recommendation_status: 'not_accepted',
      rationale: 'Not lawful',
    },
  ]);
  await makeTrackerSource(t, [
    {
      source_title: `Private review ${tag}`,
      source_kind: 'review',
      recommendation: '1',
      recommendation_text: `Secret ${tag}`,
    },
  ]);

  const { header, records, body } = await csvRecords('recommendations');
  assert.deepEqual(header, ['source', 'part', 'number', 'text', 'status', 'due_on', 'url']);
  const ours = records
    .filter((r) => r.source === `Review ${tag}`)
    .map((r) => ({ ...r, url: r.url!.replace(/^http:\/\/localhost:\d+/, '') }));
  assert.deepEqual(ours, [
    {
      source: `Review ${tag}`,
      part: '',
      number: '1',
      text: `Explain every search ${tag}`,
      status: 'Accepted',
      due_on: '2031-09-30',
      url: `/recommendations/${published}`,
    },
    {
      source: `Review ${tag}`,
      part: '',
      number: '2',
      text: `Stop nothing ${tag}`,
      status: 'Not accepted',
      due_on: '',
      url: `/recommendations/${published}`,
    },
  ]);
  assert.doesNotMatch(body, new RegExp(`Private review ${tag}|Secret ${tag}`));
  const json = await jsonOf('recommendations');
  assert.deepEqual(
    json.rows.filter((r) => r.source === `Review ${tag}`).map((r) => [r.number, r.due_on]),
    [
      ['1', '2031-09-30'],
      ['2', null],
    ],
  );
  assert.doesNotMatch(JSON.stringify(json), new RegExp(`Secret ${tag}`));
});
