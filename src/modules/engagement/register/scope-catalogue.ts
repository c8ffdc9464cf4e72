/**
 * The engagement groups an engagement group officer's role can be held for, offered when an
 * administrator gives the role (open groups, by name) and named on the account's page.
 */
import { asc, eq, isNull } from 'drizzle-orm';
import type { ScopeCatalogue } from '../../../platform/auth/users-service.js';
import type { Db } from '../../../platform/db/database.js';
import { isUuid } from '../../../platform/http/params.js';
import { engagementGroups } from '../schema.js';

export function createEngagementScopeCatalogue(db: Db): ScopeCatalogue {
  return {
    async options() {
      return db
        .select({ id: engagementGroups.id, name: engagementGroups.name })
        .from(engagementGroups)
        .where(isNull(engagementGroups.closedOn))
        .orderBy(asc(engagementGroups.name))
        .limit(500);
    },
    async name(_type, id) {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select({ name: engagementGroups.name })
        .from(engagementGroups)
        .where(eq(engagementGroups.id, id));
      return row?.name;
    },
  };
}
