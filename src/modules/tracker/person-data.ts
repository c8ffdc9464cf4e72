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
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from './schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'owned',
    columns: {
      source: trackerSources.title,
      recommendation: trackerRecommendations.number,
      action: trackerActions.description,
      dueOn: trackerActions.dueOn,
      result: trackerActions.result,
      completedOn: trackerActions.completedOn,
      narrative: trackerActions.narrative,
    },
    from: trackerActions,
    join: [
      [trackerSources, eq(trackerSources.id, trackerActions.sourceId)],
      [trackerRecommendations, eq(trackerRecommendations.id, trackerActions.recommendationId)],
      [trackerLeads, eq(trackerLeads.actionId, trackerActions.id)],
    ],
    where: ({ personId }) => eq(trackerLeads.personId, personId),
    orderBy: [trackerSources.title, trackerRecommendations.position, trackerActions.position],
  },
  {
    name: 'led',
    columns: {
      source: trackerSources.title,
      recommendation: trackerRecommendations.number,
      keyPoint: trackerKeyPoints.text,
    },
    from: trackerKeyPoints,
    join: [
      [trackerRecommendations, eq(trackerRecommendations.id, trackerKeyPoints.recommendationId)],
      [trackerSources, eq(trackerSources.id, trackerRecommendations.sourceId)],
      [trackerLeads, eq(trackerLeads.keyPointId, trackerKeyPoints.id)],
    ],
    where: ({ personId }) => eq(trackerLeads.personId, personId),
    orderBy: [trackerSources.title, trackerRecommendations.position, trackerKeyPoints.position],
  },
  {
    name: 'written',
    columns: {
      source: trackerSources.title,
      recommendation: trackerRecommendations.number,
      recordedAt: trackerUpdates.recordedAt,
      recordedAs: trackerUpdates.authorLabel,
      kind: trackerUpdates.kind,
      result: trackerUpdates.result,
      narrative: trackerUpdates.narrative,
      standing: trackerUpdates.standing,
      rationale: trackerUpdates.rationale,
    },
    from: trackerUpdates,
    join: [
      [trackerSources, eq(trackerSources.id, trackerUpdates.sourceId)],
      [trackerRecommendations, eq(trackerRecommendations.id, trackerUpdates.recommendationId)],
    ],
    where: ({ userId }) => (userId ? eq(trackerUpdates.authorUserId, userId) : undefined),
    orderBy: [trackerUpdates.recordedAt],
  },
];

export function trackerPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  // Each column named as a person reads it: `tracker:personData.column.<column>`.
  return personDataSections(
    {
      title: (name) => t(`tracker:personData.${name}`),
      column: (column) => t(`tracker:personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
