/**
 * Grants awarded (issue 27 part 5; CON-04, DP-01): the public page of every award, for anyone,
 * signed in or not, filtered by fund, reporting year and borough, with the totals per fund and
 * year. Kept while the grants are unchanged, with an ETag (http/public-cache.ts): it reads the
 * grants' tables, the directory's names and the engagement groups', all counted.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formatPence } from '../../../platform/money/pence.js';
import { openDataPaths } from '../../../platform/open-data/paths.js';
import { fundPaths as paths } from '../funds/paths.js';
import { yearLabel } from '../funds/presenter.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { GRANTS_360_DATASET, GRANTS_AWARDED_DATASET } from './open-data.js';
import { awardRow, filterItems } from './presenter.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/grants/published/views';
// Read by anyone, the same for all not signed in: kept while the data is unchanged (ADR 0016).
const publicPage = keptPage('fund', 'year', 'borough', 'page');

export function registerPublishedGrantsRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantsPublished: published } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('grants:funds.public.title'), href: paths.funding },
  ];

  app.get(paths.grantsAwarded, publicPage, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'));
    const query = {
      fund: queryString(request.query, 'fund'),
      year: queryString(request.query, 'year'),
      borough: queryString(request.query, 'borough'),
    };
    const [result, options] = await Promise.all([published.list(query, page), published.options()]);
    const chosen = {
      fund: result.fund,
      year: result.year === undefined ? undefined : String(result.year),
      borough: result.borough,
    };
    return renderPage(request, reply, `${T}/grants-awarded.njk`, {
      title: t('grants:published.title'),
      breadcrumbs: crumbs(request),
      ...filterItems(t, options, chosen),
      rows: result.items.map((a) => awardRow(t, a)),
      totals: result.totals.map((r) => ({
        ...r,
        yearLabel: yearLabel(r.startYear),
        awarded: formatPence(r.awardedPence),
        net: formatPence(r.netPence),
      })),
      total: result.total,
      filtered: Boolean(chosen.fund || chosen.year || chosen.borough),
      action: paths.grantsAwarded,
      fundingHref: paths.funding,
      openData: {
        flat: openDataPaths.dataset(GRANTS_AWARDED_DATASET),
        giving: openDataPaths.json(GRANTS_360_DATASET),
        givingCsv: openDataPaths.csv(GRANTS_360_DATASET),
        givingPage: openDataPaths.dataset(GRANTS_360_DATASET),
      },
      pagination: paginationFor(paths.grantsAwarded, chosen, page.page, page.limit, result.total),
    });
  });
}
