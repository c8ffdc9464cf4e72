/**
 * IAG-10, equitable deployment: the coordination unit watches that no advisor is overburdened.
 * Deployments (accepted nominations) per advisor over a chosen period, optionally for one
 * group, busiest first; the busiest tenth's share of the work; advisors above the threshold
 * flagged; and the same as CSV.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { requireUser } from '../../../platform/auth/permissions.js';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import type { Principal } from '../../../platform/auth/principal.js';
import {
  addCalendarMonths,
  todayInLondon,
  type IsoDate,
} from '../../../platform/calendar/index.js';
import { ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { AdviceLookups } from '../access.js';
import { LOAD_WINDOW_MONTHS, busiestTenthShare, overburdened } from '../rules.js';
import { deployments } from '../schema.js';
import type { AdviceServiceDeps, Input } from '../shared.js';

type Filters = { from: IsoDate; to: IsoDate; group: string | null };
/** Kept between requests (a versioned cache): read, never changed. */
type PerAdvisor = {
  readonly advisors: readonly {
    personId: string;
    name: string;
    deployments: number;
    groups: string;
  }[];
  readonly groups: readonly { id: string; name: string }[];
};

export type EquityService = ReturnType<typeof createEquityService>;

export function createEquityService(
  deps: AdviceServiceDeps & { threshold: number; lookups: AdviceLookups },
) {
  const { db, threshold, now, t } = deps;
  const { personColumns: people, advisorRecords } = deps.lookups;
  const requireViewer = (principal: Principal) => requireUser(principal, 'advice.equity');

  /** The period and group asked for; by default the twelve months to today, every group. */
  function parseFilters(input: Input): Filters {
    const today = todayInLondon(now());
    const errors: FieldError[] = [];
    const given = (name: string) =>
      ['day', 'month', 'year'].some((p) => String(input[`${name}-${p}`] ?? '').trim() !== '');
    const from = given('from')
      ? dateField(t, input, 'from', t('advice:equity.filters.fromName'), errors)
      : addCalendarMonths(today, -LOAD_WINDOW_MONTHS);
    const to = given('to')
      ? dateField(t, input, 'to', t('advice:equity.filters.toName'), errors)
      : today;
    if (from && to && to < from)
      errors.push({
        field: 'to-day',
        message: t('advice:deployments.availability.away.endsBeforeStart'),
      });
    const group = typeof input.group === 'string' && isUuid(input.group) ? input.group : null;
    if (errors.length) throw new ValidationError(errors);
    return { from: from as IsoDate, to: to as IsoDate, group };
  }

  function whereOf(filters: Filters): SQL {
    return and(
      eq(deployments.status, 'accepted'),
      sql`${deployments.deployedOn} between ${filters.from}::date and ${filters.to}::date`,
      filters.group ? eq(deployments.groupId, filters.group) : undefined,
    )!;
  }

  /**
   * Every advisor deployed in the period, busiest first, with the groups they went for: one
   * aggregate, counted from the period index alone (it carries the person and the group), with
   * the groups named from the list the page shows anyway. One row per advisor deployed, so it is
   * bounded by the size of the register, and the summary and the page are both read from it.
   */
  async function perAdvisor(where: SQL): Promise<PerAdvisor> {
    // Counted by advisor and group first (a hash aggregate over the period index), then by
    // advisor, then named: only the advisors counted are looked up, and each carries
    // its few groups rather than one entry per deployment.
    const pairs = db.$with('pairs').as(
      db
        .select({
          personId: deployments.personId,
          groupId: deployments.groupId,
          n: sql<number>`count(*)`.as('n'),
        })
        .from(deployments)
        .where(where)
        .groupBy(deployments.personId, deployments.groupId),
    );
    const counted = db.$with('counted').as(
      db
        .select({
          personId: pairs.personId,
          deployments: sql<number>`sum(${pairs.n})::int`.as('deployments'),
          groupIds: sql<string[]>`array_agg(${pairs.groupId})`.as('group_ids'),
        })
        .from(pairs)
        .groupBy(pairs.personId),
    );
    const name = people.name(counted.personId);
    const [rows, groups] = await Promise.all([
      db
        .with(pairs, counted)
        .select({
          personId: counted.personId,
          name,
          deployments: counted.deployments,
          groupIds: counted.groupIds,
        })
        .from(counted)
        .orderBy(desc(counted.deployments), asc(name), asc(counted.personId)),
      advisorRecords.everyGroup(db),
    ]);
    // In the order the database sorts the names, as the page's list of groups is.
    const order = new Map(groups.map((g, i) => [g.id, i]));
    const advisors = rows.map(({ groupIds, ...row }) => ({
      ...row,
      groups: [...groupIds]
        .sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0))
        .map((id) => groups[order.get(id) ?? -1]?.name ?? '')
        .join(', '),
    }));
    return { advisors, groups };
  }

  /**
   * Counting a year of deployments costs more than all the rest of the page, and the counts
   * change only when a deployment does (or a name): each period's are kept until then.
   */
  const counted = createVersionedCache<PerAdvisor>(db, {
    kinds: ['deployments', 'directory', 'groups'],
    max: 64,
  });
  const countsFor = (filters: Filters) =>
    counted.get(JSON.stringify(filters), () => perAdvisor(whereOf(filters)));

  return {
    threshold,
    parseFilters,

    async report(principal: Principal, input: Input, page: { limit: number; offset: number }) {
      requireViewer(principal);
      const filters = parseFilters(input);
      const { advisors, groups } = await countsFor(filters);
      const perPerson = advisors.map((a) => a.deployments);
      const { advisors: busiestAdvisors, share } = busiestTenthShare(perPerson);
      return {
        filters,
        groups,
        threshold,
        items: advisors
          .slice(page.offset, page.offset + page.limit)
          .map((i) => ({ ...i, flagged: overburdened(i.deployments, threshold) })),
        total: perPerson.length,
        summary: {
          deployments: perPerson.reduce((a, b) => a + b, 0),
          advisors: perPerson.length,
          busiestAdvisors,
          busiestShare: share,
          flagged: perPerson.filter((n) => overburdened(n, threshold)).length,
        },
      };
    },

    /** The same report, every advisor, as CSV rows (a header first). */
    async csv(principal: Principal, input: Input) {
      requireViewer(principal);
      const filters = parseFilters(input);
      const rows = (await countsFor(filters)).advisors;
      return {
        filters,
        rows: [
          [
            t('advice:equity.csv.advisor'),
            t('advice:equity.csv.groups'),
            t('advice:equity.csv.deployments'),
            t('advice:equity.csv.over', { threshold }),
          ],
          ...rows.map((r) => [
            r.name,
            r.groups,
            String(r.deployments),
            t(overburdened(r.deployments, threshold) ? 'advice:common.yes' : 'advice:common.no'),
          ]),
        ],
      };
    },
  };
}
