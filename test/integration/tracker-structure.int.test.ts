/**
 * Issue 23, items 1, 2, 5 and 7: a plan's structure typed in through the pages as a clerk does.
 * Seed 002's Appendix 4: a part "Objectives" (1 to 3) and a part "MPA Action Plan 2002/03" (1 to
 * 10), item 2's sub-items 2.1 to 2.3 as numbered key points, item 3's 3.1 to 3.6 as numbered
 * actions directly under it; typed out of order, read in the seed's order on the source page,
 * the report page and the report CSV.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { asc, count, eq } from 'drizzle-orm';
import {
  trackerActions,
  trackerParts,
  trackerRecommendations,
} from '../../src/modules/tracker/schema.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount } from '../factories/accounts.js';
import { SEED_002_APPENDIX_4, seed002Order } from '../factories/tracker.js';
import { assertInOrder, mainOf, textOf } from '../html.js';
import { pdfPages } from '../pdf-text.js';

let t: TestApp;
let clerk: Agent;
let sourceId: string;
const ids = new Map<string, string>();

const { objectives: OBJECTIVES, plan: PLAN, item2: ITEM_2, item3: ITEM_3 } = SEED_002_APPENDIX_4;

const idFrom = (location: string | undefined) => location!.split('?')[0]!.split('/').pop()!;

/** What the seed reads, in its order, as the pages show it. */
const SEED_ORDER = seed002Order('Recommendation');

before(async () => {
  t = await createTestApp({ demo: false });
  clerk = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
});
after(() => t.close());

const addItem = (part: string | undefined, number: string, text: string) =>
  clerk.post(`/tracker/sources/${sourceId}/recommendations/new`, {
    ...(part ? { part: ids.get(part)! } : {}),
    number,
    text,
  });

