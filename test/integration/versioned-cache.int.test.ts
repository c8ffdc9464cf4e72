import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createVersionedCache } from '../../src/platform/cache/versioned-cache.js';
import { queryRows, type Executor } from '../../src/platform/db/database.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeAcceptedDeployment } from '../factories/advice.js';
import { makeEstablishedGroup } from '../factories/groups.js';
import { makeAgenda, makeMeetingBegun, recordAttendance } from '../factories/meetings.js';
import { makeTrackerSource } from '../factories/tracker.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  // The file's own rows, made through the services as people make them: a group years into its
  // life (people and organisations, memberships, an election, terms of reference), one of its
  // advisors deployed, a meeting held with its agenda, and a tracker source with an action and a
  // lead. The tests below write to these rows (two people, two groups at the least); the
  // every-table check makes a row of its own only in the counted tables these leave empty.
  const group = await makeEstablishedGroup(t, { name: 'Versioned cache test group' });
  await makeAcceptedDeployment(
    t,
    { id: group.id, contact: group.deploymentContact },
    group.advisor,
  );
  const meeting = await makeMeetingBegun(t, group.id, { title: 'Counted meeting', minutesAgo: 30 });
  await makeAgenda(t, meeting.id, ['Counted agenda item']);
  await recordAttendance(t, meeting.id);
  await makeTrackerSource(t, [
    {
      source_title: 'Counted tracker source',
      source_kind: 'review',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: 'Count every table',
      key_point: 'Tables counted',
      key_point_lead: group.chair.email,
      action: 'Count the tables',
      action_owner: group.chair.email,
      due_on: '2027-02-28',
      result: 'ongoing',
    },
  ]);
});
after(() => t.close());

/** A cache of the groups' names, counting how often it had to build them. */
function groupNames() {
  let builds = 0;
  const cache = createVersionedCache<{ names: string[] }>(t.services.db, {
    kinds: ['groups'],
    max: 4,
  });
  const read = () =>
    cache.get('all', async () => {
      builds++;
      const rows = await queryRows<{ name: string }>(
        t.services.db,
        sql`select name from advisory_groups order by name`,
      );
      return { names: rows.map((r) => r.name) };
    });
  return { read, builds: () => builds };
}

test('kept while its data is unchanged; built again after any write to its tables, however made', async () => {
  const cache = groupNames();
  const first = await cache.read();
  assert.equal(await cache.read(), first);
  assert.equal(cache.builds(), 1);

  // A write to another kind of data leaves it kept.
  await t.services.db.execute(sql`update people set full_name = full_name where false`);
  await cache.read();
  assert.equal(cache.builds(), 1);

  // A write that is rolled back changes nothing, so it is still kept.
  await assert.rejects(
    t.services.db.transaction(async (tx) => {
      await tx.execute(sql`update advisory_groups set name = name || ' (renamed)'`);
      throw new Error('rolled back');
    }),
  );
  assert.equal(await cache.read(), first);
  assert.equal(cache.builds(), 1);

  // A write straight to the table, not through any service, is seen.
  await t.services.db.execute(
    sql`update advisory_groups set name = name || ' (renamed)' where code = 'iag-race'`,
  );
  const renamed = await cache.read();
  assert.equal(cache.builds(), 2);
  assert.ok(renamed.names.some((n) => n.endsWith(' (renamed)')));
  await t.services.db.execute(
    sql`update advisory_groups set name = replace(name, ' (renamed)', '') where code = 'iag-race'`,
  );
  assert.ok(!(await cache.read()).names.some((n) => n.endsWith(' (renamed)')));
});

test('requests at the same moment share one build; a build that fails is forgotten', async () => {
  const cache = groupNames();
  const [a, b, c] = await Promise.all([cache.read(), cache.read(), cache.read()]);
  assert.equal(cache.builds(), 1);
  assert.ok(a === b && b === c);

  let fail = true;
  const failing = createVersionedCache<{ n: number }>(t.services.db, { kinds: ['groups'], max: 4 });
  const build = async () => {
    if (fail) throw new Error('the database was busy');
    return { n: 1 };
  };
  await assert.rejects(failing.get('k', build), /busy/);
  fail = false;
  assert.deepEqual(await failing.get('k', build), { n: 1 });
});

// Issue 22 item 6: the counters are moved on at commit, all together and in the order of their
// names (migration 0024), so no order of writes can deadlock on them.

const onPostgres = process.env.BRIDGE_TEST_DB === 'postgres';

