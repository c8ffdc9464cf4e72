/**
 * The scheme's statistics (ICV-10, LEG-05; issue 24 items 7 and 9), for anyone: a quarter's
 * visits against target by area, one area's suites, a chart with its table, and the figures as
 * CSV.
 */
import type { FastifyRequest } from 'fastify';
import { fieldErrorsOf } from '../../../platform/errors.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { addCalendarDays } from '../../../platform/calendar/index.js';
import { nextQuarter } from '../rules.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import { targetBars } from './chart.js';
import { panelFiguresView, registerPanelFiguresCsv } from './panel-figures-routes.js';
import type { PerformanceLine } from '../statistics-rules.js';

const T = 'modules/custody-visiting/statistics/views';
const publicPage = { config: { access: 'public' as const } };

const asked = (request: FastifyRequest, name: string) => {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value ? value : undefined;
};

export function registerStatisticsRoutes({ app, services, renderPage }: RouteDeps): void {
  const { custodyStatistics: statistics } = services;

  /** "1 July to 30 September 2026", in the page's language. */
  const quarterName = (request: FastifyRequest, quarter: string) =>
    request.t('custody-visiting:statistics.quarterName', {
      from: formatDate(request.t, quarter),
      to: formatDate(request.t, addCalendarDays(nextQuarter(quarter), -1)),
    });

  const quarterItems = (request: FastifyRequest, chosen: string | undefined) =>
    statistics.quarters().map((q) => ({
      value: q,
      text: quarterName(request, q),
      selected: q === chosen,
    }));

  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('custody-visiting:public.scheme.title'), href: paths.publicScheme },
  ];

  app.get(paths.statistics, publicPage, async (request, reply) => {
    const title = request.t('custody-visiting:statistics.title');
    try {
      const result = await statistics.quarter(asked(request, 'quarter'));
      const areaAsked = asked(request, 'area');
      const area = result.areas.find((a) => a.area === areaAsked) ?? null;
      const percent = (l: PerformanceLine) =>
        l.percentOfTarget === null
          ? request.t('custody-visiting:statistics.noTarget')
          : request.t('custody-visiting:statistics.percent', { percent: l.percentOfTarget });
      return renderPage(request, reply, `${T}/statistics.njk`, {
        title,
        breadcrumbs: crumbs(request),
        quarter: result.quarter,
        quarterName: quarterName(request, result.quarter),
        soFar: result.soFar,
        quarterItems: quarterItems(request, result.quarter),
        formAction: paths.statistics,
        total: { ...result.total, percent: percent(result.total) },
        areas: result.areas.map((a) => ({
          ...a.total,
          percent: percent(a.total),
          href: `${paths.statistics}?quarter=${result.quarter}&area=${encodeURIComponent(a.area)}#area`,
        })),
        area: area && {
          name: area.area,
          suites: area.suites.map((s) => ({ ...s, percent: percent(s) })),
        },
        chart: targetBars(
          result.areas.map((a) => ({ label: a.area, made: a.total.made, target: a.total.target })),
        ),
        csvHref: `${paths.statisticsCsv}?quarter=${result.quarter}`,
        ...panelFiguresView(request, result),
      });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      return renderPage(
        request,
        reply,
        `${T}/statistics.njk`,
        {
          title,
          breadcrumbs: crumbs(request),
          quarterItems: quarterItems(request, undefined),
          formAction: paths.statistics,
          errors,
        },
        400,
      );
    }
  });

  registerPanelFiguresCsv(app, statistics);

  app.get(paths.statisticsCsv, publicPage, async (request, reply) => {
    const result = await statistics.quarter(asked(request, 'quarter'));
    const t = request.t;
    const head = [
      'quarter',
      'area',
      'suite',
      'target',
      'made',
      'percentOfTarget',
      'missed',
      'weekdayDay',
      'weekdayEvening',
      'weekendDay',
      'weekendEvening',
    ].map((key) => t(`custody-visiting:statistics.csv.${key}`));
    const row = (area: string, suite: string, l: PerformanceLine) => [
      result.quarter,
      area,
      suite,
      String(l.target),
      String(l.made),
      l.percentOfTarget === null ? '' : String(l.percentOfTarget),
      String(l.missed),
      String(l.spread.weekdayDay),
      String(l.spread.weekdayEvening),
      String(l.spread.weekendDay),
      String(l.spread.weekendEvening),
    ];
    const allSuites = t('custody-visiting:statistics.csv.allSuites');
    return sendCsv(reply, `custody-visiting-${result.quarter}.csv`, [
      head,
      ...result.areas.flatMap((a) => [
        ...a.suites.map((s) => row(a.area, s.name, s)),
        row(a.area, allSuites, a.total),
      ]),
      row(result.total.name, allSuites, result.total),
    ]);
  });
}