test('TRK-01: a clerk adds and renames a source’s parts, and moves one; each part numbers its items afresh', async () => {
  const created = await clerk.post('/tracker/new', {
    title: 'Community and Police Consultative Groups: action plan, year 1',
    kind: 'review',
    reportsTo: 'Consultation, Diversity and Outreach Committee',
    isPublic: 'yes',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
  sourceId = idFrom(created.headers.location);

  const noTitle = await clerk.post(`/tracker/sources/${sourceId}/parts/new`, { title: ' ' });
  assert.equal(noTitle.statusCode, 400);
  assert.match(noTitle.body, /Enter the title of the part/);
  // The action plan typed first, under a working title; the objectives after it.
  const plan = await clerk.post(`/tracker/sources/${sourceId}/parts/new`, {
    title: 'Action plan',
  });
  assert.equal(plan.statusCode, 303, plan.body.slice(0, 1500));
  assert.equal(
    (await clerk.post(`/tracker/sources/${sourceId}/parts/new`, { title: 'Objectives' }))
      .statusCode,
    303,
  );
  const parts = await t.services.db
    .select()
    .from(trackerParts)
    .where(eq(trackerParts.sourceId, sourceId))
    .orderBy(asc(trackerParts.position));
  assert.deepEqual(
    parts.map((p) => p.title),
    ['Action plan', 'Objectives'],
  );
  ids.set('plan', parts[0]!.id);
  ids.set('objectives', parts[1]!.id);

  const rename = await clerk.get(`/tracker/parts/${ids.get('plan')}`);
  assert.match(rename.body, /value="Action plan"/);
  const renamed = await clerk.post(`/tracker/parts/${ids.get('plan')}`, {
    title: 'MPA Action Plan 2002/03',
  });
  assert.equal(renamed.statusCode, 303);
  const moved = await clerk.post(`/tracker/move/part/${ids.get('objectives')}`, {
    direction: 'up',
  });
  assert.equal(moved.statusCode, 303);
  assert.equal(moved.headers.location, `/tracker/sources/${sourceId}`);
  const page = textOf(mainOf((await clerk.get(`/tracker/sources/${sourceId}`)).body));
  assertInOrder(page, ['Parts of the source', 'Objectives', 'MPA Action Plan 2002/03']);

  // The form asks which part; without one, nothing is added.
  const form = await clerk.get(`/tracker/sources/${sourceId}/recommendations/new`);
  assert.match(textOf(form.body), /Part of the source Each part numbers its items afresh/);
  const noPart = await addItem(undefined, '1', PLAN[0]!);
  assert.equal(noPart.statusCode, 400);
  assert.match(noPart.body, /Select the part of the source it is in/);
});

test('TRK-01: seed 002’s Appendix 4 typed out of order reads in the seed’s order, with its numbers and wording', async () => {
  // Objectives 3, 1, 2; each a single-line item: one action directly under it, no wording of
  // its own, Not started because the form says nothing else.
  for (const n of [3, 1, 2]) {
    const added = await addItem('objectives', String(n), OBJECTIVES[n - 1]!);
    assert.equal(added.statusCode, 303, added.body.slice(0, 1500));
    const id = idFrom(added.headers.location);
    ids.set(`objective ${n}`, id);
    const form = await clerk.get(`/tracker/recommendations/${id}/actions/new`);
    assert.match(form.body, /value="not_started" checked/);
    const action = await clerk.post(`/tracker/recommendations/${id}/actions/new`, {});
    assert.equal(action.statusCode, 303, action.body.slice(0, 1500));
  }
  // The action plan: 10 first, then 1 to 9; item 1 taken in the objectives is free here.
  for (const n of [10, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
    const added = await addItem('plan', String(n), PLAN[n - 1]!);
    assert.equal(added.statusCode, 303, added.body.slice(0, 1500));
    ids.set(`item ${n}`, idFrom(added.headers.location));
  }
  // Item 2's sub-items as numbered key points, typed 2.3, 2.1, 2.2.
  for (const [n, words] of [ITEM_2[2], ITEM_2[0], ITEM_2[1]]) {
    const added = await clerk.post(`/tracker/recommendations/${ids.get('item 2')}/key-points/new`, {
      number: n,
      text: words,
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 1500));
  }
  // Item 3's as numbered actions directly under it, typed 3.6 first.
  for (const [n, words] of [ITEM_3[5], ...ITEM_3.slice(0, 5)]) {
    const added = await clerk.post(`/tracker/recommendations/${ids.get('item 3')}/actions/new`, {
      number: n,
      description: words,
      result: n === '3.1' ? 'ongoing' : '',
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 1500));
  }

  const source = await clerk.get(`/tracker/sources/${sourceId}`);
  assert.equal(source.statusCode, 200);
  const sourceText = textOf(mainOf(source.body));
  assertInOrder(sourceText, SEED_ORDER);
  assert.match(sourceText, /9 actions: 0 completed, 1 ongoing, 0 awaiting\. 8 not started\./);
  // A single-line item is shown once: its text, then its result, not its text again.
  assert.equal(sourceText.split(OBJECTIVES[0]!).length, 2);

  const recommendation = textOf(
    mainOf((await clerk.get(`/tracker/recommendations/${ids.get('item 3')}`)).body),
  );
  assertInOrder(recommendation, [
    'MPA Action Plan 2002/03',
    'Recommendation 3',
    PLAN[2]!,
    '3.1 Staffing;',
    'Ongoing',
    '3.2 Accommodation;',
    'Not started',
    '3.6 Links with Independent Custody Visiting.',
    'Not started',
  ]);

  const report = await clerk.get(`/tracker/sources/${sourceId}/report`);
  assert.equal(report.statusCode, 200);
  const reportText = textOf(mainOf(report.body));
  assertInOrder(reportText, ['Ongoing 1', 'Not started 8', 'Every action 9', ...SEED_ORDER]);

  const csv = await clerk.get(`/tracker/sources/${sourceId}/report.csv`);
  assert.equal(csv.statusCode, 200);
  const rows = parse(csv.body.replace(/^\uFEFF/, '')) as string[][];
  assert.deepEqual(rows[0], [
    'Part',
    'Recommendation',
    'Heading',
    'Recommendation text',
    'Standing',
    'Rationale',
    'Key point number',
    'Key point',
    'Lead',
    'Action number',
    'Action',
    'Owner',
    'Due',
    'Result/timescale',
    'Narrative',
    'Since the last report',
    'Withdrawn',
  ]);
  const read = rows.slice(1).map((r) => [r[0], r[1], r[3], r[6], r[7], r[9], r[10], r[13]]);
  assert.deepEqual(read, [
    ...OBJECTIVES.map((words, i) => [
      'Objectives',
      String(i + 1),
      words,
      '',
      '',
      '',
      '',
      'Not started',
    ]),
    ['MPA Action Plan 2002/03', '1', PLAN[0], '', '', '', '', ''],
    ...ITEM_2.map(([n, words]) => ['MPA Action Plan 2002/03', '2', PLAN[1], n, words, '', '', '']),
    ...ITEM_3.map(([n, words]) => [
      'MPA Action Plan 2002/03',
      '3',
      PLAN[2],
      '',
      '',
      n,
      words,
      n === '3.1' ? 'Ongoing' : 'Not started',
    ]),
    ...PLAN.slice(3).map((words, i) => [
      'MPA Action Plan 2002/03',
      String(i + 4),
      words,
      '',
      '',
      '',
      '',
      '',
    ]),
  ]);

  // The committee PDF reads the same way, from the same report as the page.
  const pdf = await clerk.get(`/tracker/sources/${sourceId}/report.pdf`);
  assert.equal(pdf.statusCode, 200);
  const pdfText = (await pdfPages(pdf.rawPayload))
    .flat()
    .filter((l) => !l.artifact)
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ');
  assertInOrder(pdfText, ['Not started 8', 'Every action 9', ...SEED_ORDER]);

  // The public page reads the same way.
  const publicPage = textOf(mainOf((await clerk.get(`/recommendations/${sourceId}`)).body));
  assertInOrder(publicPage, SEED_ORDER);
});

test('TRK-01: a number already taken in the part, among the key points or the actions is refused, naming it; nothing changes', async () => {
  const before = await t.services.db
    .select({ n: count() })
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.sourceId, sourceId));
  const taken = await addItem('plan', '3', 'A second item 3');
  assert.equal(taken.statusCode, 409);
  assert.match(textOf(taken.body), /The part MPA Action Plan 2002\/03 already has a number 3/);
  const keyPoint = await clerk.post(
    `/tracker/recommendations/${ids.get('item 2')}/key-points/new`,
    {
      number: '2.1',
      text: 'Again',
    },
  );
  assert.equal(keyPoint.statusCode, 409);
  assert.match(keyPoint.body, /This already has a key point numbered 2.1/);
  const action = await clerk.post(`/tracker/recommendations/${ids.get('item 3')}/actions/new`, {
    number: '3.4',
    description: 'Again',
  });
  assert.equal(action.statusCode, 409);
  assert.match(action.body, /There is already an action numbered 3.4 here/);
  const badNumber = await clerk.post(`/tracker/recommendations/${ids.get('item 3')}/actions/new`, {
    number: '3.7 Something',
    description: 'Again',
  });
  assert.equal(badNumber.statusCode, 400);
  assert.match(badNumber.body, /Enter the number as the source gives it, like 2.1, a or ii/);
  const after = await t.services.db
    .select({ n: count() })
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.sourceId, sourceId));
  assert.deepEqual(after, before);
  const [actions] = await t.services.db
    .select({ n: count() })
    .from(trackerActions)
    .where(eq(trackerActions.recommendationId, ids.get('item 3')!));
  assert.equal(actions!.n, 6);
});

