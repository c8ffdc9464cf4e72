/**
 * CON-01, CDRP-10: an indicator's figures as every page reads them: the latest whole-area value
 * of each indicator on a list with its target and RAG (one query for the values and one for
 * their targets, whatever the list's length), and an indicator's series of periods.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { todayInLondon } from '../../platform/calendar/london-time.js';
import type { Executor } from '../../platform/db/database.js';
import {
  areaTargetFitsBorough,
  periodsUpTo,
  ragStatus,
  type Frequency,
  type Polarity,
  type RagStatus,
  type Unit,
  type ValueSource,
} from './rules.js';
import { indicatorTargets as targets, indicatorValues as values, indicators } from './schema.js';

export type Indicator = typeof indicators.$inferSelect;

export interface Latest {
  period: string;
  value: number;
  target: number | null;
  rag: RagStatus;
}

/** The latest whole-area value of each indicator given, with its period's target and RAG. */
export async function latestOf(
  executor: Executor,
  list: readonly Pick<Indicator, 'id' | 'polarity' | 'tolerance'>[],
): Promise<Map<string, Latest>> {
  const ids = list.map((i) => i.id);
  if (!ids.length) return new Map();
  const latest = await executor
    .selectDistinctOn([values.indicatorId], {
      indicatorId: values.indicatorId,
      period: values.period,
      value: values.value,
    })
    .from(values)
    .where(and(inArray(values.indicatorId, ids), isNull(values.boroughId)))
    .orderBy(values.indicatorId, desc(values.period));
  const periods = [...new Set(latest.map((l) => l.period))];
  const found = periods.length
    ? await executor
        .select({
          indicatorId: targets.indicatorId,
          period: targets.period,
          target: targets.target,
        })
        .from(targets)
        .where(and(inArray(targets.indicatorId, ids), inArray(targets.period, periods)))
    : [];
  const targetOf = new Map(found.map((f) => [`${f.indicatorId}|${f.period}`, f.target]));
  const byId = new Map(list.map((i) => [i.id, i]));
  return new Map(
    latest.map((l) => {
      const indicator = byId.get(l.indicatorId)!;
      const target = targetOf.get(`${l.indicatorId}|${l.period}`) ?? null;
      return [
        l.indicatorId,
        {
          period: l.period,
          value: l.value,
          target,
          rag: ragStatus(l.value, target, indicator.polarity, indicator.tolerance),
        },
      ];
    }),
  );
}

export interface SeriesPoint {
  period: string;
  value: number | null;
  target: number | null;
  rag: RagStatus;
  source: ValueSource | null;
  note: string | null;
  recordedAt: Date | null;
}

/** How many periods a chart shows: two years of months, three of quarters, eight years. */
export const SERIES_LENGTH: Record<Frequency, number> = { monthly: 24, quarterly: 12, yearly: 8 };

/**
 * An indicator's figures for its recent periods, oldest first, up to the period of today or of
 * its latest value or target if later: each period's value for the breakdown key (null for the
 * whole area), its target and its RAG.
 */
export async function seriesOf(
  executor: Executor,
  indicator: Pick<Indicator, 'id' | 'frequency' | 'polarity' | 'tolerance' | 'unit'>,
  boroughId: string | null,
  now: Date,
): Promise<SeriesPoint[]> {
  const targetsApply = boroughId === null || areaTargetFitsBorough(indicator.unit as Unit);
  const [last] = await executor
    .select({
      period: sql<string>`greatest(
        (select max(${values.period}) from ${values} where ${values.indicatorId} = ${indicator.id}),
        (select max(${targets.period}) from ${targets} where ${targets.indicatorId} = ${indicator.id}),
        ${todayInLondon(now)}::date)::text`,
    })
    .from(sql`(select 1) as one`);
  const periods = periodsUpTo(
    last!.period,
    indicator.frequency,
    SERIES_LENGTH[indicator.frequency],
  );
  const [first, end] = [periods[0]!, periods.at(-1)!];
  const [rows, targetRows] = await Promise.all([
    executor
      .select({
        period: values.period,
        value: values.value,
        source: values.source,
        note: values.note,
        recordedAt: values.recordedAt,
      })
      .from(values)
      .where(
        and(
          eq(values.indicatorId, indicator.id),
          boroughId ? eq(values.boroughId, boroughId) : isNull(values.boroughId),
          gte(values.period, first),
          lte(values.period, end),
        ),
      ),
    executor
      .select({ period: targets.period, target: targets.target })
      .from(targets)
      .where(
        and(
          eq(targets.indicatorId, indicator.id),
          gte(targets.period, first),
          lte(targets.period, end),
        ),
      )
      .orderBy(asc(targets.period)),
  ]);
  const valueOf = new Map(rows.map((r) => [r.period, r]));
  const targetOf = new Map(targetRows.map((r) => [r.period, r.target]));
  return periods.map((period) => {
    const row = valueOf.get(period);
    const target = targetsApply ? (targetOf.get(period) ?? null) : null;
    return {
      period,
      value: row?.value ?? null,
      target,
      rag: ragStatus(row?.value, target, indicator.polarity as Polarity, indicator.tolerance),
      source: row?.source ?? null,
      note: row?.note ?? null,
      recordedAt: row?.recordedAt ?? null,
    };
  });
}

/** CDRP-10: each borough's value for one period, with the period's target and RAG. */
export async function boroughsIn(
  executor: Executor,
  indicator: Pick<Indicator, 'id' | 'polarity' | 'tolerance' | 'unit'>,
  period: string,
  boroughName: (id: typeof values.boroughId) => ReturnType<typeof sql<string | null>>,
) {
  const [rows, [target]] = await Promise.all([
    executor
      .select({
        boroughId: values.boroughId,
        borough: boroughName(values.boroughId),
        value: values.value,
      })
      .from(values)
      .where(
        and(
          eq(values.indicatorId, indicator.id),
          eq(values.period, period),
          sql`${values.boroughId} is not null`,
        ),
      )
      .orderBy(asc(boroughName(values.boroughId))),
    executor
      .select({ target: targets.target })
      .from(targets)
      .where(and(eq(targets.indicatorId, indicator.id), eq(targets.period, period))),
  ]);
  const fits = areaTargetFitsBorough(indicator.unit as Unit);
  const targetFor = fits ? (target?.target ?? null) : null;
  return rows.map((r) => ({
    ...r,
    target: targetFor,
    rag: ragStatus(r.value, targetFor, indicator.polarity, indicator.tolerance),
  }));
}
