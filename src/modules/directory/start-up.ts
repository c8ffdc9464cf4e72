/**
 * What start-up (src/startup.ts) needs of the directory before the modules are built: its
 * reference organisations, and the directory as the other modules' reference loaders use it.
 */
import { findUserIdByEmail } from '../../platform/auth/users-service.js';
import type { Db } from '../../platform/db/database.js';
import { loadReferenceData, readReferenceData } from './reference-data.js';
import { createDirectoryService, type DirectoryServices } from './service.js';

export { LONDON_REFERENCE_DATA } from './reference-data.js';

/** Adds the file's organisations not yet present; returns how many were added. */
export async function loadDirectoryReferenceData(db: Db, file: string): Promise<number> {
  return loadReferenceData(db, readReferenceData(file));
}

/**
 * The directory on its own, for loading other modules' reference data that names organisations.
 * Built before the application and its catalogues, and used only for its lookups: nothing it
 * could refuse is shown to anyone, so its messages are their keys.
 */
export function createReferenceDirectory(db: Db): DirectoryServices {
  return createDirectoryService({ db, userIdForEmail: findUserIdByEmail, t: (key) => key });
}
