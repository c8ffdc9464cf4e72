/** What the advice module's journeys share: a request's timeline, and the statuses that hold a place. */
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { ACTIVE_DEPLOYMENT_STATUSES } from './rules.js';
import { adviceRequestEvents } from './schema.js';

/** The statuses that hold a place on a request, as SQL: `status in ${ACTIVE}`. */
export const ACTIVE = sql.raw(`(${ACTIVE_DEPLOYMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/** Adds entries to a request's timeline at the clock's time: `addEvent(tx, id, kind, actor, text)`. */
export function requestEvents(now: () => Date) {
  return (
    tx: Executor,
    requestId: string,
    kind: (typeof adviceRequestEvents.$inferInsert)['kind'],
    actorUserId: string | null,
    text: string,
  ) => addRequestEvent(tx, now(), { requestId, kind, actorUserId, text });
}

/** An entry on the request's timeline. */
export async function addRequestEvent(
  tx: Executor,
  at: Date,
  event: Omit<typeof adviceRequestEvents.$inferInsert, 'at' | 'id'>,
) {
  await tx.insert(adviceRequestEvents).values({ ...event, at });
}

/** A form's fields as posted: each one text, or a list of the boxes ticked. */
export type Input = Record<string, string | string[] | undefined>;

/**
 * What every advice service is built from: the database, the one clock (the module's, or the
 * real one), and the default language's words for its refusals, e-mails and timeline (ADR 0015).
 */
export interface AdviceServiceDeps {
  db: Db;
  now: () => Date;
  t: Translate;
}
