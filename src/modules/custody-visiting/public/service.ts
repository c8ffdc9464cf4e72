/**
 * What anyone may read about the scheme (issue 24 item 9): its panels, each with its area, its
 * coordinator's name and the names of the suites it visits. Never a suite's address, a
 * coordinator's contact details, or a visitor.
 */
import { asc } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import type { DirectoryApi } from '../../directory/index.js';
import { sameArea } from '../rules.js';
import { custodyPanels, custodySuites } from '../schema.js';

/** More panels than any police area has boroughs: the page lists them all. */
const MAX_PANELS = 200;

export type PublicSchemeService = ReturnType<typeof createPublicSchemeService>;

export function createPublicSchemeService(deps: { db: Db; directory: DirectoryApi }) {
  const { db } = deps;
  const lookups = deps.directory.directory.lookups;
  return {
    /** Every panel by area, with its coordinator's name and its suites' names. */
    async panels() {
      const [panels, suites] = await Promise.all([
        db
          .select({
            id: custodyPanels.id,
            name: custodyPanels.name,
            area: custodyPanels.area,
            coordinatorId: custodyPanels.coordinatorId,
          })
          .from(custodyPanels)
          .orderBy(asc(custodyPanels.area))
          .limit(MAX_PANELS),
        db
          .select({ name: custodySuites.name, area: custodySuites.area })
          .from(custodySuites)
          .orderBy(asc(custodySuites.name)),
      ]);
      const people = await lookups.people(
        db,
        panels.map((p) => p.coordinatorId),
      );
      return panels.map((p) => ({
        name: p.name,
        area: p.area,
        coordinatorName: people.get(p.coordinatorId)?.fullName ?? '',
        suites: suites.filter((s) => sameArea(s.area, p.area)).map((s) => s.name),
      }));
    },
  };
}
