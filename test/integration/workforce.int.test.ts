/**
 * Issue 27 part 3 (LEG-04, DP-01): workforce figures imported from a file and read on the public
 * page, their shares worked by hand here; the same date imported again replaces it; a bad file is
 * refused by line with nothing written; a rank band typed, a stale edit refused; small counts
 * suppressed on the page and in the open data alike; and only the authority's officers keep the
 * figures. Each test uses dates no other test uses.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { workforceCounts, workforceSnapshots } from '../../src/modules/workforce/schema.js';
import { Agent, createTestApp, dateFields, type TestApp } from '../app.js';
import { errorSummaryOf } from '../error-summary.js';
import { signInNewAccount } from '../factories/accounts.js';
import { mainOf, rowOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
/** A date far from any other test's. */
const someDate = () => `${3000 + Math.floor(Math.random() * 6000)}-03-31`;
const HEADER = 'as_at,workforce,rank_band,sex,ethnic_group,headcount';
const csv = (date: string, lines: string[]) =>
  [HEADER, ...lines.map((l) => `${date},${l}`)].join('\r\n') + '\r\n';
const upload = (agent: Agent, name: string, body: string) =>
  agent.postFile(
    '/workforce-figures/import',
    {},
    {
      field: 'file',
      name,
      bytes: Buffer.from(body, 'utf8'),
      type: 'text/csv',
    },
  );
const snapshotAt = async (date: string) =>
  (
    await t.services.db.select().from(workforceSnapshots).where(eq(workforceSnapshots.asAt, date))
  )[0];
const countsOf = (id: string) =>
  t.services.db.select().from(workforceCounts).where(eq(workforceCounts.snapshotId, id));
/** "31 March 3456" */
const long = (date: string) => `31 March ${date.slice(0, 4)}`;

/** Officers and staff, every count 10 or more (or none), so nothing is suppressed. */
const FIGURES = [
  'officer,constable,female,white,300',
  'officer,constable,male,white,500',
  'officer,constable,male,black,120',
  'officer,constable,female,asian,80',
  'officer,constable,male,not_stated,100',
  'officer,sergeant,male,white,60',
  'officer,sergeant,female,white,20',
  'officer,sergeant,male,mixed,15',
  'staff,staff_junior,female,white,200',
  'staff,staff_junior,female,black,40',
  'staff,staff_junior,male,white,100',
  'staff,staff_junior,male,other,12',
];

test('LEG-04: a file of figures imported is read on the public page: the shares worked by hand, not-stated left out of the minority-ethnic share', async () => {
  const date = someDate();
  const done = await upload(officer, 'workforce.csv', csv(date, FIGURES));
  assert.equal(done.statusCode, 303, done.body);
  assert.equal(done.headers.location, '/workforce-figures');
  const list = await officer.get(`/workforce-figures`);
  assert.match(text(list.body), new RegExp(`1 snapshot imported \\(${long(date)}\\); 0 replaced`));
  const snapshot = await snapshotAt(date);
  assert.ok(snapshot);
  assert.equal((await countsOf(snapshot.id)).length, FIGURES.length);

  // Anyone reads it.
  const anyone = new Agent(t.app);
  const page = await anyone.get(`/workforce?at=${date}`);
  assert.equal(page.statusCode, 200);
  const said = text(page.body);
  assert.match(said, /Minority ethnic means every ethnic group other than White/);
  assert.match(said, /did not state their ethnicity are left out of the minority-ethnic share/);
  // All personnel: 1,547; minority ethnic 120 + 80 + 15 + 40 + 12 = 267 of the 1,447 who stated
  // it (267 + 1,180 White): 18.45…%; women 300 + 80 + 20 + 200 + 40 = 640 of 1,547: 41.37…%.
  const minority = rowOf(tableOf(page.body, /^Minority-ethnic share of All personnel/), long(date));
  assert.deepEqual(minority, {
    'As at': long(date),
    'Minority ethnic': '267',
    White: '1,180',
    'Minority-ethnic share': '18.5%',
  });
  const women = rowOf(tableOf(page.body, /^Share of All personnel who are women/), long(date));
  assert.equal(women['Personnel'], '1,547');
  assert.equal(women['Share who are women'], '41.4%');
  // Each workforce as at the date.
  const bySex = tableOf(page.body, /^By sex: Workforce/);
  assert.equal(rowOf(bySex, 'Police officers')['Share who are women'], '33.5%'); // 400 of 1,195
  assert.equal(rowOf(bySex, 'Police staff')['Personnel'], '352');
  assert.match(page.body, /<title id="minority-chart-title">/);

  // Officers by rank band: sergeants 95, 20 women (21.05…%), 15 Mixed of 95 stated (15.78…%).
  const officers = await anyone.get(`/workforce?workforce=officer&at=${date}`);
  const sergeants = rowOf(tableOf(officers.body, /^By ethnic group: Rank band/), 'Sergeant');
  assert.equal(sergeants['Mixed'], '15');
  assert.equal(sergeants['Minority-ethnic share'], '15.8%');
  assert.equal(
    rowOf(tableOf(officers.body, /^By sex: Rank band/), 'Sergeant')['Share who are women'],
    '21.1%',
  );
  // Officers as a whole: 215 minority ethnic of 1,095 stated: 19.63…%.
  const series = tableOf(officers.body, /^Minority-ethnic share of Police officers/);
  assert.equal(rowOf(series, long(date))['Minority-ethnic share'], '19.6%');
});

