/**
 * ICV-10, LEG-05: the scheme's statistics for a quarter or a police-reporting year, for anyone
 * (issue 24 items 7 and 9): visits made and missed against each suite's target, and when they
 * were made (weekday or weekend, day or evening); and, from the reports sent, the detainees
 * present and seen, admission delays, and the issues raised and resolved; by suite, by area and
 * in total. Only visits made or missed are counted: a planned visit is never shown (ICV-03,
 * unannounced). No visitor or detainee is named.
 */
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import { todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { DAY_FROM, EVENING_FROM, parseQuarter } from '../rota-rules.js';
import { custodySuites, custodyVisits } from '../schema.js';
import { custodyIssues } from '../follow-up/schema.js';
import { custodyVisitReportDetainees, custodyVisitReports } from '../reports/schema.js';
import { publishedSurges } from '../surge-rules.js';
import { createPanelFigures } from './panel-figures.js';
import {
  latestWholeQuarter,
  NOT_SEEN_REASONS,
  parseYear,
  periodEnd,
  periodQuarters,
  periodWeeks,
  quarterChoices,
  quarterPerformance,
  reportFigures,
  yearChoices,
  type NotSeenReason,
  type Period,
  type SuiteQuarter,
  type SuiteReports,
} from '../statistics-rules.js';

export type StatisticsService = ReturnType<typeof createStatisticsService>;

export function createStatisticsService(deps: { db: Db; now?: () => Date; t: Translate }) {
  const { db, t } = deps;
  const today = () => todayInLondon((deps.now ?? (() => new Date()))());

  /**
   * The period asked for: a year (`?year=2025-04-01`) or a quarter (`?quarter=2026-07-01`), one
   * of those offered; else the latest whole quarter. One not offered is refused by its field.
   */
  function periodAsked(asked: { quarter?: string; year?: string }): Period {
    if (asked.year !== undefined) return { kind: 'year', start: yearAsked(asked.year) };
    if (!asked.quarter) return { kind: 'quarter', start: latestWholeQuarter(today()) };
    const quarter = parseQuarter(asked.quarter);
    if (!quarter || !quarterChoices(today()).includes(quarter))
      throw new ValidationError([
        { field: 'quarter', message: t('custody-visiting:statistics.errors.quarter') },
      ]);
    return { kind: 'quarter', start: quarter };
  }

  /** A year offered (`2025-04-01`, the first of April), or a refusal naming the field. */
  function yearAsked(text: string | undefined): IsoDate {
    const year = parseYear(text);
    if (!year || !yearChoices(today()).includes(year))
      throw new ValidationError([
        { field: 'year', message: t('custody-visiting:statistics.errors.year') },
      ]);
    return year;
  }

  /** Each suite's visits in the period's quarters, counted by the database in one pass (indexed). */
  async function suitesInPeriod(period: Period): Promise<SuiteQuarter[]> {
    const quarters = periodQuarters(period);
    const v = custodyVisits;
    const made = sql`${v.status} = 'made'`;
    const weekend = sql`extract(isodow from ${v.visitOn}) >= 6`;
    const evening = sql`(${v.visitMinutes} >= ${EVENING_FROM} or ${v.visitMinutes} < ${DAY_FROM})`;
    const rows = await db
      .select({
        id: custodySuites.id,
        name: custodySuites.name,
        area: custodySuites.area,
        visitsPerWeek: custodySuites.targetVisitsPerWeek,
        made: sql<number>`count(*) filter (where ${made})::int`,
        missed: sql<number>`count(*) filter (where ${v.status} = 'missed')::int`,
        weekdayDay: sql<number>`count(*) filter (where ${made} and not ${weekend} and not ${evening})::int`,
        weekdayEvening: sql<number>`count(*) filter (where ${made} and not ${weekend} and ${evening})::int`,
        weekendDay: sql<number>`count(*) filter (where ${made} and ${weekend} and not ${evening})::int`,
        weekendEvening: sql<number>`count(*) filter (where ${made} and ${weekend} and ${evening})::int`,
      })
      .from(custodySuites)
      .leftJoin(
        v,
        sql`${v.suiteId} = ${custodySuites.id} and ${v.quarterStart} >= ${quarters[0]} and ${v.quarterStart} <= ${quarters.at(-1)}`,
      )
      .groupBy(custodySuites.id)
      .orderBy(sql`lower(${custodySuites.area})`, custodySuites.name);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      area: r.area,
      visitsPerWeek: r.visitsPerWeek,
      made: r.made,
      missed: r.missed,
      spread: {
        weekdayDay: r.weekdayDay,
        weekdayEvening: r.weekdayEvening,
        weekendDay: r.weekendDay,
        weekendEvening: r.weekendEvening,
      },
    }));
  }

  /** The reports sent of visits in the period (ICV-07), found by the sent reports' index. */
  const sentIn = (period: Period): SQL =>
    and(
      eq(custodyVisitReports.status, 'submitted'),
      gte(custodyVisitReports.visitedOn, period.start),
      lt(custodyVisitReports.visitedOn, periodEnd(period)),
    )!;

  /**
   * ICV-04, ICV-05, ICV-08: each suite's reports sent of visits in the period: detainees present
   * and seen, each delayed admission's minutes, issues raised and each resolved one's days. One
   * grouped query for each kind of figure, never one a suite.
   */
  async function reportsInPeriod(period: Period): Promise<SuiteReports[]> {
    const r = custodyVisitReports;
    const d = custodyVisitReportDetainees;
    const i = custodyIssues;
    const delayMinutes = sql`(extract(epoch from (${r.admittedAt} - ${r.arrivedAt})) / 60)::int`;
    const suites = await db
      .select({
        id: custodySuites.id,
        name: custodySuites.name,
        area: custodySuites.area,
        reports: sql<number>`count(${r.id})::int`,
        detaineesPresent: sql<number>`coalesce(sum(${r.detaineesPresent}), 0)::int`,
        delays: sql<
          number[]
        >`coalesce(array_agg(${delayMinutes}) filter (where ${r.admittedAt} > ${r.arrivedAt}), '{}')`,
      })
      .from(custodySuites)
      .leftJoin(r, and(eq(r.suiteId, custodySuites.id), sentIn(period)))
      .groupBy(custodySuites.id)
      .orderBy(sql`lower(${custodySuites.area})`, custodySuites.name);
    const notSeen = (reason: NotSeenReason) =>
      sql<number>`count(*) filter (where not ${d.seen} and ${d.notSeenReason} = ${reason})::int`;
    const detainees = await db
      .select({
        suiteId: r.suiteId,
        seen: sql<number>`count(*) filter (where ${d.seen})::int`,
        childrenSeen: sql<number>`count(*) filter (where ${d.seen} and ${d.child})::int`,
        vulnerableSeen: sql<number>`count(*) filter (where ${d.seen} and ${d.vulnerable})::int`,
        asleep: notSeen('asleep'),
        interview: notSeen('interview'),
        solicitor: notSeen('solicitor'),
        declined: notSeen('declined'),
        safety: notSeen('safety'),
      })
      .from(d)
      .innerJoin(r, eq(r.id, d.reportId))
      .where(sentIn(period))
      .groupBy(r.suiteId);
    const issues = await db
      .select({
        suiteId: r.suiteId,
        raised: sql<number>`count(*)::int`,
        daysToResolve: sql<
          number[]
        >`coalesce(array_agg(${i.closedOn} - ${i.raisedOn}) filter (where ${i.status} = 'closed' and ${i.outcome} = 'resolved'), '{}')`,
      })
      .from(i)
      .innerJoin(r, eq(r.id, i.reportId))
      .where(sentIn(period))
      .groupBy(r.suiteId);
    const seenOf = new Map(detainees.map((row) => [row.suiteId, row]));
    const issuesOf = new Map(issues.map((row) => [row.suiteId, row]));
    return suites.map((s) => {
      const seen = seenOf.get(s.id);
      const raised = issuesOf.get(s.id);
      return {
        name: s.name,
        area: s.area,
        reports: s.reports,
        detaineesPresent: s.detaineesPresent,
        seen: seen?.seen ?? 0,
        notSeen: Object.fromEntries(
          NOT_SEEN_REASONS.map((reason) => [reason, seen?.[reason] ?? 0]),
        ) as Record<NotSeenReason, number>,
        childrenSeen: seen?.childrenSeen ?? 0,
        vulnerableSeen: seen?.vulnerableSeen ?? 0,
        delays: s.delays.map(Number),
        issuesRaised: raised?.raised ?? 0,
        daysToResolve: (raised?.daysToResolve ?? []).map(Number),
      };
    });
  }

  /** ICV-10: the surges and each panel's community activities and recruitment. */
  const panelFigures = createPanelFigures(db);

  /**
   * A period's figures, counted and worked out once and kept while the scheme's records are
   * unchanged (ADR 0009): read by anyone, the same for everyone, and counts over every suite's
   * visits and reports of the period. One kept value a period, so a view checks the records'
   * version once. Kept figures are shared: read, never changed.
   */
  const kept = createVersionedCache<Awaited<ReturnType<typeof countPeriod>>>(db, {
    kinds: ['custody'],
    max: 16,
  });
  const keyOf = (period: Period) => `${period.kind}:${period.start}`;

  async function countPeriod(period: Period) {
    const [suites, panels, reports] = await Promise.all([
      suitesInPeriod(period),
      panelFigures.period(periodQuarters(period)),
      reportsInPeriod(period),
    ]);
    // ICV-10, LEG-05: each suite's target over the period, raised by any surge.
    const performance = quarterPerformance(
      suites.map((s) => ({ ...s, target: panels.targets[s.id!] })),
      periodWeeks(period),
      t('custody-visiting:statistics.total'),
    );
    return {
      ...performance,
      reports: reportFigures(reports, t('custody-visiting:statistics.total')),
      surges: panels.surges,
      panels: panels.panels,
      allApplications: panels.allApplications,
    };
  }

  return {
    /** The quarters that may be chosen, newest first. */
    quarters: () => quarterChoices(today()),
    /** The years (1 April to 31 March) that may be chosen, newest first. */
    years: () => yearChoices(today()),

    /**
     * ICV-10: a quarter's or a year's statistics: the one asked for or the latest whole quarter.
     * One not offered is refused with a message for its field.
     */
    period: (asked: { quarter?: string; year?: string }) => figures(periodAsked(asked)),

    /** ICV-10: a year's statistics, for its annual report; a year not offered is refused. */
    year: (asked: string | undefined) => figures({ kind: 'year', start: yearAsked(asked) }),
  };

  async function figures(period: Period) {
    const counted = await kept.get(keyOf(period), () => countPeriod(period));
    const current = period.kind === 'year' ? yearChoices(today())[0] : quarterChoices(today())[0];
    return {
      period,
      soFar: period.start === current,
      ...counted,
      surges: publishedSurges(counted.surges, today()),
    };
  }
}
