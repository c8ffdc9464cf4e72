/**
 * Issue 23: a source's structure, for the tracker's managers: its parts (each numbering its
 * items afresh, e.g. seed 002's "Objectives" and "MPA Action Plan 2002/03"), renamed, removed
 * while empty or withdrawn with the reason; moving a part, recommendation, key point or action
 * one place up or down among its siblings, and a recommendation from one part to another. Each
 * change to a part, and each move to another part, is kept in the history (tracker_updates).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { isUniqueViolation, type Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { createTrackerAccess, type TrackerServiceDeps } from '../access.js';
import { moveAmong } from '../numbering-rules.js';
import { partRemovalRefusal } from '../removal-rules.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerParts,
  trackerRecommendations,
} from '../schema.js';
import { readWithdrawalReason, recordChange, removalRecords } from '../history.js';
import { refuseIfWithdrawn, withdrawnRefusals, type Within } from '../withdrawal.js';
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
  const { now, findSource, findRecommendation, sourceView, partsOf } = createTrackerAccess(deps);

  /**
   * Why a part may not be removed (removal-rules.partRemovalRefusal), or null: how many items
   * it holds, and what has been reported against their actions.
   */
  async function partRefusal(executor: Executor, partId: string) {
    const items = await executor
      .select({ id: trackerRecommendations.id })
      .from(trackerRecommendations)
      .where(eq(trackerRecommendations.partId, partId));
    const actions = items.length
      ? await executor
          .select({ id: trackerActions.id, result: trackerActions.result })
          .from(trackerActions)
          .where(
            inArray(
              trackerActions.recommendationId,
              items.map((i) => i.id),
            ),
          )
      : [];
    return partRemovalRefusal({
      items: items.length,
      actions: await removalRecords(executor, actions),
    });
  }

  /** Nothing withdrawn is changed or moved, nor anything in what is withdrawn (anyWithdrawn). */
  // The row about to be changed is locked (lockForChange), refused as these are.
  const { refuseWithdrawn, lock } = withdrawnRefusals(() => t('tracker:editing.withdrawn.noEdit'));

  /** The audit event of a change to a part: added, renamed, removed or withdrawn. */
  const auditPart = (
    executor: Executor,
    user: UserPrincipal,
    requestId: string | undefined,
    change: 'added' | 'renamed' | 'removed' | 'withdrawn',
    partId: string,
    rows: { before?: unknown; after?: unknown },
  ) =>
    recordAudit(executor, actorOf(user, requestId), {
      action: `tracker.part.${change}`,
      recordType: 'tracker_part',
      recordId: partId,
      ...rows,
    });

  function readTitle(input: Input) {
    const errors: FieldError[] = [];
    const title = text(input.title);
    if (!title) errors.push({ field: 'title', message: t('tracker:structure.part.title.missing') });
    tooLong(t, errors, 'title', t('tracker:structure.part.title.name'), title, MAX_TITLE);
    if (errors.length) throw new ValidationError(errors);
    return title!;
  }

  /** A part (one about to be changed is locked: lockForChange). */
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
        const within: Within = { sourceId: part.sourceId };
        return { siblings, sourceId: part.sourceId, recommendationId: null, before: part, within };
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
        return { siblings, sourceId: r.sourceId, recommendationId: r.id, before: r, within: r };
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
        return {
          siblings,
          sourceId: r!.sourceId,
          recommendationId: k.recommendationId,
          before: k,
          within: k,
        };
      }
      case 'action': {
        const [a] = await executor.select().from(trackerActions).where(eq(trackerActions.id, id));
        if (!a) throw new NotFoundError();
        const siblings: Siblings = {
          of: 'actions',
          recommendationId: a.recommendationId,
          keyPointId: a.keyPointId,
        };
        return {
          siblings,
          sourceId: a.sourceId,
          recommendationId: a.recommendationId,
          before: a,
          within: a,
        };
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
        await refuseIfWithdrawn(tx, [source], {}, t('tracker:records.withdrawn'), 'title');
        const position = await makeRoom(tx, { of: 'parts', sourceId }, null);
        const at = now();
        const [part] = await tx
          .insert(trackerParts)
          .values({ sourceId, title, position, createdAt: at, updatedAt: at })
          .returning();
        await auditPart(tx, user, requestId, 'added', part!.id, { after: part });
        return { part: part!, source };
      });
    },

    /** The rename form of a part. */
    async renamePartForm(principal: Principal, partId: string) {
      requireUser(principal, 'tracker.manage');
      const part = await findPart(db, partId);
      await refuseWithdrawn(db, [part], part);
      return { part, source: sourceView(await findSource(db, part.sourceId), null) };
    },

    /** A part's new title, kept in the history; a withdrawn part is no longer changed. */
    async renamePart(principal: Principal, partId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const title = readTitle(input);
      return db.transaction(async (tx) => {
        const before = await lock(tx, trackerParts, partId, { field: 'title' });
        if (before.title === title) return before;
        const at = now();
        const [after] = await tx
          .update(trackerParts)
          .set({ title, updatedAt: at })
          .where(eq(trackerParts.id, partId))
          .returning();
        await recordChange(tx, user, at, {
          kind: 'edited',
          sourceId: before.sourceId,
          recommendationId: null,
          subject: 'part',
          subjectId: partId,
          changes: [{ field: 'title', before: before.title, after: title }],
        });
        await auditPart(tx, user, requestId, 'renamed', partId, { before, after });
        return after!;
      });
    },

    /** The remove-or-withdraw page of a part: what it holds, and whether it may be removed. */
    async partRemovalForm(principal: Principal, partId: string) {
      requireUser(principal, 'tracker.manage');
      const part = await findPart(db, partId);
      // In a withdrawn source the page is refused; a withdrawn part's own page still opens.
      await refuseWithdrawn(db, [], part);
      return {
        part,
        source: sourceView(await findSource(db, part.sourceId), null),
        refusal: await partRefusal(db, partId),
      };
    },

    /**
     * TRK-01: removes a part once it is empty and nothing was reported in it (the clerk moves or
     * removes its items first); the removal is kept in the source's history.
     */
    async removePart(principal: Principal, partId: string, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      return db.transaction(async (tx) => {
        // A withdrawn part may still be removed, not one in a withdrawn source.
        const part = await lock(tx, trackerParts, partId, { onlyWithin: true });
        const refusal = await partRefusal(tx, partId);
        if (refusal) throw new ConflictError(t(refusal));
        await tx.delete(trackerParts).where(eq(trackerParts.id, partId));
        await recordChange(tx, user, now(), {
          kind: 'removed',
          sourceId: part.sourceId,
          recommendationId: null,
          subject: 'part',
          subjectId: partId,
          changes: [{ field: 'part', before: part.title, after: null }],
        });
        await auditPart(tx, user, requestId, 'removed', partId, { before: part });
        return part;
      });
    },

    /**
     * TRK-01: withdraws a part, with the reason: it stays in the record and the history, and
     * everything in it is withdrawn with it (left out of the counts, no more progress).
     */
    async withdrawPart(principal: Principal, partId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const reason = readWithdrawalReason(input, t);
      return db.transaction(async (tx) => {
        const before = await lock(tx, trackerParts, partId, { field: 'reason', onlyWithin: true });
        if (before.withdrawnAt)
          throw new ConflictError(t('tracker:editing.withdraw.already'), 'reason');
        const at = now();
        const [after] = await tx
          .update(trackerParts)
          .set({ withdrawnAt: at, withdrawnReason: reason, updatedAt: at })
          .where(eq(trackerParts.id, partId))
          .returning();
        await recordChange(tx, user, at, {
          kind: 'withdrawn',
          sourceId: before.sourceId,
          recommendationId: null,
          subject: 'part',
          subjectId: partId,
          changes: [{ field: 'part', before: before.title, after: null }],
          rationale: reason,
        });
        await auditPart(tx, user, requestId, 'withdrawn', partId, { before, after });
        return after!;
      });
    },

    /** The move-to-another-part form: the part it is in, and those it may move to. */
    async moveToPartForm(principal: Principal, recommendationId: string) {
      requireUser(principal, 'tracker.manage');
      const { recommendation, source } = await findRecommendation(db, recommendationId);
      await refuseWithdrawn(db, [recommendation, source], recommendation);
      const parts = await partsOf(db, source.id);
      return {
        recommendation,
        source: sourceView(source, null),
        current: parts.find((p) => p.id === recommendation.partId) ?? null,
        parts: parts.filter((p) => p.id !== recommendation.partId && !p.withdrawnAt),
      };
    },

    /**
     * TRK-01 (issue 23): a recommendation or objective moves to another part of its source,
     * with its number (refused, naming it, when that part has the number already), to its
     * natural place there; the move is kept in its history.
     */
    async moveToPart(
      principal: Principal,
      recommendationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const partId = text(input.part);
      const missing = () =>
        new ValidationError([
          { field: 'part', message: t('tracker:structure.moveToPart.part.missing') },
        ]);
      if (!partId) throw missing();
      return db.transaction(async (tx) => {
        // Nothing withdrawn moves (out of a withdrawn part it would come back), nor into one.
        const before = await lock(tx, trackerRecommendations, recommendationId, { field: 'part' });
        const parts = await partsOf(tx, before.sourceId);
        const from = parts.find((p) => p.id === before.partId) ?? null;
        const to = parts.find((p) => p.id === partId);
        if (!to || to.id === before.partId) throw missing();
        if (to.withdrawnAt) throw new ConflictError(t('tracker:records.withdrawn'), 'part');
        const taken = () =>
          new ConflictError(
            t('tracker:structure.moveToPart.taken', { number: before.number, part: to.title }),
            'part',
          );
        const [clash] = await tx
          .select({ id: trackerRecommendations.id })
          .from(trackerRecommendations)
          .where(
            and(
              eq(trackerRecommendations.partId, to.id),
              eq(trackerRecommendations.number, before.number),
            ),
          );
        if (clash) throw taken();
        const position = await makeRoom(
          tx,
          { of: 'recommendations', sourceId: before.sourceId, partId: to.id },
          before.number,
        );
        const at = now();
        const [after] = await tx
          .update(trackerRecommendations)
          .set({ partId: to.id, position, updatedAt: at })
          .where(eq(trackerRecommendations.id, recommendationId))
          .returning()
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) throw taken();
            throw error;
          });
        await recordChange(tx, user, at, {
          kind: 'edited',
          sourceId: before.sourceId,
          recommendationId,
          subject: 'recommendation',
          subjectId: recommendationId,
          changes: [{ field: 'part', before: from?.title ?? null, after: to.title }],
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.recommendation.moved-to-part',
          recordType: 'tracker_recommendation',
          recordId: recommendationId,
          before,
          after,
        });
        return { recommendation: after!, part: to };
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
        await refuseWithdrawn(tx, [found.before], found.within);
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