/** Every kind's counter, as the executor sees it. */
async function counters(executor: Executor = t.services.db): Promise<Record<string, number>> {
  const rows = await queryRows<{ name: string; version: number }>(
    executor,
    sql`select name, version::int as version from data_versions`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.version]));
}

/** Writes (changing nothing) the nth group or person, in the order of their ids. */
const touchGroup = (n: number) =>
  sql`update advisory_groups set name = name
      where id = (select id from advisory_groups order by id offset ${n} limit 1)`;
const touchPerson = (n: number) =>
  sql`update people set full_name = full_name
      where id = (select id from people order by id offset ${n} limit 1)`;

/** A promise and what settles it, for holding one transaction until another has written. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test(
  'two transactions writing two kinds in opposite orders both commit',
  { skip: !onPostgres && 'PGlite has one connection, so two transactions cannot interleave' },
  async () => {
    const before = await counters();
    const db = t.services.db;
    const groupsWritten = gate();
    const directoryWritten = gate();
    // Each writes its first kind, waits for the other to write its own, then writes the other
    // kind. When a counter was moved (and locked) at each write, this was a deadlock and
    // PostgreSQL refused one of them.
    await Promise.all([
      db.transaction(async (tx) => {
        await tx.execute(touchGroup(0));
        groupsWritten.open();
        await directoryWritten.opened;
        await tx.execute(touchPerson(0));
      }),
      db.transaction(async (tx) => {
        await tx.execute(touchPerson(1));
        directoryWritten.open();
        await groupsWritten.opened;
        await tx.execute(touchGroup(1));
      }),
    ]);
    const after = await counters();
    assert.equal(after.groups, before.groups! + 2);
    assert.equal(after.directory, before.directory! + 2);
  },
);

test(
  'two transactions committing at once take the counters in one order',
  { skip: !onPostgres && 'PGlite has one connection, so two transactions cannot interleave' },
  async () => {
    const db = t.services.db;
    const before = await counters();
    // A third transaction holds the groups counter, so both commits reach the counters and wait
    // there together. Were each to take them in the order it wrote them, letting go would
    // deadlock the two.
    const held = gate();
    const release = gate();
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from data_versions where name = 'groups' for update`);
      held.open();
      await release.opened;
    });
    await held.opened;
    const writers = Promise.all([
      db.transaction(async (tx) => {
        await tx.execute(touchGroup(0));
        await tx.execute(touchPerson(0));
      }),
      db.transaction(async (tx) => {
        await tx.execute(touchPerson(1));
        await tx.execute(touchGroup(1));
      }),
    ]);
    const waiting = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
        )
      )[0]!.n;
    for (let tries = 0; (await waiting()) < 2; tries++) {
      assert.ok(tries < 100, 'both writers wait on the counters');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    release.open();
    await Promise.all([holder, writers]);
    const after = await counters();
    assert.equal(after.groups, before.groups! + 2);
    assert.equal(after.directory, before.directory! + 2);
  },
);

test('a counter moves on when its transaction commits, with the rows it counts, and not before', async () => {
  const db = t.services.db;
  const before = await counters();
  const nameOutside = async () =>
    (
      await queryRows<{ name: string }>(
        db,
        sql`select name from advisory_groups where code = 'iag-race'`,
      )
    )[0]!.name;
  const name = await nameOutside();
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update advisory_groups set name = name || ' (renamed)' where code = 'iag-race'`,
    );
    // Not even the writing transaction sees it moved: the counters' locks are taken at commit.
    assert.equal((await counters(tx)).groups, before.groups);
    if (onPostgres) {
      // Another connection sees neither the new name nor the counter moved on.
      assert.equal((await counters(db)).groups, before.groups);
      assert.equal(await nameOutside(), name);
    }
  });
  assert.equal((await counters()).groups, before.groups! + 1);
  assert.equal(await nameOutside(), `${name} (renamed)`);
  await db.execute(sql`update advisory_groups set name = ${name} where code = 'iag-race'`);
});

test('a write rolled back moves nothing, and a savepoint rolled back does not stop the rest being counted', async () => {
  const db = t.services.db;
  const before = await counters();
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.execute(touchGroup(0));
      await tx.execute(touchPerson(0));
      throw new Error('rolled back');
    }),
    /rolled back/,
  );
  assert.deepEqual(await counters(), before);

  // The savepoint takes its noted kind and its queued commit event with it; the write after it
  // must queue its own.
  await db.transaction(async (tx) => {
    await assert.rejects(
      tx.transaction(async (savepoint) => {
        await savepoint.execute(touchGroup(0));
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await tx.execute(touchPerson(0));
  });
  assert.deepEqual(await counters(), { ...before, directory: before.directory! + 1 });
});

/**
 * Values that a table's CHECK constraints need where a made-up one will not do, should the
 * table be empty when the every-table check makes its row.
 */
