/**
 * TRK-01 (issue 23): taking back what a manager wrote. A source, recommendation, key point or
 * action is removed while no progress has been reported against it
 * (removal-rules.removalRefusal), and withdrawn, with the reason, once it has; each is recorded
 * in the history (tracker_updates: 'removed', 'withdrawn') with what it was. A removed source
 * takes its history with it: its removal is in the audit trail.
 */
import { asc, eq, inArray, or } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { createTrackerAccess, type TrackerServiceDeps } from '../access.js';
import { deleteSources } from '../delete-sources.js';
import { removalRefusal } from '../removal-rules.js';
import { readWithdrawalReason, recordChange, removalRecords } from '../history.js';
import { refuseIfWithdrawn, type Within } from '../withdrawal.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerRecommendations,
  trackerReports,
  trackerSources,
  trackerUpdates,
  type FieldChange,
} from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

/** What can be removed or withdrawn: the address's word for each, and the history's. */
export const REMOVABLE = ['source', 'recommendation', 'key_point', 'action'] as const;
export type Removable = (typeof REMOVABLE)[number];

export type RemovalService = ReturnType<typeof createRemovalService>;

/** The table each removable thing is kept in. */
const tableOf = (subject: Removable) =>
  subject === 'source'
    ? trackerSources
    : subject === 'recommendation'
      ? trackerRecommendations
      : subject === 'key_point'
        ? trackerKeyPoints
        : trackerActions;

