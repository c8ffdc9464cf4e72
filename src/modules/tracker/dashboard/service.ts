/**
 * The tracker's dashboard: overdue actions, actions nobody owns, and sources by how far they
 * have got, filtered by owner and by borough; and the sources whose own date Bridge watches:
 * each corporate IAG's annual report, due by 31 July (IAG-26), and the review of the advisory
 * process every three years (IAG-28).
 */
import { and, asc, count, desc, eq, exists, isNull, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { annualReportDueDate } from '../../../platform/calendar/index.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField, text } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { GroupsApi } from '../../groups/index.js';
import {
  createTrackerAccess,
  joinNames,
  unownedAction,
  type TrackerServiceDeps,
} from '../access.js';
import { onAcceptedRecommendation, refuseIfWithdrawn } from '../withdrawal.js';
import {
  annualReportYearDue,
  dueState,
  itemNoun,
  nextProcessReviewDue,
  notInTheFuture,
} from '../rules.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerRecommendations,
  trackerSources,
} from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

/**
 * The title IAG-28's review is recorded under, so the next one is found and scheduled. Left in
 * code, not in the catalogue: it is how the reviews already stored are found, so rewording it
 * would lose them.
 */
export const PROCESS_REVIEW_TITLE = 'Review of the independent advisory group process';

export type TrackerDashboardService = ReturnType<typeof createTrackerDashboardService>;

