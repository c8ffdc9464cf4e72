/**
 * Issue 27 part 2 (LEG-04): stop and search by borough. Boundaries loaded from ONS's GeoJSON
 * place each search in its borough (the searches already imported, and each month imported
 * after); a search outside every boundary and one without a location are counted apart. The
 * census population by borough and ethnic group gives a borough's rates per 1,000 and its
 * ratios, worked by hand here, and the force area's (the boroughs' sum). Refusals change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inArray } from 'drizzle-orm';
import {
  stopSearchBoundaries,
  stopSearchPopulation,
  stopSearchReferenceFiles,
  stopSearches,
} from '../../src/modules/stop-search/schema.js';
import { censusColumns } from '../../src/modules/stop-search/reference-rules.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeBorough, uniqueTag } from '../factories/directory.js';
import { policeUkFile, policeUkLines, type PoliceUkCells } from '../factories/stop-search.js';
import { mainOf, rowOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const someYear = () => 3000 + Math.floor(Math.random() * 6000);
const WHITE = 'White - English/Welsh/Scottish/Northern Irish/British';
const ASIAN = 'Asian/Asian British - Indian';
const BLACK = 'Black/African/Caribbean/Black British - Caribbean';

/** A square from (lon, lat), 0.1 degrees a side: two of them side by side are the boroughs. */
const square = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 0.1, lat],
    [lon + 0.1, lat + 0.1],
    [lon, lat + 0.1],
    [lon, lat],
  ],
];
const boundary = (code: string, name: string, lon: number) => ({
  type: 'Feature',
  properties: { FID: 1, LAD23CD: code, LAD23NM: name },
  geometry: { type: 'Polygon', coordinates: square(lon, 51.5) },
});
const geojson = (...features: unknown[]) =>
  Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }), 'utf8');

/** Where searches are: in borough A (west), in B (east), and east of both. */
const IN_A = { Latitude: '51.55', Longitude: '-0.15' };
const IN_B = { Latitude: '51.55', Longitude: '-0.05' };
const OUTSIDE = { Latitude: '51.55', Longitude: '0.5' };
const NOWHERE = { Latitude: '', Longitude: '' };

const importMonth = (y: number, month: string, lines: string[]) =>
  officer.postFile(
    '/stop-and-search/months/import',
    {},
    {
      field: 'file',
      name: `${y}-${month}-metropolitan-stop-and-search.csv`,
      bytes: Buffer.from(policeUkFile(...lines), 'utf8'),
      type: 'text/csv',
    },
  );
const searches = (n: number, date: string, where: PoliceUkCells, ethnicity: string) =>
  policeUkLines(n, { Date: date, ...where, 'Self-defined ethnicity': ethnicity });

const loadBoundaries = (agent: Agent, bytes: Buffer, name = 'LAD_MAY_2023_UK_BGC.geojson') =>
  agent.postFile('/stop-and-search/boundaries', {}, { field: 'file', name, bytes });

const CENSUS_HEADER = censusColumns(20)
  .map((c) => `"${c}"`)
  .join(',');
/** A TS021 line as the custom dataset tool writes it. */
const census = (code: string, name: string, categoryCode: number, category: string, n: number) =>
  `"${code}","${name}",${categoryCode},"${category}",${n}`;
const loadPopulation = (agent: Agent, csv: string, fields: Record<string, string> = {}) =>
  agent.postFile(
    '/stop-and-search/population',
    {
      source: 'Census 2021 (Office for National Statistics), TS021 Ethnic group',
      'asOf-day': '21',
      'asOf-month': '3',
      'asOf-year': '2021',
      ...fields,
    },
    { field: 'file', name: 'custom-filtered-2024.csv', bytes: Buffer.from(csv, 'utf8') },
  );

/** What the reference tables hold, to show that a refusal changed nothing. */
async function referenceState() {
  const db = t.services.db;
  return {
    boundaries: await db.select().from(stopSearchBoundaries),
    population: await db.select().from(stopSearchPopulation),
    files: await db.select().from(stopSearchReferenceFiles),
  };
}

