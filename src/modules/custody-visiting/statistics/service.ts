/**
 * ICV-10, LEG-05: the scheme's statistics for a quarter, for anyone (issue 24 items 7 and 9):
 * visits made and missed against each suite's target, and when they were made (weekday or
 * weekend, day or evening), by suite, by area and in total. Only visits made or missed are
 * counted: a planned visit is never shown (ICV-03, unannounced). No visitor or detainee is named.
 */
import { sql } from 'drizzle-orm';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import { todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { DAY_FROM, EVENING_FROM, parseQuarter, quarterWeeks } from '../rules.js';
import { custodySuites, custodyVisits } from '../schema.js';
import { createPanelFigures } from './panel-figures.js';
import {
  latestWholeQuarter,
  quarterChoices,
  quarterPerformance,
  type SuiteQuarter,
} from '../statistics-rules.js';

export type StatisticsService = ReturnType<typeof createStatisticsService>;

export function createStatisticsService(deps: { db: Db; now?: () => Date; t: Translate }) {
  const { db, t } = deps;
  const today = () => todayInLondon((deps.now ?? (() => new Date()))());

  /** The quarter asked for (`?quarter=2026-07-01`), one of those offered; else the latest whole one. */
  function quarterAsked(text: string | undefined): IsoDate {
    if (!text) return latestWholeQuarter(today());
    const quarter = parseQuarter(text);
    if (!quarter || !quarterChoices(today()).includes(quarter))
      throw new ValidationError([
        { field: 'quarter', message: t('custody-visiting:statistics.errors.quarter') },
      ]);
    return quarter;
  }

  /** Each suite's visits in the quarter, counted by the database in one pass (indexed). */
  async function suitesInQuarter(quarter: IsoDate): Promise<SuiteQuarter[]> {
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
      .leftJoin(v, sql`${v.suiteId} = ${custodySuites.id} and ${v.quarterStart} = ${quarter}`)
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

  /**
   * A quarter's counts, kept while the scheme's records are unchanged (ADR 0009): read by anyone,
   * the same for everyone, and a count over every suite's visits of the quarter. Kept counts are
   * shared: read, never changed.
   */
  const kept = createVersionedCache<SuiteQuarter[]>(db, { kinds: ['custody'], max: 16 });
  /** ICV-10: the surges and each panel's community activities and recruitment (kept too). */
  const panelFigures = createPanelFigures(db);

  return {
    /** The quarters that may be chosen, newest first. */
    quarters: () => quarterChoices(today()),

    /**
     * ICV-10: a quarter's statistics: the one asked for or the latest whole one. A quarter not
     * offered is refused with a message for its field.
     */
    async quarter(asked: string | undefined) {
      const quarter = quarterAsked(asked);
      const weeks = quarterWeeks(quarter).length;
      const [suites, figures] = await Promise.all([
        kept.get(quarter, () => suitesInQuarter(quarter)),
        panelFigures.quarter(quarter),
      ]);
      const performance = quarterPerformance(
        suites.map((s) => ({ ...s, target: figures.targets[s.id!] })),
        weeks,
        t('custody-visiting:statistics.total'),
      );
      return {
        quarter,
        weeks,
        soFar: quarter === quarterChoices(today())[0],
        ...performance,
        surges: figures.surges,
        panels: figures.panels,
      };
    },
  };
}
