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
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { GroupsApi } from '../../groups/index.js';
import {
  isRecommendationStatus,
  isSourceKind,
  needsMonitoringGroup,
  parseReportingYear,
  recommendationStandingProblem,
  type SourceKind,
} from '../rules.js';
import {
  trackerActions,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from '../schema.js';
import {
  actionCounts,
  createTrackerAccess,
  notWithdrawn,
  onAcceptedRecommendation,
  progressRight,
  unownedAction,
  type TrackerServiceDeps,
} from '../access.js';
import { say } from '../../../platform/i18n/said.js';
import { formattedBlocks } from '../formatted-text.js';
import { createRecommendationPage } from './recommendation-page.js';

const MAX_TITLE = 300;
const MAX_SUMMARY = 1_000;
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

  /** The source form's fields, checked: a title, its kind, dates, owner, committee, monitor. */
  async function readSourceForm(input: Input) {
    const errors: FieldError[] = [];
    const title = text(input.title);
    if (!title)
      errors.push({ field: 'title', message: t('tracker:sources.form.sourceTitle.missing') });
    tooLong(t, errors, 'title', t('tracker:sources.form.sourceTitle.name'), title, MAX_TITLE);
    // Issue 23 item 6: what the source is (plain words) and its context (formatted text).
    const summary = text(input.summary)?.replace(/\s+/g, ' ') ?? null;
    tooLong(t, errors, 'summary', t('tracker:sources.form.summary.name'), summary, MAX_SUMMARY);
    const introduction = text(input.introduction)?.replace(/\r\n?/g, '\n') ?? null;
    tooLong(
      t,
      errors,
      'introduction',
      t('tracker:sources.form.introduction.name'),
      introduction,
      MAX_TEXT,
    );
    const kind = text(input.kind);
    if (!isSourceKind(kind))
      errors.push({ field: 'kind', message: t('tracker:sources.form.kind.missing') });
    const sourceDate = dateField(
      t,
      input,
      'sourceDate',
      t('tracker:sources.form.sourceDate.name'),
      errors,
      { required: false },
    );
    const dueOn = dateField(t, input, 'dueOn', t('tracker:sources.form.dueOn.name'), errors, {
      required: false,
    });
    const reference = text(input.reference);
    const reportsTo = text(input.reportsTo);
    const monitoredBy = text(input.monitoredBy);
    for (const [field, value] of [
      ['reference', reference],
      ['reportsTo', reportsTo],
      ['monitoredBy', monitoredBy],
    ] as const)
      tooLong(t, errors, field, t(`tracker:sources.form.${field}.name`), value, MAX_TITLE);
    if (isSourceKind(kind) && needsMonitoringGroup(kind) && !monitoredBy)
      errors.push({ field: 'monitoredBy', message: t('tracker:sources.form.monitoredBy.missing') });
    const ownerId = text(input.owner);
    let ownerOrganisationId: string | null = null;
    if (ownerId) {
      const found = isUuid(ownerId)
        ? (await directory.lookups.organisations(db, [ownerId])).get(ownerId)
        : undefined;
      if (!found || found.archived)
        errors.push({ field: 'owner', message: t('tracker:sources.form.owner.missing') });
      else ownerOrganisationId = found.id;
    }
    // IAG-25, IAG-26: a work plan or an annual report may say the reporting year it covers (any
    // year, typed as 2006-07 or 2006); a group's work schedule or annual report must.
    const groupId = text(input.group);
    const typedYear = text(input.coversYear);
    const coversYear = typedYear ? parseReportingYear(typedYear) : null;
    const yearKind = kind === 'work_plan' || kind === 'annual_report';
    if (typedYear && coversYear === null)
      errors.push({ field: 'coversYear', message: t('tracker:sources.form.coversYear.malformed') });
    else if (typedYear && isSourceKind(kind) && !yearKind)
      errors.push({
        field: 'coversYear',
        message: t('tracker:sources.form.coversYear.notAYearKind'),
      });
    if (groupId) {
      const known =
        isUuid(groupId) && (await groups.workingGroups(db)).some((g) => g.id === groupId);
      if (!known) errors.push({ field: 'group', message: t('tracker:sources.form.group.missing') });
      if (!yearKind)
        errors.push({ field: 'group', message: t('tracker:sources.form.group.notAGroupKind') });
      if (!typedYear)
        errors.push({ field: 'coversYear', message: t('tracker:sources.form.coversYear.missing') });
    }
    if (errors.length) throw new ValidationError(errors);
    return {
      groupId: groupId ?? null,
      coversYear,
      title: title!,
      summary,
      introduction,
      kind: kind as SourceKind,
      reference,
      sourceDate,
      ownerOrganisationId,
      reportsTo,
      monitoredBy,
      isPublic: text(input.isPublic) === 'yes',
      dueOn,
    };
  }

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
            total: actionCounts.total,
            completed: actionCounts.completed,
            notStarted: sql<number>`(count(${trackerActions.id}) filter (where ${trackerActions.result} = 'not_started'))::int`,
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
      const values = await readSourceForm(input);
      const at = now();
      const duplicate = () =>
        new ConflictError(
          // Only a work plan or an annual report belongs to a group.
          t(`tracker:sources.form.group.taken.${values.kind}`, {
            year: reportingYear(values.coversYear!).label,
          }),
          'group',
        );
      return db.transaction(async (tx) => {
        if (values.groupId) {
          const [taken] = await tx
            .select({ id: trackerSources.id })
            .from(trackerSources)
            .where(
              and(
                eq(trackerSources.kind, values.kind),
                eq(trackerSources.groupId, values.groupId),
                eq(trackerSources.coversYear, values.coversYear!),
              ),
            );
          if (taken) throw duplicate();
        }
        const [source] = await tx
          .insert(trackerSources)
          .values({ ...values, createdBy: user.userId, createdAt: at, updatedAt: at })
          .returning()
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) throw duplicate();
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
          .select({ n: count() })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.sourceId, id)),
      ]);
      const [group] = source.groupId ? await groups.groupsByIds(db, [source.groupId]) : [];
      // Issue 23 item 10: each action links to its page for whoever may record progress on it.
      const who = await trackerUser(db, user);
      const withLink = progressRight(who, (o) => tree.names.ownerOf(o));
      const recommendations = tree.recommendations.map((r) => ({
        ...r,
        actions: r.actions.map(withLink(!!r.withdrawnAt)),
        keyPoints: r.keyPoints.map((k) => ({
          ...k,
          actions: k.actions.map(withLink(!!r.withdrawnAt || !!k.withdrawnAt)),
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
        total: recommendationCount?.n ?? 0,
        sourceChanges,
        mayManage: can(user, 'tracker.manage'),
      };
    },

    /** One recommendation: its key points and actions, and every update as one timeline. */
    recommendation: recommendationPage,

    /** The standing form of a recommendation (manager only). */
    async standingForm(principal: Principal, recommendationId: string) {
      requireUser(principal, 'tracker.manage');
      const { recommendation, source } = await findRecommendation(db, recommendationId);
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
