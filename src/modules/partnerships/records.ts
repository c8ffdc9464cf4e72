/**
 * CDRP-10: a page of what is kept for a partnership, the latest year first (by kind within a
 * year), with how many there are in all: read alike by the staff's and the public's pages.
 */
import { asc, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { partnershipRecords } from './schema.js';

export async function recordsPage(
  executor: Executor,
  partnershipId: string,
  page: { limit: number; offset: number },
) {
  const [records, [total]] = await Promise.all([
    executor
      .select({
        id: partnershipRecords.id,
        startYear: partnershipRecords.startYear,
        kind: partnershipRecords.kind,
        title: partnershipRecords.title,
        figure: partnershipRecords.figure,
        link: partnershipRecords.link,
      })
      .from(partnershipRecords)
      .where(eq(partnershipRecords.partnershipId, partnershipId))
      .orderBy(
        desc(partnershipRecords.startYear),
        asc(partnershipRecords.kind),
        asc(partnershipRecords.createdAt),
      )
      .limit(page.limit)
      .offset(page.offset),
    executor
      .select({ n: count() })
      .from(partnershipRecords)
      .where(eq(partnershipRecords.partnershipId, partnershipId)),
  ]);
  return { records, recordsTotal: Number(total?.n ?? 0) };
}
