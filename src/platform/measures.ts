/**
 * What a module's measures (issue 27 part 1, `Measure` in modules.ts) share: a figure in the
 * indicators' hundredths, and the London days an instant range covers, for records kept by day.
 */
import { and, count, gte, lt, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { addCalendarDays, type IsoDate } from './calendar/iso-date.js';
import { startOfLondonDay, toLondonDate } from './calendar/london-time.js';
import type { Executor } from './db/database.js';

/** A count as a value: whole hundredths. */
export const countValue = (n: number | string | null | undefined): number => Number(n ?? 0) * 100;

/** The share `part` of `whole` as a percentage in hundredths (rounded); null when none is due. */
export function percentValue(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 100_00) / whole);
}

/** The mean of `count` figures summing to `total`, in hundredths (rounded); null for none. */
export function meanValue(total: number, count: number): number | null {
  if (count <= 0) return null;
  return Math.round((total * 100) / count);
}

/**
 * The London days whose start falls in [from, to): those from `first` up to but not including
 * `end`. A record kept by its day (a visit on 1 April) belongs to the period holding its midnight.
 */
export function londonDaysIn(from: Date, to: Date): { first: IsoDate; end: IsoDate } {
  const firstOf = (instant: Date) => {
    const day = toLondonDate(instant);
    return startOfLondonDay(day) < instant ? addCalendarDays(day, 1) : day;
  };
  return { first: firstOf(from), end: firstOf(to) };
}

/**
 * A count of the rows of `table` meeting `condition` whose `day` (a date column) is one of the
 * London days of [from, to), as a value: the measure of records kept by day (a deployment's day,
 * a visit's), in one query.
 */
export async function countOnLondonDays(
  executor: Executor,
  table: PgTable,
  day: PgColumn,
  condition: SQL | undefined,
  from: Date,
  to: Date,
): Promise<number> {
  const { first, end } = londonDaysIn(from, to);
  const [row] = await executor
    .select({ n: count() })
    .from(table)
    .where(and(condition, gte(day, first), lt(day, end)));
  return countValue(row?.n);
}
