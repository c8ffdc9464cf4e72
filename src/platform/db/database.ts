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
import { markFromDatabase } from './errors.js';

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
  /**
   * PostgreSQL only: how long to wait for the server (PGlite is in-process). Bridge passes its
   * settings; without them (scripts that load bulk data) nothing is timed out.
   */
  timeouts?: DatabaseTimeouts | undefined;
}

/** Issue 21, item 8: a database that stops answering must not hold requests for minutes. */
export interface DatabaseTimeouts {
  /** To open a connection, or to wait for a free one in the pool. */
  connectMs: number;
  /** The server cancels a statement running longer (statement_timeout). */
  statementMs: number;
  /** The server ends a session left idle inside a transaction (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 15_000,
  idleInTransactionMs: 60_000,
};

/**
 * How much longer than the statement timeout Bridge waits for an answer before it gives up on
 * the connection: the server cancels a slow statement first; a server that does not answer at
 * all is abandoned this much later.
 */
const QUERY_TIMEOUT_MARGIN_MS = 2_000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const logger = options.onQuery
    ? { logQuery: (query: string, params: unknown[]) => options.onQuery!(query, params) }
    : undefined;
  if (options.url) return openPostgres(options.url, logger, options.timeouts);
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

async function openPostgres(
  url: string,
  logger: QueryLogger,
  timeouts: DatabaseTimeouts | undefined,
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    keepAlive: true,
    ...(timeouts
      ? {
          connectionTimeoutMillis: timeouts.connectMs,
          statement_timeout: timeouts.statementMs,
          idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
          query_timeout: timeouts.statementMs + QUERY_TIMEOUT_MARGIN_MS,
        }
      : {}),
  });
  // An idle connection the server drops (restart, failover) must not crash the process: the
  // pool replaces it, and queries in flight fail on their own.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
  });
  pool.on('connect', abandonWhenLost);
  markConnectErrors(pool);
  const db = drizzlePg(pool, { logger }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      // Its own connection, without the statement timeouts: a migration may take longer than a
      // page's query, and waits here while another instance migrates.
      const client = new pg.Client({
        connectionString: url,
        connectionTimeoutMillis: timeouts?.connectMs,
      });
      // A connection cut mid-migration fails the query in progress, which start-up reports;
      // without a listener the client's 'error' event would also stop the process.
      client.on('error', () => undefined);
      await client.connect().catch((error: unknown) => {
        throw markFromDatabase(error);
      });
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await migratePg(drizzlePg(client), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        await client.end();
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

/**
 * A connection that stopped answering, or was cut, is taken out of the pool at once. Its query
 * is still in progress as far as node-postgres knows, so every later query on it would wait
 * behind the lost one, and the instance would stay hung after the database came back. The pool
 * drops a connection its own `pool.query` saw fail, but drizzle's transactions give theirs back
 * without saying why, and never give it back when `begin` itself fails: the pool would fill
 * with lost connections. Releasing the client with the error makes the pool close and forget it;
 * the caller's own release later does nothing.
 */
function abandonWhenLost(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise)
      result.catch((error: unknown) => {
        markFromDatabase(error);
        if (connectionLost(error)) abandon(client, error as Error);
      });
    return result;
  }) as typeof client.query;
  // A connection cut while in use: without a listener here the 'error' would stop the process.
  client.on('error', (error) => abandon(client, error));
}

type ConnectCallback = (
  error: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * What the pool throws when it cannot connect is marked as the database's (errors.ts): a bare
 * ECONNREFUSED says nothing of where it came from. Drizzle's transactions call `connect()`, the
 * pool's own `query` calls it with a callback; both are covered.
 */
function markConnectErrors(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (
    callback?: ConnectCallback,
  ) => Promise<pg.PoolClient> | undefined;
  pool.connect = ((callback?: ConnectCallback) =>
    callback
      ? connect((error, client, done) => callback(markFromDatabase(error), client, done))
      : connect()!.catch((error: unknown) => {
          throw markFromDatabase(error);
        })) as typeof pool.connect;
}

function connectionLost(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /^(Query read timeout|Connection terminated)/.test(message);
}

function abandon(client: pg.PoolClient, error: Error): void {
  const release = client.release;
  client.release = () => undefined;
  try {
    release(error);
  } catch {
    // Not in use: the pool has already forgotten it.
  }
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
