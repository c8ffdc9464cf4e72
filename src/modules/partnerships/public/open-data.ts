/**
 * CDRP-10 as open data (issue 27 part 6): each partnership's audits, strategies, targets and
 * performance by reporting year, as its public page's tables show them. The page's officers'
 * names stay on the page: the download names no person (DP-01), only the partnership and borough.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { reportingYear } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OpenDataset } from '../../../platform/open-data/dataset.js';
import { latest, latestOf, openDataWords } from '../../../platform/open-data/define.js';
import type { DirectoryApi } from '../../directory/index.js';
import { partnershipPaths } from '../paths.js';
import { partnershipRecords as r, partnerships as p } from '../schema.js';

export function partnershipsOpenData(
  t: Translate,
  directory: Pick<DirectoryApi, 'organisationNameSql'>,
): OpenDataset {
  const borough = directory.organisationNameSql(p.boroughId);
  return openDataWords((key) => t(`partnerships:openData.${key}`)).dataset({
    id: 'partnership-records',
    columns: [
      ['borough', 'text'],
      ['partnership', 'text'],
      ['reporting_year', 'text'],
      ['kind', 'text'],
      ['title', 'text'],
      ['figure', 'text'],
      ['document', 'text'],
      ['url', 'url'],
    ],
    async rows(executor) {
      const rows = await executor
        .select({
          id: p.id,
          borough,
          partnership: p.name,
          startYear: r.startYear,
          kind: r.kind,
          title: r.title,
          figure: r.figure,
          link: r.link,
        })
        .from(r)
        .innerJoin(p, eq(p.id, r.partnershipId))
        .orderBy(
          sql`lower(${borough})`,
          asc(p.id),
          desc(r.startYear),
          asc(r.kind),
          asc(r.createdAt),
        );
      return rows.map((row) => ({
        borough: row.borough,
        partnership: row.partnership,
        reporting_year: reportingYear(row.startYear).label,
        kind: t(`partnerships:records.kinds.${row.kind}`),
        title: row.title,
        figure: row.figure,
        document: row.link,
        url: partnershipPaths.publicEntry(row.id),
      }));
    },
    // A record's or a partnership's change (a renamed partnership among them).
    async lastChanged(executor) {
      const [[records], [entries]] = await Promise.all([
        executor.select({ at: latest(r.updatedAt) }).from(r),
        executor.select({ at: latest(p.updatedAt) }).from(p),
      ]);
      return latestOf([records?.at, entries?.at]);
    },
  });
}
