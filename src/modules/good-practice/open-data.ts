/**
 * CDRP-08 as open data (issue 27 part 6): the published entries, with exactly what the public
 * page shows of each (rules' PUBLIC_FIELDS): never who recorded it, its contact or its source.
 */
import { asc, desc, isNotNull, or } from 'drizzle-orm';
import { toLondonDate } from '../../platform/calendar/index.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { OpenDataset } from '../../platform/open-data/dataset.js';
import { latest, openDataWords } from '../../platform/open-data/define.js';
import type { DirectoryApi } from '../directory/index.js';
import { goodPracticePaths } from './paths.js';
import { publicView } from './rules.js';
import { goodPracticeEntries as entries } from './schema.js';

export function goodPracticeOpenData(
  t: Translate,
  directory: Pick<DirectoryApi, 'organisationNameSql'>,
): OpenDataset {
  return openDataWords((key) => t(`good-practice:openData.${key}`)).dataset({
    id: 'good-practice',
    columns: [
      ['title', 'text'],
      ['theme', 'text'],
      ['borough', 'text'],
      ['summary', 'text'],
      ['lessons', 'text'],
      ['published_on', 'date'],
      ['url', 'url'],
    ],
    async rows(executor) {
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
    async lastChanged(executor) {
      const [row] = await executor
        .select({ at: latest(entries.updatedAt) })
        .from(entries)
        .where(or(isNotNull(entries.publishedAt), isNotNull(entries.withdrawnAt)));
      return row?.at ?? null;
    },
  });
}
