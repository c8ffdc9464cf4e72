/**
 * Issue 28 (must show): a person seeded into every module is named by their subject-access
 * export in every record of theirs, and once erased no table holds their name, e-mail address
 * or date of birth; another person's records are untouched and the counts that must stay do.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { buildServices } from '../../src/app.js';
import { expenseClaims, expenseItems } from '../../src/modules/expenses/schema.js';
import { meetingAttendance } from '../../src/modules/meetings/schema.js';
import {
  passwordResetTokens,
  roleAssignments,
  sessions,
  users,
} from '../../src/platform/auth/schema.js';
import { queryRows } from '../../src/platform/db/database.js';
import type { BridgeModule, PersonDataSubject } from '../../src/platform/modules.js';
import { collectPersonData, erasePersonEverywhere } from '../../src/platform/person-data.js';
import { createTestApp, type TestApp } from '../app.js';
import { seedEveryModule, type Seeded } from '../factories/erasure.js';

let t: TestApp;
let modules: readonly BridgeModule[];

before(async () => {
  t = await createTestApp({ demo: false });
  modules = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  }).modules;
});
after(() => t.close());

const subject = (a: { personId: string; userId: string }): PersonDataSubject => ({
  personId: a.personId,
  userId: a.userId,
});

/** Each module's catalogue key for a section's title, from its name in `personData`. */
const SECTION_KEYS: Record<string, (name: string) => string> = {
  directory: () => 'directory:personData.title',
  groups: (n) => `groups:personData.sections.${n}`,
  meetings: (n) => `meetings:personData.sections.${n}`,
  advice: (n) => `advice:personData.sections.${n}`,
  expenses: (n) => `expenses:personData.${n}`,
  tracker: (n) => `tracker:personData.${n}`,
  'custody-visiting': (n) => `custody-visiting:personData.${n}`,
  consultation: (n) => `consultation:personData.${n}`,
  partnerships: (n) => `partnerships:personData.${n}`,
  training: (n) => `training:personData.sections.${n}`,
  engagement: (n) => `engagement:personData.sections.${n}`,
  grants: (n) => `grants:assessment.personData.${n}`,
  'good-practice': (n) => `good-practice:personData.sections.${n}`,
  'information-rights': (n) => `information-rights:personData.${n}`,
};

test('DP-02: the export names every record seeded for the person, each in its own section', async () => {
  const seeded = await seedEveryModule(t);
  const found = await collectPersonData(modules, t.services.db, subject(seeded.person));
  for (const [module, name, value] of seeded.expected) {
    const title = t.services.t(SECTION_KEYS[module]!(name));
    const rows = found.find((m) => m.module === module)?.sections.find((s) => s.title === title);
    assert.ok(rows, `${module} has a section "${title}"`);
    assert.ok(
      rows.rows.some((row) => Object.values(row).includes(value)),
      `${module}'s "${title}" shows ${value}: ${JSON.stringify(rows.rows)}`,
    );
  }
  // And the other person's export shows none of those that are the person's alone.
  const others = JSON.stringify(
    await collectPersonData(modules, t.services.db, subject(seeded.other)),
  );
  assert.ok(!others.includes(seeded.person.name));
  assert.ok(!others.includes(seeded.person.email));
});

/**
 * Columns that name an account only as the one who acted on someone else's record (a request's
 * history, who agreed a second term): nothing of theirs is there but the account, which is
 * anonymised. So is every column named `..._by` (recorded_by, decided_by, ...).
 */
const ACTOR_COLUMNS = new Set([
  'advice_request_events.actor_user_id',
  'reappointments.chair_user_id',
  'reappointments.director_user_id',
]);

interface Reference {
  table: string;
  column: string;
  target: 'people' | 'users';
}

/** Every column the database itself says references a person or an account. */
function references(): Promise<Reference[]> {
  return queryRows<Reference>(
    t.services.db,
    sql`select cl.relname as "table", a.attname as "column", rt.relname as target
      from pg_constraint k
      join pg_class cl on cl.oid = k.conrelid
      join pg_class rt on rt.oid = k.confrelid
      join pg_namespace n on n.oid = rt.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
      where k.contype = 'f' and rt.relname in ('people', 'users')
      order by 1, 2`,
  );
}

