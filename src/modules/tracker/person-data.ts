/**
 * DP-02: the tracker's part of what Bridge holds about a person: the actions and the strands
 * of work they are named to lead, and the updates they recorded.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from './schema.js';

export async function trackerPersonData(
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  const { personId, userId } = subject;
  const [owned, led, written] = await Promise.all([
    executor
      .select({
        Source: trackerSources.title,
        Recommendation: trackerRecommendations.number,
        Action: trackerActions.description,
        'Due on': trackerActions.dueOn,
        Result: trackerActions.result,
        'Completed on': trackerActions.completedOn,
        Narrative: trackerActions.narrative,
      })
      .from(trackerActions)
      .innerJoin(trackerSources, eq(trackerSources.id, trackerActions.sourceId))
      .innerJoin(
        trackerRecommendations,
        eq(trackerRecommendations.id, trackerActions.recommendationId),
      )
      .where(eq(trackerActions.ownerPersonId, personId))
      .orderBy(trackerSources.title, trackerRecommendations.position, trackerActions.position),
    executor
      .select({
        Source: trackerSources.title,
        Recommendation: trackerRecommendations.number,
        'Key point': trackerKeyPoints.text,
      })
      .from(trackerKeyPoints)
      .innerJoin(
        trackerRecommendations,
        eq(trackerRecommendations.id, trackerKeyPoints.recommendationId),
      )
      .innerJoin(trackerSources, eq(trackerSources.id, trackerRecommendations.sourceId))
      .where(eq(trackerKeyPoints.leadPersonId, personId))
      .orderBy(trackerSources.title, trackerRecommendations.position, trackerKeyPoints.position),
    userId
      ? executor
          .select({
            Source: trackerSources.title,
            Recommendation: trackerRecommendations.number,
            'Recorded at': trackerUpdates.recordedAt,
            'Recorded as': trackerUpdates.authorLabel,
            Kind: trackerUpdates.kind,
            Result: trackerUpdates.result,
            Narrative: trackerUpdates.narrative,
            Standing: trackerUpdates.standing,
            Rationale: trackerUpdates.rationale,
          })
          .from(trackerUpdates)
          .innerJoin(trackerSources, eq(trackerSources.id, trackerUpdates.sourceId))
          .innerJoin(
            trackerRecommendations,
            eq(trackerRecommendations.id, trackerUpdates.recommendationId),
          )
          .where(eq(trackerUpdates.authorUserId, userId))
          .orderBy(trackerUpdates.recordedAt)
      : [],
  ]);
  return [
    personDataSection('Actions they own', owned),
    personDataSection('Work they lead', led),
    personDataSection('Updates they recorded', written),
  ];
}
