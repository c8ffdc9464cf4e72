/**
 * What start-up (src/startup.ts) needs of the groups module before the modules are built: the
 * reference groups and guides, read from the same file as the directory's organisations.
 */
import type { Db } from '../../platform/db/database.js';
import type { DirectoryService } from '../directory/index.js';
import {
  loadReferenceGroups,
  loadReferenceGuides,
  readReferenceGroups,
  readReferenceGuides,
} from './reference-data.js';

/** Adds the file's groups and guides not yet present (matched by code). */
export async function loadGroupsReferenceData(
  db: Db,
  directory: DirectoryService,
  file: string,
): Promise<void> {
  await loadReferenceGroups(db, directory, readReferenceGroups(file));
  await loadReferenceGuides(db, directory, readReferenceGuides(file));
}
