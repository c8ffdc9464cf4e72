/** What the advice module's journeys share: a request's timeline, and the statuses that hold a place. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ACTIVE_DEPLOYMENT_STATUSES } from './rules.js';
import { adviceRequestEvents } from './schema.js';

/** The statuses that hold a place on a request, as SQL: `status in ${ACTIVE}`. */
export const ACTIVE = sql.raw(`(${ACTIVE_DEPLOYMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/** An entry on the request's timeline. */
export async function addRequestEvent(
  tx: Executor,
  at: Date,
  event: Omit<typeof adviceRequestEvents.$inferInsert, 'at' | 'id'>,
) {
  await tx.insert(adviceRequestEvents).values({ ...event, at });
}
