/** ICV-10, LEG-05: the surges over a period, with their suites: what the rota and statistics read. */
import { and, asc, gte, inArray, lte } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { SurgeSpan } from '../surge-rules.js';
import { custodySurgeSuites, custodySurges } from './schema.js';

export type Surge = typeof custodySurges.$inferSelect;
export type SurgeWithSuites = Surge & SurgeSpan;

/** The surges running on any day from `from` to `to`, oldest first, each with its suites. */
export async function surgesBetween(
  executor: Executor,
  from: IsoDate,
  to: IsoDate,
): Promise<SurgeWithSuites[]> {
  const surges = await executor
    .select()
    .from(custodySurges)
    .where(and(gte(custodySurges.endsOn, from), lte(custodySurges.startsOn, to)))
    .orderBy(asc(custodySurges.startsOn), asc(custodySurges.id));
  return withSuites(executor, surges);
}

/** Surges with the suites each covers (one query for them all). */
export async function withSuites(
  executor: Executor,
  surges: readonly Surge[],
): Promise<SurgeWithSuites[]> {
  const links = surges.length
    ? await executor
        .select()
        .from(custodySurgeSuites)
        .where(
          inArray(
            custodySurgeSuites.surgeId,
            surges.map((s) => s.id),
          ),
        )
    : [];
  return surges.map((s) => ({
    ...s,
    suiteIds: links.filter((l) => l.surgeId === s.id).map((l) => l.suiteId),
  }));
}
