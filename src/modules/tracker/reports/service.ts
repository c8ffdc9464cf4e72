/**
 * TRK-01: the progress report for a committee, in the layout of seed 004's Appendix 1: each
 * recommendation's text, then a table of its key points, actions and results/timescale; with a
 * summary of how many actions stand at each result and what changed since the last report. It
 * is read as at a date, from the updates recorded by the end of that day, so a report for a past
 * date says what was known then.
 */
import { and, desc, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import {
  addCalendarDays,
  parseIsoDate,
  startOfLondonDay,
  todayInLondon,
  type IsoDate,
} from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField, text } from '../../../platform/http/form-fields.js';
import type { MeetingPapersApi } from '../../meetings/index.js';
import { createTrackerAccess, type TrackerServiceDeps } from '../access.js';
import { completedOf } from '../progress.js';
import { reportCsvRows } from './csv.js';
import { renderReportPdf } from './pdf.js';
import { presentReport } from './presenter.js';
import {
  ACTION_RESULTS,
  changesSince,
  mayUpdateAction,
  countByResult,
  notInTheFuture,
  recommendationProgress,
  resultLabel,
  type ActionState,
} from '../rules.js';
import { trackerReports, trackerUpdates } from '../schema.js';
import { formatDate } from '../../../platform/i18n/dates.js';

type Input = Record<string, string | string[] | undefined>;

export type TrackerReportsService = ReturnType<typeof createTrackerReportsService>;
export type ProgressReport = Awaited<ReturnType<TrackerReportsService['report']>>;

