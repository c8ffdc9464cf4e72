/**
 * A past surge for the demo (ICV-10, LEG-05): disturbances in the quarter before this one raised
 * Holborn's target to three visits a week for a fortnight, so the statistics show it.
 */
import { eq, inArray } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { mondayOf, previousQuarter, quarterOf } from '../rota-rules.js';
import { custodySurgeSuites, custodySurges } from './schema.js';

export async function loadSurgeDemo(tx: Executor, suiteId: string, today: IsoDate) {
  // From the Thursday of the quarter's sixth week, for a fortnight.
  const startsOn = addCalendarDays(mondayOf(previousQuarter(quarterOf(today))), 7 * 5 + 3);
  const endsOn = addCalendarDays(startsOn, 13);
  const [surge] = await tx
    .insert(custodySurges)
    .values({
      name: 'Disturbances in Camden',
      startsOn,
      endsOn,
      declaredEndsOn: endsOn,
      visitsPerWeek: 3,
    })
    .returning({ id: custodySurges.id });
  await tx.insert(custodySurgeSuites).values({ surgeId: surge!.id, suiteId });
}

/** The surges covering the demo suites go before them. */
export async function removeSurgeDemo(tx: Executor, suiteIds: readonly string[]) {
  if (!suiteIds.length) return;
  const linked = await tx
    .select({ id: custodySurgeSuites.surgeId })
    .from(custodySurgeSuites)
    .where(inArray(custodySurgeSuites.suiteId, [...suiteIds]));
  for (const { id } of linked) await tx.delete(custodySurges).where(eq(custodySurges.id, id));
}
