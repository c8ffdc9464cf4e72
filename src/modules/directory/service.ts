/**
 * The directory's services, put together from its journeys: what its own routes use, what tests
 * drive (`services.directory`), and, seen through `DirectoryService` in index.ts, what other
 * modules may ask. Start-up builds one too, to load the reference groups.
 */
import type { Db, Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { createDirectoryLookups } from './lookups/service.js';
import { createOrganisationService } from './organisations/service.js';
import { createPersonService } from './people/service.js';

export type DirectoryServices = ReturnType<typeof createDirectoryService>;

export function createDirectoryService(deps: {
  db: Db;
  userIdForEmail: (executor: Executor, email: string) => Promise<string | undefined>;
  now?: () => Date;
  /** The default language's messages, for the refusals. */
  t: Translate;
}) {
  const { db, userIdForEmail, t } = deps;
  const now = deps.now ?? (() => new Date());
  const { lookups, scopeCatalogue } = createDirectoryLookups(db);
  return {
    organisations: createOrganisationService({ db, now, t }),
    people: createPersonService({ db, userIdForEmail, now, t }),
    scopeCatalogue,
    lookups,
  };
}
