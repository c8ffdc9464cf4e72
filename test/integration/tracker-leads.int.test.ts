/**
 * Issue 23 item 4 (CON-08, TRK-01): a key point's leads and an action's owners are people in the
 * directory (who need not use Bridge), picked by name or added there in the same step, or units;
 * as many as the plan names. Every page, file and rule that reads them reads them all.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { and, count, eq, sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { buildServices } from '../../src/app.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { migrationsFolder, openDatabase, queryRows } from '../../src/platform/db/database.js';
import { people } from '../../src/modules/directory/schema.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
} from '../../src/modules/tracker/schema.js';
import { createTestApp, principalFor, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makePerson, type FactoryPerson } from '../factories/directory.js';
import { organisationIdByCode, trackerCsv } from '../factories/tracker.js';

let t: TestApp;
let officer: Agent;
let camdenId: string;
let hrId: string;
/** A strand lead in the directory with no account and no e-mail address, in HR. */
let cindy: FactoryPerson;
/** Two people of one name. */
let sams: FactoryPerson[];
/** An owner who uses Bridge. */
let olu: FactoryAccount;
let sourceId: string;
let recommendationId: string;
let keyPointId: string;
let actionId: string;

const idFrom = (location: string | undefined) => location!.split('?')[0]!.split('/').pop()!;
const HR = 'Human Resources Directorate';

before(async () => {
  // No demo data: the file makes the people it reads. Camden and HR are reference data.
  t = await createTestApp({ demo: false });
  officer = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
  camdenId = await organisationIdByCode(t, 'E09000007');
  hrId = await organisationIdByCode(t, 'human-resources');
  cindy = await makePerson(t, { fullName: 'Cindy Butts', email: null, organisationId: hrId });
  sams = [
    await makePerson(t, { fullName: 'Sam Jones', email: null, jobTitle: 'Chief Inspector' }),
    await makePerson(t, { fullName: 'Sam  jones', email: null, jobTitle: 'Youth worker' }),
  ];
  olu = await makeAccount(t, { role: 'authority_member', name: 'Olu Owner' });
  const created = await officer.post('/tracker/new', {
    title: 'Race IAG work plan 2006-07',
    kind: 'review',
    isPublic: 'yes',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
  sourceId = idFrom(created.headers.location);
  const objective = await officer.post(`/tracker/sources/${sourceId}/recommendations/new`, {
    number: '1',
    text: 'Advise on every critical incident in the year',
  });
  assert.equal(objective.statusCode, 303);
  recommendationId = idFrom(objective.headers.location);
});
after(() => t.close());

const keyPointCount = async () =>
  (
    await t.services.db
      .select({ n: count() })
      .from(trackerKeyPoints)
      .where(eq(trackerKeyPoints.recommendationId, recommendationId))
  )[0]!.n;
const peopleNamed = async (name: string) =>
  t.services.db.select().from(people).where(eq(people.fullName, name));

test('CON-08: a key point gets two leads picked by name, one added to the directory on the way, and a unit', async () => {
  const url = `/tracker/recommendations/${recommendationId}/key-points/new`;
  const text = 'Critical incident strand';

  // The form asks for one lead: a unit, or a person by name; it asks which only when it must.
  const blank = await officer.get(url);
  assert.match(blank.body, /Lead 1/);
  assert.match(blank.body, /Or a person: their full name or e-mail address/);
  assert.doesNotMatch(blank.body, /name="lead-0-person"/);
  // Without JavaScript, "Add another lead" shows the form again with one more row, keeping what
  // was typed and saving nothing.
  const another = await officer.post(url, { text, 'lead-0-name': 'Cindy Butts', addRow: 'lead' });
  assert.equal(another.statusCode, 200);
  assert.match(another.body, /Lead 2/);
  assert.match(another.body, /id="lead-1-name"/);
  assert.match(another.body, /name="lead-0-name"[^>]*value="Cindy Butts"/);
  assert.doesNotMatch(another.body, /Lead 3/);
  assert.equal(await keyPointCount(), 0);

  const form = {
    text,
    leadRows: '3',
    'lead-0-name': 'Cindy Butts',
    'lead-1-name': 'Rosa Lead',
    'lead-1-jobTitle': 'Strand lead, community engagement',
    'lead-2-organisation': hrId,
  };
  // Nobody is called Rosa Lead: the form says so against her row, and nothing is saved.
  const nobody = await officer.post(url, form);
  assert.equal(nobody.statusCode, 400);
  assert.match(
    nobody.body,
    /Nobody in the directory is called Rosa Lead: tick the box to add them, or choose a unit/,
  );
  assert.match(nobody.body, /href="#lead-1-name"/);
  assert.equal(await keyPointCount(), 0);
  assert.equal((await peopleNamed('Rosa Lead')).length, 0);

  // A unit and a person in one row, or the same person twice, is refused, naming the row.
  const both = await officer.post(url, {
    text,
    'lead-0-name': 'Cindy',
    'lead-0-organisation': hrId,
  });
  assert.match(both.body, /Choose a unit or give a person’s name, not both/);
  const twice = await officer.post(url, {
    text,
    leadRows: '2',
    'lead-0-name': 'Cindy Butts',
    'lead-1-name': 'cindy  butts',
  });
  assert.match(twice.body, /This one is named already: name each once/);
  assert.match(twice.body, /href="#lead-1-name"/);

  // Ticking the box adds her to the directory in the same step as the key point.
  const added = await officer.post(url, { ...form, 'lead-1-add': 'yes' });
  assert.equal(added.statusCode, 303, added.body.slice(0, 2000));
  assert.equal(await keyPointCount(), 1);
  const [rosa] = await peopleNamed('Rosa Lead');
  assert.equal(rosa!.jobTitle, 'Strand lead, community engagement');
  const [created] = await t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'person.created'), eq(auditEvents.recordId, rosa!.id)));
  assert.ok(created, 'adding her is audited as the directory audits it');
  // She is in the directory, as anyone who may see it finds her.
  const directory = await officer.get('/directory/people?q=Rosa');
  assert.match(directory.body, /Rosa Lead/);

  const page = await officer.get(`/tracker/recommendations/${recommendationId}`);
  assert.match(page.body, new RegExp(`Lead: Cindy Butts, Rosa Lead, ${HR}`));
  keyPointId = /\/tracker\/key-points\/([0-9a-f-]{36})\/actions\/new/.exec(page.body)![1]!;
  const leads = await t.services.db
    .select()
    .from(trackerLeads)
    .where(eq(trackerLeads.keyPointId, keyPointId))
    .orderBy(trackerLeads.position);
  assert.deepEqual(
    leads.map((l) => [l.position, l.personId, l.organisationId]),
    [
      [1, cindy.id, null],
      [2, rosa!.id, null],
      [3, null, hrId],
    ],
  );
});

