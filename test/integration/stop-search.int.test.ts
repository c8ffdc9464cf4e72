/**
 * Issue 27 part 2 (LEG-04): a month of stop and search imported from a file in police.uk's
 * published layout and read on the public page, its figures worked by hand here; the same month
 * imported again replaces it; bad files are refused by line with nothing imported; and only the
 * authority's officers may import. Each test uses reporting years no other test uses.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { stopSearchImports, stopSearches } from '../../src/modules/stop-search/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { policeUkFile, policeUkLine, policeUkLines } from '../factories/stop-search.js';
import { headingsOf, mainOf, rowOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
/** A reporting year far from any other test's (years are kept four-digit: 1000 to 9998). */
const someYear = () => 3000 + Math.floor(Math.random() * 6000);
const WHITE = 'White - English/Welsh/Scottish/Northern Irish/British';
const ASIAN = 'Asian/Asian British - Indian';
const OTHER = 'Other ethnic group - Any other ethnic group';

const upload = (agent: Agent, name: string, csv: string) =>
  agent.postFile(
    '/stop-and-search/months/import',
    {},
    {
      field: 'file',
      name,
      bytes: Buffer.from(csv, 'utf8'),
      type: 'text/csv',
    },
  );
const importsOf = (month: string) =>
  t.services.db.select().from(stopSearchImports).where(eq(stopSearchImports.month, month));

