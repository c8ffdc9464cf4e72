/**
 * CON-01, CDRP-10: the dashboard for the authority's committee (every indicator's latest figure
 * against target, how many stand at each status, the ones off target first, each with a small
 * chart), the same for a borough (`?borough=<id>`, chosen with a form that works without
 * JavaScript), and the committee pack of the same figures as a tagged PDF.
 */
import type { FastifyRequest } from 'fastify';
import { lineChart, SMALL_CHART } from '../../../platform/charts/line-chart.js';
import { pageRequest } from '../../../platform/db/search.js';
import { sendDownload } from '../../../platform/http/files.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { indicatorsPaths as paths } from '../paths.js';
import { ragCountRows, seriesRows } from '../presenter.js';
import { latestCells } from '../register/routes.js';
import type { IndicatorsRouteDeps as RouteDeps } from '../route-deps.js';
import { renderCommitteePackPdf } from './pdf.js';

const T = 'modules/indicators/dashboard/views';
const readers = { config: { access: { action: 'indicators.view' as const } } };
/** The indicators a dashboard's page shows, each with its chart. */
const PER_PAGE = 10;

const boroughAsked = (request: FastifyRequest) => queryString(request.query, 'borough') || null;

export function registerDashboardRoutes({ app, services, renderPage }: RouteDeps): void {
  const { indicatorsDashboard: dashboards } = services;

  app.get(paths.dashboard, readers, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'), PER_PAGE);
    const found = await dashboards.dashboard(request.principal, boroughAsked(request), page);
    const boroughId = found.borough?.id;
    const where = found.borough?.name ?? t('indicators:indicator.wholeArea');
    const query = boroughId ? `?borough=${boroughId}` : '';
    return renderPage(request, reply, `${T}/dashboard.njk`, {
      title: t('indicators:dashboard.title'),
      caption: where,
      breadcrumbs: [
        { text: t('nav.home'), href: '/' },
        { text: t('indicators:list.title'), href: paths.list },
      ],
      action: paths.dashboard,
      boroughItems: [
        { value: '', text: t('indicators:indicator.wholeArea') },
        ...found.boroughs.map((b) => ({ value: b.id, text: b.name, selected: b.id === boroughId })),
      ],
      byBorough: !!boroughId,
      packHref: `${paths.committeePack}${query}`,
      countRows: ragCountRows(t, found.counts),
      total: found.total,
      rows: found.items.map((i, n) => {
        const { rows, points, format } = seriesRows(t, i.series, i, 'staff');
        const href = `${paths.indicator(i.id)}${query}`;
        return {
          ...i,
          href,
          ...latestCells(t, i),
          chart: lineChart(points, format, SMALL_CHART),
          chartId: `chart-${n + 1}`,
          chartTitle: t('indicators:indicator.chartTitle', { name: i.name, where }),
          chartDesc: t('indicators:dashboard.chartDesc', {
            from: rows[0]?.periodText ?? '',
            to: rows.at(-1)?.periodText ?? '',
          }),
        };
      }),
      pagination: paginationFor(
        paths.dashboard,
        { borough: boroughId },
        page.page,
        page.limit,
        found.total,
      ),
    });
  });

  app.get(paths.committeePack, readers, async (request, reply) => {
    const found = await dashboards.pack(request.principal, boroughAsked(request));
    const bytes = await renderCommitteePackPdf(found, request.t);
    return sendDownload(
      reply,
      {
        fileName: `committee-pack${found.borough ? `-${found.borough.id}` : ''}.pdf`,
        mediaType: 'application/pdf',
      },
      bytes,
    );
  });
}
