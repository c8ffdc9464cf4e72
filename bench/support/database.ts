/** The benchmarks' databases: each made afresh beside the server database a URL names. */
import pg from 'pg';

/** The URL of database `name` on the same server as `serverUrl`. */
export function databaseUrlBeside(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name` if it is there and makes it empty; returns its URL. */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return databaseUrlBeside(serverUrl, name);
}
