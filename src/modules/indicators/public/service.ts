/**
 * CDRP-10, LEG-04: the indicators marked public, for anyone: each with its latest whole-area
 * value, target and RAG, and one's chart and table. Only the whole area's figures are published
 * (a borough's share of a small count could be worked out from them); an indicator not public
 * is not found.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import { latestOf, seriesOf } from '../figures.js';
import { RAG_STATUSES, type RagStatus } from '../rules.js';
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
    /** The public indicators by name, a page at a time, with their latest figures. */
    async list(page: PageRequest) {
      const [items, [total]] = await Promise.all([
        db
          .select(published)
          .from(indicators)
          .where(isPublic)
          .orderBy(asc(indicators.name), asc(indicators.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(indicators).where(isPublic),
      ]);
      const latest = await latestOf(db, items);
      return {
        items: items.map((i) => ({ ...i, latest: latest.get(i.id) ?? null })),
        total: Number(total?.n ?? 0),
      };
    },

    /**
     * How many public indicators stand at each RAG status by their latest whole-area value (the
     * public home's headline): the list is some tens, read in three queries whatever its length.
     */
    async ragCounts(): Promise<Record<RagStatus, number>> {
      const list = await db
        .select({
          id: indicators.id,
          polarity: indicators.polarity,
          tolerance: indicators.tolerance,
        })
        .from(indicators)
        .where(isPublic);
      const latest = await latestOf(db, list);
      const counts = Object.fromEntries(RAG_STATUSES.map((r) => [r, 0])) as Record<
        RagStatus,
        number
      >;
      for (const i of list) counts[latest.get(i.id)?.rag ?? 'none'] += 1;
      return counts;
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
