/**
 * Grants awarded, as anyone may read them (issue 27 parts 5 and 6; CON-04, DP-01): the awards
 * filtered by fund, reporting year and borough, a page at a time, with their totals per fund and
 * year; and every award, for open data. Declined, withdrawn and undecided applications are never
 * read. Only the columns the rule's PUBLIC_FIELDS name are selected.
 */
import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  grantAdjustments,
  grantApplications as apps,
  grantFunds,
  grantFundYears,
  grantRounds,
} from '../schema.js';
import { publishedAward, type AwardRecord } from './rules.js';

/** The filters as asked (query parameters): a fund's id, a reporting year, a borough or `area`. */
export interface AwardedQuery {
  fund?: string | undefined;
  year?: string | undefined;
  borough?: string | undefined;
}

export type PublishedGrantsService = ReturnType<typeof createPublishedGrantsService>;

export function createPublishedGrantsService(deps: { db: Db; directory: DirectoryApi }) {
  const { db, directory } = deps;
  const adjustedPence = sql<number>`(select coalesce(sum(${grantAdjustments.amountPence}), 0)
    from ${grantAdjustments} where ${grantAdjustments.applicationId} = ${apps.id})::int`;
  /** The columns anyone may read (the rule's PUBLIC_FIELDS), in one query with no query per row. */
  const columns = {
    reference: apps.reference,
    applicantKind: apps.applicantKind,
    engagementGroupId: apps.engagementGroupId,
    organisationId: apps.organisationId,
    applicantName: apps.applicantName,
    projectTitle: apps.projectTitle,
    fundId: grantFunds.id,
    fundName: grantFunds.name,
    roundTitle: grantRounds.title,
    startYear: grantRounds.startYear,
    awardedPence: sql<number>`coalesce(${apps.awardedPence}, 0)`,
    adjustedPence,
    decidedAt: sql<Date>`${apps.decidedAt}`.mapWith(apps.decidedAt),
    startsOn: apps.startsOn,
    endsOn: apps.endsOn,
    borough: directory.organisationNameSql(apps.boroughId),
    // What the record published says changed last: the award, its fund's or round's names.
    updatedAt:
      sql<Date>`greatest(${apps.updatedAt}, ${grantFunds.updatedAt}, ${grantRounds.updatedAt})`.mapWith(
        apps.updatedAt,
      ),
  };

  /** The filters that are well formed, and their SQL (each on an indexed column). */
  function filterOf(query: AwardedQuery) {
    const fund = query.fund && isUuid(query.fund) ? query.fund : undefined;
    const n = Number(query.year);
    const year = Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : undefined;
    const borough =
      query.borough === 'area' || (query.borough && isUuid(query.borough))
        ? query.borough
        : undefined;
    const conditions: (SQL | undefined)[] = [
      eq(apps.status, 'awarded'),
      fund ? eq(grantRounds.fundId, fund) : undefined,
      year ? eq(grantRounds.startYear, year) : undefined,
      borough === 'area'
        ? isNull(apps.boroughId)
        : borough
          ? eq(apps.boroughId, borough)
          : undefined,
    ];
    return { where: and(...conditions), applied: { fund, year, borough } };
  }

  const awarded = (executor: Executor) =>
    executor
      .select(columns)
      .from(apps)
      .innerJoin(grantRounds, eq(grantRounds.id, apps.roundId))
      .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId));

  return {
    /** The awards, newest first, filtered, a page at a time, with their totals per fund and year. */
    async list(query: AwardedQuery, page: PageRequest) {
      const { where, applied } = filterOf(query);
      const [rows, [total], totals] = await Promise.all([
        awarded(db)
          .where(where)
          .orderBy(desc(apps.decidedAt), desc(apps.reference))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ n: count() })
          .from(apps)
          .innerJoin(grantRounds, eq(grantRounds.id, apps.roundId))
          .where(where),
        db
          .select({
            fundName: grantFunds.name,
            startYear: grantRounds.startYear,
            grants: sql<number>`count(*)::int`,
            awardedPence: sql<number>`coalesce(sum(${apps.awardedPence}), 0)::bigint`,
            adjustedPence: sql<number>`coalesce(sum(${adjustedPence}), 0)::bigint`,
          })
          .from(apps)
          .innerJoin(grantRounds, eq(grantRounds.id, apps.roundId))
          .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
          .where(where)
          .groupBy(grantFunds.id, grantFunds.name, grantRounds.startYear)
          .orderBy(desc(grantRounds.startYear), asc(grantFunds.name)),
      ]);
      return {
        items: rows.map((r) => publishedAward(r as AwardRecord)),
        total: Number(total?.n ?? 0),
        totals: totals.map((r) => ({
          ...r,
          awardedPence: Number(r.awardedPence),
          adjustedPence: Number(r.adjustedPence),
          netPence: Number(r.awardedPence) - Number(r.adjustedPence),
        })),
        ...applied,
      };
    },

    /** What the filters offer: the funds, the years funds have budgets for, the boroughs. */
    async options() {
      const [funds, years, boroughs] = await Promise.all([
        db
          .select({ id: grantFunds.id, name: grantFunds.name })
          .from(grantFunds)
          .orderBy(asc(grantFunds.name)),
        db
          .selectDistinct({ startYear: grantFundYears.startYear })
          .from(grantFundYears)
          .orderBy(desc(grantFundYears.startYear)),
        directory.directory.scopeCatalogue.options('borough'),
      ]);
      return { funds, years: years.map((y) => y.startYear), boroughs };
    },

    /** Every award, newest first (open data). */
    async all(executor: Executor) {
      const rows = await awarded(executor)
        .where(eq(apps.status, 'awarded'))
        .orderBy(desc(apps.decidedAt), desc(apps.reference));
      return rows.map((r) => publishedAward(r as AwardRecord));
    },

    /** When what is published last changed: an award, a fund or round renamed, an adjustment. */
    async lastChanged(executor: Executor): Promise<Date | null> {
      const latest = (of: SQL) => sql<Date | null>`max(${of})`.mapWith(apps.updatedAt);
      const [[award], [adjustment]] = await Promise.all([
        executor
          .select({ at: latest(columns.updatedAt) })
          .from(apps)
          .innerJoin(grantRounds, eq(grantRounds.id, apps.roundId))
          .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
          .where(eq(apps.status, 'awarded')),
        executor
          .select({ at: latest(sql`${grantAdjustments.createdAt}`) })
          .from(grantAdjustments)
          .innerJoin(apps, eq(apps.id, grantAdjustments.applicationId))
          .where(eq(apps.status, 'awarded')),
      ]);
      const times = [award?.at, adjustment?.at].filter((d) => d instanceof Date);
      return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
    },
  };
}