test("LEG-04: a month imported from police.uk's file is read on the public page: counts by group, rates per 1,000 and the ratio against White, worked by hand", async () => {
  const y = someYear();
  const date = `${y}-06-14T09:30:00+00:00`;
  const lines = [
    // 20 White people: 6 arrested; 2 with no location.
    ...policeUkLines(6, {
      Date: date,
      'Self-defined ethnicity': WHITE,
      'Officer-defined ethnicity': 'White',
      Outcome: 'Arrest',
    }),
    ...policeUkLines(12, {
      Date: date,
      'Self-defined ethnicity': WHITE,
      'Officer-defined ethnicity': 'White',
    }),
    ...policeUkLines(2, {
      Date: date,
      'Self-defined ethnicity': WHITE,
      'Officer-defined ethnicity': 'White',
      Latitude: '',
      Longitude: '',
    }),
    // 30 Black people: 8 arrested, under section 60.
    ...policeUkLines(8, {
      Date: date,
      Outcome: 'Arrest',
      Legislation: 'Criminal Justice and Public Order Act 1994 (section 60)',
    }),
    ...policeUkLines(22, { Date: date }),
    // 12 Asian people, 3 of another group, 5 who did not say (2 of them with no outcome recorded).
    ...policeUkLines(12, {
      Date: date,
      'Self-defined ethnicity': ASIAN,
      'Officer-defined ethnicity': 'Asian',
    }),
    ...policeUkLines(3, {
      Date: date,
      'Self-defined ethnicity': OTHER,
      'Officer-defined ethnicity': 'Other',
    }),
    ...policeUkLines(3, {
      Date: date,
      'Self-defined ethnicity': 'Other ethnic group - Not stated',
    }),
    ...policeUkLines(2, { Date: date, 'Self-defined ethnicity': '', Outcome: '' }),
  ];
  const done = await upload(
    officer,
    `${y}-06-metropolitan-stop-and-search.csv`,
    policeUkFile(...lines),
  );
  assert.equal(done.statusCode, 303, done.body);
  assert.equal(done.headers.location, '/stop-and-search/months');
  const months = text((await officer.get('/stop-and-search/months')).body);
  assert.match(months, new RegExp(`June ${y} imported: 70 searches`));
  assert.match(months, new RegExp(`June ${y} 70 ${y}-06-metropolitan-stop-and-search\\.csv`));

  // Anyone reads the year (April y to March y+1).
  const anyone = new Agent(t.app);
  const page = await anyone.get(`/stop-and-search?year=${y}`);
  assert.equal(page.statusCode, 200);
  const said = text(page.body);
  const label = `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
  assert.ok(headingsOf(page.body).includes(label), headingsOf(page.body).join(' | '));
  const summary = summaryOf(page.body);
  assert.equal(summary.get('Searches'), '70');
  assert.equal(summary.get('Months imported'), '1 of 12');
  // 14 arrests of 70: 20.0%; no further action 70 − 14 − 2 blank = 54: 77.1%.
  assert.equal(summary.get('Arrest rate'), '20.0% (14 searches)');
  assert.equal(summary.get('No further action'), '77.1% (54 searches)');
  assert.equal(summary.get('Searches with no outcome recorded'), '2');
  assert.equal(summary.get('Searches with no location given'), '2');

  const byMonth = tableOf(page.body, /Searches by month/);
  assert.equal(rowOf(byMonth, `June ${y}`)['Searches'], '70');
  assert.equal(rowOf(byMonth, `May ${y}`)['Searches'], 'not imported');

  // The population shipped: Census 2021, London. White 4,731,170; Black 1,188,370; Asian 1,817,640.
  const groups = tableOf(page.body, /per 1,000 people by ethnic group/);
  const white = rowOf(groups, 'White');
  assert.equal(white['Searches'], '20');
  assert.equal(white['Population'], '4,731,170');
  // 20 / 4,731,170 × 1,000 = 0.0042273…
  assert.equal(white['Per 1,000 people'], '0.0042');
  assert.equal(white['Against White'], 'the comparison');
  const black = rowOf(groups, 'Black');
  assert.equal(black['Searches'], '30');
  // (30 / 1,188,370) / (20 / 4,731,170) = 141,935,100 / 23,767,400 = 5.9719…
  assert.equal(black['Against White'], '5.97');
  // SE = √(1/30 − 1/1,188,370 + 1/20 − 1/4,731,170) = √0.0833318… = 0.288673…
  // exp(ln 5.97187 ± 1.959964 × 0.288673): 3.3913 to 10.5161.
  assert.equal(black['95% confidence interval'], '3.39 to 10.52');
  assert.match(black['Ethnic group']!, /Above threshold/);
  const asian = rowOf(groups, 'Asian');
  // (12 / 1,817,640) / (20 / 4,731,170) = 56,774,040 / 36,352,800 = 1.5617…: under 2, not flagged.
  assert.equal(asian['Against White'], '1.56');
  assert.doesNotMatch(asian['Ethnic group']!, /Above threshold/);
  assert.equal(rowOf(groups, 'Mixed')['Searches'], '0');
  assert.equal(rowOf(groups, 'Mixed')['Against White'], '');
  assert.match(said, /5 searches were of people who did not state their ethnicity/);

  const legislation = tableOf(page.body, /By legislation/);
  assert.equal(rowOf(legislation, 'Misuse of Drugs Act 1971')['Searches'], '62');
  assert.equal(rowOf(legislation, 'Criminal Justice and Public Order Act 1994')['Share'], '11.4%');
  const outcome = tableOf(page.body, /By outcome/);
  assert.equal(rowOf(outcome, 'Not given')['Searches'], '2');
  const officerDefined = tableOf(page.body, /By ethnicity as the officer recorded it/);
  assert.equal(rowOf(officerDefined, 'Black')['Searches'], '35');

  // The charts: each SVG has its title and description, and its bars say the table's figures.
  assert.match(
    page.body,
    /<svg[^>]*role="img"[^>]*aria-labelledby="months-chart-title months-chart-desc"/,
  );
  assert.match(
    page.body,
    new RegExp(
      `<title id="groups-chart-title">Searches per 1,000 people by ethnic group, ${label}</title>`,
    ),
  );
  const groupBars = [
    ...page.body.matchAll(/<text x="\d+" y="\d+" font-size="13" fill="#0b0c0c">([^<]*)<\/text>/g),
  ].map((m) => m[1]);
  for (const g of ['White', 'Black', 'Asian'])
    assert.ok(groupBars.includes(rowOf(groups, g)['Per 1,000 people']!), g);

  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'stop-search.month-imported'));
  assert.ok(audit);
});

test('LEG-04: the same month imported twice replaces the first, never doubling it', async () => {
  const y = someYear();
  const date = `${y}-09-01T00:05:00+00:00`;
  const name = `${y}-09-metropolitan-stop-and-search.csv`;
  assert.equal(
    (await upload(officer, name, policeUkFile(...policeUkLines(5, { Date: date })))).statusCode,
    303,
  );
  const again = await upload(officer, name, policeUkFile(...policeUkLines(3, { Date: date })));
  assert.equal(again.statusCode, 303);
  const months = text((await officer.get(again.headers.location as string)).body);
  assert.match(
    months,
    new RegExp(`September ${y} imported again: 3 searches now, in place of the 5 imported before`),
  );
  assert.match(months, /Imported 2 times; the latest replaced the others/);
  const [row] = await importsOf(`${y}-09-01`);
  assert.equal(row!.searches, 3);
  assert.equal(
    (await t.services.db.select().from(stopSearches).where(eq(stopSearches.importId, row!.id)))
      .length,
    3,
  );
  const page = await new Agent(t.app).get(`/stop-and-search?year=${y}`);
  assert.equal(summaryOf(page.body).get('Searches'), '3');
});

test('LEG-04: a file with a bad date and one with a column missing are refused by line, and nothing is imported', async () => {
  const y = someYear();
  const bad = policeUkFile(
    policeUkLine({ Date: `${y}-05-02T10:00:00+00:00` }),
    policeUkLine({ Date: `${y}-05-32T10:00:00+00:00` }),
    policeUkLine({ Date: `${y}-05-03T10:00:00+00:00`, Gender: 'Unknown' }),
  );
  const refused = await upload(officer, 'may.csv', bad);
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /There is a problem/);
  assert.match(
    said,
    new RegExp(
      `Line 3: The date "${y}-05-32T10:00:00\\+00:00" is not a date and time as police.uk writes them`,
    ),
  );
  assert.match(said, /Line 4: Gender "Unknown" is not one police.uk uses/);
  assert.match(said, /Nothing has been imported/);
  assert.match(refused.body, /href="#file"/);
  assert.equal((await importsOf(`${y}-05-01`)).length, 0);

  const header =
    'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';
  const missing = await upload(
    officer,
    'may.csv',
    `${header}\r\nPerson search,${y}-05-02T10:00:00+00:00,,,,,,,,,,,,\r\n`,
  );
  assert.equal(missing.statusCode, 400);
  assert.match(
    text(missing.body),
    /Line 1: The header lacks police.uk's columns: Officer-defined ethnicity/,
  );
  assert.equal((await importsOf(`${y}-05-01`)).length, 0);

  // A file named for one month holding another's searches is not taken on trust.
  const misnamed = await upload(
    officer,
    `${y}-04-metropolitan-stop-and-search.csv`,
    policeUkFile(policeUkLine({ Date: `${y}-05-02T10:00:00+00:00` })),
  );
  assert.equal(misnamed.statusCode, 400);
  assert.match(
    text(misnamed.body),
    new RegExp(`The file is named for April ${y} but its searches are of May ${y}`),
  );
  const empty = await upload(officer, 'x.csv', '');
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /Choose the police.uk file to import/);
  assert.equal((await importsOf(`${y}-05-01`)).length, 0);
});

test("LEG-04: only the authority's officers import; anyone else is refused and nothing changes", async () => {
  const y = someYear();
  const csv = policeUkFile(policeUkLine({ Date: `${y}-07-02T10:00:00+00:00` }));
  const unit = await signInNewAccount(t, 'coordination_unit');
  assert.equal((await unit.get('/stop-and-search/months/import')).statusCode, 403);
  assert.equal((await upload(unit, `${y}-07.csv`, csv)).statusCode, 403);
  const anyone = new Agent(t.app);
  const signedOut = await anyone.get('/stop-and-search/months');
  assert.equal(signedOut.statusCode, 303);
  assert.match(signedOut.headers.location as string, /^\/sign-in/);
  assert.equal((await importsOf(`${y}-07-01`)).length, 0);
  // The public page offers no import to those who may not.
  const page = text((await unit.get('/stop-and-search')).body);
  assert.doesNotMatch(page, /Import a month/);
});

test('LEG-04: a year with nothing imported says so rather than showing noughts', async () => {
  const page = await new Agent(t.app).get('/stop-and-search?year=1999');
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /No stop and search has been imported for 1999-00 yet/);
});