test('LEG-04: boundaries place every search in its borough (before and after they are loaded); a borough and the force read against the census population, worked by hand', async () => {
  const y = someYear();
  const tag = uniqueTag();
  const a = await makeBorough(t, { name: `Westborough ${tag}`, code: `E09${tag}A` });
  const b = await makeBorough(t, { name: `Eastborough ${tag}`, code: `E09${tag}B` });
  const label = `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
  const june = `${y}-06-10T12:00:00+00:00`;
  const july = `${y}-07-10T12:00:00+00:00`;

  // June, imported before any boundaries: 1 White and 2 Black in A, 2 Asian in B, 1 Black
  // outside both, 1 White with no location.
  const juneLines = [
    ...searches(1, june, IN_A, WHITE),
    ...searches(2, june, IN_A, BLACK),
    ...searches(2, june, IN_B, ASIAN),
    ...searches(1, june, OUTSIDE, BLACK),
    ...searches(1, june, NOWHERE, WHITE),
  ];
  assert.equal((await importMonth(y, '06', juneLines)).statusCode, 303);
  const unplaced = await new Agent(t.app).get(`/stop-and-search?year=${y}`);
  assert.match(
    text(unplaced.body),
    /These figures are for the whole force area\. Figures by borough need the boroughs' boundaries/,
  );
  assert.doesNotMatch(unplaced.body, /id="borough"/);

  // The boundaries: A, B, and a district that is not one of Bridge's boroughs.
  const loaded = await loadBoundaries(
    officer,
    geojson(
      boundary(`E09${tag}A`, 'Westborough', -0.2),
      boundary(`E09${tag}B`, 'Eastborough', -0.1),
      boundary('W06000001', 'Isle of Anglesey', -4.4),
    ),
  );
  assert.equal(loaded.statusCode, 303, loaded.body);
  assert.equal(loaded.headers.location, '/stop-and-search/boundaries');
  const page = await officer.get('/stop-and-search/boundaries');
  const said = text(page.body);
  assert.match(said, /Boundaries loaded for 2 boroughs; \d+ searches with a location were placed/);
  assert.equal(summaryOf(page.body).get('Boroughs'), '2 boroughs');
  const skipped = tableOf(page.body, /and w(as|ere) not loaded/);
  assert.equal(rowOf(skipped, 'W06000001')['Name'], 'Isle of Anglesey');
  assert.match(said, new RegExp(`Westborough ${tag}`));

  // July, imported once boundaries are there, is placed as it is imported.
  const julyLines = [
    ...searches(1, july, IN_A, WHITE),
    ...searches(1, july, IN_A, BLACK),
    ...searches(1, july, OUTSIDE, ASIAN),
  ];
  assert.equal((await importMonth(y, '07', julyLines)).statusCode, 303);
  const placedIn = async () => {
    const placed = await t.services.db
      .select({ boroughId: stopSearches.boroughId })
      .from(stopSearches)
      .where(inArray(stopSearches.month, [`${y}-06-01`, `${y}-07-01`]));
    const count = (id: string | null) => placed.filter((p) => p.boroughId === id).length;
    return [count(a.id), count(b.id), count(null)];
  };
  assert.deepEqual(await placedIn(), [5, 2, 3]);

  // The force: 10 searches, 2 outside the boroughs, 1 with no location; a borough to choose.
  const force = await new Agent(t.app).get(`/stop-and-search?year=${y}`);
  const forceSummary = summaryOf(force.body);
  assert.equal(forceSummary.get('Searches'), '10');
  assert.equal(forceSummary.get("Searches with a location outside the boroughs' boundaries"), '2');
  assert.equal(forceSummary.get('Searches with no location given'), '1');
  assert.match(text(force.body), /Choose a borough above to see its own/);
  assert.match(force.body, new RegExp(`<option value="${a.id}">Westborough ${tag}</option>`));

  // Borough A before its population is loaded: its searches, and no rate guessed.
  const before = await new Agent(t.app).get(`/stop-and-search?year=${y}&borough=${a.id}`);
  assert.equal(before.statusCode, 200);
  const beforeSaid = text(before.body);
  assert.match(beforeSaid, new RegExp(`Westborough ${tag}, ${label}`));
  assert.equal(summaryOf(before.body).get('Searches'), '5');
  assert.equal(summaryOf(before.body).get('Searches with no location given'), undefined);
  assert.match(
    beforeSaid,
    new RegExp(`No population figures are loaded for Westborough ${tag}, so its rates`),
  );
  const bySelf = tableOf(before.body, /By ethnic group \(self-defined\)/);
  assert.equal(rowOf(bySelf, 'Black')['Searches'], '3');

  // The census, 20 categories: A has White 900 + 100 = 1,000, Black 500, Asian 2,000, Mixed
  // 100, Other 400; B has White 3,000, Black 200, Asian 800. Anglesey is not a borough here.
  const csv = [
    CENSUS_HEADER,
    census(`E09${tag}A`, 'Westborough', -8, 'Does not apply', 0),
    census(`E09${tag}A`, 'Westborough', 1, 'Asian, Asian British or Asian Welsh: Indian', 2000),
    census(
      `E09${tag}A`,
      'Westborough',
      7,
      'Black, Black British, Black Welsh, Caribbean or African: Caribbean',
      500,
    ),
    census(`E09${tag}A`, 'Westborough', 10, 'Mixed or Multiple ethnic groups: Other Mixed', 100),
    census(
      `E09${tag}A`,
      'Westborough',
      13,
      'White: English, Welsh, Scottish, Northern Irish or British',
      900,
    ),
    census(`E09${tag}A`, 'Westborough', 14, 'White: Irish', 100),
    census(`E09${tag}A`, 'Westborough', 19, 'Other ethnic group: Arab', 400),
    census(
      `E09${tag}B`,
      'Eastborough',
      13,
      'White: English, Welsh, Scottish, Northern Irish or British',
      3000,
    ),
    census(
      `E09${tag}B`,
      'Eastborough',
      6,
      'Black, Black British, Black Welsh, Caribbean or African: African',
      200,
    ),
    census(`E09${tag}B`, 'Eastborough', 3, 'Asian, Asian British or Asian Welsh: Bangladeshi', 800),
    census('W06000001', 'Isle of Anglesey', 13, 'White: Irish', 50),
  ].join('\r\n');
  const population = await loadPopulation(officer, csv);
  assert.equal(population.statusCode, 303, population.body);
  const populationPage = await officer.get('/stop-and-search/population');
  const populationSaid = text(populationPage.body);
  assert.match(populationSaid, /Population figures loaded for 2 boroughs/);
  assert.equal(summaryOf(populationPage.body).get('Date the figures describe'), '21 March 2021');
  assert.equal(
    rowOf(tableOf(populationPage.body, /and w(as|ere) not loaded/), 'W06000001')['Name'],
    'Isle of Anglesey',
  );

  // Borough A: White 2 of 1,000 people, 2 per 1,000; Black 3 of 500, 6 per 1,000;
  // (3 / 500) / (2 / 1,000) = 3.00, above 2. SE = √(1/3 − 1/500 + 1/2 − 1/1,000) = 0.911226;
  // exp(ln 3 ± 1.959964 × 0.911226) = 0.5029 to 17.8961.
  const borough = await new Agent(t.app).get(`/stop-and-search?year=${y}&borough=${a.id}`);
  const groups = tableOf(borough.body, /per 1,000 people by ethnic group/);
  const white = rowOf(groups, 'White');
  assert.equal(white['Searches'], '2');
  assert.equal(white['Population'], '1,000');
  assert.equal(white['Per 1,000 people'], '2');
  const black = rowOf(groups, 'Black');
  assert.equal(black['Population'], '500');
  assert.equal(black['Per 1,000 people'], '6');
  assert.equal(black['Against White'], '3.00');
  assert.equal(black['95% confidence interval'], '0.50 to 17.90');
  assert.match(black['Ethnic group']!, /Above threshold/);
  assert.equal(rowOf(groups, 'Asian')['Population'], '2,000');
  assert.match(
    text(borough.body),
    /Population: Census 2021 \(Office for National Statistics\), TS021 Ethnic group \(figures as at 21 March 2021\)/,
  );

  // The force area's population is now the boroughs' sum: White 4,000, Black 700. White 3
  // searches (2 in A, 1 with no location): 0.75 per 1,000; Black 4 (3 in A, 1 outside):
  // 5.71 per 1,000; (4 / 700) / (3 / 4,000) = 7.62.
  const area = await new Agent(t.app).get(`/stop-and-search?year=${y}`);
  const areaGroups = tableOf(area.body, /per 1,000 people by ethnic group/);
  assert.equal(rowOf(areaGroups, 'White')['Population'], '4,000');
  assert.equal(rowOf(areaGroups, 'White')['Per 1,000 people'], '0.75');
  assert.equal(rowOf(areaGroups, 'Black')['Per 1,000 people'], '5.71');
  assert.equal(rowOf(areaGroups, 'Black')['Against White'], '7.62');

  const actions = (
    await t.services.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        inArray(auditEvents.action, [
          'stop-search.boundaries-loaded',
          'stop-search.population-loaded',
        ]),
      )
  ).map((e) => e.action);
  assert.ok(actions.includes('stop-search.boundaries-loaded'));
  assert.ok(actions.includes('stop-search.population-loaded'));

  // Placing again (after an interruption) leaves each search where it is.
  const again = await officer.post('/stop-and-search/boundaries/place', {});
  assert.equal(again.statusCode, 303);
  assert.match(text((await officer.get('/stop-and-search/boundaries')).body), /were placed again/);
  assert.deepEqual(await placedIn(), [5, 2, 3]);
});

test('LEG-04: boundaries in British National Grid, a feature without its code, or no Bridge borough at all are refused, and nothing changes', async () => {
  const state = await referenceState();
  const bng = await loadBoundaries(
    officer,
    geojson({
      type: 'Feature',
      properties: { LAD23CD: 'E09000007' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [528000, 184000],
            [529000, 184000],
            [529000, 185000],
            [528000, 184000],
          ],
        ],
      },
    }),
  );
  assert.equal(bng.statusCode, 400);
  const bngSaid = text(bng.body);
  assert.match(bngSaid, /There is a problem/);
  assert.match(bngSaid, /British National Grid eastings and northings/);
  assert.match(bngSaid, /the generalised version named BGC/);
  assert.match(bng.body, /href="#file"/);
  assert.match(bngSaid, /Nothing has been loaded/);

  const noCode = await loadBoundaries(
    officer,
    geojson(boundary('E09000007', 'Camden', -0.2), {
      type: 'Feature',
      properties: { NAME: 'Somewhere' },
      geometry: { type: 'Polygon', coordinates: square(-0.1, 51.5) },
    }),
  );
  assert.equal(noCode.statusCode, 400);
  assert.match(
    text(noCode.body),
    /Feature 2: It has no local authority code \(a property such as LAD23CD\)/,
  );

  const noneOurs = await loadBoundaries(officer, geojson(boundary('W06000001', 'Anglesey', -4.4)));
  assert.equal(noneOurs.statusCode, 400);
  assert.match(text(noneOurs.body), /No boundary in the file is one of Bridge's boroughs/);

  const notJson = await loadBoundaries(officer, Buffer.from('LAD23CD,LAD23NM\n', 'utf8'));
  assert.equal(notJson.statusCode, 400);
  assert.match(text(notJson.body), /The file is not GeoJSON that can be read/);
  assert.deepEqual(await referenceState(), state);
});

test('LEG-04: a census file with a category it does not know or a count that is not a number is refused by line, as is a missing source, and nothing changes', async () => {
  const state = await referenceState();
  const tag = uniqueTag();
  await makeBorough(t, { code: `E09${tag}C` });
  const csv = [
    CENSUS_HEADER,
    census(`E09${tag}C`, 'C', 13, 'White: Irish', 100),
    census(`E09${tag}C`, 'C', 99, 'Martian', 3),
    `"E09${tag}C","C",14,"White: Roma",lots`,
  ].join('\n');
  const refused = await loadPopulation(officer, csv, { source: '' });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /Line 3: "Martian" is not one of the census's ethnic groups/);
  assert.match(said, /Line 4: The count "lots" is not a whole number of people/);
  assert.match(said, /Enter where the figures come from/);
  assert.match(refused.body, /href="#file"/);
  assert.match(refused.body, /href="#source"/);

  const header = await loadPopulation(officer, 'Area,Group,People\nE09000007,White,3\n');
  assert.equal(header.statusCode, 400);
  assert.match(
    text(header.body),
    /Line 1: The header is not that of the census's ethnic group table/,
  );
  assert.deepEqual(await referenceState(), state);
});

test("LEG-04: only the authority's officers load reference data; anyone else is refused and nothing changes", async () => {
  const state = await referenceState();
  const unit = await signInNewAccount(t, 'coordination_unit');
  for (const url of ['/stop-and-search/boundaries', '/stop-and-search/population'])
    assert.equal((await unit.get(url)).statusCode, 403, url);
  const tag = uniqueTag();
  await makeBorough(t, { code: `E09${tag}D` });
  assert.equal(
    (await loadBoundaries(unit, geojson(boundary(`E09${tag}D`, 'D', -0.2)))).statusCode,
    403,
  );
  assert.equal(
    (
      await loadPopulation(
        unit,
        [CENSUS_HEADER, census(`E09${tag}D`, 'D', 14, 'White: Irish', 5)].join('\n'),
      )
    ).statusCode,
    403,
  );
  assert.equal((await unit.post('/stop-and-search/boundaries/place', {})).statusCode, 403);
  assert.deepEqual(await referenceState(), state);
  // The officers' page links to the reference data; the public page does not offer it.
  const months = text((await officer.get('/stop-and-search/months')).body);
  assert.match(months, /Borough boundaries/);
  assert.match(months, /Population by borough and ethnic group/);
});

test('LEG-04: a borough that has no boundary loaded is not a page of figures', async () => {
  const tag = uniqueTag();
  const c = await makeBorough(t, { code: `E09${tag}E` });
  const page = await new Agent(t.app).get(`/stop-and-search?year=2024&borough=${c.id}`);
  assert.equal(page.statusCode, 404);
});
