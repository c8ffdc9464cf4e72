/**
 * Issue 23: what is withdrawn, at every level (source, part, recommendation, key point, action),
 * read the same way everywhere: left out of every count and list (the SQL conditions), and
 * closed to every change (anyWithdrawn, the one check each path that changes it or anything in
 * it makes, and each of their forms opened by its address).
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerParts,
  trackerRecommendations,
  trackerSources,
} from './schema.js';

/**
 * Neither the action, its key point, its recommendation, the part it is in nor its source has
 * been withdrawn: what is withdrawn is left out of every count.
 */
export const notWithdrawn = sql`(${trackerActions.withdrawnAt} is null and not exists (select 1 from ${trackerKeyPoints} wk where wk.id = ${trackerActions.keyPointId} and wk.withdrawn_at is not null) and not exists (select 1 from ${trackerRecommendations} wr left join ${trackerParts} wp on wp.id = wr.part_id where wr.id = ${trackerActions.recommendationId} and (wr.withdrawn_at is not null or wp.withdrawn_at is not null)) and not exists (select 1 from ${trackerSources} ws where ws.id = ${trackerActions.sourceId} and ws.withdrawn_at is not null))`;

/** Neither the recommendation, the part it is in nor its source has been withdrawn. */
export const recommendationNotWithdrawn = sql`(${trackerRecommendations.withdrawnAt} is null and not exists (select 1 from ${trackerParts} wp where wp.id = ${trackerRecommendations.partId} and wp.withdrawn_at is not null) and not exists (select 1 from ${trackerSources} ws where ws.id = ${trackerRecommendations.sourceId} and ws.withdrawn_at is not null))`;

/**
 * The action belongs to a recommendation still accepted (not superseded, not turned down), and
 * nothing of it is withdrawn.
 */
export const onAcceptedRecommendation = sql`(exists (select 1 from ${trackerRecommendations} r where r.id = ${trackerActions.recommendationId} and r.status = 'accepted') and ${notWithdrawn})`;

/** Rows, each of which may be withdrawn: a source, part, recommendation, key point or action. */
export type Items = readonly ({ withdrawnAt: Date | null } | null)[];

/** What an item sits in, by id: the nearest is enough, anyWithdrawn reads up from there. */
export interface Within {
  keyPointId?: string | null;
  recommendationId?: string | null;
  partId?: string | null;
  sourceId?: string | null;
}

/**
 * Whether any of these rows (a source, part, recommendation, key point or action), or anything
 * they sit in, has been withdrawn: the key point, recommendation, part and source named in
 * `within` and all above them. Everything inside something withdrawn is closed: nothing is added
 * under it, changed, moved, removed, withdrawn on its own or progressed.
 */
export async function anyWithdrawn(
  executor: Executor,
  items: Items,
  within: Within = {},
): Promise<boolean> {
  if (items.some((item) => item?.withdrawnAt)) return true;
  let { recommendationId = null, partId = null, sourceId = null } = within;
  if (within.keyPointId) {
    const [k] = await executor
      .select({
        withdrawnAt: trackerKeyPoints.withdrawnAt,
        recommendationId: trackerKeyPoints.recommendationId,
      })
      .from(trackerKeyPoints)
      .where(eq(trackerKeyPoints.id, within.keyPointId));
    if (k?.withdrawnAt) return true;
    recommendationId ??= k?.recommendationId ?? null;
  }
  if (recommendationId) {
    const [r] = await executor
      .select({
        withdrawnAt: trackerRecommendations.withdrawnAt,
        partId: trackerRecommendations.partId,
        sourceId: trackerRecommendations.sourceId,
      })
      .from(trackerRecommendations)
      .where(eq(trackerRecommendations.id, recommendationId));
    if (r?.withdrawnAt) return true;
    partId ??= r?.partId ?? null;
    sourceId ??= r?.sourceId ?? null;
  }
  if (partId) {
    const [p] = await executor
      .select({ withdrawnAt: trackerParts.withdrawnAt, sourceId: trackerParts.sourceId })
      .from(trackerParts)
      .where(eq(trackerParts.id, partId));
    if (p?.withdrawnAt) return true;
    sourceId ??= p?.sourceId ?? null;
  }
  if (!sourceId) return false;
  const [s] = await executor
    .select({ withdrawnAt: trackerSources.withdrawnAt })
    .from(trackerSources)
    .where(eq(trackerSources.id, sourceId));
  return !!s?.withdrawnAt;
}

/**
 * The refusal every write path makes: a conflict (409) with the sentence said (its "withdrawn"
 * message), naming the form's field, when anyWithdrawn; nothing is written.
 */
export async function refuseIfWithdrawn(
  executor: Executor,
  items: Items,
  within: Within,
  said: string,
  field?: string,
): Promise<void> {
  if (await anyWithdrawn(executor, items, within)) throw new ConflictError(said, field);
}

/** What a change locks: a source, a part, a recommendation or a key point. */
export type Lockable =
  | typeof trackerSources
  | typeof trackerParts
  | typeof trackerRecommendations
  | typeof trackerKeyPoints;

/**
 * The row a change is about to change, read and locked (FOR UPDATE) so that two changes of it
 * queue and the second sees what the first did: not found (404) when there is no such row, and
 * refused (refuseIfWithdrawn, with the sentence `said`, naming `field`) when it, or anything it
 * sits in, has been withdrawn. With `onlyWithin`, the row itself may be withdrawn and only what
 * it sits in is refused (withdrawing a part says "already withdrawn"; a withdrawn part may be
 * removed).
 */
export async function lockForChange<T extends Lockable>(
  executor: Executor,
  table: T,
  id: string,
  refusal: { said: string; field?: string; onlyWithin?: true },
): Promise<T['$inferSelect']> {
  if (!isUuid(id)) throw new NotFoundError();
  // One of four tables, each with an `id`: read as any one of them, the row is the table's own.
  const of = table as Lockable as typeof trackerParts;
  const [row] = (await executor.select().from(of).where(eq(of.id, id)).for('update')) as
    T['$inferSelect'][] | [];
  if (!row) throw new NotFoundError();
  const items: Items = refusal.onlyWithin ? [] : [row];
  await refuseIfWithdrawn(executor, items, row as Within, refusal.said, refusal.field);
  return row;
}

/**
 * A service's refusals of what is withdrawn, each saying the service's sentence (`said`, asked
 * for when refusing): `refuseWithdrawn` (refuseIfWithdrawn) and `lock` (lockForChange).
 */
export function withdrawnRefusals(said: () => string) {
  return {
    refuseWithdrawn: (executor: Executor, items: Items, within: Within, field?: string) =>
      refuseIfWithdrawn(executor, items, within, said(), field),
    lock: <T extends Lockable>(
      executor: Executor,
      table: T,
      id: string,
      options: { field?: string; onlyWithin?: true } = {},
    ) => lockForChange(executor, table, id, { said: said(), ...options }),
  };
}
