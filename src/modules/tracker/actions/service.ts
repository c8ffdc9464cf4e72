/**
 * TRK-01: recording progress on an action (its owner, their unit, or the tracker's managers),
 * and the list of actions a person may update.
 */
import { and, asc, count, desc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { type Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, text } from '../../../platform/http/form-fields.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { say } from '../../../platform/i18n/said.js';
import { isUuid } from '../../../platform/http/params.js';
import { happenedOnProblem, isOverdue, itemNoun, mayUpdateAction, resultLabel } from '../rules.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from '../schema.js';
import { createTrackerAccess, joinNames, type TrackerServiceDeps } from '../access.js';
import { completedOf, completionColumns, readProgress } from '../progress.js';
import { anyWithdrawn, notWithdrawn, refuseIfWithdrawn } from '../withdrawal.js';

type Input = Record<string, string | string[] | undefined>;

export type ActionsService = ReturnType<typeof createActionsService>;

export function createActionsService(deps: TrackerServiceDeps) {
  const { db, t } = deps;
  const { now, today, findSource, ownerNames, leadsOf, sourceView, trackerUser } =
    createTrackerAccess(deps);

  /** The day an update happened, when it is not the day it was recorded (London time). */
  const happenedApart = (u: { happenedOn: string | null; recordedAt: Date }) =>
    u.happenedOn && u.happenedOn !== todayInLondon(u.recordedAt) ? u.happenedOn : null;

  return {
    /**
     * The action's update form: where it stands, who owns it, and its history. An action that is
     * withdrawn, or is in something withdrawn, is `withdrawn`: its page offers no form.
     */
    async actionForm(principal: Principal, actionId: string) {
      const user = requireUser(principal);
      const found = await findAction(db, actionId);
      const who = await trackerUser(db, user);
      if (!mayUpdateAction(who, found.owners)) throw new NotFoundError();
      const [source, history, withdrawn] = await Promise.all([
        findSource(db, found.action.sourceId),
        db
          .select()
          .from(trackerUpdates)
          .where(eq(trackerUpdates.actionId, actionId))
          .orderBy(desc(trackerUpdates.recordedAt), desc(trackerUpdates.id)),
        anyWithdrawn(
          db,
          [found.action, found.keyPoint, found.recommendation],
          found.recommendation,
        ),
      ]);
      const completed = completedOf(found.action);
      return {
        source: sourceView(source, null),
        recommendation: found.recommendation,
        keyPoint: found.keyPoint,
        action: {
          ...found.action,
          completed,
          resultLabel: resultLabel(found.action.result, completed),
          ownerNames: found.ownerNames,
          ownerName: joinNames(found.ownerNames),
        },
        history: history.map((u) => ({
          ...u,
          resultLabel: u.result ? resultLabel(u.result, completedOf(u)) : null,
          happenedOn: happenedApart(u),
        })),
        mayViewSource: can(user, 'tracker.view'),
        withdrawn,
      };
    },

    /**
     * TRK-01: records progress on an action: its result (Completed with the date, Ongoing,
     * Awaits) and narrative, as an update with its date and author. Only the owner, their unit
     * or the tracker's managers may; a form read before someone else's update is refused.
     */
    async updateAction(principal: Principal, actionId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const { result, completed, narrative } = readProgress(input, errors, today(), t);
      // Issue 23 item 10: progress made earlier carries the day it happened (empty: today).
      const happenedOn = dateField(
        t,
        input,
        'happenedOn',
        t('tracker:progress.happenedOn.name'),
        errors,
        { required: false },
      );
      const version = Number(text(input.version));
      if (errors.length || !result) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const found = await findAction(tx, actionId, { lock: true });
        if (!mayUpdateAction(await trackerUser(tx, user), found.owners)) throw new NotFoundError();
        await refuseIfWithdrawn(
          tx,
          [found.action, found.keyPoint, found.recommendation],
          found.recommendation,
          t('tracker:editing.withdrawn.noProgress'),
          'result',
        );
        if (version !== found.action.version)
          throw new ConflictError(t('tracker:actions.action.updatedMeanwhile'), 'result');
        if (happenedOn) {
          const [source, earlier] = await Promise.all([
            findSource(tx, found.action.sourceId),
            tx
              .select({
                happenedOn: trackerUpdates.happenedOn,
                recordedAt: trackerUpdates.recordedAt,
              })
              .from(trackerUpdates)
              .where(
                and(eq(trackerUpdates.actionId, actionId), eq(trackerUpdates.kind, 'progress')),
              ),
          ]);
          const days = earlier.map((u) => u.happenedOn ?? todayInLondon(u.recordedAt)).sort();
          const problem = happenedOnProblem({
            happenedOn,
            today: today(),
            sourceDate: source.sourceDate,
            lastProgressOn: days[days.length - 1] ?? null,
            completed,
          });
          if (problem)
            throw new ValidationError([{ field: problem.field, message: say(t, problem) }]);
        }
        const at = now();
        const [after] = await tx
          .update(trackerActions)
          .set({
            result,
            ...completionColumns(completed),
            narrative,
            version: found.action.version + 1,
            updatedAt: at,
          })
          .where(eq(trackerActions.id, actionId))
          .returning();
        await tx.insert(trackerUpdates).values({
          actionId,
          recommendationId: found.action.recommendationId,
          sourceId: found.action.sourceId,
          kind: 'progress',
          recordedAt: at,
          happenedOn,
          authorUserId: user.userId,
          authorLabel: user.displayName,
          result,
          ...completionColumns(completed),
          narrative,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.action.updated',
          recordType: 'tracker_action',
          recordId: actionId,
          before: found.action,
          after,
        });
        return { action: after!, recommendationId: found.action.recommendationId };
      });
    },

    /**
     * The actions this person may update as one of their owners or in an owner's unit (the same
     * rule as mayUpdateAction, as SQL). What is withdrawn, or in something withdrawn, is no
     * longer progressed: it is left out (and out of the count).
     */
    async myActions(principal: Principal, page: PageRequest) {
      const user = requireUser(principal);
      const who = await trackerUser(db, user);
      const mine: SQL[] = [];
      if (who.personId) mine.push(eq(trackerLeads.personId, who.personId));
      const units = [who.organisationId, ...who.boroughIds].filter((u): u is string => !!u);
      if (units.length) mine.push(inArray(trackerLeads.organisationId, units));
      if (who.organisationId)
        mine.push(
          sql`${trackerLeads.personId} in (select id from people where organisation_id = ${who.organisationId})`,
        );
      if (mine.length === 0) return { items: [], total: 0 };
      const where = and(
        exists(
          db
            .select({ one: sql`1` })
            .from(trackerLeads)
            .where(and(eq(trackerLeads.actionId, trackerActions.id), or(...mine))),
        ),
        notWithdrawn,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({
            action: trackerActions,
            keyPoint: trackerKeyPoints.text,
            keyPointNumber: trackerKeyPoints.number,
            recommendationText: trackerRecommendations.text,
            number: trackerRecommendations.number,
            sourceTitle: trackerSources.title,
            sourceKind: trackerSources.kind,
          })
          .from(trackerActions)
          // An action directly under its recommendation has no key point (issue 23).
          .leftJoin(trackerKeyPoints, eq(trackerKeyPoints.id, trackerActions.keyPointId))
          .innerJoin(
            trackerRecommendations,
            eq(trackerRecommendations.id, trackerActions.recommendationId),
          )
          .innerJoin(trackerSources, eq(trackerSources.id, trackerActions.sourceId))
          .where(where)
          .orderBy(
            sql`${trackerActions.result} = 'completed'`,
            sql`${trackerActions.dueOn} asc nulls last`,
            asc(trackerSources.title),
            asc(trackerRecommendations.position),
            asc(trackerActions.position),
          )
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trackerActions).where(where),
      ]);
      const day = today();
      return {
        items: rows.map((r) => {
          const completed = completedOf(r.action);
          return {
            ...r,
            noun: itemNoun(r.sourceKind),
            resultLabel: resultLabel(r.action.result, completed),
            overdue: isOverdue(r.action, day),
          };
        }),
        total: total?.n ?? 0,
      };
    },
  };

  async function findAction(executor: Executor, id: string, options: { lock?: boolean } = {}) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(trackerActions).where(eq(trackerActions.id, id));
    const [action] = options.lock ? await query.for('update') : await query;
    if (!action) throw new NotFoundError();
    const [[keyPoint], [recommendation]] = await Promise.all([
      action.keyPointId
        ? executor.select().from(trackerKeyPoints).where(eq(trackerKeyPoints.id, action.keyPointId))
        : Promise.resolve([]),
      executor
        .select()
        .from(trackerRecommendations)
        .where(eq(trackerRecommendations.id, action.recommendationId)),
    ]);
    const owners = (await leadsOf(executor, { actionIds: [id] })).get(id) ?? [];
    const names = await ownerNames(executor, owners);
    return {
      action,
      /** Null for an action directly under its recommendation. */
      keyPoint: keyPoint ?? null,
      recommendation: recommendation!,
      ownerNames: names.named(owners).map((o) => o.name),
      owners: owners.map((o) => names.ownerOf(o)),
    };
  }
}
