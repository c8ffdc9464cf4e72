/** What happens to the database before Bridge serves anyone: migrate, reference data, demo. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { loadDemoData, demoDataPresent } from './demo/demo-data.js';
import { createSecretBox } from './platform/auth/secret-box.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { DEFAULT_LANGUAGE, loadMessages } from './platform/i18n/messages.js';
import { isDatabaseUnavailable } from './platform/db/errors.js';
import {
  LONDON_REFERENCE_DATA,
  createReferenceDirectory,
  loadDirectoryReferenceData,
} from './modules/directory/index.js';
import { loadGroupsReferenceData } from './modules/groups/index.js';

/** Where the catalogues are found, as the application finds them (src/app.ts). */
const srcDir = path.dirname(fileURLToPath(import.meta.url));

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
    timeouts: config.databaseTimeouts,
  });
}

/** Opens the configured database and prepares it; closes it again if preparing fails. */
export async function openAndPrepareDatabase(config: Config) {
  const database = await openConfiguredDatabase(config);
  try {
    return { database, prepared: await prepareDatabase(database, config) };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/**
 * When start-up failed because the database server could not be reached or refused Bridge, one
 * line saying so and which setting to check (issue 21, item 10); undefined for anything else.
 * The address is given without its password.
 */
export function startupDatabaseProblem(error: unknown, config: Config): string | undefined {
  if (!config.databaseUrl) return undefined;
  const url = new URL(config.databaseUrl);
  const where = `the PostgreSQL server at ${url.hostname}:${url.port || 5432}`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const codes = new Set<string>();
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.add(code);
    const message = (e as { message?: unknown }).message;
    // node-postgres' own timeouts on connecting (a server's SQLSTATE has a code of its own).
    if (typeof code !== 'string' && typeof message === 'string' && /timeout/i.test(message))
      codes.add('timeout');
  }
  let check = 'check DATABASE_URL';
  let what: string | undefined;
  if (codes.has('ECONNREFUSED')) what = `${where} refused the connection (is it running?)`;
  else if (codes.has('ENOTFOUND') || codes.has('EAI_AGAIN'))
    what = `the database host "${url.hostname}" was not found`;
  else if (codes.has('28P01') || codes.has('28000'))
    what = `${where} refused the user name or password`;
  else if (codes.has('3D000')) what = `${where} has no database named "${database}"`;
  else if (codes.has('timeout') || codes.has('ETIMEDOUT') || codes.has('EHOSTUNREACH'))
    what = `${where} did not answer within ${config.databaseTimeouts.connectMs} ms (DB_CONNECT_TIMEOUT_MS)`;
  else if (codes.has('57014')) {
    what = `${where} cancelled a statement that ran longer than ${config.databaseTimeouts.statementMs} ms`;
    check = 'check DB_STATEMENT_TIMEOUT_MS';
  } else if (isDatabaseUnavailable(error)) what = `${where} could not be reached`;
  return what && `Bridge cannot start: ${what}; ${check}.`;
}

export async function prepareDatabase(
  database: Database,
  config: Config,
): Promise<{ referenceAdded: number; demoLoaded: boolean }> {
  await database.migrate();
  const referenceFile = config.referenceDataFile ?? LONDON_REFERENCE_DATA;
  const referenceAdded = await loadDirectoryReferenceData(database.db, referenceFile);
  // Start-up words anything in the default language, as the services do.
  const t = loadMessages(srcDir).translator(DEFAULT_LANGUAGE);
  await loadGroupsReferenceData(
    database.db,
    createReferenceDirectory(database.db, t),
    referenceFile,
  );
  let demoLoaded = false;
  if (config.demo && !(await demoDataPresent(database.db))) {
    await loadDemoData(database.db, createSecretBox(config.secret), config.secret);
    demoLoaded = true;
  }
  return { referenceAdded, demoLoaded };
}
