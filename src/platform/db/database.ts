/**
 * One database handle for the whole application: embedded PGlite when no server URL is
 * configured, a PostgreSQL server through `pg` otherwise. Both speak the same SQL and run
 * the same migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/**
 * Anything a query can run on: the database or an open transaction. Inside a transaction every
 * query must use the transaction: PGlite has one connection, so a query on `db` there waits
 * for the transaction to end, which waits for the query.
 */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /** PGlite only: a copy of the whole data directory, for `loadDataDir`. */
  dumpDataDir?(): Promise<Blob>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** Any number of instances may start together; only one migrates at a time. */
const MIGRATION_LOCK = 727_001;

export interface DatabaseOptions {
  /** postgres:// URL; when absent, PGlite. */
  url?: string | undefined;
  /** PGlite data directory; when absent (and no url), an in-memory database. */
  dataDir?: string | undefined;
  /** PGlite only: start from this copy of a data directory (tests reuse a migrated one). */
  loadDataDir?: Blob | undefined;
  /**
   * Told of every query and its parameters (tests count them to prove a page makes no query per
   * row; the benchmark replays a page's queries in its bare baseline).
   */
  onQuery?: ((query: string, params: unknown[]) => void) | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const logger = options.onQuery
    ? { logQuery: (query: string, params: unknown[]) => options.onQuery!(query, params) }
    : undefined;
  if (options.url) return openPostgres(options.url, logger);
  return openPglite(options.dataDir, logger, options.loadDataDir);
}

type QueryLogger = { logQuery(query: string, params: unknown[]): void } | undefined;

async function openPglite(
  dataDir: string | undefined,
  logger: QueryLogger,
  loadDataDir: Blob | undefined,
): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), loadDataDir });
  const db = drizzlePglite(client, { logger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    // PGlite is single-connection and in-process: no other instance can share it.
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    dumpDataDir: async () => (await client.dumpDataDir('none')) as Blob,
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, logger: QueryLogger): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (restart, failover) must not crash the process: the
  // pool replaces it, and queries in flight fail on their own.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
  });
  const db = drizzlePg(pool, { logger }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await migratePg(drizzlePg(client), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      // Safe to call twice: shutdown may race a failing start-up.
      if (!pool.ended) await pool.end();
    },
  };
}

/** Runs raw SQL and returns its rows, on either driver. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };

/**
 * Whether a failed statement broke a unique constraint (SQLSTATE 23505): two people doing the
 * same thing at the same moment, where a check before the insert cannot see the other.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === '23505') return true;
  return false;
}