test('LEG-04: the same date imported again replaces its figures, never adds to them', async () => {
  const date = someDate();
  assert.equal((await upload(officer, 'first.csv', csv(date, FIGURES))).statusCode, 303);
  const again = await upload(
    officer,
    'second.csv',
    csv(date, ['officer,constable,female,white,50', 'officer,constable,male,white,70']),
  );
  assert.equal(again.statusCode, 303);
  const list = text((await officer.get('/workforce-figures')).body);
  assert.match(list, new RegExp(`1 snapshot imported \\(${long(date)}\\); 1 replaced`));
  const snapshot = (await snapshotAt(date))!;
  assert.equal(snapshot.fileName, 'second.csv');
  const counts = await countsOf(snapshot.id);
  assert.deepEqual(counts.map((c) => c.headcount).sort(), [50, 70]);
  const page = await new Agent(t.app).get(`/workforce?at=${date}`);
  const women = rowOf(tableOf(page.body, /^Share of All personnel who are women/), long(date));
  assert.equal(women['Personnel'], '120');
});

test('LEG-04: a file with bad lines is refused with each line named, and nothing is written', async () => {
  const date = someDate();
  const res = await upload(
    officer,
    'bad.csv',
    csv(date, [
      'officer,constable,female,white,300',
      'officer,staff_junior,female,white,3',
      'officer,constable,female,white,12',
      'officer,constable,female,white,many',
    ]),
  );
  assert.equal(res.statusCode, 400);
  const { messages } = errorSummaryOf(res.body);
  assert.deepEqual(messages, [
    "Line 3: Rank band staff_junior is not one of officer's rank bands",
    'Line 4: The same date, workforce, rank band, sex and ethnic group are given on line 2',
    "Line 5: 'many' is not a headcount (a whole number from 0 to 1000000)",
  ]);
  assert.match(text(res.body), /Nothing has been imported/);
  assert.equal(await snapshotAt(date), undefined);

  const noColumn = await upload(
    officer,
    'short.csv',
    'as_at,workforce,rank_band,sex,headcount\r\n',
  );
  assert.deepEqual(errorSummaryOf(noColumn.body).messages, [
    'Line 1: The header has no ethnic_group column',
  ]);
});

test('LEG-04: a snapshot added for a date and a rank band typed; a bad count is named and a stale edit refused, changing nothing', async () => {
  const date = someDate();
  const added = await officer.post('/workforce-figures/new', dateFields('asAt', date));
  assert.equal(added.statusCode, 303, added.body);
  const snapshot = (await snapshotAt(date))!;
  const again = await officer.post('/workforce-figures/new', dateFields('asAt', date));
  assert.equal(again.statusCode, 400);
  assert.match(errorSummaryOf(again.body).messages[0]!, /already figures as at/);

  const bandUrl = `/workforce-figures/${snapshot.id}/bands/inspector`;
  const form = await officer.get(bandUrl);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="version" value="1"/);
  const bad = await officer.post(bandUrl, { version: '1', 'female-black': 'twelve' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(errorSummaryOf(bad.body).messages, [
    'Women, Black must be a whole number from 0 to 1,000,000',
  ]);
  const saved = await officer.post(bandUrl, {
    version: '1',
    'female-black': '12',
    'male-white': '40',
    'male-asian': '',
  });
  assert.equal(saved.statusCode, 303, saved.body);
  const page = await officer.get(`/workforce-figures/${snapshot.id}`);
  assert.match(text(page.body), /Inspector and chief inspector saved: 52 people/);
  assert.equal(summaryOf(page.body).get('Personnel'), '52');
  // A second edit made from the form as first read is refused: nothing is changed.
  const stale = await officer.post(bandUrl, { version: '1', 'female-black': '99' });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /changed by someone else/);
  assert.deepEqual((await countsOf(snapshot.id)).map((c) => c.headcount).sort(), [12, 40]);
});

