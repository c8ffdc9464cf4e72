/**
 * ICV-10, LEG-05: a quarter's figures besides visits: the surges that raised suites' targets,
 * and for each panel how it told its community about the scheme (activities by kind, people
 * reached) and its recruitment (applications received from its area, appointments, leavers).
 * Counted by the database (each filter indexed); the statistics keep them with the rest of a
 * period's figures (ADR 0009).
 */
import { and, gte, lt, sql } from 'drizzle-orm';
import {
  addCalendarDays,
  startOfLondonDay,
  type IsoDate,
} from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import { custodyVisitorApplications } from '../applications/schema.js';
import {
  ACTIVITY_KINDS,
  activitySummary,
  type ActivityCount,
  type ActivityKind,
} from '../community-rules.js';
import { custodyCommunityActivities } from '../community/schema.js';
import { nextQuarter, quarterWeeks } from '../rota-rules.js';
import { custodyPanels, custodySuites, custodyVisitors } from '../schema.js';
import { surgedQuarterTarget, surgesApplied } from '../surge-rules.js';
import { surgesBetween } from '../surges/read.js';

/** A surge as the statistics name it: its name, days, raised target and suites by name. */
export interface AppliedSurge {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  visitsPerWeek: number;
  suites: { name: string; area: string }[];
}

/** A panel's quarter: community activities and recruitment. */
export interface PanelFigures {
  panel: string;
  area: string;
  activities: ReturnType<typeof activitySummary>;
  applications: number;
  appointments: number;
  leavers: number;
}

export interface QuarterPanelFigures {
  /** ICV-10: each suite's target over the period counting surges, by suite id. */
  targets: Record<string, number>;
  surges: AppliedSurge[];
  panels: PanelFigures[];
  /** Every application received in the period, for an area with a panel or not. */
  allApplications: number;
}

/**
 * Every panel's figures added up; the applications are all those received, those from an area
 * with no panel ("Not sure") too.
 */
export function panelTotal(panels: readonly PanelFigures[], allApplications: number) {
  const sum = (pick: (p: PanelFigures) => number) => panels.reduce((n, p) => n + pick(p), 0);
  return {
    kinds: ACTIVITY_KINDS.map((_, i) => sum((p) => p.activities.kinds[i]!.count)),
    count: sum((p) => p.activities.count),
    reached: sum((p) => p.activities.reached),
    applications: allApplications,
    appointments: sum((p) => p.appointments),
    leavers: sum((p) => p.leavers),
  };
}

export function createPanelFigures(db: Db) {
  /** The figures of one or more quarters in a row (a quarter, or a year's four). */
  async function build(quarters: readonly IsoDate[]): Promise<QuarterPanelFigures> {
    const quarter = quarters[0]!;
    const end = nextQuarter(quarters.at(-1)!);
    const weeks = quarters.flatMap((q) => quarterWeeks(q));
    const [suites, surges, panels, activities, applications, appointed, left] = await Promise.all([
      db
        .select({
          id: custodySuites.id,
          name: custodySuites.name,
          area: custodySuites.area,
          visitsPerWeek: custodySuites.targetVisitsPerWeek,
        })
        .from(custodySuites),
      // The surges running in any of the quarter's weeks (Monday of the first to Sunday of the last).
      surgesBetween(db, weeks[0]!, addCalendarDays(weeks.at(-1)!, 6)),
      db
        .select({ id: custodyPanels.id, name: custodyPanels.name, area: custodyPanels.area })
        .from(custodyPanels)
        .orderBy(sql`lower(${custodyPanels.area})`),
      db
        .select({
          panelId: custodyCommunityActivities.panelId,
          kind: custodyCommunityActivities.kind,
          count: sql<number>`count(*)::int`,
          reached: sql<number>`coalesce(sum(${custodyCommunityActivities.reached}), 0)::int`,
        })
        .from(custodyCommunityActivities)
        .where(
          and(
            gte(custodyCommunityActivities.heldOn, quarter),
            lt(custodyCommunityActivities.heldOn, end),
          ),
        )
        .groupBy(custodyCommunityActivities.panelId, custodyCommunityActivities.kind),
      db
        .select({
          area: sql<string | null>`lower(${custodyVisitorApplications.area})`,
          count: sql<number>`count(*)::int`,
        })
        .from(custodyVisitorApplications)
        .where(
          and(
            gte(custodyVisitorApplications.createdAt, startOfLondonDay(quarter)),
            lt(custodyVisitorApplications.createdAt, startOfLondonDay(end)),
          ),
        )
        .groupBy(sql`lower(${custodyVisitorApplications.area})`),
      db
        .select({ panelId: custodyVisitors.panelId, count: sql<number>`count(*)::int` })
        .from(custodyVisitors)
        .where(and(gte(custodyVisitors.appointedOn, quarter), lt(custodyVisitors.appointedOn, end)))
        .groupBy(custodyVisitors.panelId),
      db
        .select({ panelId: custodyVisitors.panelId, count: sql<number>`count(*)::int` })
        .from(custodyVisitors)
        .where(and(gte(custodyVisitors.leftOn, quarter), lt(custodyVisitors.leftOn, end)))
        .groupBy(custodyVisitors.panelId),
    ]);
    const suiteOf = new Map(suites.map((s) => [s.id, s]));
    const applied = surgesApplied(surges, suites, weeks);
    const byPanel = (rows: readonly { panelId: string; count: number }[], id: string) =>
      rows.find((r) => r.panelId === id)?.count ?? 0;
    return {
      // Each quarter's target rounded up on its own, as a year's is its quarters' added up.
      targets: Object.fromEntries(
        suites.map((s) => [
          s.id,
          quarters.reduce((n, q) => n + surgedQuarterTarget(s, quarterWeeks(q), surges), 0),
        ]),
      ),
      surges: applied.map((s) => ({
        name: s.name,
        startsOn: s.startsOn,
        endsOn: s.endsOn,
        visitsPerWeek: s.visitsPerWeek,
        suites: s.suiteIds
          .map((id) => suiteOf.get(id))
          .filter((x) => x !== undefined)
          .map((x) => ({ name: x.name, area: x.area }))
          .sort((a, b) => a.area.localeCompare(b.area, 'en') || a.name.localeCompare(b.name, 'en')),
      })),
      panels: panels.map((p) => ({
        panel: p.name,
        area: p.area,
        activities: activitySummary(
          activities
            .filter((a) => a.panelId === p.id)
            .map((a): ActivityCount => ({
              kind: a.kind as ActivityKind,
              count: a.count,
              reached: a.reached,
            })),
        ),
        applications: applications.find((a) => a.area === p.area.toLowerCase())?.count ?? 0,
        appointments: byPanel(appointed, p.id),
        leavers: byPanel(left, p.id),
      })),
      allApplications: applications.reduce((n, a) => n + a.count, 0),
    };
  }

  return {
    /** The surges and panel figures of quarters in a row (kept with the statistics, ADR 0009). */
    period: build,
  };
}
