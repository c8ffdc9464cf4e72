/**
 * The directory's services, put together from its journeys: what its own routes use, what tests
 * drive (`services.directory`), and, seen through `DirectoryService` in index.ts, what other
 * modules may ask. Start-up builds one too, to load the reference groups.
 */
import type { Db, Executor } from '../../platform/db/database.js';
import { createDirectoryLookups } from './lookups/service.js';
import { createOrganisationService } from './organisations/service.js';
import { createPersonService } from './people/service.js';

export type DirectoryServices = ReturnType<typeof createDirectoryService>;

export function createDirectoryService(deps: {
  db: Db;
  userIdForEmail: (executor: Executor, email: string) => Promise<string | undefined>;
  now?: () => Date;
}) {
  const { db, userIdForEmail } = deps;
  const now = deps.now ?? (() => new Date());
  const { lookups, scopeCatalogue } = createDirectoryLookups(db);
  return {
    organisations: createOrganisationService({ db, now }),
    people: createPersonService({ db, userIdForEmail, now }),
    scopeCatalogue,
    lookups,
  };
}