export function createTrackerDashboardService(
  deps: TrackerServiceDeps & {
    groups: GroupsApi;
    personInOrganisationSql: DirectoryApi['personInOrganisationSql'];
  },
) {
  const { db, directory, groups, t, personInOrganisationSql } = deps;
  const { now, today, findSource, ownerNames, leadsOf, sourceView } = createTrackerAccess(deps);

  /**
   * The filters: an owner (a unit, directorate or borough: its actions and those of the people
   * in it) and a borough (the same for the borough, and the actions of sources it owns).
   */
  function ownedBy(organisationId: string): SQL {
    // Any of its owners: the organisation itself, or someone in it.
    return exists(
      db
        .select({ one: sql`1` })
        .from(trackerLeads)
        .where(
          and(
            eq(trackerLeads.actionId, trackerActions.id),
            or(
              eq(trackerLeads.organisationId, organisationId),
              personInOrganisationSql(trackerLeads.personId, organisationId),
            ),
          ),
        ),
    );
  }

  async function filtersOf(input: Input) {
    const owner = text(input.owner);
    const borough = text(input.borough);
    const [options, found] = await Promise.all([
      directory.lookups.ownerOrganisations(db),
      directory.lookups.organisations(
        db,
        [owner, borough].filter((v): v is string => !!v && isUuid(v)),
      ),
    ]);
    const ownerId = owner && found.has(owner) ? owner : null;
    const boroughId = borough && found.get(borough)?.kind === 'borough' ? borough : null;
    const conditions: SQL[] = [];
    if (ownerId) conditions.push(ownedBy(ownerId));
    if (boroughId)
      conditions.push(
        or(
          ownedBy(boroughId),
          exists(
            db
              .select({ one: sql`1` })
              .from(trackerSources)
              .where(
                and(
                  eq(trackerSources.id, trackerActions.sourceId),
                  eq(trackerSources.ownerOrganisationId, boroughId),
                ),
              ),
          ),
        )!,
      );
    return {
      condition: conditions.length ? and(...conditions) : undefined,
      values: { owner: ownerId ?? '', borough: boroughId ?? '' },
      owners: options.filter((o) => o.kind !== 'borough'),
      boroughs: options.filter((o) => o.kind === 'borough'),
    };
  }

  /** Actions with where they come from, for the dashboard's lists. */
  async function actionList(where: SQL | undefined, page: PageRequest, order: SQL[]) {
    const [rows, [total]] = await Promise.all([
      db
        .select({
          id: trackerActions.id,
          description: trackerActions.description,
          position: trackerActions.position,
          keyPoint: trackerKeyPoints.text,
          keyPointNumber: trackerKeyPoints.number,
          actionNumber: trackerActions.number,
          recommendationText: trackerRecommendations.text,
          dueOn: trackerActions.dueOn,
          result: trackerActions.result,
          recommendationId: trackerActions.recommendationId,
          number: trackerRecommendations.number,
          sourceId: trackerSources.id,
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
        .orderBy(...order)
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(trackerActions).where(where),
    ]);
    const owners = await leadsOf(db, { actionIds: rows.map((r) => r.id) });
    const names = await ownerNames(db, [...owners.values()].flat());
    return {
      items: rows.map((r) => {
        const ownerNames = names.named(owners.get(r.id) ?? []).map((o) => o.name);
        return {
          ...r,
          noun: itemNoun(r.sourceKind),
          ownerNames,
          ownerName: joinNames(ownerNames),
        };
      }),
      total: total?.n ?? 0,
    };
  }

  return {
    async dashboard(
      principal: Principal,
      input: Input,
      pages: { overdue: PageRequest; unowned: PageRequest; sources: PageRequest },
    ) {
      const user = requireUser(principal, 'tracker.view');
      const day = today();
      const filters = await filtersOf(input);
      // A superseded or not-accepted recommendation's actions are no longer work to chase.
      const open = and(sql`${trackerActions.result} <> 'completed'`, onAcceptedRecommendation);
      const overdueWhere = and(open, sql`${trackerActions.dueOn} < ${day}`, filters.condition);
      const unownedWhere = and(unownedAction, open, filters.condition);
      const sourceActions = and(
        eq(trackerActions.sourceId, trackerSources.id),
        onAcceptedRecommendation,
        filters.condition,
      );
      const completion = sql<number>`coalesce(avg(case when ${trackerActions.result} = 'completed' then 100.0 else 0 end), 0)`;
      const [overdue, unowned, sourceRows, [sourceTotal], due] = await Promise.all([
        actionList(overdueWhere, pages.overdue, [
          asc(trackerActions.dueOn),
          asc(trackerSources.title),
        ]),
        actionList(unownedWhere, pages.unowned, [
          asc(trackerSources.title),
          asc(trackerRecommendations.position),
          asc(trackerActions.position),
        ]),
        db
          .select({
            id: trackerSources.id,
            title: trackerSources.title,
            kind: trackerSources.kind,
            total: sql<number>`count(${trackerActions.id})::int`,
            completed: sql<number>`(count(${trackerActions.id}) filter (where ${trackerActions.result} = 'completed'))::int`,
            notStarted: sql<number>`(count(${trackerActions.id}) filter (where ${trackerActions.result} = 'not_started'))::int`,
            percent: sql<number>`round(${completion})::int`,
          })
          .from(trackerSources)
          .innerJoin(trackerActions, sourceActions)
          .groupBy(trackerSources.id)
          .orderBy(asc(completion), asc(trackerSources.title))
          .limit(pages.sources.limit)
          .offset(pages.sources.offset),
        db
          .select({ n: sql<number>`count(distinct ${trackerSources.id})::int` })
          .from(trackerSources)
          .innerJoin(trackerActions, sourceActions),
        db
          .select()
          .from(trackerSources)
          // A withdrawn source is no longer awaited.
          .where(
            and(
              sql`${trackerSources.dueOn} is not null`,
              isNull(trackerSources.receivedOn),
              isNull(trackerSources.withdrawnAt),
            ),
          )
          .orderBy(asc(trackerSources.dueOn))
          .limit(50),
      ]);
      return {
        today: day,
        filters: filters.values,
        owners: filters.owners,
        boroughs: filters.boroughs,
        overdue,
        unowned,
        sources: {
          items: sourceRows,
          total: sourceTotal?.n ?? 0,
        },
        due: due.map((s) => ({ ...s, state: dueState(s.dueOn, s.receivedOn, day) })),
        mayManage: can(user, 'tracker.manage'),
        lastYear: annualReportYearDue(day),
      };
    },

    /**
     * IAG-26: each corporate IAG's annual report for the reporting year just ended, expected by
     * 31 July after it. One source per group and year; asking twice adds none twice.
     */
    async expectAnnualReports(principal: Principal, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const year = annualReportYearDue(today());
      const dueOn = annualReportDueDate(year.startYear);
      return db.transaction(async (tx) => {
        const corporate = await groups.corporateGroups(tx);
        const at = now();
        const added = corporate.length
          ? await tx
              .insert(trackerSources)
              .values(
                corporate.map((g) => ({
                  // Stored as the source's title, in the default language, when it is expected.
                  title: t('tracker:dashboard.expected.sourceTitle', {
                    year: year.label,
                    group: g.name,
                  }),
                  kind: 'annual_report' as const,
                  reportsTo: t('tracker:dashboard.reportsToDirector'),
                  dueOn,
                  groupId: g.id,
                  coversYear: year.startYear,
                  createdBy: user.userId,
                  createdAt: at,
                  updatedAt: at,
                })),
              )
              .onConflictDoNothing()
              .returning({ id: trackerSources.id, title: trackerSources.title })
          : [];
        for (const source of added)
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'tracker.source.expected',
            recordType: 'tracker_source',
            recordId: source.id,
            after: { ...source, dueOn },
          });
        return { year, dueOn, added: added.length, groups: corporate.length };
      });
    },

    /**
     * IAG-28: schedules the next review of the advisory process, three years after the last
     * (the latest one received, or the date given for the first).
     */
    async scheduleProcessReview(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      return db.transaction(async (tx) => {
        const reviews = await tx
          .select()
          .from(trackerSources)
          .where(
            and(eq(trackerSources.kind, 'review'), eq(trackerSources.title, PROCESS_REVIEW_TITLE)),
          )
          .orderBy(desc(trackerSources.dueOn));
        if (reviews.some((r) => !r.receivedOn))
          throw new ConflictError(
            t('tracker:dashboard.processReview.alreadyScheduled'),
            'lastReviewOn',
          );
        const errors: FieldError[] = [];
        const last =
          reviews[0]?.receivedOn ??
          dateField(
            t,
            input,
            'lastReviewOn',
            t('tracker:dashboard.processReview.lastReviewOn.name'),
            errors,
          );
        if (errors.length || !last) throw new ValidationError(errors);
        const at = now();
        const [source] = await tx
          .insert(trackerSources)
          .values({
            title: PROCESS_REVIEW_TITLE,
            kind: 'review',
            reportsTo: t('tracker:dashboard.reportsToDirector'),
            dueOn: nextProcessReviewDue(last),
            createdBy: user.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.source.scheduled',
          recordType: 'tracker_source',
          recordId: source!.id,
          after: source,
        });
        return source!;
      });
    },

    /** The mark-received form; a withdrawn source's is refused, as its submission is. */
    async receivedForm(principal: Principal, sourceId: string) {
      requireUser(principal, 'tracker.manage');
      const source = await findSource(db, sourceId);
      await refuseIfWithdrawn(db, [source], {}, t('tracker:editing.withdrawn.noEdit'));
      return sourceView(source, null);
    },

    /**
     * A watched source has arrived (the annual report, the review): it is no longer due. A
     * withdrawn source is closed: refused.
     */
    async markReceived(principal: Principal, sourceId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const receivedOn = dateField(
        t,
        input,
        'receivedOn',
        t('tracker:dashboard.received.receivedOn.name'),
        errors,
      );
      const future = receivedOn ? notInTheFuture(receivedOn, today()) : null;
      if (future) errors.push({ field: 'receivedOn-day', message: t(future) });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await findSource(tx, sourceId);
        await refuseIfWithdrawn(
          tx,
          [before],
          {},
          t('tracker:editing.withdrawn.noEdit'),
          'receivedOn-day',
        );
        if (!before.dueOn || before.receivedOn)
          throw new ConflictError(t('tracker:dashboard.received.notWaiting'), 'receivedOn-day');
        const [after] = await tx
          .update(trackerSources)
          .set({ receivedOn, updatedAt: now() })
          .where(eq(trackerSources.id, sourceId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.source.received',
          recordType: 'tracker_source',
          recordId: sourceId,
          before,
          after,
        });
        return after!;
      });
    },
  };
}