test('DP-01: a small count is "fewer than 10" and its share not shown, on the public page and in the open data alike', async () => {
  const date = someDate();
  await upload(
    officer,
    'small.csv',
    csv(date, [
      'officer,constable,female,white,200',
      'officer,constable,male,white,500',
      'officer,constable,male,black,7',
    ]),
  );
  const page = await new Agent(t.app).get(`/workforce?at=${date}`);
  const minority = rowOf(tableOf(page.body, /^Minority-ethnic share of All personnel/), long(date));
  assert.equal(minority['Minority ethnic'], 'fewer than 10');
  assert.equal(minority['Minority-ethnic share'], 'not shown');
  // 707 less 700 White leaves 7 that could be of any group not shown, or not stated.
  const byGroup = rowOf(tableOf(page.body, /^By ethnic group: Workforce/), 'All personnel');
  assert.equal(byGroup['Black'], 'fewer than 10');
  assert.equal(byGroup['Not stated'], 'fewer than 10');
  // The women's share is worked from counts shown: 200 of 707.
  const women = rowOf(tableOf(page.body, /^Share of All personnel who are women/), long(date));
  assert.equal(women['Share who are women'], '28.3%');

  const open = await t.app.inject({ method: 'GET', url: '/open-data/workforce-equality.json' });
  assert.equal(open.statusCode, 200);
  const rows = (JSON.parse(open.body) as { rows: Record<string, string | number | null>[] }).rows;
  const all = rows.find((r) => r.as_at === date && r.workforce === 'All personnel')!;
  assert.equal(all.minority_ethnic, 'fewer than 10');
  assert.equal(all.black, 'fewer than 10');
  assert.equal(all.minority_ethnic_share, null);
  assert.equal(all.female_share, 28.3);
  const constables = rows.find((r) => r.as_at === date && r.rank_band === 'Constable')!;
  assert.equal(constables.headcount, '707');
});

test('LEG-04, DP-01: only the authority officers keep the figures and read them unsuppressed; refusals write nothing', async () => {
  const date = someDate();
  const member = await signInNewAccount(t, 'authority_member');
  assert.equal((await member.get('/workforce-figures')).statusCode, 403);
  const refused = await upload(member, 'member.csv', csv(date, FIGURES));
  assert.equal(refused.statusCode, 403);
  assert.equal(
    (await member.post('/workforce-figures/new', dateFields('asAt', date))).statusCode,
    403,
  );
  assert.equal(await snapshotAt(date), undefined);
  for (const role of ['chair', 'partnership_officer'] as const) {
    const other = await signInNewAccount(t, role);
    assert.equal((await other.get('/workforce-figures')).statusCode, 403, role);
  }
  // The public page is anyone's; the staff's is not.
  const anyone = new Agent(t.app);
  assert.equal((await anyone.get('/workforce')).statusCode, 200);
  assert.notEqual((await anyone.get('/workforce-figures')).statusCode, 200);
});

test("LEG-04: the demo's snapshots give the seed's shares, 2006 and 2011; they leave figures kept alone and go with the demo data", async () => {
  // Figures of one of the demo's dates, given before it is loaded: kept, never replaced.
  await upload(officer, 'kept.csv', csv('2008-03-31', FIGURES));
  await loadDemoData(t.services.db, t.services.secretBox);
  try {
    const page = await new Agent(t.app).get('/workforce?at=2011-03-31');
    const minority = tableOf(page.body, /^Minority-ethnic share of All personnel/);
    const women = tableOf(page.body, /^Share of All personnel who are women/);
    assert.equal(rowOf(minority, '31 March 2006')['Minority-ethnic share'], '13.4%');
    assert.equal(rowOf(women, '31 March 2006')['Share who are women'], '32.2%');
    assert.equal(rowOf(minority, '31 March 2011')['Minority-ethnic share'], '16.6%');
    assert.equal(rowOf(women, '31 March 2011')['Share who are women'], '34.4%');
    assert.equal(rowOf(women, '31 March 2006')['Personnel'], '38,000');
    assert.equal(rowOf(women, '31 March 2011')['Personnel'], '55,300');
    assert.equal(rowOf(women, '31 March 2008')['Personnel'], '1,547');
  } finally {
    await removeDemoData(t.services.db);
  }
  assert.equal(await snapshotAt('2006-03-31'), undefined);
  assert.ok(await snapshotAt('2008-03-31'));
});
