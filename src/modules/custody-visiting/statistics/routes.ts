/**
 * The scheme's statistics (ICV-10, LEG-05; issue 24 items 7 and 9), for anyone: a quarter's or a
 * year's visits against target by area, one area's suites, the reports' detainees, admission
 * delays and issues, charts with their tables, the figures as CSV, and a year's annual report as
 * PDF.
 */
import type { FastifyRequest } from 'fastify';
import { fieldErrorsOf } from '../../../platform/errors.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { sendDownload } from '../../../platform/http/files.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import { pairBars, targetBars } from './chart.js';
import { renderAnnualReportPdf } from './pdf.js';
import { figure, percentFigure, periodName, periodDays } from './words.js';
import {
  NOT_SEEN_REASONS,
  publishedSeen,
  type PerformanceLine,
  type Period,
  type PublishedSeen,
  type ReportLine,
} from '../statistics-rules.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { panelFiguresView, registerPanelFiguresCsv } from './panel-figures-routes.js';
import { asked, periodQuery } from './query.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/custody-visiting/statistics/views';

/** ICV-04, ICV-05, ICV-08: a line of the reports' figures, as the page's tables show it. */
function reportRow(t: Translate, l: ReportLine, seen: PublishedSeen) {
  return {
    name: l.name,
    cells: [
      l.reports,
      l.detaineesPresent,
      l.seen,
      NOT_SEEN_REASONS.reduce((n, r) => n + l.notSeen[r], 0),
      // DP-01: children and vulnerable people seen are published with small numbers suppressed.
      seen.childrenSeen,
      seen.vulnerableSeen,
      l.delayed,
      figure(t, l.medianDelay),
      figure(t, l.longestDelay),
    ].map(String),
    notSeen: NOT_SEEN_REASONS.map((r) => String(l.notSeen[r])),
    issues: [
      String(l.issuesRaised),
      String(l.issuesResolved),
      percentFigure(t, l.percentResolved),
      figure(t, l.medianDaysToResolve),
    ],
  };
}