test('TRK-01: a manager moves an item up or down among its siblings; nobody else can, and nothing changes', async () => {
  const order = async () =>
    (
      await t.services.db
        .select({ number: trackerRecommendations.number })
        .from(trackerRecommendations)
        .where(eq(trackerRecommendations.partId, ids.get('plan')!))
        .orderBy(asc(trackerRecommendations.position))
    ).map((r) => r.number);
  const seed = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
  assert.deepEqual(await order(), seed);

  const member = await signInAccount(t, await makeAccount(t, { role: 'authority_member' }));
  const refused = await member.post(`/tracker/move/recommendation/${ids.get('item 10')}`, {
    direction: 'up',
  });
  assert.equal(refused.statusCode, 403);
  assert.deepEqual(await order(), seed);

  const moved = await clerk.post(`/tracker/move/recommendation/${ids.get('item 10')}`, {
    direction: 'up',
  });
  assert.equal(moved.statusCode, 303);
  assert.deepEqual(await order(), ['1', '2', '3', '4', '5', '6', '7', '8', '10', '9']);
  const page = textOf(mainOf((await clerk.get(`/tracker/sources/${sourceId}`)).body));
  assertInOrder(page, ['Recommendation 8', 'Recommendation 10', 'Recommendation 9']);
  // Already first: nothing moves.
  await clerk.post(`/tracker/move/recommendation/${ids.get('item 1')}`, { direction: 'up' });
  assert.equal((await order())[0], '1');
  await clerk.post(`/tracker/move/recommendation/${ids.get('item 10')}`, { direction: 'down' });
  assert.deepEqual(await order(), seed);

  // A key point moves among its recommendation's key points, and says so in the audit trail.
  const rec = await clerk.get(`/tracker/recommendations/${ids.get('item 2')}`);
  const keyPointId = /\/tracker\/move\/key-point\/([0-9a-f-]{36})"[\s\S]*?Move up/.exec(
    rec.body.slice(rec.body.indexOf('2.2 A review')),
  )![1]!;
  const up = await clerk.post(`/tracker/move/key-point/${keyPointId}`, { direction: 'up' });
  assert.equal(up.headers.location, `/tracker/recommendations/${ids.get('item 2')}`);
  assertInOrder(
    textOf(mainOf((await clerk.get(`/tracker/recommendations/${ids.get('item 2')}`)).body)),
    ['2.2 A review', '2.1 Future', '2.3 Funding'],
  );
});

