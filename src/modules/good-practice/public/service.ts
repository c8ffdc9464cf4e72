/**
 * CDRP-08: what the good-practice library publishes, to anyone: the entries marked public, with
 * the same search and filters as the staff list, and an entry's page. Only the columns the rule
 * `publicView` names are read; an entry never published, or withdrawn, is not found.
 */
import { and, asc, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import { libraryFilter, type LibraryQuery } from '../library/service.js';
import { publicView } from '../rules.js';
import { goodPracticeEntries as entries } from '../schema.js';

export type PublicGoodPracticeService = ReturnType<typeof createPublicGoodPracticeService>;

export function createPublicGoodPracticeService(deps: { db: Db; directory: DirectoryApi }) {
  const { db, directory } = deps;
  /** The columns anyone may read (the rule's PUBLIC_FIELDS). */
  const published = {
    id: entries.id,
    title: entries.title,
    summary: entries.summary,
    lessons: entries.lessons,
    theme: entries.theme,
    borough: directory.organisationNameSql(entries.boroughId),
    publishedAt: entries.publishedAt,
  };
  const isPublished = isNotNull(entries.publishedAt);

  return {
    /** The published entries, newest published first, searched and filtered, a page at a time. */
    async list(query: LibraryQuery, page: PageRequest) {
      const { conditions, applied } = libraryFilter(query);
      const where = and(isPublished, ...conditions);
      const [items, [total]] = await Promise.all([
        db
          .select(published)
          .from(entries)
          .where(where)
          .orderBy(desc(entries.publishedAt), asc(entries.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(entries).where(where),
      ]);
      return {
        items: items.map((e) => publicView(e)).filter((e) => e !== null),
        total: Number(total?.n ?? 0),
        ...applied,
      };
    },

    /** A published entry; any other is not found. */
    async get(id: string) {
      const [row] = isUuid(id)
        ? await db.select(published).from(entries).where(eq(entries.id, id))
        : [];
      const entry = row ? publicView(row) : null;
      if (!entry) throw new NotFoundError();
      return entry;
    },

    /** Every live borough, for the filter. */
    boroughs: () => directory.directory.scopeCatalogue.options('borough'),
  };
}
