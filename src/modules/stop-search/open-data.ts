/**
 * LEG-04 as open data (issue 27 part 6): searches a month by borough and self-defined ethnic
 * group, and by legislation and outcome, counted from the searches imported.
 *
 * DP-01: the counts are published as they are, small ones too. police.uk already publishes every
 * search one by one, with its ethnicity, age range, gender and place, so a count of them tells
 * nobody anything police.uk has not; and a search names nobody. The public page shows the same
 * counts unsuppressed.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { OpenDataset } from '../../platform/open-data/dataset.js';
import { latest, latestOf, openDataWords } from '../../platform/open-data/define.js';
import type { DirectoryApi } from '../directory/index.js';
import {
  stopSearchBoundaries,
  stopSearchImports,
  stopSearchReferenceFiles,
  stopSearches as s,
} from './schema.js';

/** When the searches or the boroughs they are placed in last changed. */
async function lastChanged(executor: Executor): Promise<Date | null> {
  const [imported] = await executor
    .select({ at: latest(stopSearchImports.importedAt) })
    .from(stopSearchImports);
  const [placed] = await executor
    .select({ at: stopSearchReferenceFiles.placedAt, loaded: stopSearchReferenceFiles.loadedAt })
    .from(stopSearchReferenceFiles)
    .where(eq(stopSearchReferenceFiles.kind, 'boundaries'));
  return latestOf([imported?.at, placed?.at ?? placed?.loaded]);
}

export function stopSearchOpenData(
  t: Translate,
  directory: Pick<DirectoryApi, 'organisationNameSql'>,
): OpenDataset[] {
  const w = (key: string) => t(`stop-search:openData.${key}`);
  const { dataset } = openDataWords(w);
  const month = ['month', 'date'] as const;
  const searches = ['searches', 'integer'] as const;
  return [
    dataset({
      id: 'stop-search-groups',
      words: 'groups',
      columns: [month, ['borough', 'text'], ['ethnic_group', 'text'], searches],
      async rows(executor) {
        const [anyBoundary] = await executor
          .select({ id: stopSearchBoundaries.boroughId })
          .from(stopSearchBoundaries)
          .limit(1);
        const rows = await queryRows<{
          month: string;
          borough: string | null;
          ethnic: string | null;
          n: number;
        }>(
          executor,
          sql`select ${s.month}::text as month, ${directory.organisationNameSql(s.boroughId)} as borough,
                     ${s.selfDefinedGroup} as ethnic, count(*)::int as n
              from ${s}
              group by ${s.month}, ${s.boroughId}, ${s.selfDefinedGroup}
              order by 1, 2 nulls last, 3 nulls last`,
        );
        return rows.map((r) => ({
          month: r.month,
          // Before boundaries are loaded no search is placed: every one is the force area's.
          borough: r.borough ?? (anyBoundary ? w('noBorough') : w('forceArea')),
          ethnic_group: r.ethnic ? t(`stop-search:groups.${r.ethnic}`) : w('notStated'),
          searches: Number(r.n),
        }));
      },
      lastChanged,
    }),
    dataset({
      id: 'stop-search-outcomes',
      words: 'outcomes',
      columns: [month, ['legislation', 'text'], ['outcome', 'text'], searches],
      async rows(executor) {
        const rows = await executor
          .select({
            month: sql<string>`${s.month}::text`,
            legislation: s.legislation,
            outcome: s.outcome,
            n: sql<number>`count(*)::int`,
          })
          .from(s)
          .groupBy(s.month, s.legislation, s.outcome)
          .orderBy(s.month, sql`${s.legislation} nulls last`, sql`${s.outcome} nulls last`);
        return rows.map((r) => ({
          month: r.month,
          legislation: r.legislation,
          outcome: r.outcome,
          searches: Number(r.n),
        }));
      },
      lastChanged,
    }),
  ];
}
