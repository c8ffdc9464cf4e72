/**
 * A fresh, migrated database for one test file: in-memory PGlite, or (BRIDGE_TEST_DB=postgres)
 * a new database on the server TEST_DATABASE_URL names, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.js';

export interface TestDatabase {
  database: Database;
  drop(): Promise<void>;
}

export async function createTestDatabase(
  options: { onQuery?: (query: string) => void } = {},
): Promise<TestDatabase> {
  if (process.env.BRIDGE_TEST_DB !== 'postgres') {
    const database = await openDatabase({ onQuery: options.onQuery });
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('BRIDGE_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `bridge_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), onQuery: options.onQuery });
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
