/**
 * DP-02: what Bridge holds about a person, gathered from every module that keeps any, in the
 * modules' order. The platform names no module: each answers through `BridgeModule.personData`.
 */
import { eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { redactAuditTrail } from './audit/redact.js';
import { SYSTEM_ACTOR, type Actor } from './auth/principal.js';
import { users } from './auth/schema.js';
import type { PgColumn, PgTable, SelectedFields } from 'drizzle-orm/pg-core';
import { eraseAccount } from './auth/erase-account.js';
import type { Executor } from './db/database.js';
import type {
  BridgeModule,
  ErasedPart,
  PersonDataFile,
  PersonDataSection,
  PersonDataSubject,
  PersonDataValue,
} from './modules.js';

/**
 * The name of the account a column holds (who decided, who nominated), as a section's column: a
 * third party's name, which the section marks for redaction (`thirdParty`).
 */
export const accountNameSql = (userId: SQLWrapper): SQL<string | null> =>
  sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${userId})`;

/** A table a section's rows are joined to, and on what. */
export type PersonDataJoin = readonly [table: PgTable, on: SQL];

/**
 * One kind of record a module holds about a person, described rather than written out: which
 * rows are the person's, and the columns they read, in order.
 */
export interface PersonDataQuery {
  /** The section's name, worded by the module's `title`. */
  name: string;
  /** The columns in the order a person reads them, each keyed by its name (worded by `column`). */
  columns: SelectedFields;
  from: PgTable;
  /** Inner joins, in order. */
  join?: readonly PersonDataJoin[];
  /** Left joins, after the inner ones. */
  leftJoin?: readonly PersonDataJoin[];
  /**
   * The person's rows (asking the database first if it must). Undefined when none can be theirs
   * (records kept by account, for a person with none): the section is then empty, and nothing
   * is asked of the database.
   */
  where(subject: PersonDataSubject, executor: Executor): SQL | undefined | Promise<SQL | undefined>;
  orderBy?: readonly (PgColumn | SQL)[];
  /** Columns (by key) whose values name other people: marked for redaction before release. */
  thirdParty?: readonly string[];
  /** Columns (by key) whose values identify the person themselves (name, contact, birth date). */
  identifying?: readonly string[];
  /**
   * The person's files kept with these rows: the keys of the columns giving a file's name and its
   * store key. The key column is read for the archive only, never shown among the row's values.
   */
  files?: { name: string; storageKey: string };
}

/** A module's words for its sections' titles and its columns' names (from its catalogue). */
export interface PersonDataWords {
  title(name: string): string;
  column(name: string): string;
}

/**
 * A module's `personData` from the descriptions of its sections: every section asked at once,
 * answered in the order described, titled and its columns named in the module's words.
 */
export function personDataSections(
  words: PersonDataWords,
  queries: readonly PersonDataQuery[],
): (executor: Executor, subject: PersonDataSubject) => Promise<PersonDataSection[]> {
  return async (executor, subject) =>
    Promise.all(
      queries.map(async (query) => {
        const rows = await personRows(executor, subject, query);
        const section: PersonDataSection = {
          title: words.title(query.name),
          rows: rows.map((row) => plainRow(row, words.column, query.files?.storageKey)),
        };
        if (query.thirdParty?.length) section.thirdParty = query.thirdParty.map(words.column);
        if (query.identifying?.length) section.identifying = query.identifying.map(words.column);
        if (query.files) section.files = filesOf(rows, query.files);
        return section;
      }),
    );
}

function filesOf(
  rows: readonly Record<string, unknown>[],
  columns: { name: string; storageKey: string },
): PersonDataFile[] {
  return rows.flatMap((row) => {
    const storageKey = row[columns.storageKey];
    if (typeof storageKey !== 'string') return [];
    const name = row[columns.name];
    return [{ name: typeof name === 'string' ? name : storageKey, storageKey }];
  });
}

async function personRows(
  executor: Executor,
  subject: PersonDataSubject,
  query: PersonDataQuery,
): Promise<Record<string, unknown>[]> {
  const theirs = await query.where(subject, executor);
  if (!theirs) return [];
  let select = executor.select(query.columns).from(query.from).$dynamic();
  for (const [table, on] of query.join ?? []) select = select.innerJoin(table, on);
  for (const [table, on] of query.leftJoin ?? []) select = select.leftJoin(table, on);
  return select.where(theirs).orderBy(...(query.orderBy ?? []));
}

function plainRow(
  row: Record<string, unknown>,
  columnName: (column: string) => string,
  hidden?: string,
): Record<string, PersonDataValue> {
  const plain: Record<string, PersonDataValue> = {};
  for (const [column, value] of Object.entries(row))
    if (column !== hidden) plain[columnName(column)] = plainValue(value);
  return plain;
}

function plainValue(value: unknown): PersonDataValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return JSON.stringify(value);
}

export interface ModulePersonData {
  module: string;
  sections: PersonDataSection[];
}

/**
 * Every module's sections about the person (a module that keeps no personal data is left out; a
 * section with no rows says that nothing of that kind is held). Asked one
 * module at a time, so that an export holds few of the pool's connections at once.
 */
export async function collectPersonData(
  modules: readonly BridgeModule[],
  executor: Executor,
  subject: PersonDataSubject,
): Promise<ModulePersonData[]> {
  const found: ModulePersonData[] = [];
  for (const module of modules) {
    if (!module.personData) continue;
    found.push({ module: module.name, sections: await module.personData(executor, subject) });
  }
  return found;
}

export interface ModuleErasure {
  module: string;
  parts: ErasedPart[];
}

/**
 * The words that identify the person wherever they are written (their names, e-mail addresses,
 * phone numbers, addresses, dates of birth), from every module's `identifying` columns and their
 * account.
 */
async function identifyingWords(
  modules: readonly BridgeModule[],
  executor: Executor,
  subject: PersonDataSubject,
): Promise<string[]> {
  const words = new Set<string>();
  for (const { sections } of await collectPersonData(modules, executor, subject))
    for (const { rows, identifying } of sections)
      for (const row of rows)
        for (const column of identifying ?? []) {
          const value = row[column];
          if (typeof value === 'string' && value.trim()) words.add(value.trim());
        }
  if (subject.userId) {
    const [account] = await executor
      .select({ name: users.displayName, email: users.email })
      .from(users)
      .where(eq(users.id, subject.userId));
    if (account) words.add(account.name).add(account.email);
  }
  return [...words];
}

/**
 * Erases a person from every module that keeps anything about them, the modules in reverse of
 * their order (a module's records go before those of the modules it uses, which they may
 * reference), all on the executor given: the caller's one transaction, so that a person is erased
 * everywhere or nowhere. Their user account goes last (as `accounts`): a module may still find
 * their records by it, or by its e-mail address. Then the audit trail (ADR 0002): the words that
 * identified them, read before anything was erased, are taken out of every event, vouched for by
 * one event written by `actor`.
 */
export async function erasePersonEverywhere(
  modules: readonly BridgeModule[],
  executor: Executor,
  subject: PersonDataSubject,
  actor: Actor = SYSTEM_ACTOR,
): Promise<ModuleErasure[]> {
  const words = await identifyingWords(modules, executor, subject);
  const done: ModuleErasure[] = [];
  for (const module of [...modules].reverse()) {
    if (!module.erasePerson) continue;
    done.push({ module: module.name, parts: await module.erasePerson(executor, subject) });
  }
  done.reverse();
  if (subject.userId)
    done.push({ module: 'accounts', parts: await eraseAccount(executor, subject.userId) });
  const events = await redactAuditTrail(executor, { ...subject, words }, actor);
  done.push({
    module: 'audit',
    parts: [{ kind: 'audit events', records: events, how: 'anonymised' }],
  });
  return done;
}