test('TRK-01: the typed plan exports with its parts, numbers and direct actions, and imports again as it was', async () => {
  const exported = await clerk.get(`/tracker/sources/${sourceId}/export.csv`);
  assert.equal(exported.statusCode, 200);
  const rows = parse(exported.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<
    string,
    string
  >[];
  assert.deepEqual(
    rows.filter((r) => r.part).map((r) => [r.part, r.recommendation]),
    [
      ['Objectives', '1'],
      ['MPA Action Plan 2002/03', '1'],
    ],
  );
  assert.deepEqual(
    rows.filter((r) => r.key_point_number).map((r) => r.key_point_number),
    ['2.2', '2.1', '2.3'],
  );
  assert.deepEqual(
    rows.filter((r) => r.action_number).map((r) => [r.action_number, r.action, r.key_point]),
    ITEM_3.map(([n, words]) => [n, words, '']),
  );
  // Another copy of it, under another title, imports and exports the same.
  const copy = exported.body.replace(
    'Community and Police Consultative Groups: action plan, year 1',
    'Consultative Groups: action plan, a copy',
  );
  const imported = await clerk.postFile(
    '/tracker/import',
    {},
    { field: 'file', name: 'copy.csv', bytes: Buffer.from(copy), type: 'text/csv' },
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
  const again = await clerk.get(`${imported.headers.location}/export.csv`);
  assert.equal(again.body, copy);
  const page = textOf(mainOf((await clerk.get(imported.headers.location!)).body));
  assertInOrder(page, [
    'Objectives',
    'Recommendation 1',
    OBJECTIVES[0]!,
    'MPA Action Plan 2002/03',
    'Recommendation 3',
    '3.1 Staffing;',
    '3.6 Links with Independent Custody Visiting.',
  ]);
});

test('TRK-01: the shipped example of seed 002’s Appendix 4 imports, and its report page and PDF read in the seed’s order', async () => {
  const bytes = readFileSync(
    path.resolve('examples/tracker/consultative-groups-action-plan-2002.csv'),
  );
  const imported = await clerk.postFile(
    '/tracker/import',
    {},
    { field: 'file', name: 'plan.csv', bytes, type: 'text/csv' },
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
  const report = await clerk.get(`${imported.headers.location}/report`);
  assertInOrder(textOf(mainOf(report.body)), ['Not started 17', 'Every action 17', ...SEED_ORDER]);
  const pdf = await clerk.get(`${imported.headers.location}/report.pdf`);
  const pdfText = (await pdfPages(pdf.rawPayload))
    .flat()
    .filter((l) => !l.artifact)
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ');
  assertInOrder(pdfText, SEED_ORDER);
});
