/**
 * CON-04, CDRP-12: grant money per borough in a reporting year (the year of the fund's budget its
 * round was for), of one fund or all: awarded, given back (underspend and clawback), net, spent to
 * date by the returns sent, and the number of grants; each borough's share against an equal
 * share. One aggregate query (no query per borough or per grant).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { requireUser } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { reportingYear, reportingYearOf, todayInLondon } from '../../../platform/calendar/index.js';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import type { Db } from '../../../platform/db/database.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  grantAdjustments,
  grantApplications,
  grantFunds,
  grantFundYears,
  grantReturns,
  grantReturnSpend,
  grantRounds,
} from '../schema.js';
import { boroughShares } from './rules.js';

export type SpendingService = ReturnType<typeof createSpendingService>;

export function createSpendingService(deps: { db: Db; directory: DirectoryApi; now: () => Date }) {
  const { db, directory, now } = deps;

  /** CON-04, CDRP-12: the year's awarded grants summed per borough, in one query. */
  async function totalsOf(startYear: number, fundId: string | undefined) {
    const adjusted = sql`(select coalesce(sum(${grantAdjustments.amountPence}), 0)
        from ${grantAdjustments} where ${grantAdjustments.applicationId} = ${grantApplications.id})`;
    const spent = sql`(select coalesce(sum(${grantReturnSpend.spentPence}), 0)
        from ${grantReturnSpend} inner join ${grantReturns} on ${grantReturns.id} = ${grantReturnSpend.returnId}
        where ${grantReturns.applicationId} = ${grantApplications.id} and ${grantReturns.submittedAt} is not null)`;
    return db
      .select({
        boroughId: grantApplications.boroughId,
        grants: sql<number>`count(*)::int`,
        awardedPence: sql<number>`coalesce(sum(${grantApplications.awardedPence}), 0)::bigint`,
        adjustedPence: sql<number>`coalesce(sum(${adjusted}), 0)::bigint`,
        spentPence: sql<number>`coalesce(sum(${spent}), 0)::bigint`,
      })
      .from(grantApplications)
      .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
      .where(
        and(
          eq(grantApplications.status, 'awarded'),
          eq(grantRounds.startYear, startYear),
          fundId ? eq(grantRounds.fundId, fundId) : undefined,
        ),
      )
      .groupBy(grantApplications.boroughId);
  }

  /**
   * The sums are kept until a grant changes (an award, a return, an adjustment): the page is read
   * far more often than grants change, and ten years of returns make the sums the page's cost.
   */
  const totals = createVersionedCache<Awaited<ReturnType<typeof totalsOf>>>(db, {
    kinds: ['grants'],
    max: 64,
  });

  return {
    /** The year asked for (`2026`), else the current reporting year. */
    yearOf(value: string | undefined) {
      const n = Number(value);
      return Number.isInteger(n) && n >= 2000 && n <= 2100
        ? reportingYear(n)
        : reportingYearOf(todayInLondon(now()));
    },

    /** The years funds have budgets for, newest first, and the funds, for the filters. */
    async filters(principal: Principal) {
      requireUser(principal, 'grants.view');
      const [years, funds] = await Promise.all([
        db
          .selectDistinct({ startYear: grantFundYears.startYear })
          .from(grantFundYears)
          .orderBy(desc(grantFundYears.startYear)),
        db
          .select({ id: grantFunds.id, name: grantFunds.name })
          .from(grantFunds)
          .orderBy(asc(grantFunds.name)),
      ]);
      return { years: years.map((y) => reportingYear(y.startYear)), funds };
    },

    /** CON-04, CDRP-12: each borough's grants in the year, the area-wide ones, and the total. */
    async perBorough(
      principal: Principal,
      filter: { startYear: number; fundId?: string | undefined },
    ) {
      requireUser(principal, 'grants.view');
      const fundId = filter.fundId && isUuid(filter.fundId) ? filter.fundId : undefined;
      const [rows, boroughs] = await Promise.all([
        totals.get(`${filter.startYear} ${fundId ?? ''}`, () => totalsOf(filter.startYear, fundId)),
        directory.directory.scopeCatalogue.options('borough'),
      ]);
      const shares = boroughShares(
        boroughs.map((b) => b.id),
        rows.map((r) => ({
          boroughId: r.boroughId,
          grants: Number(r.grants),
          awardedPence: Number(r.awardedPence),
          adjustedPence: Number(r.adjustedPence),
          spentPence: Number(r.spentPence),
        })),
      );
      const names = new Map(boroughs.map((b) => [b.id, b.name]));
      return {
        ...shares,
        boroughs: shares.boroughs.map((b) => ({ ...b, name: names.get(b.boroughId!) ?? '' })),
        fundId: fundId ?? null,
      };
    },
  };
}
