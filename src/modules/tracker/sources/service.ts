/**
 * TRK-01: the tracker's sources (a review, scrutiny, inquiry, a group's work plan or annual
 * report) and their recommendations: the list, recording a source, a source's page, a
 * recommendation's page and its standing (superseded, not accepted).
 */
import { and, asc, count, desc, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { reportingYear } from '../../../platform/calendar/index.js';
import { isUniqueViolation } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ValidationError, type FieldError } from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import type { GroupsApi } from '../../groups/index.js';
import { isRecommendationStatus, isSourceKind, recommendationStandingProblem } from '../rules.js';
import {
  trackerActions,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from '../schema.js';
import {
  actionCounts,
  createTrackerAccess,
  progressRight,
  unownedAction,
  type TrackerServiceDeps,
} from '../access.js';
import {
  notWithdrawn,
  recommendationNotWithdrawn,
  refuseIfWithdrawn,
  onAcceptedRecommendation,
} from '../withdrawal.js';
import { say } from '../../../platform/i18n/said.js';
import { formattedBlocks } from '../formatted-text.js';
import { createRecommendationPage } from './recommendation-page.js';
import { createSourceFieldReader, groupYearTaken, refuseGroupYearTaken } from './source-fields.js';

const MAX_TEXT = 20_000;

type Input = Record<string, string | string[] | undefined>;

export type SourcesService = ReturnType<typeof createSourcesService>;

export function createSourcesService(
  deps: TrackerServiceDeps & {
    groups: GroupsApi;
  },
) {
  const { db, directory, groups, t } = deps;
  const access = createTrackerAccess(deps);
  const {
    now,
    today,
    findSource,
    findRecommendation,
    sourceView,
    trackerUser,
    pageOfTree,
    ownerOrganisationName,
  } = access;
  const recommendationPage = createRecommendationPage(deps, access);
  const readSourceFields = createSourceFieldReader(deps);

  return {
    /** Every source, with how far its actions have got, a page at a time. */
    async list(principal: Principal, input: Input, page: PageRequest) {
      requireUser(principal, 'tracker.view');
      const kind = text(input.kind);
      const q = text(input.q);
      const filters: SQL[] = [];
      if (isSourceKind(kind)) filters.push(eq(trackerSources.kind, kind));
      if (q) filters.push(ilike(trackerSources.title, `%${q.replace(/[\\%_]/g, '\\$&')}%`));
      const where = filters.length ? and(...filters) : undefined;
      const day = today();
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: trackerSources.id,
            title: trackerSources.title,
            kind: trackerSources.kind,
            sourceDate: trackerSources.sourceDate,
            coversYear: trackerSources.coversYear,
            reportsTo: trackerSources.reportsTo,
            isPublic: trackerSources.isPublic,
            withdrawnAt: trackerSources.withdrawnAt,
            total: actionCounts.total,
            completed: actionCounts.completed,
            notStarted: sql<number>`(count(${trackerActions.id}) filter (where ${trackerActions.result} = 'not_started' and ${notWithdrawn}))::int`,
            overdue: sql<number>`(count(${trackerActions.id}) filter (where ${trackerActions.result} <> 'completed' and ${trackerActions.dueOn} < ${day} and ${onAcceptedRecommendation}))::int`,
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
        items: rows.map((r) => ({
          ...r,
          yearLabel: r.coversYear ? reportingYear(r.coversYear).label : null,
          percentComplete: r.total ? Math.round((100 * r.completed) / r.total) : null,
        })),
        total: total?.n ?? 0,
        filters: { kind: isSourceKind(kind) ? kind : '', q: q ?? '' },
        mayManage: can(principal, 'tracker.manage'),
      };
    },

    /** What the new-source form offers as owners: the directory's units, directorates, boroughs. */
    async sourceForm(principal: Principal) {
      requireUser(principal, 'tracker.manage');
      const [owners, workingGroups] = await Promise.all([
        directory.lookups.ownerOrganisations(db),
        groups.workingGroups(db),
      ]);
      return { owners, groups: workingGroups };
    },

    async createSource(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const { owner, ...values } = await readSourceFields(input);
      const at = now();
      return db.transaction(async (tx) => {
        await refuseGroupYearTaken(tx, t, values);
        const [source] = await tx
          .insert(trackerSources)
          .values({
            ...values,
            ownerOrganisationId: owner?.id ?? null,
            createdBy: user.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning()
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) throw groupYearTaken(t, values.kind, values.coversYear!);
            throw error;
          });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.source.created',
          recordType: 'tracker_source',
          recordId: source!.id,
          after: source,
        });
        return source!;
      });
    },

    /** A source's own record, for a page that is about it but not its recommendations. */
    async sourceRecord(principal: Principal, id: string) {
      requireUser(principal, 'tracker.view');
      return sourceView(await findSource(db, id), null);
    },

    /** A source with its recommendations (a page of them), their key points and actions. */
    async source(principal: Principal, id: string, page: PageRequest) {
      const user = requireUser(principal, 'tracker.view');
      const source = await findSource(db, id);
      const [tree, [counts], [recommendationCount]] = await Promise.all([
        pageOfTree(db, id, page),
        db
          .select({
            total: actionCounts.total,
            completed: actionCounts.completed,
            ongoing: sql<number>`(count(*) filter (where ${trackerActions.result} = 'ongoing'))::int`,
            awaits: sql<number>`(count(*) filter (where ${trackerActions.result} = 'awaits'))::int`,
            notStarted: sql<number>`(count(*) filter (where ${trackerActions.result} = 'not_started'))::int`,
            unowned: sql<number>`(count(*) filter (where ${unownedAction}))::int`,
          })
          .from(trackerActions)
          .where(and(eq(trackerActions.sourceId, id), notWithdrawn)),
        db
          .select({
            n: count(),
            live: sql<number>`(count(*) filter (where ${recommendationNotWithdrawn}))::int`,
          })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.sourceId, id)),
      ]);
      const [group] = source.groupId ? await groups.groupsByIds(db, [source.groupId]) : [];
      // Issue 23 item 10: each action links to its page for whoever may record progress on it.
      const who = await trackerUser(db, user);
      const withLink = progressRight(who, (o) => tree.names.ownerOf(o));
      // Nothing in a withdrawn source is progressed or changed.
      const sourceWithdrawn = !!source.withdrawnAt;
      const recommendations = tree.recommendations.map((r) => ({
        ...r,
        actions: r.actions.map(withLink(sourceWithdrawn || !!r.withdrawnAt)),
        keyPoints: r.keyPoints.map((k) => ({
          ...k,
          actions: k.actions.map(withLink(sourceWithdrawn || !!r.withdrawnAt || !!k.withdrawnAt)),
        })),
      }));
      // Issue 23: edits of the source's details, and recommendations removed from it.
      const sourceChanges = await db
        .select()
        .from(trackerUpdates)
        .where(and(eq(trackerUpdates.sourceId, id), isNull(trackerUpdates.recommendationId)))
        .orderBy(desc(trackerUpdates.recordedAt), desc(trackerUpdates.id))
        .limit(20);
      return {
        source: {
          ...sourceView(source, await ownerOrganisationName(db, source.ownerOrganisationId)),
          groupName: group?.name ?? null,
          introductionBlocks: formattedBlocks(source.introduction),
          yearLabel: source.coversYear ? reportingYear(source.coversYear).label : null,
        },
        recommendations,
        parts: tree.parts,
        counts: counts!,
        // Every item, for the pages; the count the page says is of those not withdrawn.
        total: recommendationCount?.n ?? 0,
        itemCounts: {
          live: recommendationCount?.live ?? 0,
          withdrawn: (recommendationCount?.n ?? 0) - (recommendationCount?.live ?? 0),
        },
        sourceChanges,
        mayManage: can(user, 'tracker.manage') && !sourceWithdrawn,
      };
    },

    /** One recommendation: its key points and actions, and every update as one timeline. */
    recommendation: recommendationPage,

    /** The standing form of a recommendation (manager only). */
    async standingForm(principal: Principal, recommendationId: string) {
      requireUser(principal, 'tracker.manage');
      const { recommendation, source } = await findRecommendation(db, recommendationId);
      // Typed in as an address: the page is refused as its submission would be.
      const noEdit = t('tracker:editing.withdrawn.noEdit');
      await refuseIfWithdrawn(db, [recommendation, source], recommendation, noEdit);
      const others = await db
        .select({ id: trackerRecommendations.id, number: trackerRecommendations.number })
        .from(trackerRecommendations)
        .where(eq(trackerRecommendations.sourceId, source.id))
        .orderBy(asc(trackerRecommendations.position));
      return {
        source: sourceView(source, null),
        recommendation,
        supersededByNumber:
          others.find((o) => o.id === recommendation.supersededById)?.number ?? null,
      };
    },

    /**
     * A recommendation accepted, superseded by another of the source (naming it), or not
     * accepted (with the rationale).
     */
    async setStanding(
      principal: Principal,
      recommendationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const status = text(input.status);
      if (!isRecommendationStatus(status))
        throw new ValidationError([
          { field: 'status', message: t('tracker:sources.standing.status.missing') },
        ]);
      const supersededBy = status === 'superseded' ? text(input.supersededBy) : null;
      const rationale = text(input.rationale);
      const errors: FieldError[] = [];
      tooLong(
        t,
        errors,
        'rationale',
        t('tracker:sources.standing.rationale.name'),
        rationale,
        MAX_TEXT,
      );
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const { recommendation, source } = await findRecommendation(tx, recommendationId);
        // Issue 23: nothing withdrawn, nor anything in what is withdrawn, is changed.
        const noEdit = t('tracker:editing.withdrawn.noEdit');
        await refuseIfWithdrawn(tx, [recommendation, source], recommendation, noEdit, 'status');
        const siblings = await tx
          .select({ id: trackerRecommendations.id, number: trackerRecommendations.number })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.sourceId, source.id));
        const problem = recommendationStandingProblem({
          number: recommendation.number,
          status,
          supersededBy,
          rationale,
          numbers: new Set(siblings.map((s) => s.number)),
        });
        if (problem)
          throw new ValidationError([{ field: problem.field, message: say(t, problem) }]);
        const [after] = await tx
          .update(trackerRecommendations)
          .set({
            status,
            supersededById: supersededBy
              ? siblings.find((s) => s.number === supersededBy)!.id
              : null,
            rationale,
            updatedAt: now(),
          })
          .where(eq(trackerRecommendations.id, recommendationId))
          .returning();
        // TRK-01: a change of standing is in the recommendation's history, and its reports.
        await tx.insert(trackerUpdates).values({
          recommendationId,
          sourceId: source.id,
          kind: 'standing',
          recordedAt: now(),
          authorUserId: user.userId,
          authorLabel: user.displayName,
          standing: status,
          supersededByNumber: supersededBy,
          rationale,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.recommendation.standing',
          recordType: 'tracker_recommendation',
          recordId: recommendationId,
          before: recommendation,
          after,
        });
        return after!;
      });
    },
  };
}
