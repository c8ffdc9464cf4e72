/**
 * What start-up (src/startup.ts) needs of the directory before the modules are built: its
 * reference organisations, and the directory as the other modules' reference loaders use it.
 */
import { findUserIdByEmail } from '../../platform/auth/users-service.js';
import type { Db } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { loadReferenceData, readReferenceData } from './reference-data.js';
import { createDirectoryService, type DirectoryServices } from './service.js';

export { LONDON_REFERENCE_DATA } from './reference-data.js';

/** Adds the file's organisations not yet present; returns how many were added. */
export async function loadDirectoryReferenceData(db: Db, file: string): Promise<number> {
  return loadReferenceData(db, readReferenceData(file));
}

/**
 * The directory on its own, for loading other modules' reference data that names organisations.
 * Built before the application, and given the platform's default-language messages as the
 * application's services are (`PlatformServices.t`), so that anything it words reads as they do.
 */
export function createReferenceDirectory(db: Db, t: Translate): DirectoryServices {
  return createDirectoryService({ db, userIdForEmail: findUserIdByEmail, t });
}
