/**
 * Custody visiting's part of the demonstration dataset (src/demo/demo-data.ts runs the parts in
 * order): the Camden panel, coordinated by the demo panel coordinator, and its two suites, so a
 * new user of the scheme sees filled pages. Writes only this module's tables.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { custodyPanels, custodySuites } from './schema.js';

export const DEMO_CUSTODY_AREA = 'Camden';

const DEMO_SUITES = [
  {
    name: 'Holborn Police Station',
    address: '10 Lamb’s Conduit Street, London WC1N 3NR',
    cells: 14,
  },
  {
    name: 'Kentish Town Police Station',
    address: '12A Holmes Road, London NW5 3AE',
    cells: 8,
  },
];

/** The Camden panel and its suites; the ids the demo accounts' scoped roles are held for. */
export async function loadCustodyVisitingDemo(
  tx: Executor,
  coordinatorId: string,
): Promise<{ panelId: string; suiteIds: string[] }> {
  const [panel] = await tx
    .insert(custodyPanels)
    .values({ name: 'Camden custody visiting panel', area: DEMO_CUSTODY_AREA, coordinatorId })
    .returning({ id: custodyPanels.id });
  const suites = await tx
    .insert(custodySuites)
    .values(DEMO_SUITES.map((s) => ({ ...s, area: DEMO_CUSTODY_AREA, targetVisitsPerWeek: 1 })))
    .returning({ id: custodySuites.id });
  return { panelId: panel!.id, suiteIds: suites.map((s) => s.id) };
}

/** The panels the demo people coordinate, and the demo suites, before the people go. */
export async function removeCustodyVisitingDemo(
  tx: Executor,
  demoPeople: readonly string[],
): Promise<void> {
  if (demoPeople.length)
    await tx.delete(custodyPanels).where(inArray(custodyPanels.coordinatorId, [...demoPeople]));
  await tx.delete(custodySuites).where(
    and(
      eq(custodySuites.area, DEMO_CUSTODY_AREA),
      inArray(
        custodySuites.name,
        DEMO_SUITES.map((s) => s.name),
      ),
    ),
  );
}