const CHECKED_VALUES: Record<string, string> = {
  'tracker_actions.result': 'ongoing', // a completed action needs its completion date
  'tracker_updates.kind': 'standing', // the other kinds need an action and its result
  'tracker_updates.standing': 'accepted',
  'consultations.audience': 'public',
  'consultation_questions.kind': 'text', // a rating needs its scale
  'consultation_board_members.side': 'authority',
  'consultation_board_members.role': 'member',
  'consultees.kind': 'organisation',
  'consultees.category': 'umbrella_body',
  'consultee_channels.kind': 'email',
  'consultation_panel_members.joined_by': 'sign_up',
  'consultation_panel_population.dimension': 'sex',
  'consultation_panel_waves.kind': 'whole', // a sample needs its size
  'training_courses.audience': 'deployment',
  'good_practice_entries.theme': 'other',
  'training_attendance.status': 'attended',
  'training_needs.area': 'deployment',
  'partnerships.officer_rank': 'inspector',
  'partnerships.deputy_rank': 'superintendent',
  'partnership_records.kind': 'audit',
  'grant_funds.kind': 'engagement',
  'grant_funds.applicant_kinds': '{organisation}',
  'grant_applications.applicant_kind': 'organisation', // an engagement group's needs its group
  'grant_return_progress.status': 'on_track',
  'grant_adjustments.kind': 'underspend',
  'grant_evaluations.effectiveness': 'good',
  'grant_evaluations.value_for_money': 'good',
  'grant_links.kind': 'meeting',
  'engagement_assessments.standing': 'met',
  'engagement_plan_headings.heading': 'staffing',
  'engagement_issues.raised_to': 'police',
  'stop_search_imports.month': '2000-01-01', // the month's first day
  'stop_search_boundaries.geometry': '{"type":"Polygon","coordinates":[]}',
  'stop_search_boundaries.min_longitude': '0', // a box: its least no more than its most
  'stop_search_boundaries.min_latitude': '0',
  'stop_search_boundaries.max_longitude': '1',
  'stop_search_boundaries.max_latitude': '1',
  'stop_search_population.ethnic_group': 'white',
  'stop_search_population.people': '1',
  'stop_search_reference_files.kind': 'boundaries',
  'indicators.unit': 'count',
  'indicators.polarity': 'higher_better',
  'indicators.frequency': 'monthly',
  'indicators.breakdown': 'none',
  'indicator_targets.period': '2000-01-01', // a period's first day
  'indicator_values.period': '2000-01-01',
  'indicator_values.source': 'typed',
  'workforce_snapshots.source': 'typed',
  'workforce_counts.workforce': 'officer', // and a rank band of its own
  'workforce_counts.rank_band': 'constable',
  'workforce_counts.sex': 'female',
  'workforce_counts.ethnic_group': 'white',
  'foi_requests.channel': 'email',
  'foi_answer_parts.outcome': 'released',
};

/**
 * Columns that may be null, but not in the row made here (a change of standing names its
 * recommendation; a lead leads a key point, and is a person or, here, an organisation).
 */
const NEEDED_BY_CHECKS = new Set([
  'tracker_updates.recommendation_id',
  'tracker_leads.key_point_id',
  'tracker_leads.organisation_id',
  'consultation_invitations.consultee_id', // an invitation is a consultee's or a panel member's
  'grant_applications.organisation_id', // an organisation's application names it
]);

/**
 * Makes one row in the table if it has none, and first in the tables it refers to. It fills only
 * the columns that must be given: not those with a default, nor those the database numbers or
 * works out itself (an identity such as a request's reference, a generated column).
 */