test('CON-08: a name several people have, or only a name like theirs, comes back asking which', async () => {
  const url = `/tracker/recommendations/${recommendationId}/key-points/new`;
  const several = await officer.post(url, { text: 'Youth strand', 'lead-0-name': 'Sam Jones' });
  assert.equal(several.statusCode, 400);
  assert.match(several.body, /2 people in the directory are called Sam Jones: choose which one/);
  assert.match(several.body, /Which Sam Jones\?/);
  assert.match(several.body, /Chief Inspector/);
  assert.match(several.body, /Youth worker/);
  assert.match(several.body, /Someone else: add Sam Jones to the directory/);
  for (const sam of sams)
    assert.match(several.body, new RegExp(`name="lead-0-person" type="radio" value="${sam.id}"`));
  assert.equal(await keyPointCount(), 1);

  const like = await officer.post(url, { text: 'Youth strand', 'lead-0-name': 'Cindy' });
  assert.equal(like.statusCode, 400);
  assert.match(
    like.body,
    /Nobody in the directory is called exactly Cindy: choose who you meant, or add Cindy to the directory/,
  );
  assert.match(like.body, new RegExp(`value="${cindy.id}"`));

  const chosen = await officer.post(url, {
    text: 'Youth strand',
    'lead-0-name': 'Sam Jones',
    'lead-0-person': sams[1]!.id,
  });
  assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 2000));
  const page = await officer.get(`/tracker/recommendations/${recommendationId}`);
  assert.match(page.body, /Youth strand<br><span class="govuk-body-s">Lead: Sam {2}jones/);
  // Nobody was added on the way.
  assert.equal((await peopleNamed('Sam Jones')).length, 1);
});