test('every column that references a person or an account as the one it is about is seeded', async () => {
  const seeded = await seedEveryModule(t);
  const about = (await references()).filter(
    (r) => !r.column.endsWith('_by') && !ACTOR_COLUMNS.has(`${r.table}.${r.column}`),
  );
  // The catalogue is read, not listed: a table added later that refers to a person fails here
  // until this test seeds it (and its module erases it).
  assert.ok(about.length >= 40, `${about.length} columns`);
  const missing: string[] = [];
  for (const { table, column, target } of about) {
    const id = target === 'people' ? seeded.person.personId : seeded.person.userId;
    const [row] = await queryRows<{ n: number }>(
      t.services.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id}`,
    );
    if (!row?.n) missing.push(`${table}.${column}`);
  }
  assert.deepEqual(missing, []);
});

/** Where the person's data could be: every column of text, JSON or a date, in every table. */
async function stillHolding(seeded: Seeded): Promise<string[]> {
  const { name, email, dateOfBirth } = seeded.person;
  const surname = name.split(' ').at(-1)!;
  const columns = await queryRows<{ table: string; column: string; type: string }>(
    t.services.db,
    sql`select c.table_name as "table", c.column_name as "column", c.udt_name as type
      from information_schema.columns c
      join information_schema.tables tb
        on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
        and c.udt_name in ('text', 'varchar', 'bpchar', 'jsonb', 'json', 'tsvector',
          '_text', '_varchar', 'date', '_date')
      order by 1, 2`,
  );
  const found: string[] = [];
  for (const { table, column, type } of columns) {
    // The audit trail too: erasure takes the person out of its events (ADR 0002).
    const value = sql`${sql.identifier(column)}::text`;
    const holds = type.includes('date')
      ? sql`${value} like ${`%${dateOfBirth}%`}`
      : sql`${value} ilike ${`%${surname}%`} or ${value} ilike ${`%${email}%`}
          or ${value} like ${`%${dateOfBirth}%`}`;
    const [row] = await queryRows<{ n: number }>(
      t.services.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${holds}`,
    );
    if (row?.n) found.push(`${table}.${column} (${row.n})`);
  }
  return found;
}

test('erasure: no table still holds the person’s name, e-mail address or date of birth, the other person’s records are as they were, and the counts stay', async () => {
  const seeded = await seedEveryModule(t);
  const { person, other } = seeded;
  // Before: the seed put them everywhere the scan looks (a scan that finds nothing proves nothing).
  const before = await stillHolding(seeded);
  for (const where of [
    'people.full_name',
    'users.email',
    'applications.date_of_birth',
    'meeting_actions.owner_name',
    'tracker_updates.author_label',
    'mail_outbox.body_text',
    'consultation_panel_members.email',
  ])
    assert.ok(
      before.some((b) => b.startsWith(`${where} `)),
      `${where} holds them: ${before.join(', ')}`,
    );
  const othersBefore = await collectPersonData(modules, t.services.db, subject(other));
  const counts = () => recordCounts(seeded);
  const countsBefore = await counts();

  const done = await t.services.db.transaction((tx) =>
    erasePersonEverywhere(modules, tx, subject(person)),
  );

  assert.deepEqual(await stillHolding(seeded), []);
  // What was done says how many of each kind and how, never who.
  const said = JSON.stringify(done);
  for (const theirs of [person.name, person.email, person.dateOfBirth, person.personId])
    assert.ok(!said.includes(theirs));
  const part = (module: string, kind: string) =>
    done.find((m) => m.module === module)?.parts.find((p) => p.kind === kind);
  assert.deepEqual(part('directory', 'directory entry'), {
    kind: 'directory entry',
    records: 1,
    how: 'anonymised',
  });
  assert.equal(part('groups', 'diversity-monitoring answers')?.records, 1);
  assert.equal(part('groups', 'applications to join a group')?.records, 1);
  assert.equal(part('accounts', 'sessions')?.records, 1);
  assert.equal(part('accounts', 'sign-in attempts')?.records, 1);

  // Their account can never be used again.
  const [account] = await t.services.db.select().from(users).where(eq(users.id, person.userId));
  assert.equal(account?.status, 'deactivated');
  assert.equal(account?.passwordHash, '');
  assert.equal(account?.totpSecret, null);
  assert.equal(account?.displayName, 'Erased person');
  assert.match(account!.email, /^erased-.*@erased\.invalid$/);
  for (const table of [sessions, passwordResetTokens, roleAssignments]) {
    const left = await t.services.db
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(eq(table.userId, person.userId));
    assert.equal(left[0]?.n, 0);
  }
  // The other person's account keeps its roles.
  const othersRoles = await t.services.db
    .select()
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, other.userId));
  assert.ok(othersRoles.length > 0);

  // The other person's export reads as it did, and the counts that must stay, do.
  assert.deepEqual(await collectPersonData(modules, t.services.db, subject(other)), othersBefore);
  assert.deepEqual(await counts(), countsBefore);
  // Their export now names nobody: the records kept, anonymous.
  const after = await collectPersonData(modules, t.services.db, subject(person));
  const entry = after.find((m) => m.module === 'directory')!.sections[0]!.rows[0]!;
  assert.equal(entry[t.services.t('directory:personData.fullName')], 'Erased person');
});

/** What the record keeps whoever is erased: a meeting's attendance, a claim's money. */
async function recordCounts(seeded: Seeded) {
  const [present] = await t.services.db
    .select({ n: sql<number>`count(*)::int` })
    .from(meetingAttendance)
    .where(
      sql`${meetingAttendance.meetingId} = ${seeded.meetingId} and ${meetingAttendance.status} = 'present'`,
    );
  const [claim] = await t.services.db
    .select({
      status: expenseClaims.status,
      claimed: expenseClaims.claimedPence,
      items: sql<number>`(select sum(${expenseItems.claimedPence})::int from ${expenseItems} where ${expenseItems.claimId} = ${expenseClaims.id})`,
    })
    .from(expenseClaims)
    .where(eq(expenseClaims.id, seeded.claimId));
  return { present: present?.n, claim };
}
