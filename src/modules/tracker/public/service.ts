/** TRK-01: the sources published on the public site, with how far their actions have got. */
import { asc, count, eq } from 'drizzle-orm';
import type { PageRequest } from '../../../platform/db/search.js';
import { NotFoundError } from '../../../platform/errors.js';
import { trackerActions, trackerRecommendations, trackerSources } from '../schema.js';
import {
  actionCounts,
  createTrackerAccess,
  joinNames,
  type TrackerServiceDeps,
} from '../access.js';
import { formattedBlocks } from '../formatted-text.js';

export type PublicTrackerService = ReturnType<typeof createPublicTrackerService>;

export function createPublicTrackerService(deps: TrackerServiceDeps) {
  const { db } = deps;
  const { findSource, sourceView, pageOfTree, ownerOrganisationName } = createTrackerAccess(deps);

  return {
    /** Sources published on the public site, with how far their actions have got. */
    async publicList(page: PageRequest) {
      const where = eq(trackerSources.isPublic, true);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: trackerSources.id,
            title: trackerSources.title,
            kind: trackerSources.kind,
            sourceDate: trackerSources.sourceDate,
            reportsTo: trackerSources.reportsTo,
            withdrawnAt: trackerSources.withdrawnAt,
            total: actionCounts.total,
            completed: actionCounts.completed,
          })
          .from(trackerSources)
          .leftJoin(trackerActions, eq(trackerActions.sourceId, trackerSources.id))
          .where(where)
          .groupBy(trackerSources.id)
          .orderBy(asc(trackerSources.title))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trackerSources).where(where),
      ]);
      return {
        items: rows,
        total: total?.n ?? 0,
      };
    },

    /**
     * A published source's recommendations and where each action stands, a page at a time.
     * Actions are shown with the unit that owns them, never a person's name.
     */
    async publicSource(id: string, page: PageRequest) {
      const source = await findSource(db, id);
      if (!source.isPublic) throw new NotFoundError();
      const [tree, [recommendationCount], [counts]] = await Promise.all([
        pageOfTree(db, id, page),
        db
          .select({ n: count() })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.sourceId, id)),
        db
          .select({ total: actionCounts.total, completed: actionCounts.completed })
          .from(trackerActions)
          .where(eq(trackerActions.sourceId, id)),
      ]);
      return {
        source: {
          ...sourceView(source, await ownerOrganisationName(db, source.ownerOrganisationId)),
          introductionBlocks: formattedBlocks(source.introduction),
        },
        recommendations: tree.recommendations.map((r) => ({
          ...r,
          actions: r.actions.map((a) => ({
            ...a,
            ownerName: joinNames(a.namedOwners.filter((o) => !o.personId).map((o) => o.name)),
          })),
          keyPoints: r.keyPoints.map((k) => ({
            ...k,
            // A lead's or owner's unit is shown, never a person's name.
            leadName: joinNames(k.namedLeads.filter((l) => !l.personId).map((l) => l.name)),
            actions: k.actions.map((a) => ({
              ...a,
              ownerName: joinNames(a.namedOwners.filter((o) => !o.personId).map((o) => o.name)),
            })),
          })),
        })),
        total: recommendationCount?.n ?? 0,
        counts: counts!,
      };
    },
  };
}
