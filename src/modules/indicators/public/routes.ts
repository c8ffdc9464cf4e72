/**
 * CDRP-10, LEG-04: the public indicators, for anyone signed in or not: each with its latest
 * value, target and RAG, and one's chart with the same figures in a table. DP-01: a count of
 * people below 10 is "fewer than 10", and not drawn.
 */
import type { FastifyRequest } from 'fastify';
import { lineChart } from '../../../platform/charts/line-chart.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { workforcePaths } from '../../workforce/index.js';
import { indicatorsPaths as paths } from '../paths.js';
import { publicValue, ragCountRows, ragTag, seriesRows } from '../presenter.js';
import { latestCells } from '../register/routes.js';
import type { IndicatorsRouteDeps as RouteDeps } from '../route-deps.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/indicators/public/views';
// Read by anyone, the same for all not signed in: kept while the data is unchanged (ADR 0016).
const publicPage = keptPage('page');

export function registerPublicRoutes({ app, services, renderPage }: RouteDeps): void {
  const { indicatorsPublic: published } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('indicators:public.title'), href: paths.publicList },
  ];

  app.get(paths.publicList, publicPage, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'));
    const result = await published.list(page);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('indicators:public.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      workforceHref: workforcePaths.publicFigures,
      rows: result.items.map((i) => ({
        ...i,
        href: paths.publicIndicator(i.id),
        ...latestCells(t, i, (v) => publicValue(t, v, i.unit).text),
        rag: ragTag(t, i.rag),
      })),
      // CON-01: the same counts as the committee's dashboard, withheld ones counted apart.
      countRows: ragCountRows(t, result.counts),
      total: result.total,
      pagination: paginationFor(paths.publicList, {}, page.page, page.limit, result.total),
    });
  });

  app.get(paths.publicIndicator.pattern, publicPage, async (request, reply) => {
    const t = request.t;
    const { indicator, series } = await published.get(
      (request.params as { indicatorId: string }).indicatorId,
    );
    const { rows, points, format } = seriesRows(t, series, indicator, 'public');
    const where = t('indicators:indicator.wholeArea');
    return renderPage(request, reply, `${T}/indicator.njk`, {
      title: indicator.name,
      // Named apart from the staff page of the same indicator (page titles are unique).
      section: t('indicators:public.title'),
      breadcrumbs: crumbs(request),
      indicator,
      unitText: t(`indicators:units.${indicator.unit}`),
      polarityText: t(`indicators:polarities.${indicator.polarity}`),
      where,
      chart: lineChart(points, format),
      chartTitle: t('indicators:indicator.chartTitle', { name: indicator.name, where }),
      chartDesc: t('indicators:indicator.chartDesc', {
        from: rows[0]?.periodText ?? '',
        to: rows.at(-1)?.periodText ?? '',
      }),
      rows: [...rows].reverse(),
      smallCounts: indicator.unit === 'people',
    });
  });
}