export function registerStatisticsRoutes({ app, services, renderPage }: RouteDeps): void {
  const { custodyStatistics: statistics } = services;

  const quarterItems = (request: FastifyRequest, chosen: Period | null) =>
    statistics.quarters().map((q) => ({
      value: q,
      text: periodName(request.t, { kind: 'quarter', start: q }),
      selected: chosen?.kind === 'quarter' && q === chosen.start,
    }));
  const yearItems = (request: FastifyRequest, chosen: Period | null) =>
    statistics.years().map((y) => ({
      value: y,
      text: periodName(request.t, { kind: 'year', start: y }),
      selected: chosen?.kind === 'year' && y === chosen.start,
    }));

  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('custody-visiting:public.scheme.title'), href: paths.publicScheme },
  ];

  app.get(paths.statistics, keptPage('quarter', 'year', 'area'), async (request, reply) => {
    const title = request.t('custody-visiting:statistics.title');
    const t = request.t;
    try {
      const result = await statistics.period(periodQuery(request));
      const { period } = result;
      const query = `${period.kind}=${period.start}`;
      const areaAsked = asked(request, 'area');
      const area = result.areas.find((a) => a.area === areaAsked) ?? null;
      const reportArea = result.reports.areas.find((a) => a.area === areaAsked) ?? null;
      const percent = (l: PerformanceLine) =>
        l.percentOfTarget === null
          ? t('custody-visiting:statistics.noTarget')
          : t('custody-visiting:statistics.percent', { percent: l.percentOfTarget });
      const name = periodName(t, period);
      const seen = publishedSeen(result.reports);
      return renderPage(request, reply, `${T}/statistics.njk`, {
        title,
        breadcrumbs: crumbs(request),
        period,
        periodName: name,
        yearDays: period.kind === 'year' ? periodDays(t, period) : null,
        soFar: result.soFar,
        quarterItems: quarterItems(request, period),
        yearItems: yearItems(request, period),
        formAction: paths.statistics,
        total: { ...result.total, percent: percent(result.total) },
        areas: result.areas.map((a) => ({
          ...a.total,
          percent: percent(a.total),
          href: `${paths.statistics}?${query}&area=${encodeURIComponent(a.area)}#area`,
        })),
        area: area && {
          name: area.area,
          suites: area.suites.map((s) => ({ ...s, percent: percent(s) })),
        },
        chart: targetBars(
          result.areas.map((a) => ({ label: a.area, made: a.total.made, target: a.total.target })),
        ),
        csvHref: `${paths.statisticsCsv}?${query}`,
        // ICV-04, ICV-05, ICV-08: the reports' figures, in their own sections of the page.
        reports: {
          total: reportRow(t, result.reports.total, seen(result.reports.total)),
          areas: result.reports.areas.map((a) => reportRow(t, a.total, seen(a.total))),
          area: reportArea && {
            name: reportArea.area,
            suites: reportArea.suites.map((s) => reportRow(t, s, seen(s))),
          },
          summary: t('custody-visiting:statistics.issues.summary', {
            raised: result.reports.total.issuesRaised,
            resolved: result.reports.total.issuesResolved,
            percent: percentFigure(t, result.reports.total.percentResolved),
          }),
          chart: pairBars(
            result.reports.areas.map((a) => ({
              label: a.area,
              first: a.total.issuesRaised,
              second: a.total.issuesResolved,
            })),
          ),
        },
        annualReports: statistics.years().map((y) => ({
          href: `${paths.annualReportPdf}?year=${y}`,
          text: t('custody-visiting:statistics.annual.download', {
            year: periodName(t, { kind: 'year', start: y }),
          }),
        })),
        ...panelFiguresView(request, result, query),
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
          quarterItems: quarterItems(request, null),
          yearItems: yearItems(request, null),
          formAction: paths.statistics,
          errors,
        },
        400,
      );
    }
  });

  registerPanelFiguresCsv(app, statistics);

  app.get(paths.statisticsCsv, keptPage('quarter', 'year'), async (request, reply) => {
    const result = await statistics.period(periodQuery(request));
    const t = request.t;
    const { period } = result;
    const seen = publishedSeen(result.reports);
    const head = [
      period.kind === 'year' ? 'year' : 'quarter',
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
      ...REPORT_COLUMNS,
    ].map((key) => t(`custody-visiting:statistics.csv.${key}`));
    const row = (area: string, suite: string, l: PerformanceLine, r: ReportLine | undefined) => [
      period.start,
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
      ...reportCells(r, r && seen(r)),
    ];
    const reportsOf = new Map(
      result.reports.areas.map((a) => [
        a.area,
        { total: a.total, suites: new Map(a.suites.map((s) => [s.name, s])) },
      ]),
    );
    const allSuites = t('custody-visiting:statistics.csv.allSuites');
    return sendCsv(reply, `custody-visiting-${period.kind}-${period.start}.csv`, [
      head,
      ...result.areas.flatMap((a) => {
        const reports = reportsOf.get(a.area);
        return [
          ...a.suites.map((s) => row(a.area, s.name, s, reports?.suites.get(s.name))),
          row(a.area, allSuites, a.total, reports?.total),
        ];
      }),
      row(result.total.name, allSuites, result.total, result.reports.total),
    ]);
  });

  /** ICV-10, LEG-05: the year's annual report, as PDF. */
  app.get(paths.annualReportPdf, keptPage('year'), async (request, reply) => {
    const result = await statistics.year(asked(request, 'year'));
    const bytes = await renderAnnualReportPdf(result, request.t);
    return sendDownload(
      reply,
      {
        fileName: `custody-visiting-annual-report-${result.period.start}.pdf`,
        mediaType: 'application/pdf',
      },
      bytes,
    );
  });
}

/** The CSV's columns of the reports' figures (ICV-04, ICV-05, ICV-08), after the visits'. */
const REPORT_COLUMNS = [
  'reports',
  'detaineesPresent',
  'detaineesSeen',
  ...NOT_SEEN_REASONS.map((r) => `notSeen.${r}`),
  'childrenSeen',
  'vulnerableSeen',
  'delayed',
  'medianDelay',
  'longestDelay',
  'issuesRaised',
  'issuesResolved',
  'percentResolved',
  'medianDaysToResolve',
];

function reportCells(r: ReportLine | undefined, seen: PublishedSeen | undefined): string[] {
  if (!r || !seen) return REPORT_COLUMNS.map(() => '');
  const maybe = (n: number | null) => (n === null ? '' : String(n));
  return [
    String(r.reports),
    String(r.detaineesPresent),
    String(r.seen),
    ...NOT_SEEN_REASONS.map((reason) => String(r.notSeen[reason])),
    seen.childrenSeen,
    seen.vulnerableSeen,
    String(r.delayed),
    maybe(r.medianDelay),
    maybe(r.longestDelay),
    String(r.issuesRaised),
    String(r.issuesResolved),
    maybe(r.percentResolved),
    maybe(r.medianDaysToResolve),
  ];
}