test('TRK-01: an action with three owners is any of theirs on the dashboard, in my actions and to update', async () => {
  const added = await officer.post(`/tracker/key-points/${keyPointId}/actions/new`, {
    description: 'Brief every borough commander',
    ownerRows: '3',
    'owner-0-name': 'Cindy Butts',
    'owner-1-name': olu.email,
    'owner-2-organisation': camdenId,
    'dueOn-day': '1',
    'dueOn-month': '9',
    'dueOn-year': '2026',
    result: 'ongoing',
  });
  assert.equal(added.statusCode, 303, added.body.slice(0, 2000));
  const [action] = await t.services.db
    .select()
    .from(trackerActions)
    .where(eq(trackerActions.description, 'Brief every borough commander'));
  actionId = action!.id;

  const page = await officer.get(`/tracker/sources/${sourceId}`);
  assert.match(page.body, /Owner: Cindy Butts, Olu Owner, Camden/);

  // The dashboard: overdue, owned (so not in the unowned list), and found by the unit of its
  // first owner (Cindy is in HR) and by the borough that is its third.
  const all = await officer.get('/tracker/dashboard');
  assert.match(all.body, /Overdue actions: 1/);
  assert.match(all.body, /Open actions without an owner: 0/);
  assert.match(all.body, /Cindy Butts, Olu Owner, Camden/);
  const byHr = await officer.get(`/tracker/dashboard?owner=${hrId}`);
  assert.match(byHr.body, /Overdue actions: 1/);
  assert.match(byHr.body, /Brief every borough commander/);
  const byCamden = await officer.get(`/tracker/dashboard?borough=${camdenId}`);
  assert.match(byCamden.body, /Overdue actions: 1/);
  const bySomewhereElse = await officer.get(
    `/tracker/dashboard?owner=${await organisationIdByCode(t, 'E09000001')}`,
  );
  assert.match(bySomewhereElse.body, /Overdue actions: 0/);

  // My actions: the second owner's, and the third's partnership officer; nobody else's.
  const oluAgent = await signInAccount(t, olu);
  const mine = await oluAgent.get('/tracker/my-actions');
  assert.match(mine.body, /Brief every borough commander/);
  assert.match(mine.body, /1 action/);
  assert.equal((await oluAgent.get(`/tracker/actions/${actionId}`)).statusCode, 200);
  const camdenOfficer = await signInAccount(
    t,
    await makeAccount(t, {
      role: 'partnership_officer',
      scope: { type: 'borough', id: camdenId },
    }),
  );
  assert.match((await camdenOfficer.get('/tracker/my-actions')).body, /Brief every borough/);
  const stranger = await signInAccount(t, await makeAccount(t, { role: 'authority_member' }));
  assert.match(
    (await stranger.get('/tracker/my-actions')).body,
    /You have no actions to report on/,
  );
  assert.equal((await stranger.get(`/tracker/actions/${actionId}`)).statusCode, 404);

  // The second owner records progress: the rule lets any of them.
  await oluAgent.get(`/tracker/actions/${actionId}`);
  const updated = await oluAgent.post(`/tracker/actions/${actionId}`, {
    result: 'ongoing',
    narrative: 'Half the commanders briefed',
    version: String(action!.version),
  });
  assert.equal(updated.statusCode, 303, updated.body.slice(0, 1500));
});

test('CON-08: the report page, its CSV and the public page carry every lead and owner', async () => {
  const report = await officer.get(`/tracker/sources/${sourceId}/report`);
  assert.equal(report.statusCode, 200);
  assert.match(report.body, new RegExp(`Lead: Cindy Butts, Rosa Lead, ${HR}`));
  assert.match(report.body, /Owner: Cindy Butts, Olu Owner, Camden/);

  const csv = await officer.get(`/tracker/sources/${sourceId}/report.csv`);
  assert.equal(csv.statusCode, 200);
  const lines = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
  const head = lines[0]!.split(',');
  assert.deepEqual(head.slice(7, 12), ['Key point', 'Lead', 'Action number', 'Action', 'Owner']);
  const row = lines.find((l) => l.includes('Brief every borough commander'))!;
  assert.ok(row.includes(`Critical incident strand,Cindy Butts; Rosa Lead; ${HR},`), row);
  assert.ok(row.includes('Brief every borough commander,Cindy Butts; Olu Owner; Camden,'), row);

  // The public site names units, never people.
  const publicPage = await t.app.inject({ url: `/recommendations/${sourceId}` });
  assert.equal(publicPage.statusCode, 200);
  assert.match(publicPage.body, new RegExp(`Lead: ${HR}`));
  assert.match(publicPage.body, /Owner: Camden/);
  assert.doesNotMatch(publicPage.body, /Cindy Butts|Rosa Lead|Olu Owner/);
});

