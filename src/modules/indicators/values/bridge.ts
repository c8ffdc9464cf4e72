/**
 * Issue 27 part 1: the values of indicators Bridge counts, written for each period that has
 * ended and has none yet (the whole area's, and each borough's where the indicator is kept by
 * borough and the measure can say the borough), by the system on a timer. A value an owner
 * typed or uploaded is never replaced; Bridge's own figures for the latest two ended periods
 * are counted again, so a record made late corrects them; a period the measure has nothing for
 * (no minutes due) gets no value. Safe on several instances at once: each indicator is taken
 * under a row lock that another instance skips, and a value there already is changed only if
 * Bridge wrote it and its count has changed.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/principal.js';
import { startOfLondonDay, todayInLondon } from '../../../platform/calendar/london-time.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { Measure } from '../../../platform/modules.js';
import type { DirectoryApi } from '../../directory/index.js';
import { SERIES_LENGTH } from '../figures.js';
import { closedPeriods, nextPeriod, periodsUpTo, type Frequency } from '../rules.js';
import { indicatorValues as values, indicators } from '../schema.js';

/** How many of the latest ended periods' figures Bridge counts again on each sweep. */
const RECOUNTED_PERIODS = 2;

/** The periods on an indicator's chart that have ended by today, oldest first. */
export function countablePeriods(today: string, frequency: Frequency) {
  return closedPeriods(
    periodsUpTo(today, frequency, SERIES_LENGTH[frequency] + 1),
    frequency,
    today,
  );
}

/** A period's instants, [from, to): London midnight of its first day and of the next period's. */
export const periodInstants = (period: string, frequency: Frequency) => ({
  from: startOfLondonDay(period),
  to: startOfLondonDay(nextPeriod(period, frequency)),
});

/**
 * The measure's value of each period for each key (null for the whole area, else a borough),
 * as rows of values counted by Bridge; `skip` holds the `period|borough` already given, and a
 * period with nothing to measure gets no row.
 */
export async function countValues(
  executor: Executor,
  measure: Measure,
  indicator: { id: string; frequency: Frequency },
  periods: readonly string[],
  keys: readonly (string | null)[],
  given: { skip?: ReadonlySet<string>; recordedAt: Date; recordedBy: string | null },
) {
  const counted = [];
  for (const period of periods) {
    const { from, to } = periodInstants(period, indicator.frequency);
    for (const boroughId of keys) {
      if (given.skip?.has(`${period}|${boroughId}`)) continue;
      const value = await measure.value(executor, from, to, boroughId ?? undefined);
      if (value !== null)
        counted.push({
          indicatorId: indicator.id,
          period,
          boroughId,
          value,
          source: 'bridge' as const,
          recordedAt: given.recordedAt,
          recordedBy: given.recordedBy,
        });
    }
  }
  return counted;
}

export type BridgeValuesSweep = ReturnType<typeof createBridgeValuesSweep>;

export function createBridgeValuesSweep(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  measures: () => readonly Measure[];
}) {
  const { db, directory, now, measures } = deps;

  /** One indicator's missing values, in its own transaction; how many were written. */
  async function sweepIndicator(
    id: string,
    today: string,
    boroughs: readonly { id: string }[],
  ): Promise<number> {
    return db.transaction(async (tx) => {
      const [indicator] = await tx
        .select()
        .from(indicators)
        .where(eq(indicators.id, id))
        .for('update', { skipLocked: true });
      const measure = measures().find((m) => m.key === indicator?.measureKey);
      if (!indicator || !measure) return 0;
      const periods = countablePeriods(today, indicator.frequency);
      if (!periods.length) return 0;
      const keys = [
        null,
        ...(indicator.breakdown === 'borough' && measure.byBorough
          ? boroughs.map((b) => b.id)
          : []),
      ];
      const had = await tx
        .select({ period: values.period, boroughId: values.boroughId, source: values.source })
        .from(values)
        .where(and(eq(values.indicatorId, id), inArray(values.period, periods)));
      // Bridge's own figures for the two latest ended periods are counted again: a record made
      // late (a visit marked made after its month ended) corrects them. A figure an owner gave
      // is never counted again.
      const recount = new Set(periods.slice(-RECOUNTED_PERIODS));
      const counted = await countValues(tx, measure, indicator, periods, keys, {
        skip: new Set(
          had
            .filter((v) => !(v.source === 'bridge' && recount.has(v.period)))
            .map((v) => `${v.period}|${v.boroughId}`),
        ),
        recordedAt: now(),
        recordedBy: null,
      });
      const written = counted.length
        ? await tx
            .insert(values)
            .values(counted)
            .onConflictDoUpdate({
              target: [values.indicatorId, values.boroughId, values.period],
              set: { value: sql`excluded.value`, recordedAt: sql`excluded.recorded_at` },
              // Only Bridge's own figure, and only when the count has changed.
              setWhere: sql`${values.source} = 'bridge' and ${values.value} <> excluded.value`,
            })
            .returning({ period: values.period, boroughId: values.boroughId, value: values.value })
        : [];
      if (written.length)
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: 'indicators.values-counted',
          recordType: 'indicator',
          recordId: id,
          after: { values: written },
        });
      return written.length;
    });
  }

  return {
    /** Every indicator Bridge counts, each brought up to date; how many values were written. */
    async sweep(): Promise<number> {
      const today = todayInLondon(now());
      const counted = await db
        .select({ id: indicators.id })
        .from(indicators)
        .where(isNotNull(indicators.measureKey))
        .orderBy(indicators.id);
      if (!counted.length) return 0;
      // Read before any indicator's transaction: the directory reads on its own connection.
      const boroughs = await directory.directory.scopeCatalogue.options('borough');
      let written = 0;
      for (const { id } of counted) written += await sweepIndicator(id, today, boroughs);
      return written;
    },
  };
}
