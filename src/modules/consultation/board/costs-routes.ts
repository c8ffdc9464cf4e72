/**
 * CON-01: borough consultation and its cost: a consultation's cost lines (read by staff who read
 * consultation, recorded by its officers), and the board's page of a financial year's
 * consultations, responses and cost by borough, with its CSV.
 */
import type { FastifyRequest } from 'fastify';
import { sendCsv } from '../../../platform/http/csv.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { formatPence, penceAsDecimal } from '../../../platform/money/pence.js';
import { consultationPaths } from '../paths.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import type { BoroughLine } from './costs-service.js';
import { boardPaths as paths } from './paths.js';

const T = 'modules/consultation/board/views';
const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const params = (request: FastifyRequest) =>
  request.params as { consultationId: string; costId: string };

export function registerBoardCostRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationBoardCosts: costs } = services;

  // A consultation's costs: the page for readers; the form on it is the officers'.
  const showCosts = formShow(renderPage, `${T}/costs.njk`, async (request) => {
    const page = await costs.costsPage(request.principal, params(request).consultationId);
    const { consultation: c } = page;
    return {
      title: request.t('consultation:board.costs.title', { title: c.title }),
      breadcrumbs: [
        { text: request.t('nav.home'), href: '/' },
        {
          text: request.t('consultation:board.consultations'),
          href: consultationPaths.consultations,
        },
        { text: c.title, href: consultationPaths.consultation(c.id) },
      ],
      ...page,
      boroughText: page.boroughName ?? request.t('consultation:consultations.areaWide'),
      rows: page.lines.map((l) => ({
        ...l,
        amountText: formatPence(l.amountPence),
        removeAction: paths.removeCost(c.id, l.id),
      })),
      totalText: formatPence(page.totalPence),
      action: paths.costs(c.id),
      boroughsHref: paths.boroughs,
    };
  });
  app.get(paths.costs.pattern, viewers, (request, reply) => showCosts(request, reply, {}));
  registerFormPage(app, paths.costs.pattern, managers, {
    shownElsewhere: true,
    show: showCosts,
    async submit(request, reply) {
      const id = params(request).consultationId;
      const made = await costs.addCost(
        request.principal,
        id,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.costs(id),
        request.t('consultation:board.costs.added', {
          what: made.what,
          amount: formatPence(made.amountPence),
        }),
      );
    },
  });
  registerFormPage(app, paths.removeCost.pattern, managers, {
    shownElsewhere: true,
    show: showCosts,
    async submit(request, reply) {
      const { consultationId, costId } = params(request);
      const removed = await costs.removeCost(request.principal, consultationId, costId, request.id);
      return redirectWithFlash(
        reply,
        paths.costs(consultationId),
        request.t('consultation:board.costs.removed', {
          what: removed.what,
          amount: formatPence(removed.amountPence),
        }),
      );
    },
  });

  const nameOf = (request: FastifyRequest, l: BoroughLine) =>
    l.name ?? request.t('consultation:consultations.areaWide');
  const perResponse = (request: FastifyRequest, l: BoroughLine) =>
    l.costPerResponsePence === null
      ? request.t('consultation:board.boroughs.noResponses')
      : formatPence(l.costPerResponsePence);

  app.get(paths.boroughs, viewers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const report = await costs.boroughReport(request.principal, query.year);
    const row = (l: BoroughLine) => ({
      ...l,
      nameText: nameOf(request, l),
      costText: formatPence(l.costPence),
      perResponseText: perResponse(request, l),
    });
    return renderPage(request, reply, `${T}/boroughs.njk`, {
      title: request.t('consultation:board.boroughs.titleYear', { year: report.year.label }),
      breadcrumbs: [
        { text: request.t('nav.home'), href: '/' },
        { text: request.t('consultation:board.title'), href: paths.board },
      ],
      ...report,
      rows: report.lines.map(row),
      totalRow: row(report.total),
      yearItems: report.years.map((y) => ({
        value: String(y.startYear),
        text: y.label,
        selected: y.startYear === report.year.startYear,
      })),
      action: paths.boroughs,
      csvHref: `${paths.boroughsCsv}?year=${report.year.startYear}`,
    });
  });

  app.get(paths.boroughsCsv, viewers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const report = await costs.boroughReport(request.principal, query.year);
    const t = request.t;
    const head = ['year', 'borough', 'consultations', 'responses', 'cost', 'costPerResponse'].map(
      (key) => t(`consultation:board.boroughs.csv.${key}`),
    );
    const cells = (l: BoroughLine, name: string) => [
      report.year.label,
      name,
      String(l.consultations),
      String(l.responses),
      penceAsDecimal(l.costPence),
      l.costPerResponsePence === null ? '' : penceAsDecimal(l.costPerResponsePence),
    ];
    return sendCsv(reply, `borough-consultation-${report.year.label}.csv`, [
      head,
      ...report.lines.map((l) => cells(l, nameOf(request, l))),
      cells(report.total, t('consultation:board.boroughs.total')),
    ]);
  });
}
