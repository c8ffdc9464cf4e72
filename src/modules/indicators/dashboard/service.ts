/**
 * CON-01, CDRP-10: the dashboards of the indicators, for the authority's committee (the whole
 * area) and for a borough (the indicators kept by borough, each the borough's figure), and the
 * committee pack made from the same figures. Read by those who read the indicators
 * (`indicators.view`). Every indicator is ranked (off target first) from three queries, and the
 * series of those shown from four more, whatever their number.
 */
import { eq } from 'drizzle-orm';
import { todayInLondon } from '../../../platform/calendar/london-time.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Db } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { DirectoryApi } from '../../directory/index.js';
import { latestOf, seriesOfMany } from '../figures.js';
import { offTargetFirst, ragCounts } from '../rules.js';
import { indicators } from '../schema.js';

export type DashboardService = ReturnType<typeof createDashboardService>;

export function createDashboardService(deps: { db: Db; directory: DirectoryApi; now: () => Date }) {
  const { db, directory, now } = deps;
  const columns = {
    id: indicators.id,
    name: indicators.name,
    definition: indicators.definition,
    unit: indicators.unit,
    polarity: indicators.polarity,
    frequency: indicators.frequency,
    tolerance: indicators.tolerance,
    owner: directory.organisationNameSql(indicators.ownerId),
  };
  const boroughs = () => directory.directory.scopeCatalogue.options('borough');

  /** The borough asked for (null: the whole area); one not known is not found. */
  async function areaOf(boroughId: string | null) {
    const all = await boroughs();
    if (!boroughId) return { borough: null, boroughs: all };
    const borough = all.find((b) => b.id === boroughId);
    if (!borough) throw new NotFoundError();
    return { borough, boroughs: all };
  }

  /**
   * Every indicator of the area (a borough's: those kept by borough) with its latest figure
   * against target, off target first. The indicators are the few a committee sets, not records
   * that grow with use, so they are ranked whole: the order needs every one's status.
   */
  async function ranked(boroughId: string | null) {
    const list = await db
      .select(columns)
      .from(indicators)
      .where(boroughId ? eq(indicators.breakdown, 'borough') : undefined);
    const latest = await latestOf(db, list, boroughId);
    return offTargetFirst(
      list.map((i) => {
        const l = latest.get(i.id) ?? null;
        return { ...i, latest: l, rag: l?.rag ?? ('none' as const) };
      }),
    );
  }

  return {
    /** CON-01, CDRP-10: a page of the area's indicators, off target first, with their series. */
    async dashboard(principal: Principal, boroughId: string | null, page: PageRequest) {
      requireUser(principal, 'indicators.view');
      const area = await areaOf(boroughId);
      const all = await ranked(area.borough?.id ?? null);
      const items = all.slice(page.offset, page.offset + page.limit);
      const series = await seriesOfMany(db, items, area.borough?.id ?? null, now());
      return {
        ...area,
        counts: ragCounts(all),
        total: all.length,
        items: items.map((i) => ({ ...i, series: series.get(i.id)! })),
      };
    },

    /** CON-01, CDRP-10: every indicator of the area with its series, for the committee pack. */
    async pack(principal: Principal, boroughId: string | null) {
      requireUser(principal, 'indicators.view');
      const area = await areaOf(boroughId);
      const all = await ranked(area.borough?.id ?? null);
      const series = await seriesOfMany(db, all, area.borough?.id ?? null, now());
      return {
        ...area,
        today: todayInLondon(now()),
        items: all.map((i) => ({ ...i, series: series.get(i.id)! })),
      };
    },
  };
}
