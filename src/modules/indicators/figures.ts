/**
 * CON-01, CDRP-10: an indicator's figures as every page reads them: the latest whole-area value
 * of each indicator on a list with its target and RAG (one query for the values and one for
 * their targets, whatever the list's length), and an indicator's series of periods.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, max, sql } from 'drizzle-orm';
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

/**
 * The latest value of each indicator given, for the whole area (or, given a borough, that
 * borough's), with its period's target and RAG. A borough's value is held against the area's
 * target only where the unit lets it (CDRP-10, `areaTargetFitsBorough`).
 */
export async function latestOf(
  executor: Executor,
  list: readonly (Pick<Indicator, 'id' | 'polarity' | 'tolerance'> & { unit?: Unit })[],
  boroughId: string | null = null,
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
    .where(
      and(
        inArray(values.indicatorId, ids),
        boroughId ? eq(values.boroughId, boroughId) : isNull(values.boroughId),
      ),
    )
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
      const applies =
        boroughId === null ||
        (indicator.unit !== undefined && areaTargetFitsBorough(indicator.unit));
      const target = applies ? (targetOf.get(`${l.indicatorId}|${l.period}`) ?? null) : null;
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

type SeriesIndicator = Pick<Indicator, 'id' | 'frequency' | 'polarity' | 'tolerance' | 'unit'>;

/**
 * An indicator's figures for its recent periods, oldest first, up to the period of today or of
 * its latest value or target if later: each period's value for the breakdown key (null for the
 * whole area), its target and its RAG.
 */
export async function seriesOf(
  executor: Executor,
  indicator: SeriesIndicator,
  boroughId: string | null,
  now: Date,
): Promise<SeriesPoint[]> {
  return (await seriesOfMany(executor, [indicator], boroughId, now)).get(indicator.id)!;
}

/**
 * `seriesOf` for every indicator of a list at once (a dashboard's, a committee pack's): four
 * queries whatever the list's length.
 */
export async function seriesOfMany(
  executor: Executor,
  list: readonly SeriesIndicator[],
  boroughId: string | null,
  now: Date,
): Promise<Map<string, SeriesPoint[]>> {
  if (!list.length) return new Map();
  const ids = list.map((i) => i.id);
  // Each indicator's latest period with a value or a target, whatever its breakdown key.
  const latestPeriods = (table: typeof values | typeof targets) =>
    executor
      .select({ id: table.indicatorId, period: max(table.period) })
      .from(table)
      .where(inArray(table.indicatorId, ids))
      .groupBy(table.indicatorId);
  const today = todayInLondon(now);
  const lastOf = new Map<string, string>();
  for (const row of (await Promise.all([latestPeriods(values), latestPeriods(targets)])).flat())
    if (row.period && row.period > (lastOf.get(row.id) ?? today)) lastOf.set(row.id, row.period);
  const periodsOf = new Map(
    list.map((i) => [
      i.id,
      periodsUpTo(lastOf.get(i.id) ?? today, i.frequency, SERIES_LENGTH[i.frequency]),
    ]),
  );
  const all = [...periodsOf.values()];
  const first = all.map((p) => p[0]!).reduce((a, b) => (a < b ? a : b));
  const end = all.map((p) => p.at(-1)!).reduce((a, b) => (a > b ? a : b));
  const [rows, targetRows] = await Promise.all([
    executor
      .select({
        indicatorId: values.indicatorId,
        period: values.period,
        value: values.value,
        source: values.source,
        note: values.note,
        recordedAt: values.recordedAt,
      })
      .from(values)
      .where(
        and(
          inArray(values.indicatorId, ids),
          boroughId ? eq(values.boroughId, boroughId) : isNull(values.boroughId),
          gte(values.period, first),
          lte(values.period, end),
        ),
      ),
    executor
      .select({ indicatorId: targets.indicatorId, period: targets.period, target: targets.target })
      .from(targets)
      .where(
        and(
          inArray(targets.indicatorId, ids),
          gte(targets.period, first),
          lte(targets.period, end),
        ),
      )
      .orderBy(asc(targets.period)),
  ]);
  const valueOf = new Map(rows.map((r) => [`${r.indicatorId}|${r.period}`, r]));
  const targetOf = new Map(targetRows.map((r) => [`${r.indicatorId}|${r.period}`, r.target]));
  return new Map(
    list.map((indicator) => {
      const targetsApply = boroughId === null || areaTargetFitsBorough(indicator.unit as Unit);
      const points = periodsOf.get(indicator.id)!.map((period) => {
        const key = `${indicator.id}|${period}`;
        const row = valueOf.get(key);
        const target = targetsApply ? (targetOf.get(key) ?? null) : null;
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
      return [indicator.id, points];
    }),
  );
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
