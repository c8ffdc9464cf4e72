/**
 * Issue 27 parts 1 and 4 (CON-01, CDRP-10, LEG-04, DP-01): indicators defined through the pages,
 * their targets set and figures typed, corrected and uploaded, read in the table beside the
 * chart with their RAG status, and the public ones read by anyone; with the refusals of bad
 * input, of stale edits, of bad files by line, and of roles that may not. The app's clock is
 * 23 November 2026 (reporting year 2026-27). Each test makes its own indicators.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { indicatorsPersonData } from '../../src/modules/indicators/person-data.js';
import { indicatorValues, indicators } from '../../src/modules/indicators/schema.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeOrganisation, referenceOrganisationId, uniqueTag } from '../factories/directory.js';
import { makeIndicator } from '../factories/indicators.js';
import { mainOf, rowOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let reader: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
  reader = await signInNewAccount(t, 'partnership_officer');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const valuesOf = (id: string) =>
  t.services.db.select().from(indicatorValues).where(eq(indicatorValues.indicatorId, id));
const upload = (agent: Agent, id: string, csv: string) =>
  agent.postFile(
    `/performance-indicators/${id}/upload`,
    {},
    { field: 'file', name: 'figures.csv', bytes: Buffer.from(csv, 'utf8'), type: 'text/csv' },
  );

test('CON-01: an authority officer defines an indicator; an empty form names each field; a stale edit is refused', async () => {
  const refused = await officer.post('/performance-indicators/new', { tolerance: '5' });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  for (const message of [
    'Enter the name',
    'Enter the definition',
    'Select the unit',
    'Select whether a higher figure is better or worse',
    'Select the owner from the list',
    'Select how often it is measured',
    'Select what it is kept for',
  ])
    assert.match(said, new RegExp(message));

  const owner = await makeOrganisation(t, { kind: 'police_unit' });
  const name = `Visits made ${uniqueTag()}`;
  const saved = await officer.post('/performance-indicators/new', {
    name,
    definition: 'Custody visits made in the quarter.',
    unit: 'count',
    polarity: 'higher_better',
    ownerId: owner.id,
    frequency: 'quarterly',
    breakdown: 'none',
    tolerance: '10',
    isPublic: 'no',
  });
  assert.equal(saved.statusCode, 303);
  const href = saved.headers.location as string;
  const page = text((await officer.get(href)).body);
  assert.match(page, new RegExp(`${name} has been defined`));
  assert.match(page, new RegExp(`Owner ${owner.name}`));
  assert.match(page, /Better when Higher is better/);
  assert.match(page, /Amber band Within 10% of the target/);
  assert.match(page, /Public Not public/);
  const id = href.split('/').pop()!;

  const edit = await officer.get(`${href}/edit`);
  const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
  const form = {
    name: `${name} (changed)`,
    definition: 'Custody visits made.',
    unit: 'count',
    polarity: 'higher_better',
    ownerId: owner.id,
    frequency: 'quarterly',
    breakdown: 'none',
    tolerance: '10',
    isPublic: 'no',
    version,
  };
  assert.equal((await officer.post(`${href}/edit`, form)).statusCode, 303);
  const stale = await officer.post(`${href}/edit`, { ...form, name: 'Lost' });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this indicator/);
  const [row] = await t.services.db.select().from(indicators).where(eq(indicators.id, id));
  assert.equal(row!.name, `${name} (changed)`);
});

test('CON-01, CDRP-10: a figure typed for a period is read in the table with its target and RAG; a correction keeps the earlier figure in the audit event', async () => {
  const indicator = await makeIndicator(t, {
    unit: 'percent',
    polarity: 'higher_better',
    tolerance: 5,
    targets: { '2026-09-01': 8000, '2026-10-01': 8000 },
  });
  const href = `/performance-indicators/${indicator.id}`;

  const bad = await officer.post(`${href}/values`, { period: '2026-10-01', value: '12.345' });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /Enter the value with no more decimal places than a percentage has/);
  const future = await officer.post(`${href}/values`, { period: '2027-01-01', value: '50' });
  assert.equal(future.statusCode, 400);
  assert.match(text(future.body), /Select a period that has begun/);
  assert.equal((await valuesOf(indicator.id)).length, 0, 'nothing written');

  const first = await officer.post(`${href}/values`, {
    period: '2026-10-01',
    value: '70',
    note: 'From the survey',
  });
  assert.equal(first.statusCode, 303);
  assert.match(
    text((await officer.get(href)).body),
    /The figure for October 2026 has been recorded/,
  );
  const corrected = await officer.post(`${href}/values`, { period: '2026-10-01', value: '76.5' });
  assert.equal(corrected.statusCode, 303);
  assert.match(
    text((await officer.get(href)).body),
    /The figure for October 2026 has been corrected/,
  );
  await officer.post(`${href}/values`, { period: '2026-09-01', value: '80.25' });

  const page = await officer.get(href);
  assert.doesNotMatch(text(page.body), /Each borough/, 'kept for the whole area only');
  const table = tableOf(page.body, /Figures for The whole area/);
  const october = rowOf(table, 'October 2026');
  assert.equal(october.Value, '76.5%');
  assert.equal(october.Target, '80%');
  assert.equal(october.Status, 'Amber: near target', '76.5 misses 80 by 3.5, within 5% of 80');
  assert.match(october.Given!, /^Typed, 23 November 2026/);
  const september = rowOf(table, 'September 2026');
  assert.equal(september.Value, '80.25%');
  assert.equal(september.Status, 'Green: on target');
  assert.equal(rowOf(table, 'August 2026').Value, 'No figure');
  assert.equal(rowOf(table, 'August 2026').Status, 'No target');
  // The chart: an image with its title and description, with the target drawn dashed.
  assert.match(
    page.body,
    /<svg[^>]*role="img"[^>]*aria-labelledby="indicator-chart-title indicator-chart-desc"/,
  );
  assert.match(page.body, /<title id="indicator-chart-title">/);
  assert.match(page.body, /stroke-dasharray="6 4"/);

  const [value] = await t.services.db
    .select()
    .from(indicatorValues)
    .where(
      and(eq(indicatorValues.indicatorId, indicator.id), eq(indicatorValues.period, '2026-10-01')),
    );
  assert.equal(value!.value, 7650);
  assert.equal(value!.source, 'typed');
  assert.equal(value!.note, null, 'the correction gave no note');
  const [event] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordId, indicator.id),
        eq(auditEvents.action, 'indicators.value-corrected'),
      ),
    )
    .orderBy(desc(auditEvents.occurredAt));
  assert.equal((event!.before as { value: number }).value, 7000, 'the earlier figure is kept');
  assert.equal((event!.before as { note: string }).note, 'From the survey');
  // DP-02: the figures a person gave are in what Bridge holds about them, exactly as typed.
  const [figures] = await indicatorsPersonData(
    t.services.db,
    { personId: randomUUID(), userId: value!.recordedBy },
    t.services.t,
  );
  assert.equal(figures!.title, 'Indicator figures you gave');
  const given = figures!.rows.filter((r) => r.Indicator === indicator.name);
  assert.deepEqual(
    given.map((r) => [r['Period (first day)'], r.Value, r['Given by']]),
    [
      ['2026-09-01', '80.25', 'typed'],
      ['2026-10-01', '76.50', 'typed'],
    ],
  );
});

test('CON-01: the targets of a reporting year are set; red beyond the tolerance; lower is better', async () => {
  const indicator = await makeIndicator(t, {
    unit: 'days',
    polarity: 'lower_better',
    frequency: 'quarterly',
    values: { '2026-04-01': 2200, '2026-07-01': 1900 },
  });
  const href = `/performance-indicators/${indicator.id}`;
  const form = await officer.get(`${href}/targets?year=2026`);
  assert.match(text(form.body), /Targets for 2026-27/);
  assert.match(text(form.body), /Q1 2026-27/);

  const bad = await officer.post(`${href}/targets`, {
    year: '2026',
    'target-2026-04-01': 'twenty',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /Enter the target as a number/);
  assert.match(bad.body, /href="#target-2026-04-01"/);

  const saved = await officer.post(`${href}/targets`, {
    year: '2026',
    'target-2026-04-01': '20',
    'target-2026-07-01': '20',
    'target-2026-10-01': '',
    'target-2027-01-01': '18.5',
  });
  assert.equal(saved.statusCode, 303);
  const page = await officer.get(href);
  assert.match(text(page.body), /Targets saved: 3 changed/);
  const table = tableOf(page.body, /Figures for/);
  assert.deepEqual(
    [
      rowOf(table, 'Q1 2026-27').Value,
      rowOf(table, 'Q1 2026-27').Target,
      rowOf(table, 'Q1 2026-27').Status,
    ],
    ['22 days', '20 days', 'Red: off target'],
  );
  assert.equal(rowOf(table, 'Q2 2026-27').Status, 'Green: on target');
  assert.equal(rowOf(table, 'Q4 2026-27').Target, '18.5 days');
  assert.equal(rowOf(table, 'Q3 2026-27').Target, 'None set');

  // The list: the latest figure, its target and RAG.
  const list = await officer.get('/performance-indicators');
  const row = rowOf(tableOf(list.body), indicator.name);
  assert.deepEqual(
    [row['Latest period'], row.Value, row.Target, row.Status],
    ['Q2 2026-27', '19 days', '20 days', 'Green: on target'],
  );
});

test('CDRP-10: a file of figures is refused by line with nothing taken; a good one replaces the same period and borough', async () => {
  const camden = await referenceOrganisationId(t, 'E09000007');
  const indicator = await makeIndicator(t, {
    breakdown: 'borough',
    values: { '2026-09-01': 500 },
    targets: { '2026-10-01': 10000 },
  });
  const bad = await upload(
    officer,
    indicator.id,
    [
      'period,borough_code,value,note',
      '2026-10-15,,100,',
      '2026-10-01,NOPE,5,',
      '2026-10-01,,1.5,',
      '2027-02-01,,5,',
      '2026-10-01,,120,fine',
    ].join('\n'),
  );
  assert.equal(bad.statusCode, 400);
  const said = text(bad.body);
  assert.match(said, /Line 2: "2026-10-15" is not the first day of a month/);
  assert.match(said, /Line 3: no borough has the code "NOPE"/);
  assert.match(said, /Line 4: the value has too many decimal places for a count/);
  assert.match(said, /Line 5: the period has not begun yet/);
  assert.doesNotMatch(said, /Line 6/);
  assert.match(said, /Nothing was imported/);
  assert.equal((await valuesOf(indicator.id)).length, 1, 'nothing taken');

  // One borough named by its code and again by its id, for one period: the second line is
  // refused by name, not a failed write.
  const twice = await upload(
    officer,
    indicator.id,
    ['period,borough_code,value,note', '2026-10-01,E09000007,5,', `2026-10-01,${camden},6,`].join(
      '\n',
    ),
  );
  assert.equal(twice.statusCode, 400);
  assert.match(
    text(twice.body),
    /Line 3: this period and borough are given on an earlier line too/,
  );
  assert.equal((await valuesOf(indicator.id)).length, 1, 'nothing taken');

  const good = await upload(
    officer,
    indicator.id,
    [
      'period,borough_code,value,note',
      '2026-09-01,,90,revised',
      '2026-10-01,,101,',
      '2026-10-01,E09000007,12,',
    ].join('\n'),
  );
  assert.equal(good.statusCode, 303);
  const page = await officer.get(`/performance-indicators/${indicator.id}`);
  assert.match(text(page.body), /3 figures uploaded; 1 replaced/);
  const table = tableOf(page.body, /Figures for The whole area/);
  assert.equal(rowOf(table, 'September 2026').Value, '90');
  assert.match(rowOf(table, 'September 2026').Given!, /^Uploaded file, 23 November 2026: revised/);
  assert.equal(rowOf(table, 'October 2026').Status, 'Green: on target');
  const boroughs = tableOf(page.body, /Each borough in October 2026/);
  // A borough's count is a part of the area's: the area's target of 100 is not Camden's.
  assert.deepEqual(
    [rowOf(boroughs, 'Camden').Value, rowOf(boroughs, 'Camden').Status],
    ['12', 'No target'],
  );
  // A borough's own chart and table.
  const camdenPage = await officer.get(`/performance-indicators/${indicator.id}?borough=${camden}`);
  assert.equal(rowOf(tableOf(camdenPage.body, /Figures for Camden/), 'October 2026').Value, '12');
  assert.equal((await valuesOf(indicator.id)).length, 3);
});

test('CON-01: a partnership officer reads the indicators but may not define them or give figures; nothing changes', async () => {
  const indicator = await makeIndicator(t, { values: { '2026-10-01': 1200 } });
  const href = `/performance-indicators/${indicator.id}`;
  assert.equal((await reader.get(href)).statusCode, 200);
  assert.doesNotMatch(text((await reader.get(href)).body), /Enter a figure/);
  assert.equal((await reader.get('/performance-indicators/new')).statusCode, 403);
  assert.equal(
    (await reader.post(`${href}/values`, { period: '2026-10-01', value: '5' })).statusCode,
    403,
  );
  assert.equal(
    (await reader.post(`${href}/targets`, { year: '2026', 'target-2026-10-01': '5' })).statusCode,
    403,
  );
  assert.equal(
    (await upload(reader, indicator.id, 'period,borough_code,value,note\n2026-10-01,,5,\n'))
      .statusCode,
    403,
  );
  const advisor = await signInNewAccount(t, 'advisor');
  assert.equal((await advisor.get(href)).statusCode, 403);
  const rows = await valuesOf(indicator.id);
  assert.deepEqual(
    rows.map((r) => r.value),
    [1200],
  );
});

test('CDRP-10, DP-01: the public read the public indicators only, with a count of people below 10 as "fewer than 10"', async () => {
  const people = await makeIndicator(t, {
    name: `People helped ${uniqueTag()}`,
    unit: 'people',
    isPublic: true,
    values: { '2026-09-01': 1400, '2026-10-01': 700 },
    targets: { '2026-10-01': 1000 },
  });
  const hidden = await makeIndicator(t, { name: `Internal ${uniqueTag()}`, isPublic: false });
  const anyone = new Agent(t.app);
  const list = await anyone.get('/indicators');
  assert.equal(list.statusCode, 200);
  assert.match(text(list.body), new RegExp(people.name));
  assert.doesNotMatch(text(list.body), new RegExp(hidden.name));
  const row = rowOf(tableOf(list.body), people.name);
  assert.equal(row.Value, 'fewer than 10');
  assert.equal(row.Target, '10');
  // Red would tell that the hidden count is under its target of 10: the status is withheld too.
  assert.equal(row.Status, 'Not shown: the count is too small to publish');

  const page = await anyone.get(`/indicators/${people.id}`);
  const table = tableOf(page.body, /Figures for/);
  assert.equal(rowOf(table, 'October 2026').Value, 'fewer than 10');
  assert.equal(rowOf(table, 'October 2026').Status, 'Not shown: the count is too small to publish');
  assert.equal(rowOf(table, 'September 2026').Value, '14');
  assert.match(text(page.body), /a figure below 10 is shown as "fewer than 10"/);
  assert.doesNotMatch(page.body, /Typed/, 'who gave it is for staff');
  // The staff read the figure itself.
  assert.equal(
    rowOf(
      tableOf((await reader.get(`/performance-indicators/${people.id}`)).body, /Figures for/),
      'October 2026',
    ).Value,
    '7',
  );
  assert.equal((await anyone.get(`/indicators/${hidden.id}`)).statusCode, 404);
});

test('CON-01, ICV-10: the demo has two indicators with a year of figures, one public; they go with the demo data', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  try {
    const anyone = new Agent(t.app);
    const list = await anyone.get('/indicators');
    const visits = rowOf(tableOf(list.body), 'Independent custody visits made');
    assert.equal(visits.Value, '46');
    assert.equal(visits.Target, '40');
    assert.equal(visits.Status, 'Green: on target');
    assert.doesNotMatch(text(list.body), /Days to answer/, 'not public');
    const staff = await officer.get('/performance-indicators');
    const days = rowOf(tableOf(staff.body), 'Days to answer');
    assert.deepEqual(
      [days.Value, days.Target, days.Status],
      ['18.5 days', '20 days', 'Green: on target'],
    );
  } finally {
    await removeDemoData(t.services.db);
  }
  const gone = text((await officer.get('/performance-indicators')).body);
  assert.doesNotMatch(gone, /Independent custody visits made|Days to answer/);
});

test('CON-01: an indicator Bridge counts (meetings held) is counted again for the periods that have ended; a figure Bridge counts must be a count', async () => {
  const owner = await makeOrganisation(t, { kind: 'authority' });
  const form = {
    name: `Meetings held ${uniqueTag()}`,
    definition: 'Meetings of every body, not cancelled.',
    unit: 'percent',
    polarity: 'higher_better',
    ownerId: owner.id,
    frequency: 'monthly',
    breakdown: 'none',
    measureKey: 'meetings.held',
  };
  const refused = await officer.post('/performance-indicators/new', form);
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /you chose is in the unit ‘Count’: choose that unit/);
  const unknown = await officer.post('/performance-indicators/new', {
    ...form,
    unit: 'count',
    measureKey: 'nothing.counted',
  });
  assert.match(text(unknown.body), /Select a figure Bridge counts from the list/);

  const saved = await officer.post('/performance-indicators/new', { ...form, unit: 'count' });
  assert.equal(saved.statusCode, 303);
  const href = saved.headers.location as string;
  const id = href.split('/').pop()!;
  assert.match(text((await officer.get(href)).body), /Counted by Bridge Meetings held/);
  assert.equal((await reader.post(`${href}/refresh`)).statusCode, 403);
  assert.equal((await valuesOf(id)).length, 0);

  assert.equal((await officer.post(`${href}/refresh`)).statusCode, 303);
  const september = async () =>
    rowOf(tableOf((await officer.get(href)).body, /Figures for/), 'September 2026');
  const before = await september();
  assert.match(before.Given!, /^Counted by Bridge, 23 November 2026/);
  await t.services.db.insert(meetings).values(
    ['scheduled', 'cancelled'].map((status) => ({
      bodyType: 'advisory_group' as const,
      bodyId: owner.id,
      title: `Counted ${uniqueTag()}`,
      startsAt: new Date('2026-09-15T18:00:00Z'),
      format: 'in_person' as const,
      status: status as 'scheduled' | 'cancelled',
    })),
  );
  await officer.post(`${href}/refresh`);
  const page = await officer.get(href);
  assert.match(text(page.body), /Counted again from Bridge: 24 periods/);
  const after = await september();
  assert.equal(Number(after.Value), Number(before.Value) + 1, 'the cancelled one is not counted');
  const table = tableOf(page.body, /Figures for/);
  assert.equal(rowOf(table, 'November 2026').Value, 'No figure', 'not yet ended');
  assert.equal((await valuesOf(id)).filter((v) => v.source === 'bridge').length, 24);
});