export function createTrackerReportsService(
  deps: TrackerServiceDeps & {
    papers: MeetingPapersApi;
  },
) {
  const { db, t } = deps;
  const { now, today, findSource, treeOf, sourceView, trackerUser } = createTrackerAccess(deps);

  /**
   * The date asked for (not after today), else today: from the page's date input (`date-day`,
   * `date-month`, `date-year`), or as `date=YYYY-MM-DD` in the links the report page makes.
   */
  function asOfDate(input: Input): IsoDate {
    const typed = ['date-day', 'date-month', 'date-year'].some((f) => text(input[f]));
    const errors: FieldError[] = [];
    let date: IsoDate | null;
    if (typed) {
      date = dateField(t, input, 'date', t('tracker:reports.asAt.name'), errors);
    } else {
      const asked = text(input.date);
      if (!asked) return today();
      date = parseIsoDate(asked);
      if (!date) errors.push({ field: 'date-day', message: t('tracker:reports.asAt.notADate') });
    }
    if (errors.length || !date) throw new ValidationError(errors);
    const future = notInTheFuture(date, today());
    if (future) throw new ValidationError([{ field: 'date-day', message: t(future) }]);
    return date;
  }

  /**
   * Each action's state as at the end of the day: of the updates that had happened by then (a
   * back-filled update on the day it happened, any other on the day it was recorded), the one
   * recorded last (TRK-01, issue 23 item 10).
   */
  async function statesAsOf(executor: Executor, sourceId: string, date: IsoDate) {
    const before = startOfLondonDay(addCalendarDays(date, 1));
    const rows = await executor
      .selectDistinctOn([trackerUpdates.actionId], {
        actionId: trackerUpdates.actionId,
        result: trackerUpdates.result,
        completedOn: trackerUpdates.completedOn,
        completedPrecision: trackerUpdates.completedPrecision,
        narrative: trackerUpdates.narrative,
      })
      .from(trackerUpdates)
      .where(
        and(
          eq(trackerUpdates.sourceId, sourceId),
          isNotNull(trackerUpdates.actionId),
          or(
            lte(trackerUpdates.happenedOn, date),
            and(isNull(trackerUpdates.happenedOn), lt(trackerUpdates.recordedAt, before)),
          ),
        ),
      )
      .orderBy(trackerUpdates.actionId, desc(trackerUpdates.recordedAt), desc(trackerUpdates.id));
    return new Map(
      rows.map((r) => {
        // An action's update always has its action and result (the table's check says so).
        const state: ActionState = {
          actionId: r.actionId!,
          result: r.result!,
          narrative: r.narrative,
          completedOn: `${r.completedPrecision ?? ''}${r.completedOn ?? ''}`,
        };
        return [state.actionId, { ...state, completed: completedOf(r), state }];
      }),
    );
  }

  /**
   * Each recommendation's standing as at the end of the day: the last change recorded by then;
   * a recommendation with none was accepted.
   */
  async function standingsAsOf(executor: Executor, sourceId: string, date: IsoDate) {
    const before = startOfLondonDay(addCalendarDays(date, 1));
    const rows = await executor
      .selectDistinctOn([trackerUpdates.recommendationId], {
        recommendationId: trackerUpdates.recommendationId,
        standing: trackerUpdates.standing,
        supersededByNumber: trackerUpdates.supersededByNumber,
        rationale: trackerUpdates.rationale,
      })
      .from(trackerUpdates)
      .where(
        and(
          eq(trackerUpdates.sourceId, sourceId),
          eq(trackerUpdates.kind, 'standing'),
          lt(trackerUpdates.recordedAt, before),
        ),
      )
      .orderBy(
        trackerUpdates.recommendationId,
        desc(trackerUpdates.recordedAt),
        desc(trackerUpdates.id),
      );
    return new Map(rows.map((r) => [r.recommendationId, { ...r, standing: r.standing! }]));
  }

  /**
   * Issue 23 item 10: why a report as at a date shows no actions, when the source has some: it
   * was entered after that day, or its first progress was recorded (or back-dated) after it.
   */
  async function nothingYet(
    source: { id: string; createdAt: Date },
    asOf: IsoDate,
  ): Promise<{ asOf: IsoDate; entered: IsoDate | null; firstUpdate: IsoDate | null } | null> {
    const [first] = await db
      .select({
        happened: sql<string | null>`min(${trackerUpdates.happenedOn})::text`,
        recorded: sql<
          number | null
        >`extract(epoch from min(${trackerUpdates.recordedAt}) filter (where ${trackerUpdates.happenedOn} is null))::float8`,
      })
      .from(trackerUpdates)
      .where(and(eq(trackerUpdates.sourceId, source.id), isNotNull(trackerUpdates.actionId)));
    const days = [
      first?.happened ?? null,
      first?.recorded != null ? todayInLondon(new Date(Number(first.recorded) * 1000)) : null,
    ].filter((d): d is string => !!d);
    if (!days.length) return null; // no actions yet: the report says so already
    const entered = todayInLondon(source.createdAt);
    if (asOf < entered) return { asOf, entered, firstUpdate: null };
    return { asOf, entered: null, firstUpdate: days.sort()[0]! };
  }

  /** The report as at a date: for anyone who may view the tracker, the same for all. */
  async function assemble(sourceId: string, asOf: IsoDate) {
    const source = await findSource(db, sourceId);
    const [tree, states, standings, [previous]] = await Promise.all([
      treeOf(db, sourceId),
      statesAsOf(db, sourceId, asOf),
      standingsAsOf(db, sourceId, asOf),
      db
        .select()
        .from(trackerReports)
        .where(and(eq(trackerReports.sourceId, sourceId), lt(trackerReports.asOf, asOf)))
        .orderBy(desc(trackerReports.asOf), desc(trackerReports.producedAt))
        .limit(1),
    ]);
    const previousStates = previous ? await statesAsOf(db, sourceId, previous.asOf) : null;
    const endOfDay = startOfLondonDay(addCalendarDays(asOf, 1));
    // Issue 23: what was withdrawn by the date is shown as withdrawn and left out of the counts.
    const withdrawnBy = (x: { withdrawnAt: Date | null; withdrawnReason: string | null }) =>
      x.withdrawnAt !== null && x.withdrawnAt < endOfDay ? x.withdrawnReason : null;
    // A source withdrawn by the date leaves every action of it out; a withdrawn part's items are
    // withdrawn with it.
    const sourceWithdrawn = withdrawnBy(source);
    const itemWithdrawnBy = (r: (typeof tree.recommendations)[number]) =>
      sourceWithdrawn ?? withdrawnBy(r) ?? (r.part ? withdrawnBy(r.part) : null);
    const leftOut = new Set(
      tree.recommendations.flatMap((r) => [
        ...r.actions.filter((a) => itemWithdrawnBy(r) ?? withdrawnBy(a)).map((a) => a.id),
        ...r.keyPoints.flatMap((k) =>
          k.actions
            .filter((a) => itemWithdrawnBy(r) ?? withdrawnBy(k) ?? withdrawnBy(a))
            .map((a) => a.id),
        ),
      ]),
    );
    const current = [...states.values()]
      .map((s) => s.state)
      .filter((s) => !leftOut.has(s.actionId));
    const changes = changesSince(
      previousStates ? [...previousStates.values()].map((s) => s.state) : null,
      current,
    );
    const changeOf = new Map(changes.map((c) => [c.actionId, c]));
    // An item entered later shows when a back-filled update says what had happened by then.
    const hadProgress = (k: { actions: readonly { id: string }[] }) =>
      k.actions.some((a) => states.has(a.id));
    const recommendations = tree.recommendations
      .filter((r) => r.createdAt < endOfDay || hadProgress(r) || r.keyPoints.some(hadProgress))
      .map((r) => {
        // Each action as it stood then; one added after the date is not in the report.
        const asThen = <
          A extends { id: string; withdrawnAt: Date | null; withdrawnReason: string | null },
        >(
          actions: A[],
        ) =>
          actions.flatMap((a) => {
            const then = states.get(a.id);
            if (!then) return [];
            const change = changeOf.get(a.id);
            return [
              {
                ...a,
                result: then.result,
                narrative: then.narrative,
                resultLabel: resultLabel(then.result, then.completed),
                change: change?.kind ?? null,
                withdrawnReason: withdrawnBy(a),
              },
            ];
          });
        const actions = asThen(r.actions);
        const keyPoints = r.keyPoints
          .filter((k) => k.createdAt < endOfDay || hadProgress(k))
          .map((k) => ({ ...k, withdrawnReason: withdrawnBy(k), actions: asThen(k.actions) }));
        const results = [...actions, ...keyPoints.flatMap((k) => k.actions)]
          .filter((a) => !leftOut.has(a.id))
          .map((a) => a.result);
        const then = standings.get(r.id);
        const status = then?.standing ?? 'accepted';
        return {
          ...r,
          part: r.part ? { ...r.part, withdrawnReason: withdrawnBy(r.part) } : null,
          status,
          supersededByNumber: then?.supersededByNumber ?? null,
          rationale: then?.rationale ?? null,
          actions,
          keyPoints,
          withdrawnReason: withdrawnBy(r),
          progress: recommendationProgress(results),
        };
      });
    const counts = countByResult(current);
    // Who may record progress on each action is read from its owners as they were when the
    // report was built (the kept report moves on with the directory), not per request.
    const actionOwners = new Map(
      recommendations.flatMap((r) =>
        [...r.actions, ...r.keyPoints.flatMap((k) => k.actions)].map(
          (a) => [a.id, a.owners.map((o) => tree.names.ownerOf(o))] as const,
        ),
      ),
    );
    return {
      nothingYet: states.size ? null : await nothingYet(source, asOf),
      source: { ...sourceView(source, null), withdrawnReason: sourceWithdrawn },
      asOf,
      previous,
      counts,
      summary: ACTION_RESULTS.map((result) => ({ result, count: counts[result] })),
      recommendationsComplete: sourceWithdrawn
        ? 0
        : recommendations.filter(
            (r) => !r.withdrawnReason && !r.part?.withdrawnReason && r.progress === 'complete',
          ).length,
      recommendationsCounted: sourceWithdrawn
        ? 0
        : recommendations.filter((r) => !r.withdrawnReason && !r.part?.withdrawnReason).length,
      recommendations,
      changes: changes.length,
      actionOwners,
    };
  }

  /**
   * A committee report reads and lays out every action of its source with its state as at the
   * date: it is kept until the tracker or a name in it changes (and for today's date only, as
   * what is overdue moves with the day). Kept reports are shared: read, never changed.
   */
  const assembled = createVersionedCache<Awaited<ReturnType<typeof assemble>>>(db, {
    kinds: ['tracker', 'directory'],
    max: 32,
  });

  async function build(principal: Principal, sourceId: string, input: Input) {
    requireUser(principal, 'tracker.view');
    const asOf = asOfDate(input);
    return assembled.get(`${sourceId} ${asOf} ${today()}`, () => assemble(sourceId, asOf));
  }

  return {
    report: build,

    /**
     * The actions of a report this person may record progress on (its owner, their unit, a
     * manager): the report is the same for all, its links to each action's page are not.
     */
    async updatable(
      principal: Principal,
      report: Awaited<ReturnType<typeof assemble>>,
    ): Promise<Set<string>> {
      const user = requireUser(principal, 'tracker.view');
      const who = await trackerUser(db, user);
      const ids = new Set<string>();
      for (const [id, owners] of report.actionOwners) if (mayUpdateAction(who, owners)) ids.add(id);
      return ids;
    },

    /**
     * The same report as CSV: one row per action, with the recommendation, the key point and its
     * leads, and the action's owners (several "; " between, CON-08).
     */
    async reportCsv(principal: Principal, sourceId: string, input: Input) {
      const report = await build(principal, sourceId, input);
      return {
        fileName: `${t('tracker:reports.fileName', { date: report.asOf })}.csv`,
        rows: reportCsvRows(report, t),
      };
    },

    /** The report as a PDF, for the committee's papers. */
    async reportPdf(principal: Principal, sourceId: string, input: Input) {
      const report = await build(principal, sourceId, input);
      return {
        fileName: `${t('tracker:reports.fileName', { date: report.asOf })}.pdf`,
        bytes: await renderReportPdf(presentReport(report, t), t, report.asOf),
      };
    },

    /** The agenda items, of meetings to come, this person may attach the report to. */
    async attachForm(principal: Principal, sourceId: string, input: Input) {
      const user = requireUser(principal, 'tracker.manage');
      const asOf = asOfDate(input);
      const source = await findSource(db, sourceId);
      const items = await deps.papers.attachableItems(
        user,
        startOfLondonDay(today()),
        can(user, 'groups.manage'),
      );
      return { source: sourceView(source, null), asOf, items };
    },

    /**
     * Attaches the report as at a date to an agenda item as a paper (the PDF), and records it as
     * reported, so the next report says what changed since.
     */
    async attachToMeeting(
      principal: Principal,
      sourceId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const [meetingId, itemId] = (text(input.item) ?? '').split('/');
      if (!meetingId || !itemId)
        throw new ValidationError([
          { field: 'item', message: t('tracker:reports.attach.missing') },
        ]);
      const report = await build(user, sourceId, input);
      const bytes = await renderReportPdf(presentReport(report, t), t, report.asOf);
      // The paper and the record that it was reported are kept together, or neither is.
      const paper = await deps.papers.attachGenerated(
        user,
        meetingId,
        itemId,
        {
          title: t('tracker:reports.attach.paperTitle', {
            date: formatDate(t, report.asOf),
            source: report.source.title,
          }),
          fileName: `${t('tracker:reports.fileName', { date: report.asOf })}.pdf`,
          mime: 'application/pdf',
          bytes,
        },
        requestId,
        async (tx, attached) => {
          const [recorded] = await tx
            .insert(trackerReports)
            .values({
              sourceId,
              asOf: report.asOf,
              meetingId,
              producedBy: user.userId,
              producedAt: now(),
            })
            .returning();
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'tracker.report.attached',
            recordType: 'tracker_source',
            recordId: sourceId,
            after: { ...recorded, paperId: attached.id },
          });
        },
      );
      return { meetingId, paper };
    },

    /**
     * Records that the report as at a date was reported to the committee, so the next report
     * says what changed since.
     */
    async recordReport(principal: Principal, sourceId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const asOf = asOfDate(input);
      return db.transaction(async (tx) => {
        await findSource(tx, sourceId);
        const [report] = await tx
          .insert(trackerReports)
          .values({ sourceId, asOf, producedBy: user.userId, producedAt: now() })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.report.recorded',
          recordType: 'tracker_source',
          recordId: sourceId,
          after: report,
        });
        return report!;
      });
    },
  };
}
