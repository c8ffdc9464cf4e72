/**
 * LEG-06: the late returns; CON-04, CDRP-12: spending per borough in a year, as a page with a
 * chart and its table, and as CSV. Read by staff.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { penceAsDecimal } from '../../../platform/money/pence.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { monitoringPaths as paths } from './paths.js';
import { percent, pounds, spendingBars } from './presenter.js';

const T = 'modules/grants/monitoring/views';
const readers = { config: { access: { action: 'grants.view' as const } } };

export function registerReportRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantsLateReturns: late, grantsSpending: spending } = services;
  const crumbs = (request: FastifyRequest) => [{ text: request.t('nav.home'), href: '/' }];

  app.get(paths.late, readers, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await late.list(request.principal, page);
    return renderPage(request, reply, `${T}/late.njk`, {
      title: request.t('grants:monitoring.late.title'),
      breadcrumbs: crumbs(request),
      rows: result.items.map((r) => ({
        ...r,
        reference: `G-${r.reference}`,
        href: paths.grant(r.applicationId),
        borough: r.borough ?? request.t('grants:monitoring.spending.areaWide'),
      })),
      total: result.total,
      pagination: paginationFor(paths.late, {}, page.page, page.limit, result.total),
    });
  });

  const filterOf = (request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>;
    return {
      year: spending.yearOf(queryString(query, 'year')),
      fundId: queryString(query, 'fund'),
    };
  };

  app.get(paths.spending, readers, async (request, reply) => {
    const filter = filterOf(request);
    const [result, filters] = await Promise.all([
      spending.perBorough(request.principal, {
        startYear: filter.year.startYear,
        fundId: filter.fundId,
      }),
      spending.filters(request.principal),
    ]);
    const kept = { year: String(filter.year.startYear), fund: result.fundId ?? undefined };
    const csv = new URLSearchParams(
      Object.entries(kept).filter((e): e is [string, string] => Boolean(e[1])),
    );
    const row = (r: (typeof result.boroughs)[number] | typeof result.total) => ({
      grants: r.grants,
      awarded: pounds(r.awardedPence),
      adjusted: pounds(r.adjustedPence),
      net: pounds(r.netPence),
      spent: pounds(r.spentPence),
      share: percent(r.sharePermille),
      against: pounds(r.againstEqualPence),
      nothing: r.nothingAwarded,
    });
    return renderPage(request, reply, `${T}/spending.njk`, {
      title: request.t('grants:monitoring.spending.title'),
      breadcrumbs: crumbs(request),
      year: filter.year,
      boroughs: result.boroughs.map((b) => ({ name: b.name, ...row(b) })),
      areaWide: result.areaWide ? row(result.areaWide) : null,
      total: row(result.total),
      equalShare: pounds(result.equalSharePence),
      nothingCount: result.boroughs.filter((b) => b.nothingAwarded).length,
      chart: spendingBars(
        result.boroughs.map((b) => ({ label: b.name, netPence: b.netPence })),
        result.equalSharePence,
      ),
      yearItems: (filters.years.some((y) => y.startYear === filter.year.startYear)
        ? filters.years
        : [filter.year, ...filters.years]
      ).map((y) => ({
        value: String(y.startYear),
        text: y.label,
        selected: y.startYear === filter.year.startYear,
      })),
      fundItems: [
        { value: '', text: request.t('grants:monitoring.spending.anyFund') },
        ...filters.funds.map((f) => ({
          value: f.id,
          text: f.name,
          selected: f.id === result.fundId,
        })),
      ],
      action: paths.spending,
      csvHref: `${paths.spendingCsv}?${csv.toString()}`,
    });
  });

  app.get(paths.spendingCsv, readers, async (request, reply) => {
    const filter = filterOf(request);
    const result = await spending.perBorough(request.principal, {
      startYear: filter.year.startYear,
      fundId: filter.fundId,
    });
    const t = request.t;
    const line = (name: string, r: typeof result.total) => [
      filter.year.label,
      name,
      String(r.grants),
      penceAsDecimal(r.awardedPence),
      penceAsDecimal(r.adjustedPence),
      penceAsDecimal(r.netPence),
      penceAsDecimal(r.spentPence),
      (r.sharePermille / 10).toFixed(1),
    ];
    return sendCsv(reply, `grants-spending-${filter.year.label}.csv`, [
      [
        t('grants:monitoring.spending.csv.year'),
        t('grants:monitoring.spending.csv.borough'),
        t('grants:monitoring.spending.csv.grants'),
        t('grants:monitoring.spending.csv.awarded'),
        t('grants:monitoring.spending.csv.adjusted'),
        t('grants:monitoring.spending.csv.net'),
        t('grants:monitoring.spending.csv.spent'),
        t('grants:monitoring.spending.csv.share'),
      ],
      ...result.boroughs.map((b) => line(b.name, b)),
      ...(result.areaWide ? [line(t('grants:monitoring.spending.areaWide'), result.areaWide)] : []),
      line(t('grants:monitoring.spending.total'), result.total),
    ]);
  });
}
