/**
 * CDRP-10, LEG-04: the indicators marked public, for anyone: each with its latest whole-area
 * value, target and RAG (off target first, with how many stand at each status), and one's chart and table. Only the whole area's figures are published
 * (a borough's share of a small count could be worked out from them); an indicator not public
 * is not found.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import { latestOf, seriesOf } from '../figures.js';
import { offTargetFirst, publicRag, ragCounts } from '../rules.js';
import { indicators } from '../schema.js';

export type PublicIndicatorsService = ReturnType<typeof createPublicIndicatorsService>;

export function createPublicIndicatorsService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
}) {
  const { db, directory, now } = deps;
  /** The columns anyone may read. */
  const published = {
    id: indicators.id,
    name: indicators.name,
    definition: indicators.definition,
    unit: indicators.unit,
    polarity: indicators.polarity,
    frequency: indicators.frequency,
    tolerance: indicators.tolerance,
    owner: directory.organisationNameSql(indicators.ownerId),
  };
  const isPublic = eq(indicators.isPublic, true);

  return {
    /**
     * The public indicators a page at a time, off target first as the committee's dashboard
     * lists them, with their latest figures, and how many stand at each status. DP-01: a
     * status beside a count of people below 10 is withheld, and counted as withheld. Ranked
     * whole (the order needs every one's status): they are the few the committee publishes.
     */
    async list(page: PageRequest) {
      const all = await db.select(published).from(indicators).where(isPublic);
      const latest = await latestOf(db, all);
      const ranked = offTargetFirst(
        all.map((i) => {
          const l = latest.get(i.id) ?? null;
          return { ...i, latest: l, rag: publicRag(l?.value ?? null, i.unit, l?.rag ?? 'none') };
        }),
      );
      return {
        items: ranked.slice(page.offset, page.offset + page.limit),
        counts: ragCounts(ranked),
        total: ranked.length,
      };
    },

    /** A public indicator with its whole-area series. */
    async get(id: string) {
      const [indicator] = isUuid(id)
        ? await db
            .select(published)
            .from(indicators)
            .where(and(isPublic, eq(indicators.id, id)))
        : [];
      if (!indicator) throw new NotFoundError();
      return { indicator, series: await seriesOf(db, indicator, null, now()) };
    },
  };
}
