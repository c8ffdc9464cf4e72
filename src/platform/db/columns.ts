/**
 * Column sets that recur across the tables of the platform and the modules, as functions whose
 * results are spread into a `pgTable` (a fresh builder per table). Each one writes exactly the
 * columns it replaced: same names, types, nullability and defaults, so the database and the
 * migrations are unchanged.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  customType,
  integer,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
  type ReferenceConfig,
} from 'drizzle-orm/pg-core';

/**
 * A uuid column that must name a row of another table: one line where Drizzle's chain
 * (`uuid(name).notNull().references(...)`) is wrapped onto three.
 */
export const requiredRef = <TName extends string>(
  name: TName,
  target: ReferenceConfig['ref'],
  actions?: ReferenceConfig['actions'],
) => uuid(name).notNull().references(target, actions);

/**
 * A record people edit: its version, which a form carries so a stale edit is refused, and when
 * it was made and last changed.
 */
export const recordVersioning = () => ({
  version: bigint('version', { mode: 'number' }).notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A file kept in the file store (`src/platform/files`) under `storageKey`, as it was uploaded. */
export const storedFile = () => ({
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
});

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The `search` column a record's search box reads (see `prefixTsQuery`): the English words of
 * the columns named, kept by PostgreSQL as they change; a column with no value adds nothing.
 * The table names its own columns, so the function is written `(): AnyPgColumn[] => [...]`.
 */
export const searchDocument = (columns: () => AnyPgColumn[]) =>
  tsvector('search')
    .notNull()
    .generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('english'::regconfig, ${sql.join(
          columns().map((column) => sql`coalesce(${column}, '')`),
          sql` || ' ' || `,
        )})`,
    );

/**
 * A check constraint's condition that a text column holds one of a fixed list (its enum in
 * TypeScript), so the database refuses what the code would never write. Null passes.
 */
export const isOneOf = (column: AnyPgColumn, values: readonly string[]): SQL =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', '))})`;
