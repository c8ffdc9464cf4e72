/**
 * Issue 23: a source's structure, for the tracker's managers: its parts (each numbering its
 * items afresh, e.g. seed 002's "Objectives" and "MPA Action Plan 2002/03"), and moving a part,
 * recommendation, key point or action one place up or down among its siblings.
 */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { createTrackerAccess, type TrackerServiceDeps } from '../access.js';
import { moveAmong } from '../rules.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerParts,
  trackerRecommendations,
} from '../schema.js';
import { makeRoom, reorder, siblingsInOrder, type Siblings } from './order.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_TITLE = 300;

/** What can be moved among its siblings, as its address names it. */
export const MOVABLE = ['part', 'recommendation', 'key-point', 'action'] as const;
export type Movable = (typeof MOVABLE)[number];
export const isMovable = (value: unknown): value is Movable => MOVABLE.includes(value as Movable);

export type TrackerStructureService = ReturnType<typeof createTrackerStructureService>;

export function createTrackerStructureService(deps: TrackerServiceDeps) {
  const { db, t } = deps;
  const { now, findSource, sourceView, partsOf } = createTrackerAccess(deps);

  function readTitle(input: Input) {
    const errors: FieldError[] = [];
    const title = text(input.title);
    if (!title) errors.push({ field: 'title', message: t('tracker:structure.part.title.missing') });
    tooLong(t, errors, 'title', t('tracker:structure.part.title.name'), title, MAX_TITLE);
    if (errors.length) throw new ValidationError(errors);
    return title!;
  }

  async function findPart(executor: Executor, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    const [part] = await executor.select().from(trackerParts).where(eq(trackerParts.id, id));
    if (!part) throw new NotFoundError();
    return part;
  }

  /**
   * What is moved: its siblings, the source it belongs to and the recommendation it is in (for
   * a key point or action), so the page goes back where it was.
   */
  async function movable(executor: Executor, kind: Movable, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    switch (kind) {
      case 'part': {
        const part = await findPart(executor, id);
        const siblings: Siblings = { of: 'parts', sourceId: part.sourceId };
        return { siblings, sourceId: part.sourceId, recommendationId: null, before: part };
      }
      case 'recommendation': {
        const [r] = await executor
          .select()
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.id, id));
        if (!r) throw new NotFoundError();
        const siblings: Siblings = {
          of: 'recommendations',
          sourceId: r.sourceId,
          partId: r.partId,
        };
        return { siblings, sourceId: r.sourceId, recommendationId: r.id, before: r };
      }
      case 'key-point': {
        const [k] = await executor
          .select()
          .from(trackerKeyPoints)
          .where(eq(trackerKeyPoints.id, id));
        if (!k) throw new NotFoundError();
        const siblings: Siblings = { of: 'keyPoints', recommendationId: k.recommendationId };
        const [r] = await executor
          .select({ sourceId: trackerRecommendations.sourceId })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.id, k.recommendationId));
        return { siblings, sourceId: r!.sourceId, recommendationId: k.recommendationId, before: k };
      }
      case 'action': {
        const [a] = await executor.select().from(trackerActions).where(eq(trackerActions.id, id));
        if (!a) throw new NotFoundError();
        const siblings: Siblings = {
          of: 'actions',
          recommendationId: a.recommendationId,
          keyPointId: a.keyPointId,
        };
        return { siblings, sourceId: a.sourceId, recommendationId: a.recommendationId, before: a };
      }
    }
  }

  return {
    /** The add-part form: the source and the parts it has. */
    async partForm(principal: Principal, sourceId: string) {
      requireUser(principal, 'tracker.manage');
      const source = await findSource(db, sourceId);
      return { source: sourceView(source, null), parts: await partsOf(db, sourceId) };
    },

    /** A part of a source, after its others; its items are numbered afresh. */
    async addPart(principal: Principal, sourceId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const title = readTitle(input);
      return db.transaction(async (tx) => {
        const source = await findSource(tx, sourceId);
        const position = await makeRoom(tx, { of: 'parts', sourceId }, null);
        const at = now();
        const [part] = await tx
          .insert(trackerParts)
          .values({ sourceId, title, position, createdAt: at, updatedAt: at })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.part.added',
          recordType: 'tracker_part',
          recordId: part!.id,
          after: part,
        });
        return { part: part!, source };
      });
    },

    /** The rename form of a part. */
    async renamePartForm(principal: Principal, partId: string) {
      requireUser(principal, 'tracker.manage');
      const part = await findPart(db, partId);
      return { part, source: sourceView(await findSource(db, part.sourceId), null) };
    },

    async renamePart(principal: Principal, partId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const title = readTitle(input);
      return db.transaction(async (tx) => {
        const before = await findPart(tx, partId);
        const [after] = await tx
          .update(trackerParts)
          .set({ title, updatedAt: now() })
          .where(eq(trackerParts.id, partId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.part.renamed',
          recordType: 'tracker_part',
          recordId: partId,
          before,
          after,
        });
        return after!;
      });
    },

    /**
     * Moves a part, recommendation, key point or action one place up or down among its
     * siblings (issue 23). Already first (or last), nothing changes.
     */
    async move(principal: Principal, kind: string, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      if (!isMovable(kind)) throw new NotFoundError();
      const direction = text(input.direction);
      if (direction !== 'up' && direction !== 'down')
        throw new ValidationError([
          { field: 'direction', message: t('tracker:structure.move.direction') },
        ]);
      return db.transaction(async (tx) => {
        const found = await movable(tx, kind, id);
        const siblings = await siblingsInOrder(tx, found.siblings);
        const order = moveAmong(
          siblings.map((s) => s.id),
          id,
          direction,
        );
        const where = { sourceId: found.sourceId, recommendationId: found.recommendationId };
        if (!order) return { ...where, moved: false };
        await reorder(tx, found.siblings, order);
        await recordAudit(tx, actorOf(user, requestId), {
          action: `tracker.${kind}.moved`,
          recordType: `tracker_${kind.replace('-', '_')}`,
          recordId: id,
          before: { position: found.before.position },
          after: { position: order.indexOf(id) + 1, direction },
        });
        return { ...where, moved: true };
      });
    },
  };
}
