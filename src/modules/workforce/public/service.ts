/**
 * LEG-04, DP-01: the workforce's figures as anyone reads them: a snapshot (the latest unless
 * another is asked for) and the series of those before it, every count and share suppressed as
 * DP-01 asks.
 */
import { parseIsoDate } from '../../../platform/calendar/iso-date.js';
import type { Db } from '../../../platform/db/database.js';
import { publishedSnapshots, snapshotDates } from '../figures.js';

/** The most snapshots a chart draws: twenty years of yearly figures. */
export const SERIES_MOST = 20;

export type PublicWorkforceService = ReturnType<typeof createPublicWorkforceService>;

export function createPublicWorkforceService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /**
     * The snapshot as at `asked` (or the latest, when none is asked or there is none that day),
     * with the snapshots before it; and every snapshot's date, to choose another.
     */
    async figures(asked: string | undefined) {
      const dates = await snapshotDates(db);
      const at = (asked && parseIsoDate(asked) && dates.find((d) => d === asked)) || dates[0];
      const series = at ? await publishedSnapshots(db, { upTo: at, most: SERIES_MOST }) : [];
      return { dates, at: at ?? null, series };
    },
  };
}
