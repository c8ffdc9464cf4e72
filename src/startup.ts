/** What happens to the database before Bridge serves anyone: migrate, reference data, demo. */
import path from 'node:path';
import type { Config } from './config.js';
import { loadDemoData, demoDataPresent } from './demo/demo-data.js';
import { createSecretBox } from './platform/auth/secret-box.js';
import { openDatabase, type Database } from './platform/db/database.js';
import {
  LONDON_REFERENCE_DATA,
  loadReferenceData,
  readReferenceData,
} from './modules/directory/reference-data.js';
import { createDirectoryService } from './modules/directory/service.js';
import {
  loadReferenceGroups,
  loadReferenceGuides,
  readReferenceGroups,
  readReferenceGuides,
} from './modules/groups/reference-data.js';
import { findUserIdByEmail } from './platform/auth/users-service.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
  });
}

export async function prepareDatabase(
  database: Database,
  config: Config,
): Promise<{ referenceAdded: number; demoLoaded: boolean }> {
  await database.migrate();
  const referenceAdded = await loadReferenceData(
    database.db,
    readReferenceData(config.referenceDataFile ?? LONDON_REFERENCE_DATA),
  );
  const referenceFile = config.referenceDataFile ?? LONDON_REFERENCE_DATA;
  const directory = createDirectoryService({ db: database.db, userIdForEmail: findUserIdByEmail });
  await loadReferenceGroups(database.db, directory, readReferenceGroups(referenceFile));
  await loadReferenceGuides(database.db, directory, readReferenceGuides(referenceFile));
  let demoLoaded = false;
  if (config.demo && !(await demoDataPresent(database.db))) {
    await loadDemoData(database.db, createSecretBox(config.secret));
    demoLoaded = true;
  }
  return { referenceAdded, demoLoaded };
}
