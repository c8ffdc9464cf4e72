/**
 * LEG-04: stop and search read for a reporting year (April to March), for the force as a whole
 * or, once boundaries are loaded, for a borough. Every breakdown comes from one scan of the
 * year's searches (grouping sets), never a query per breakdown or per month.
 */
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { reportingYear, type ReportingYear } from '../../../platform/calendar/index.js';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import { queryRows, type Db } from '../../../platform/db/database.js';
import {
  disproportionality,
  outcomeRates,
  type GroupFigures,
  type OutcomeRates,
} from '../analysis-rules.js';
import type { PopulationFigures } from '../population.js';
import type { EthnicGroup } from '../rules.js';
import { stopSearchImports, stopSearches as s } from '../schema.js';

/** The breakdowns a year is read by, each a column of the search as published. */
export const BREAKDOWNS = [
  'legislation',
  'objectOfSearch',
  'outcome',
  'ageRange',
  'gender',
  'selfDefinedGroup',
  'officerDefinedEthnicity',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

const COLUMN: Record<Breakdown | 'month', SQL> = {
  legislation: sql`${s.legislation}`,
  objectOfSearch: sql`${s.objectOfSearch}`,
  outcome: sql`${s.outcome}`,
  ageRange: sql`${s.ageRange}`,
  gender: sql`${s.gender}`,
  selfDefinedGroup: sql`${s.selfDefinedGroup}`,
  officerDefinedEthnicity: sql`${s.officerDefinedEthnicity}`,
  month: sql`${s.month}::text`,
};

/** A value of a breakdown (null: left blank in the file) and its searches, most first. */
export interface Count {
  value: string | null;
  searches: number;
}

export interface YearFigures {
  year: ReportingYear;
  /** Null for the force as a whole. */
  boroughId: string | null;
  total: number;
  /** Every month of the year, in order, with 0 for a month imported with none or not imported. */
  months: { month: string; searches: number; imported: boolean }[];
  by: Record<Breakdown, Count[]>;
  /** Searches police.uk gives no location for: counted apart, never dropped. */
  withoutLocation: number;
  /** Searches with a location in no borough loaded (or not yet placed): counted apart. */
  outsideBoroughs: number;
  outcomes: OutcomeRates;
  /** Null when there are no population figures for the area. */
  groups: GroupFigures[] | null;
  /** The population the rates are read against, with its source and date; null if none. */
  population: PopulationFigures | null;
  /** Searches whose person gave no ethnicity (not stated or blank). */
  ethnicityNotStated: number;
}

export type FiguresService = ReturnType<typeof createFiguresService>;

export function createFiguresService(deps: {
  db: Db;
  /** The population of each broad group, of the force area or of a borough; null if none held. */
  population: (boroughId: string | null) => Promise<PopulationFigures | null>;
  threshold: () => number;
}) {
  const { db } = deps;
  const keys = [...BREAKDOWNS, 'month'] as const;
  // A year is read from some 200,000 searches and changes only when a month is imported or
  // reference data loaded: kept while nothing of stop and search has changed (those are counted).
  const kept = createVersionedCache<YearFigures>(db, { kinds: ['stop_search'], max: 400 });

  return {
    /** LEG-04: the reporting year starting in `startYear`, for the force or one borough. */
    year(startYear: number, boroughId: string | null): Promise<YearFigures> {
      return kept.get(`${startYear}:${boroughId ?? 'area'}`, () => build(startYear, boroughId));
    },
  };

  async function build(startYear: number, boroughId: string | null): Promise<YearFigures> {
    const year = reportingYear(startYear);
    const where = and(
      gte(s.month, year.start),
      lte(s.month, year.end),
      boroughId ? eq(s.boroughId, boroughId) : undefined,
    );
    // One scan: each grouping set is one breakdown; grouping(...) says which a row belongs to.
    const sets = keys.map((k) => sql`(${COLUMN[k]})`);
    const which = sql.join(
      keys.map((k) => sql`grouping(${COLUMN[k]})`),
      sql`::text || `,
    );
    const [rows, imported, [located]] = await Promise.all([
      queryRows<{ which: string; value: string | null; n: number }>(
        db,
        sql`
          select ${which}::text as which,
                 coalesce(${sql.join(
                   keys.map((k) => COLUMN[k]),
                   sql`, `,
                 )}) as value,
                 count(*)::int as n
          from ${s}
          where ${where}
          group by grouping sets (${sql.join(sets, sql`, `)})`,
      ),
      db
        .select({ month: stopSearchImports.month })
        .from(stopSearchImports)
        .where(
          and(gte(stopSearchImports.month, year.start), lte(stopSearchImports.month, year.end)),
        ),
      db
        .select({
          without: sql<number>`count(*) filter (where ${s.latitude} is null)::int`,
          outside: sql<number>`count(*) filter (where ${s.latitude} is not null and ${s.boroughId} is null)::int`,
        })
        .from(s)
        .where(and(where, boroughId ? undefined : sql`${s.boroughId} is null`)),
    ]);
    const by = Object.fromEntries(keys.map((k) => [k, [] as Count[]])) as Record<
      Breakdown | 'month',
      Count[]
    >;
    for (const row of rows) {
      // grouping() is 0 for the column the row is grouped by, 1 for the others.
      const at = row.which.indexOf('0');
      by[keys[at]!].push({ value: row.value, searches: Number(row.n) });
    }
    for (const k of BREAKDOWNS)
      by[k].sort(
        (a, b) => b.searches - a.searches || String(a.value).localeCompare(String(b.value)),
      );
    const total = by.month.reduce((sum, c) => sum + c.searches, 0);
    const importedMonths = new Set(imported.map((m) => m.month));
    const months = Array.from({ length: 12 }, (_, i) => {
      const m = new Date(Date.UTC(startYear, 3 + i, 1)).toISOString().slice(0, 10);
      return {
        month: m,
        searches: by.month.find((c) => c.value === m)?.searches ?? 0,
        imported: importedMonths.has(m),
      };
    });
    const bySelf = Object.fromEntries(
      by.selfDefinedGroup.filter((c) => c.value !== null).map((c) => [c.value, c.searches]),
    ) as Partial<Record<EthnicGroup, number>>;
    const population = await deps.population(boroughId);
    return {
      year,
      boroughId,
      total,
      months,
      by: Object.fromEntries(BREAKDOWNS.map((k) => [k, by[k]])) as Record<Breakdown, Count[]>,
      withoutLocation: Number(located?.without ?? 0),
      outsideBoroughs: Number(located?.outside ?? 0),
      outcomes: outcomeRates(new Map(by.outcome.map((c) => [c.value, c.searches]))),
      groups: population ? disproportionality(bySelf, population.people, deps.threshold()) : null,
      population,
      ethnicityNotStated: by.selfDefinedGroup.find((c) => c.value === null)?.searches ?? 0,
    };
  }
}
