/**
 * Sources deleted with everything in them: their parts, recommendations, key points, actions,
 * leads, updates and reports. One place for the order the foreign keys need, used by removing a
 * source nothing was reported against (TRK-01) and by removing the demo's sources.
 */
import { inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerParts,
  trackerRecommendations,
  trackerReports,
  trackerSources,
  trackerUpdates,
} from './schema.js';

export async function deleteSources(tx: Executor, sourceIds: readonly string[]): Promise<void> {
  if (!sourceIds.length) return;
  const ids = [...sourceIds];
  const actions = tx
    .select({ id: trackerActions.id })
    .from(trackerActions)
    .where(inArray(trackerActions.sourceId, ids));
  const recommendations = tx
    .select({ id: trackerRecommendations.id })
    .from(trackerRecommendations)
    .where(inArray(trackerRecommendations.sourceId, ids));
  const keyPoints = tx
    .select({ id: trackerKeyPoints.id })
    .from(trackerKeyPoints)
    .where(inArray(trackerKeyPoints.recommendationId, recommendations));
  await tx
    .delete(trackerLeads)
    .where(
      or(inArray(trackerLeads.actionId, actions), inArray(trackerLeads.keyPointId, keyPoints)),
    );
  await tx.delete(trackerUpdates).where(inArray(trackerUpdates.sourceId, ids));
  await tx.delete(trackerReports).where(inArray(trackerReports.sourceId, ids));
  await tx.delete(trackerActions).where(inArray(trackerActions.sourceId, ids));
  await tx
    .delete(trackerKeyPoints)
    .where(inArray(trackerKeyPoints.recommendationId, recommendations));
  await tx.delete(trackerRecommendations).where(inArray(trackerRecommendations.sourceId, ids));
  await tx.delete(trackerParts).where(inArray(trackerParts.sourceId, ids));
  await tx.delete(trackerSources).where(inArray(trackerSources.id, ids));
}
