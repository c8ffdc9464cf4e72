/**
 * CDRP-10: what the register publishes for inspection, to anyone: each borough's partnership,
 * its nominated officer's and deputy's names and ranks (officers acting in a public capacity, as
 * the seed's database was made to be used), when the entry was last confirmed, its
 * information-sharing protocol's dates and compliance, and its audits, strategies, targets and
 * performance by year. Never e-mail addresses, who confirmed, or the compliance notes.
 */
import { asc, count, eq, sql } from 'drizzle-orm';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import { reviewOverdue } from '../rules.js';
import { recordsPage } from '../records.js';
import { partnerships } from '../schema.js';

export type PublicPartnershipsService = ReturnType<typeof createPublicPartnershipsService>;

export function createPublicPartnershipsService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
}) {
  const { db, directory, now } = deps;
  const boroughName = directory.organisationNameSql(partnerships.boroughId);
  /** The columns anyone may read: nothing about a person beyond their name and rank. */
  const published = {
    id: partnerships.id,
    borough: boroughName,
    name: partnerships.name,
    officer: directory.personNameSql(partnerships.officerId),
    officerRank: partnerships.officerRank,
    deputy: directory.personNameSql(partnerships.deputyId),
    deputyRank: partnerships.deputyRank,
    confirmedAt: partnerships.confirmedAt,
    protocolAgreedOn: partnerships.protocolAgreedOn,
    protocolReviewOn: partnerships.protocolReviewOn,
    protocolCompliance: partnerships.protocolCompliance,
    protocolAssessedOn: partnerships.protocolAssessedOn,
  };

  return {
    /** Every borough's partnership, by borough, a page at a time. */
    async list(page: { limit: number; offset: number }) {
      const [items, [total]] = await Promise.all([
        db
          .select(published)
          .from(partnerships)
          .orderBy(sql`lower(${boroughName})`, asc(partnerships.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(partnerships),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** A partnership's published page, with a page of what is kept for it, latest year first. */
    async get(id: string, page: { limit: number; offset: number }) {
      const [entry] = isUuid(id)
        ? await db.select(published).from(partnerships).where(eq(partnerships.id, id))
        : [];
      if (!entry) throw new NotFoundError();
      const kept = await recordsPage(db, id, page);
      return {
        entry,
        reviewOverdue: reviewOverdue(entry.protocolReviewOn, todayInLondon(now())),
        ...kept,
      };
    },
  };
}
