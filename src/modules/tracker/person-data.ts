/**
 * DP-02: the tracker's part of what Bridge holds about a person: the actions and the strands
 * of work they are named to lead, and the updates they recorded. Its section titles and column
 * names are the catalogue's (`tracker:personData.`), in the words of `t`: the default language's,
 * as an export is made for the person, not for a request.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerParts,
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
      // An edit, withdrawal or removal: what it was made to (the source, a part, ...).
      subject: trackerUpdates.subject,
      part: trackerParts.title,
      result: trackerUpdates.result,
      narrative: trackerUpdates.narrative,
      standing: trackerUpdates.standing,
      rationale: trackerUpdates.rationale,
    },
    from: trackerUpdates,
    join: [[trackerSources, eq(trackerSources.id, trackerUpdates.sourceId)]],
    // An update about the source itself or one of its parts has no recommendation: kept too.
    leftJoin: [
      [trackerRecommendations, eq(trackerRecommendations.id, trackerUpdates.recommendationId)],
      [
        trackerParts,
        and(eq(trackerUpdates.subject, 'part'), eq(trackerParts.id, trackerUpdates.subjectId))!,
      ],
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