export function createRemovalService(deps: TrackerServiceDeps) {
  const { db, t } = deps;
  const { now, findSource, findRecommendation, findKeyPoint, sourceView } =
    createTrackerAccess(deps);

  async function findAction(executor: Executor, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    const [action] = await executor.select().from(trackerActions).where(eq(trackerActions.id, id));
    if (!action) throw new NotFoundError();
    return { action, ...(await findRecommendation(executor, action.recommendationId)) };
  }

  /**
   * Locks (FOR UPDATE) the row of what is about to be removed or withdrawn, before it is read:
   * two removals or withdrawals of it queue, and the second sees what the first did.
   */
  async function lockRemovable(tx: Executor, subject: Removable, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    const table = tableOf(subject);
    await tx.select({ id: table.id }).from(table).where(eq(table.id, id)).for('update');
  }

  /**
   * The actions under a source, recommendation, key point or action, each with the updates
   * recorded to it, for removalRefusal; with the ids of the key points and actions that would go
   * with it. A source a committee report has been recorded for has been reported on: it stays.
   * Removing, the actions are `lock`ed: progress recorded on one meanwhile (which locks it too)
   * waits, or is seen.
   */
  async function under(executor: Executor, subject: Removable, id: string, lock = false) {
    const query = executor
      .select()
      .from(trackerActions)
      .where(
        subject === 'source'
          ? eq(trackerActions.sourceId, id)
          : subject === 'recommendation'
            ? eq(trackerActions.recommendationId, id)
            : subject === 'key_point'
              ? eq(trackerActions.keyPointId, id)
              : eq(trackerActions.id, id),
      )
      .orderBy(asc(trackerActions.position));
    const actions = lock ? await query.for('update') : await query;
    const keyPoints =
      subject === 'recommendation'
        ? await executor
            .select()
            .from(trackerKeyPoints)
            .where(eq(trackerKeyPoints.recommendationId, id))
            .orderBy(asc(trackerKeyPoints.position))
        : [];
    const reported =
      subject === 'source' &&
      (
        await executor
          .select({ id: trackerReports.id })
          .from(trackerReports)
          .where(eq(trackerReports.sourceId, id))
          .limit(1)
      ).length > 0;
    const refusal = reported
      ? 'tracker:editing.remove.reported'
      : removalRefusal(await removalRecords(executor, actions));
    return { actions, keyPoints, refusal };
  }

  /**
   * The thing to remove or withdraw, with its source and recommendation (none for a source) and
   * what it says.
   */
  async function findRemovable(executor: Executor, subject: Removable, id: string) {
    if (subject === 'source') {
      const source = await findSource(executor, id);
      return { source, recommendation: null, item: source, words: source.title };
    }
    if (subject === 'recommendation') {
      const found = await findRecommendation(executor, id);
      return { ...found, item: found.recommendation, words: found.recommendation.text };
    }
    if (subject === 'key_point') {
      const found = await findKeyPoint(executor, id);
      return { ...found, item: found.keyPoint, words: found.keyPoint.text };
    }
    const found = await findAction(executor, id);
    return { ...found, item: found.action, words: found.action.description ?? '' };
  }

  /**
   * Nothing in what is withdrawn (its source, part, recommendation or key point) is removed or
   * withdrawn on its own: the one check, anyWithdrawn.
   */
  async function refuseInWithdrawn(
    executor: Executor,
    subject: Removable,
    found: Awaited<ReturnType<typeof findRemovable>>,
  ) {
    if (subject === 'source') return;
    const within: Within = {
      partId: found.recommendation!.partId,
      keyPointId: 'action' in found ? found.action.keyPointId : null,
    };
    const above =
      subject === 'recommendation' ? [found.source] : [found.source, found.recommendation];
    await refuseIfWithdrawn(executor, above, within, t('tracker:editing.withdrawn.noEdit'));
  }

  return {
    /** The remove-or-withdraw page: what it is, and whether it may still be removed. */
    async removalForm(principal: Principal, subject: Removable, id: string) {
      requireUser(principal, 'tracker.manage');
      const found = await findRemovable(db, subject, id);
      // Typed in as an address: the page is refused as its submission would be.
      await refuseInWithdrawn(db, subject, found);
      const { refusal } = await under(db, subject, id);
      return {
        subject,
        id,
        words: found.words,
        withdrawn: found.item.withdrawnAt !== null,
        recommendation: found.recommendation,
        source: sourceView(found.source, null),
        refusal,
      };
    },

    /**
     * TRK-01: removes it and all under it, with their updates, while no progress has been
     * reported against any of it; the removal is recorded on its recommendation (or, for a
     * recommendation, on its source) with what was removed.
     */
    async remove(principal: Principal, subject: Removable, id: string, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      return db.transaction(async (tx) => {
        await lockRemovable(tx, subject, id);
        const found = await findRemovable(tx, subject, id);
        await refuseInWithdrawn(tx, subject, found);
        const { actions, keyPoints, refusal } = await under(tx, subject, id, true);
        if (refusal) throw new ConflictError(t(refusal));
        if (subject === 'source') {
          await deleteSources(tx, [id]);
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'tracker.source.removed',
            recordType: 'tracker_source',
            recordId: id,
            before: { item: found.item, actions },
          });
          return { source: found.source, recommendation: null };
        }
        // Every subject but a source is in a recommendation.
        const recommendation = found.recommendation!;
        if (subject === 'recommendation') {
          const [supersedes] = await tx
            .select({ number: trackerRecommendations.number })
            .from(trackerRecommendations)
            .where(eq(trackerRecommendations.supersededById, id));
          if (supersedes)
            throw new ConflictError(
              t('tracker:editing.remove.supersedes', { number: supersedes.number }),
            );
        }
        const keyPointIds = subject === 'key_point' ? [id] : keyPoints.map((k) => k.id);
        const actionIds = actions.map((a) => a.id);
        const gone = [...keyPointIds, ...actionIds, ...(subject === 'recommendation' ? [id] : [])];
        // What was removed, as the history lists it: the thing itself, then what was under it.
        const changes: FieldChange[] = [
          ...(subject === 'recommendation'
            ? [
                { field: 'number', before: recommendation.number, after: null },
                { field: 'text', before: found.words, after: null },
                ...keyPoints.map((k) => ({ field: 'keyPoint', before: k.text, after: null })),
              ]
            : subject === 'key_point'
              ? [{ field: 'keyPoint', before: found.words, after: null }]
              : []),
          ...actions.map((a) => ({ field: 'action', before: a.description ?? '', after: null })),
        ];
        if (keyPointIds.length || actionIds.length)
          await tx
            .delete(trackerLeads)
            .where(
              or(
                keyPointIds.length ? inArray(trackerLeads.keyPointId, keyPointIds) : undefined,
                actionIds.length ? inArray(trackerLeads.actionId, actionIds) : undefined,
              ),
            );
        await tx
          .delete(trackerUpdates)
          .where(
            or(
              actionIds.length ? inArray(trackerUpdates.actionId, actionIds) : undefined,
              inArray(trackerUpdates.subjectId, gone),
              subject === 'recommendation' ? eq(trackerUpdates.recommendationId, id) : undefined,
            ),
          );
        if (actionIds.length)
          await tx.delete(trackerActions).where(inArray(trackerActions.id, actionIds));
        if (keyPointIds.length)
          await tx.delete(trackerKeyPoints).where(inArray(trackerKeyPoints.id, keyPointIds));
        if (subject === 'recommendation')
          await tx.delete(trackerRecommendations).where(eq(trackerRecommendations.id, id));
        await recordChange(tx, user, now(), {
          kind: 'removed',
          sourceId: found.source.id,
          recommendationId: subject === 'recommendation' ? null : recommendation.id,
          subject,
          subjectId: id,
          changes,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: `tracker.${subject.replace('_', '-')}.removed`,
          recordType: `tracker_${subject}`,
          recordId: id,
          before: { item: found.item, keyPoints, actions },
        });
        return { source: found.source, recommendation };
      });
    },

    /**
     * TRK-01: withdraws it, with the reason: it stays in the record and its history, shown as
     * withdrawn and left out of the report's counts; it is no longer edited or progressed.
     */
    async withdraw(
      principal: Principal,
      subject: Removable,
      id: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const reason = readWithdrawalReason(input, t);
      return db.transaction(async (tx) => {
        await lockRemovable(tx, subject, id);
        const found = await findRemovable(tx, subject, id);
        await refuseInWithdrawn(tx, subject, found);
        if (found.item.withdrawnAt)
          throw new ConflictError(t('tracker:editing.withdraw.already'), 'reason');
        const at = now();
        const set = { withdrawnAt: at, withdrawnReason: reason, updatedAt: at };
        const table = tableOf(subject);
        await tx.update(table).set(set).where(eq(table.id, id));
        await recordChange(tx, user, at, {
          kind: 'withdrawn',
          sourceId: found.source.id,
          recommendationId: found.recommendation?.id ?? null,
          subject,
          subjectId: id,
          rationale: reason,
          changes: [
            {
              field: subject === 'key_point' ? 'keyPoint' : subject,
              before: found.words,
              after: null,
            },
          ],
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: `tracker.${subject.replace('_', '-')}.withdrawn`,
          recordType: `tracker_${subject}`,
          recordId: id,
          before: found.item,
          after: { ...found.item, ...set },
        });
        return { source: found.source, recommendation: found.recommendation };
      });
    },
  };
}
