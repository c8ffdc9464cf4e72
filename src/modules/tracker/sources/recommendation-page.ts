/**
 * TRK-01: a recommendation's page: its key points and actions (each with whether this person may
 * record progress on it), and every update of it as one timeline, each naming its action.
 */
import { desc, eq } from 'drizzle-orm';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Said } from '../../../platform/i18n/said.js';
import { progressRight, type TrackerAccess, type TrackerServiceDeps } from '../access.js';
import { completedOf } from '../progress.js';
import { itemNoun, resultLabel, type RecommendationStatus } from '../rules.js';
import { trackerRecommendations, trackerUpdates } from '../schema.js';

/** One recommendation: its key points and actions, and every update as one timeline. */
export function createRecommendationPage(deps: TrackerServiceDeps, access: TrackerAccess) {
  const { db, t } = deps;
  const { findSource, treeOf, sourceView, trackerUser } = access;
  return async function recommendation(principal: Principal, id: string) {
    const user = requireUser(principal, 'tracker.view');
    if (!isUuid(id)) throw new NotFoundError();
    const [row] = await db
      .select({ sourceId: trackerRecommendations.sourceId })
      .from(trackerRecommendations)
      .where(eq(trackerRecommendations.id, id));
    if (!row) throw new NotFoundError();
    const source = await findSource(db, row.sourceId);
    const standingLabel = (standing: RecommendationStatus, by: string | null): Said =>
      standing === 'superseded'
        ? { key: `tracker:supersededBy.${itemNoun(source.kind)}`, values: { number: by ?? '' } }
        : { key: `tracker:recommendationStatus.${standing}` };
    const [tree, updates] = await Promise.all([
      treeOf(db, source.id, [id]),
      db
        .select()
        .from(trackerUpdates)
        .where(eq(trackerUpdates.recommendationId, id))
        .orderBy(desc(trackerUpdates.recordedAt), desc(trackerUpdates.id)),
    ]);
    // Who may record progress on which action: its owner, their unit, or a manager.
    const who = await trackerUser(db, user);
    const withMayUpdate = progressRight(who, (o) => tree.names.ownerOf(o));
    const own = tree.recommendations[0]!;
    // Nothing in a withdrawn source is progressed or changed.
    const withdrawn = !!source.withdrawnAt || !!own.withdrawnAt;
    const recommendation = {
      ...own,
      actions: own.actions.map(withMayUpdate(withdrawn)),
      keyPoints: own.keyPoints.map((k) => ({
        ...k,
        actions: k.actions.map(withMayUpdate(withdrawn || !!k.withdrawnAt)),
      })),
    };
    // An action is named by its number and wording; with none, by its key point's (or, directly
    // under the recommendation, the recommendation's own result).
    const numbered = (item: { number: string | null }, words: string) =>
      item.number ? `${item.number} ${words}` : words;
    const actionText = new Map([
      ...recommendation.actions.map(
        (a) =>
          [
            a.id,
            numbered(
              a,
              a.description ??
                t('tracker:tree.ownResult', {
                  noun: t(`tracker:itemNoun.${itemNoun(source.kind)}.one`),
                  number: own.number,
                }),
            ),
          ] as const,
      ),
      ...recommendation.keyPoints.flatMap((k) =>
        k.actions.map(
          (a) => [a.id, a.description ? numbered(a, a.description) : numbered(k, k.text)] as const,
        ),
      ),
    ]);
    return {
      source: sourceView(source, null),
      recommendation,
      timeline: updates.map((u) => ({
        ...u,
        actionText: u.actionId ? (actionText.get(u.actionId) ?? '') : '',
        // Issue 23 item 10: a back-filled update shows the day it happened beside its recording.
        happenedOn:
          u.happenedOn && u.happenedOn !== todayInLondon(u.recordedAt) ? u.happenedOn : null,
        resultLabel: u.result ? resultLabel(u.result, completedOf(u)) : null,
        standingLabel: u.standing ? standingLabel(u.standing, u.supersededByNumber) : null,
      })),
      mayManage: can(user, 'tracker.manage') && !source.withdrawnAt,
    };
  };
}
