/** The public pages: the sources published, and each one's recommendations and progress. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { homeCrumb } from '../crumbs.js';
import { trackerPaths as paths } from '../paths.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/tracker/public/views';
// Read by anyone, the same for all not signed in: kept while the data is unchanged (ADR 0016).
const publicPage = keptPage('page');

type Values = Record<string, string | string[] | undefined>;

export function registerPublicTrackerRoutes({ app, services, renderPage }: RouteDeps): void {
  const { tracker } = services;
  const query = (request: FastifyRequest) => (request.query ?? {}) as Values;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.publicSources, publicPage, async (request, reply) => {
    const page = pageRequest(query(request).page, 25);
    const result = await tracker.publicList(page);
    return renderPage(request, reply, `${T}/public-sources.njk`, {
      title: request.t('tracker:public.list.title'),
      breadcrumbs: [homeCrumb(request)],
      ...result,
      pagination: paginationFor(paths.publicSources, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  app.get(paths.publicSource.pattern, publicPage, async (request, reply) => {
    const page = pageRequest(query(request).page, 20);
    const result = await tracker.publicSource(params(request).sourceId!, page);
    return renderPage(request, reply, `${T}/public-source.njk`, {
      title: result.source.title,
      section: request.t('tracker:public.list.title'),
      breadcrumbs: [
        homeCrumb(request),
        { text: request.t('tracker:public.list.title'), href: paths.publicSources },
      ],
      ...result,
      pagination: paginationFor(
        paths.publicSource(result.source.id),
        {},
        page.page,
        page.limit,
        result.total,
      ),
      paths,
    });
  });
}
