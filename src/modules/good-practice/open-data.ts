/**
 * CDRP-08 as open data (issue 27 part 6): the published entries, with exactly what the public
 * page shows of each (rules' PUBLIC_FIELDS): never who recorded it, its contact or its source.
 */
import { asc, desc, isNotNull, or, sql } from 'drizzle-orm';
import { toLondonDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { OpenDataset } from '../../platform/open-data/dataset.js';
import type { DirectoryApi } from '../directory/index.js';
import { goodPracticePaths } from './paths.js';
import { publicView } from './rules.js';
import { goodPracticeEntries as entries } from './schema.js';

export function goodPracticeOpenData(
  t: Translate,
  directory: Pick<DirectoryApi, 'organisationNameSql'>,
): OpenDataset {
  const w = (key: string) => t(`good-practice:openData.${key}`);
  return {
    id: 'good-practice',
    title: w('title'),
    description: w('description'),
    columns: [
      { name: 'title', type: 'text', description: w('columns.title') },
      { name: 'theme', type: 'text', description: w('columns.theme') },
      { name: 'borough', type: 'text', description: w('columns.borough') },
      { name: 'summary', type: 'text', description: w('columns.summary') },
      { name: 'lessons', type: 'text', description: w('columns.lessons') },
      { name: 'published_on', type: 'date', description: w('columns.publishedOn') },
      { name: 'url', type: 'url', description: w('columns.url') },
    ],
    async rows(executor: Executor) {
      const rows = await executor
        .select({
          id: entries.id,
          title: entries.title,
          summary: entries.summary,
          lessons: entries.lessons,
          theme: entries.theme,
          borough: directory.organisationNameSql(entries.boroughId),
          publishedAt: entries.publishedAt,
        })
        .from(entries)
        .where(isNotNull(entries.publishedAt))
        .orderBy(desc(entries.publishedAt), asc(entries.id));
      return rows
        .map((row) => publicView(row))
        .filter((e) => e !== null)
        .map((e) => ({
          title: e.title,
          theme: t(`good-practice:themes.${e.theme}`),
          borough: e.borough ?? t('good-practice:entry.areaWide'),
          summary: e.summary,
          lessons: e.lessons,
          published_on: e.publishedAt ? toLondonDate(e.publishedAt) : null,
          url: goodPracticePaths.publicEntry(e.id),
        }));
    },
    // A published entry changed, or one was published or withdrawn (updatedAt moves with each).
    async lastChanged(executor: Executor) {
      const [row] = await executor
        .select({ at: sql<Date | null>`max(${entries.updatedAt})`.mapWith(entries.updatedAt) })
        .from(entries)
        .where(or(isNotNull(entries.publishedAt), isNotNull(entries.withdrawnAt)));
      return row?.at ?? null;
    },
  };
}