test('CON-08: what Bridge holds about a person lists the work they lead and the actions they own', async () => {
  const { modules } = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  });
  const tracker = modules.find((m) => m.name === 'tracker')!;
  const sections = await tracker.personData!(t.services.db, { personId: cindy.id, userId: null });
  const rows = (title: string) => sections.find((s) => s.title === title)!.rows;
  assert.deepEqual(
    rows('Work they lead').map((r) => r['Key point']),
    ['Critical incident strand'],
  );
  assert.deepEqual(
    rows('Actions they own').map((r) => r.Action),
    ['Brief every borough commander'],
  );
});

test('CON-08: the owner list is changed on the action’s details; a refused change changes nothing', async () => {
  const url = `/tracker/actions/${actionId}/details`;
  const form = await officer.get(url);
  assert.match(form.body, /name="owner-0-name"[^>]*value="Cindy Butts"/);
  assert.match(form.body, /name="owner-1-name"[^>]*value="Olu Owner"/);
  const refused = await officer.post(url, {
    description: 'Brief every borough commander',
    ownerRows: '2',
    'owner-0-organisation': camdenId,
    'owner-1-name': 'Nobody Known',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Nobody in the directory is called Nobody Known/);
  const owners = await t.services.db
    .select()
    .from(trackerLeads)
    .where(eq(trackerLeads.actionId, actionId));
  assert.equal(owners.length, 3);
  const changed = await officer.post(url, {
    description: 'Brief every borough commander',
    'owner-0-organisation': camdenId,
  });
  assert.equal(changed.statusCode, 303, changed.body.slice(0, 1500));
  const page = await officer.get(`/tracker/recommendations/${recommendationId}`);
  assert.match(
    page.body,
    /Brief every borough commander<br><span class="govuk-body-s">Owner: Camden</,
  );
  // Put back for the round trip below.
  const back = await officer.post(url, {
    description: 'Brief every borough commander',
    ownerRows: '3',
    'owner-0-name': 'Cindy Butts',
    'owner-1-name': olu.email,
    'owner-2-organisation': camdenId,
  });
  assert.equal(back.statusCode, 303, back.body.slice(0, 1500));
});

test('CON-08: a source with several leads exports and imports again byte for byte', async () => {
  const exported = await officer.get(`/tracker/sources/${sourceId}/export.csv`);
  assert.equal(exported.statusCode, 200);
  const file = exported.body;
  // Cindy and Rosa have no e-mail address: they are named as the directory has them.
  assert.ok(
    file.includes(`Critical incident strand,Cindy Butts; Rosa Lead; human-resources,`),
    file,
  );
  assert.ok(file.includes(`Cindy Butts; ${olu.email}; E09000007`), file);
  // One of the two Sam Joneses is named by their directory id, as the name is not theirs alone.
  assert.ok(file.includes(`Youth strand,${sams[1]!.id},`), file);

  const copy = file.replace(/Race IAG work plan 2006-07/g, 'Race IAG work plan 2006-07 (copy)');
  const imported = await officer.postFile(
    '/tracker/import',
    {},
    { field: 'file', name: 'copy.csv', bytes: Buffer.from(copy), type: 'text/csv' },
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
  const again = await officer.get(`${imported.headers.location!.split('?')[0]}/export.csv`);
  assert.equal(again.body, copy);
});

test('CON-08: a file naming a lead by a name several people have, or nobody has, is refused by line', async () => {
  const principal = await principalFor(
    t,
    (await makeAccount(t, { role: 'authority_officer' })).email,
  );
  const file = trackerCsv([
    {
      source_title: 'Leads by name',
      source_kind: 'review',
      recommendation: '1',
      recommendation_text: 'A recommendation',
      key_point: 'A strand',
      key_point_lead: 'Sam Jones; Cindy Butts',
    },
    { key_point: 'Another strand', key_point_lead: 'Cindy Butts;Nobody Known' },
  ]);
  await assert.rejects(t.services.tracker.importCsv(principal, file), (error: unknown) => {
    const messages = (error as { fieldErrors: { message: string }[] }).fieldErrors.map(
      (e) => e.message,
    );
    assert.deepEqual(messages, [
      'Line 2: key_point_lead: 2 people in the directory are called "Sam Jones": give the one meant by their e-mail address',
      'Line 3: key_point_lead "Nobody Known" is not in the directory: give an organisation\'s code, or a person\'s e-mail address or full name as the directory has it; several with "; " between',
    ]);
    return true;
  });
});

test('CON-08: migration 0026 copies each old lead and owner into the list, first of its key point or action', async () => {
  // The migrations up to 0025, on a database of its own, with rows in the old columns.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-0025-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 25);
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries)
    fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  const database = await openDatabase({});
  try {
    await migrate(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    const db = database.db;
    await db.execute(
      sql.raw(`insert into organisations (id, name, kind) values
        ('00000000-0000-4000-8000-000000000001', 'Old Unit', 'police_unit')`),
    );
    await db.execute(
      sql.raw(`insert into people (id, full_name) values
        ('00000000-0000-4000-8000-000000000002', 'Old Lead')`),
    );
    await db.execute(
      sql.raw(`insert into tracker_sources (id, title, kind, created_at, updated_at) values
        ('00000000-0000-4000-8000-000000000003', 'Old source', 'review', now(), now())`),
    );
    await db.execute(
      sql.raw(`insert into tracker_recommendations (id, source_id, number, position, text, created_at, updated_at)
        values ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003',
          '1', 1, 'Old text', now(), now())`),
    );
    await db.execute(
      sql.raw(`insert into tracker_key_points (id, recommendation_id, position, text, lead_person_id,
          lead_organisation_id, created_at, updated_at) values
        ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000004', 1,
          'Led by a person', '00000000-0000-4000-8000-000000000002', null, now(), now()),
        ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000004', 2,
          'Led by a unit', null, '00000000-0000-4000-8000-000000000001', now(), now()),
        ('00000000-0000-4000-8000-000000000013', '00000000-0000-4000-8000-000000000004', 3,
          'Led by nobody', null, null, now(), now())`),
    );
    await db.execute(
      sql.raw(`insert into tracker_actions (id, key_point_id, source_id, recommendation_id, position,
          description, owner_person_id, owner_organisation_id, result, created_at, updated_at) values
        ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-000000000011',
          '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004', 1,
          'Owned by a unit', null, '00000000-0000-4000-8000-000000000001', 'ongoing', now(), now()),
        ('00000000-0000-4000-8000-000000000022', '00000000-0000-4000-8000-000000000011',
          '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004', 2,
          'Owned by a person', '00000000-0000-4000-8000-000000000002', null, 'ongoing', now(), now()),
        ('00000000-0000-4000-8000-000000000023', '00000000-0000-4000-8000-000000000011',
          '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004', 3,
          'Owned by nobody', null, null, 'ongoing', now(), now())`),
    );
    // Then the rest, as an upgrade runs them.
    await database.migrate();
    const copied = await queryRows<{
      of: string;
      person_id: string | null;
      organisation_id: string | null;
      position: number;
    }>(
      db,
      sql`select right(coalesce(key_point_id, action_id)::text, 2) as of, person_id,
            organisation_id, position
          from tracker_leads order by of`,
    );
    assert.deepEqual(
      copied.map((r) => [r.of, r.person_id, r.organisation_id, r.position]),
      [
        ['11', '00000000-0000-4000-8000-000000000002', null, 1],
        ['12', null, '00000000-0000-4000-8000-000000000001', 1],
        ['21', null, '00000000-0000-4000-8000-000000000001', 1],
        ['22', '00000000-0000-4000-8000-000000000002', null, 1],
      ],
    );
    const oldColumns = await queryRows<{ column_name: string }>(
      db,
      sql`select column_name from information_schema.columns
          where table_name in ('tracker_key_points', 'tracker_actions')
            and (column_name like 'lead_%' or column_name like 'owner_%')`,
    );
    assert.deepEqual(oldColumns, []);
  } finally {
    await database.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
