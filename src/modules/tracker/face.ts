/**
 * What other modules read of the tracker through its face (ADR 0014): sources to choose from, by
 * title, and a source's progress (its items' actions, each with its result, latest note and
 * dates) with where staff and the public read it. CON-07: a consultation's "you said, we did"
 * shows the actions of the source that carries the change it promised, read live from here.
 */
import { and, asc, eq, ilike, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { trackerPaths } from './paths.js';
import type { ActionResult, SourceKind } from './rules.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerParts,
  trackerRecommendations,
  trackerSources,
} from './schema.js';

/** A source to choose from. */
export interface TrackerSourceChoice {
  id: string;
  title: string;
  kind: SourceKind;
  kindLabel: string;
  isPublic: boolean;
}

/** One action of a source, where it stands. */
export interface TrackerActionProgress {
  id: string;
  /** The number of the recommendation (or objective) it is under, and that item's words. */
  itemNumber: string;
  itemText: string;
  /** The action's own number and words; null where the source gives only a result. */
  number: string | null;
  description: string | null;
  result: ActionResult;
  resultLabel: string;
  /** Its latest progress note. */
  narrative: string | null;
  dueOn: string | null;
  completedOn: string | null;
  /** When it was last changed. */
  updatedAt: Date;
}

export interface TrackerSourceProgress extends TrackerSourceChoice {
  withdrawn: boolean;
  /** The source's page, for staff. */
  href: string;
  /** Where the tracker publishes it; null while it is not public. */
  publicHref: string | null;
  actions: TrackerActionProgress[];
}

export interface TrackerSourcesFace {
  /**
   * Sources not withdrawn to choose from, by title (those whose title contains `title`, when
   * given), at most `limit`.
   */
  choose(
    executor: Executor,
    query: { title?: string | undefined; limit: number },
  ): Promise<TrackerSourceChoice[]>;
  /** The sources named, with their actions in the source's order; an id naming none is left out. */
  progress(
    executor: Executor,
    sourceIds: readonly string[],
  ): Promise<Map<string, TrackerSourceProgress>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createTrackerSourcesFace(t: Translate): TrackerSourcesFace {
  const sourceColumns = {
    id: trackerSources.id,
    title: trackerSources.title,
    kind: trackerSources.kind,
    isPublic: trackerSources.isPublic,
    withdrawnAt: trackerSources.withdrawnAt,
  };
  const asChoice = (s: { id: string; title: string; kind: SourceKind; isPublic: boolean }) => ({
    id: s.id,
    title: s.title,
    kind: s.kind,
    kindLabel: t(`tracker:sourceKind.${s.kind}`),
    isPublic: s.isPublic,
  });

  return {
    async choose(executor, query) {
      const title = query.title?.trim();
      const rows = await executor
        .select(sourceColumns)
        .from(trackerSources)
        .where(
          and(
            isNull(trackerSources.withdrawnAt),
            title
              ? ilike(trackerSources.title, `%${title.replace(/[\\%_]/g, '\\$&')}%`)
              : undefined,
          ),
        )
        .orderBy(asc(trackerSources.title))
        .limit(query.limit);
      return rows.map(asChoice);
    },

    async progress(executor, sourceIds) {
      const ids = [...new Set(sourceIds)].filter((id) => UUID.test(id));
      if (ids.length === 0) return new Map();
      const [sources, actions] = await Promise.all([
        executor.select(sourceColumns).from(trackerSources).where(inArray(trackerSources.id, ids)),
        // Every action of the sources in one query, withdrawn ones left out, in the source's order.
        executor
          .select({
            id: trackerActions.id,
            sourceId: trackerActions.sourceId,
            itemNumber: trackerRecommendations.number,
            itemText: trackerRecommendations.text,
            number: trackerActions.number,
            description: trackerActions.description,
            result: trackerActions.result,
            narrative: trackerActions.narrative,
            dueOn: trackerActions.dueOn,
            completedOn: trackerActions.completedOn,
            updatedAt: trackerActions.updatedAt,
          })
          .from(trackerActions)
          .innerJoin(
            trackerRecommendations,
            eq(trackerRecommendations.id, trackerActions.recommendationId),
          )
          .leftJoin(trackerParts, eq(trackerParts.id, trackerRecommendations.partId))
          .leftJoin(trackerKeyPoints, eq(trackerKeyPoints.id, trackerActions.keyPointId))
          .where(
            and(
              inArray(trackerActions.sourceId, ids),
              isNull(trackerActions.withdrawnAt),
              isNull(trackerRecommendations.withdrawnAt),
              isNull(trackerKeyPoints.withdrawnAt),
              isNull(trackerParts.withdrawnAt),
            ),
          )
          // The source's order: by part, item, then the item's own actions before its key points'.
          .orderBy(
            sql`${trackerParts.position} nulls first`,
            asc(trackerRecommendations.position),
            sql`${trackerKeyPoints.position} nulls first`,
            asc(trackerActions.position),
          ),
      ]);
      return new Map(
        sources.map((s) => [
          s.id,
          {
            ...asChoice(s),
            withdrawn: s.withdrawnAt !== null,
            href: trackerPaths.source(s.id),
            publicHref: s.isPublic ? trackerPaths.publicSource(s.id) : null,
            actions: actions
              .filter((a) => a.sourceId === s.id)
              .map((a) => ({
                id: a.id,
                itemNumber: a.itemNumber,
                itemText: a.itemText,
                number: a.number,
                description: a.description,
                result: a.result,
                resultLabel: t(`tracker:actionResult.${a.result}`),
                narrative: a.narrative,
                dueOn: a.dueOn,
                completedOn: a.completedOn,
                updatedAt: a.updatedAt,
              })),
          },
        ]),
      );
    },
  };
}
