/**
 * Issue 23: the order of a source's parts, recommendations, key points and actions among their
 * siblings: a new one goes to its natural place by number, and a manager moves one up or down.
 * Each position is the item's place among its siblings; these keep them in step.
 */
import { and, asc, eq, gte, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { naturalPlace } from '../numbering-rules.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerParts,
  trackerRecommendations,
} from '../schema.js';

/** Whose siblings: a part's (or a source's items outside any part), a recommendation's, a key point's. */
export type Siblings =
  | { of: 'parts'; sourceId: string }
  | { of: 'recommendations'; sourceId: string; partId: string | null }
  | { of: 'keyPoints'; recommendationId: string }
  | { of: 'actions'; recommendationId: string; keyPointId: string | null };

function tableAndWhere(siblings: Siblings) {
  switch (siblings.of) {
    case 'parts':
      return { table: trackerParts, where: eq(trackerParts.sourceId, siblings.sourceId) };
    case 'recommendations':
      return {
        table: trackerRecommendations,
        where: and(
          eq(trackerRecommendations.sourceId, siblings.sourceId),
          siblings.partId
            ? eq(trackerRecommendations.partId, siblings.partId)
            : isNull(trackerRecommendations.partId),
        )!,
      };
    case 'keyPoints':
      return {
        table: trackerKeyPoints,
        where: eq(trackerKeyPoints.recommendationId, siblings.recommendationId),
      };
    case 'actions':
      return {
        table: trackerActions,
        where: siblings.keyPointId
          ? eq(trackerActions.keyPointId, siblings.keyPointId)
          : and(
              eq(trackerActions.recommendationId, siblings.recommendationId),
              isNull(trackerActions.keyPointId),
            )!,
      };
  }
}

/** The siblings in their order: id, number (a part has none) and position. */
export async function siblingsInOrder(
  executor: Executor,
  siblings: Siblings,
): Promise<{ id: string; number: string | null; position: number }[]> {
  const { table, where } = tableAndWhere(siblings);
  const number: SQL<string | null> =
    table === trackerParts ? sql<null>`null` : sql<string | null>`${sql.identifier('number')}`;
  return executor
    .select({ id: table.id, number, position: table.position })
    .from(table)
    .where(where)
    .orderBy(asc(table.position), asc(table.id));
}

/**
 * The position a new item numbered `number` takes among its siblings, making room for it: those
 * after it move down one.
 */
export async function makeRoom(
  executor: Executor,
  siblings: Siblings,
  number: string | null,
): Promise<number> {
  const { table, where } = tableAndWhere(siblings);
  const current = await siblingsInOrder(executor, siblings);
  const at = naturalPlace(current, number);
  const next = current[at];
  if (!next) return (current.at(-1)?.position ?? 0) + 1;
  await executor
    .update(table)
    .set({ position: sql`${table.position} + 1` })
    .where(and(where, gte(table.position, next.position)));
  return next.position;
}

/** Puts the siblings in the order given: each one's position is its place, from 1. */
export async function reorder(executor: Executor, siblings: Siblings, ids: readonly string[]) {
  const { table } = tableAndWhere(siblings);
  for (const [i, id] of ids.entries())
    await executor
      .update(table)
      .set({ position: i + 1 })
      .where(eq(table.id, id));
}