async function ensureRow(executor: Executor, table: string): Promise<void> {
  const [existing] = await queryRows<{ rows: number }>(
    executor,
    sql.raw(`select count(*)::int as rows from "${table}"`),
  );
  if (existing!.rows > 0) return;
  const columns = await queryRows<{
    name: string;
    type: string;
    required: boolean;
    firstLabel: string | null;
    refTable: string | null;
    refColumn: string | null;
  }>(
    executor,
    sql`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
          a.attnotnull and not a.atthasdef and a.attidentity = '' and a.attgenerated = ''
            as required,
          (select e.enumlabel from pg_enum e where e.enumtypid = a.atttypid
            order by e.enumsortorder limit 1) as "firstLabel",
          f.confrelid::regclass::text as "refTable", rf.attname as "refColumn"
        from pg_attribute a
        left join pg_constraint f on f.conrelid = a.attrelid and f.contype = 'f'
          and f.conkey = array[a.attnum]::int2[]
        left join pg_attribute rf on rf.attrelid = f.confrelid and rf.attnum = f.confkey[1]
        where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
  );
  const names: string[] = [];
  const values: string[] = [];
  for (const c of columns) {
    const checked = CHECKED_VALUES[`${table}.${c.name}`];
    if (!c.required && checked === undefined && !NEEDED_BY_CHECKS.has(`${table}.${c.name}`))
      continue;
    names.push(`"${c.name}"`);
    if (checked !== undefined) values.push(`'${checked}'::${c.type}`);
    else if (c.refTable && c.refColumn) {
      await ensureRow(executor, c.refTable);
      values.push(`(select "${c.refColumn}" from ${c.refTable} limit 1)`);
    } else if (c.firstLabel !== null) values.push(`'${c.firstLabel}'::${c.type}`);
    else if (c.type === 'text') values.push(`'made for the counters test'`);
    else if (c.type === 'uuid') values.push('gen_random_uuid()');
    else if (['integer', 'bigint', 'smallint'].includes(c.type) || c.type.startsWith('numeric'))
      values.push('1');
    else if (c.type === 'date') values.push('current_date');
    else if (c.type === 'timestamp with time zone') values.push('now()');
    else if (c.type === 'time without time zone') values.push(`'19:00'::time`);
    else if (c.type === 'boolean') values.push('false');
    else throw new Error(`no value to make for ${table}.${c.name} (${c.type})`);
  }
  await executor.execute(
    sql.raw(`insert into "${table}" (${names.join(', ')}) values (${values.join(', ')})`),
  );
}

test('every counted table moves its kind on, and only its kind, at commit', async () => {
  const db = t.services.db;
  // The counted tables are those with a trigger calling a data_versions_ function, so a table
  // counted without both of migration 0024's triggers is in this list and fails below.
  const triggers = await queryRows<{ table: string; fn: string; definition: string }>(
    db,
    sql`select c.relname as table, p.proname as fn, pg_get_triggerdef(tg.oid) as definition
        from pg_trigger tg
        join pg_class c on c.oid = tg.tgrelid
        join pg_proc p on p.oid = tg.tgfoid
        where p.proname like 'data\_versions\_%'
        order by c.relname, tg.tgname`,
  );
  const counted = new Map<string, { kinds: string[]; atCommit: boolean }>();
  for (const { table, fn, definition } of triggers) {
    const entry = counted.get(table) ?? { kinds: [], atCommit: false };
    counted.set(table, entry);
    const kind = /data_versions_note\('(\w+)'\)/.exec(definition)?.[1];
    if (fn === 'data_versions_note' && kind && definition.includes('FOR EACH STATEMENT'))
      entry.kinds.push(kind);
    else if (fn === 'data_versions_flush' && /DEFERRABLE INITIALLY DEFERRED/.test(definition))
      entry.atCommit = true;
    else assert.fail(`${table} is counted by a trigger this test does not know: ${definition}`);
  }
  assert.deepEqual([...new Set([...counted.values()].flatMap((c) => c.kinds))].sort(), [
    'consultation',
    'custody',
    'deployments',
    'directory',
    'engagement',
    'foi',
    'good_practice',
    'grants',
    'groups',
    'indicators',
    'meetings',
    'members',
    'partnerships',
    'stop_search',
    'tracker',
    'training',
    'workforce',
  ]);

  await db.transaction(async (tx) => {
    for (const table of counted.keys()) await ensureRow(tx, table);
  });
  for (const [table, { kinds, atCommit }] of counted) {
    assert.ok(kinds.length > 0, `${table} notes no kind`);
    assert.ok(atCommit, `${table} has no trigger moving its kind on at commit`);
    const [first] = await queryRows<{ column: string }>(
      db,
      sql`select attname as column from pg_attribute
          where attrelid = ${table}::regclass and attnum > 0 and not attisdropped
            and attidentity = '' and attgenerated = ''
          order by attnum limit 1`,
    );
    const column = first!.column;
    const before = await counters();
    await db.execute(
      sql.raw(
        `update "${table}" set "${column}" = "${column}"
         where ctid = (select ctid from "${table}" limit 1)`,
      ),
    );
    const moved = Object.fromEntries(kinds.map((k) => [k, (before[k] ?? 0) + 1]));
    assert.deepEqual(await counters(), { ...before, ...moved }, `a write to ${table}`);
  }
});
