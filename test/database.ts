/**
 * A fresh, migrated database for one test file: in-memory PGlite, or (BRIDGE_TEST_DB=postgres)
 * a new database on the server TEST_DATABASE_URL names, copied from a migrated template and
 * dropped afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  DEFAULT_DATABASE_TIMEOUTS,
  migrationsFolder,
  openDatabase,
  type Database,
  type DatabaseTimeouts,
} from '../src/platform/db/database.js';

export interface TestDatabase {
  database: Database;
  drop(): Promise<void>;
}

/** Names the set of migrations: a copy made from one set is never used for another. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const file = path.join(migrationsFolder, name);
    if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Migrating a fresh PGlite takes seconds; loading a copy of one already migrated takes one. The
 * copy is made once per set of migrations and shared, through a temporary file, by every test
 * process (written under another name and renamed, so a reader never sees half of it).
 */
async function migratedSnapshot(): Promise<Blob> {
  const cached = path.join(os.tmpdir(), `bridge-test-pglite-${migrationsHash()}.tar`);
  if (fs.existsSync(cached)) return new Blob([fs.readFileSync(cached)]);
  const fresh = await openDatabase({});
  await fresh.migrate();
  const blob = await fresh.dumpDataDir!();
  await fresh.close();
  const partial = `${cached}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(partial, cached);
  return blob;
}

export async function createTestDatabase(
  options: {
    onQuery?: (query: string) => void;
    /** PostgreSQL only: the address Bridge connects through (a test's proxy), given the real one. */
    via?: (url: string) => string;
    timeouts?: DatabaseTimeouts;
  } = {},
): Promise<TestDatabase> {
  if (process.env.BRIDGE_TEST_DB !== 'postgres') {
    const database = await openDatabase({
      onQuery: options.onQuery,
      loadDataDir: await migratedSnapshot(),
    });
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('BRIDGE_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `bridge_test_${randomBytes(6).toString('hex')}`;
  const template = await migratedTemplate(serverUrl);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    url: options.via ? options.via(url.toString()) : url.toString(),
    onQuery: options.onQuery,
    // As Bridge runs: its default timeouts unless the test sets its own.
    timeouts: options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS,
  });
  await database.migrate();
  return {
    database,
    drop: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * PostgreSQL: a database migrated once per set of migrations, which each test file's database is
 * copied from (`create database … template`), instead of every file running every migration
 * (about 2 seconds a file). Made under a server-wide advisory lock, so that test processes
 * starting together make it once; nobody stays connected to it, as copying requires.
 */
async function migratedTemplate(serverUrl: string): Promise<string> {
  const template = `bridge_template_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [
      template,
    ]);
    if (!rowCount) {
      // Built under a working name and renamed when whole, so a failed run leaves no half template.
      const building = `${template}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      const database = await openDatabase({ url: url.toString() });
      await database.migrate();
      await database.close();
      await admin.query(`alter database ${building} rename to ${template}`);
    }
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [template]).catch(() => {});
    await admin.end();
  }
  return template;
}
