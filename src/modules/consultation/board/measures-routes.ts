/**
 * CON-01: the board's performance measures and targets for consultation: the year's report (as a
 * page and as CSV), adding a measure, and a measure's target and actual for a year.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { boardPaths as paths } from './paths.js';
import { formatFigure, STANDING_CLASSES } from './presenter.js';

const T = 'modules/consultation/board/views';
const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
/** The CSV holds every measure: far more than an area keeps. */
const ALL = { limit: 10_000, offset: 0 };

type Params = { measureId: string; year: string };

export function registerBoardMeasureRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationBoardMeasures: measures } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('consultation:board.title'), href: paths.board },
    { text: request.t('consultation:board.measures.title'), href: paths.measures },
  ];

  app.get(paths.measures, viewers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const report = await measures.report(request.principal, query.year, page);
    const year = String(report.year.startYear);
    return renderPage(request, reply, `${T}/measures.njk`, {
      title: request.t('consultation:board.measures.titleYear', { year: report.year.label }),
      breadcrumbs: crumbs(request).slice(0, 2),
      ...report,
      lines: report.lines.map((l) => ({
        ...l,
        targetText: formatFigure(l.target),
        actualText: formatFigure(l.actual),
        directionText: request.t(
          l.higherIsBetter
            ? 'consultation:board.measures.higher'
            : 'consultation:board.measures.lower',
        ),
        standingText: request.t(`consultation:board.standings.${l.standing}`),
        standingClass: STANDING_CLASSES[l.standing],
        setHref: paths.measureYear(l.id, year),
      })),
      previousHref: `${paths.measures}?year=${report.year.startYear - 1}`,
      nextHref: `${paths.measures}?year=${report.year.startYear + 1}`,
      csvHref: `${paths.measuresCsv}?year=${year}`,
      newMeasureHref: paths.newMeasure,
      pagination: paginationFor(paths.measures, { year }, page.page, page.limit, report.total),
    });
  });

  app.get(paths.measuresCsv, viewers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const report = await measures.report(request.principal, query.year, ALL);
    const t = request.t;
    const head = [
      'year',
      'measure',
      'counts',
      'unit',
      'direction',
      'target',
      'actual',
      'standing',
      'note',
    ].map((key) => t(`consultation:board.csv.${key}`));
    return sendCsv(reply, `consultation-measures-${report.year.label}.csv`, [
      head,
      ...report.lines.map((l) => [
        report.year.label,
        l.name,
        l.counts,
        l.unit,
        t(
          l.higherIsBetter
            ? 'consultation:board.measures.higher'
            : 'consultation:board.measures.lower',
        ),
        formatFigure(l.target),
        formatFigure(l.actual),
        t(`consultation:board.standings.${l.standing}`),
        l.note ?? '',
      ]),
    ]);
  });

  registerFormPage(app, paths.newMeasure, managers, {
    show: formShow(renderPage, `${T}/new-measure.njk`, async (request) => ({
      title: request.t('consultation:board.measures.add'),
      breadcrumbs: crumbs(request),
      action: paths.newMeasure,
    })),
    async submit(request, reply) {
      const measure = await measures.addMeasure(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.measureYear(measure.id, String(measures.currentYear())),
        request.t('consultation:board.measures.added', { name: measure.name }),
      );
    },
  });

  registerFormPage(app, paths.measureYear.pattern, managers, {
    initial: async (request) => {
      const { measureId, year } = request.params as Params;
      const { figures } = await measures.measureYear(request.principal, measureId, year);
      return {
        target: formatFigure(figures?.target ?? null),
        actual: formatFigure(figures?.actual ?? null),
        note: figures?.note ?? '',
      };
    },
    show: formShow(renderPage, `${T}/measure-year.njk`, async (request) => {
      const { measureId, year } = request.params as Params;
      const found = await measures.measureYear(request.principal, measureId, year);
      return {
        title: request.t('consultation:board.measures.setTitle', {
          name: found.measure.name,
          year: found.year.label,
        }),
        breadcrumbs: crumbs(request),
        ...found,
        action: paths.measureYear(found.measure.id, String(found.year.startYear)),
        backHref: `${paths.measures}?year=${found.year.startYear}`,
      };
    }),
    async submit(request, reply) {
      const { measureId, year } = request.params as Params;
      const saved = await measures.setYear(
        request.principal,
        measureId,
        year,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.measures}?year=${saved.year.startYear}`,
        request.t('consultation:board.measures.saved', {
          name: saved.measure.name,
          year: saved.year.label,
        }),
      );
    },
  });
}
