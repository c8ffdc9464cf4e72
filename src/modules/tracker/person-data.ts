/**
 * DP-02: the tracker's part of what Bridge holds about a person: the actions and the strands
 * of work they are named to lead, and the updates they recorded. Its section titles and column
 * names are the catalogue's (`tracker:personData.`), in the words of `t`: the default language's,
 * as an export is made for the person, not for a request.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from './schema.js';

export async function trackerPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  const { personId, userId } = subject;
  const [owned, led, written] = await Promise.all([
    executor
      .select({
        source: trackerSources.title,
        recommendation: trackerRecommendations.number,
        action: trackerActions.description,
        dueOn: trackerActions.dueOn,
        result: trackerActions.result,
        completedOn: trackerActions.completedOn,
        narrative: trackerActions.narrative,
      })
      .from(trackerActions)
      .innerJoin(trackerSources, eq(trackerSources.id, trackerActions.sourceId))
      .innerJoin(
        trackerRecommendations,
        eq(trackerRecommendations.id, trackerActions.recommendationId),
      )
      .innerJoin(trackerLeads, eq(trackerLeads.actionId, trackerActions.id))
      .where(eq(trackerLeads.personId, personId))
      .orderBy(trackerSources.title, trackerRecommendations.position, trackerActions.position),
    executor
      .select({
        source: trackerSources.title,
        recommendation: trackerRecommendations.number,
        keyPoint: trackerKeyPoints.text,
      })
      .from(trackerKeyPoints)
      .innerJoin(
        trackerRecommendations,
        eq(trackerRecommendations.id, trackerKeyPoints.recommendationId),
      )
      .innerJoin(trackerSources, eq(trackerSources.id, trackerRecommendations.sourceId))
      .innerJoin(trackerLeads, eq(trackerLeads.keyPointId, trackerKeyPoints.id))
      .where(eq(trackerLeads.personId, personId))
      .orderBy(trackerSources.title, trackerRecommendations.position, trackerKeyPoints.position),
    userId
      ? executor
          .select({
            source: trackerSources.title,
            recommendation: trackerRecommendations.number,
            recordedAt: trackerUpdates.recordedAt,
            recordedAs: trackerUpdates.authorLabel,
            kind: trackerUpdates.kind,
            result: trackerUpdates.result,
            narrative: trackerUpdates.narrative,
            standing: trackerUpdates.standing,
            rationale: trackerUpdates.rationale,
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
  // Each column named as a person reads it: `tracker:personData.column.<column>`.
  const section = (title: string, rows: readonly Record<string, unknown>[]) =>
    personDataSection(t(`tracker:personData.${title}`), rows, (column) =>
      t(`tracker:personData.column.${column}`),
    );
  return [section('owned', owned), section('led', led), section('written', written)];
}
