/**
 * CDRP-08: the good-practice library as published, for anyone, signed in or not: the entries
 * marked public, searched and filtered as the staff list is, and an entry's page.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { goodPracticePaths as paths } from '../paths.js';
import { boroughText, filterItems, themeName } from '../presenter.js';
import type { GoodPracticeRouteDeps as RouteDeps } from '../route-deps.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/good-practice/public/views';
// Read by anyone, the same for all not signed in: kept while the data is unchanged (ADR 0016).
const publicPage = keptPage('q', 'theme', 'borough', 'page');

export function registerPublicRoutes({ app, services, renderPage }: RouteDeps): void {
  const { goodPracticePublic: published } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('good-practice:public.title'), href: paths.publicList },
  ];

  app.get(paths.publicList, publicPage, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'));
    const query = {
      q: queryString(request.query, 'q'),
      theme: queryString(request.query, 'theme'),
      borough: queryString(request.query, 'borough'),
    };
    const [result, boroughs] = await Promise.all([
      published.list(query, page),
      published.boroughs(),
    ]);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('good-practice:public.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      q: query.q ?? '',
      ...filterItems(t, boroughs, result),
      rows: result.items.map((e) => ({
        ...e,
        href: paths.publicEntry(e.id),
        themeName: themeName(t, e.theme),
        borough: boroughText(t, e.borough),
      })),
      total: result.total,
      filtered: Boolean(result.q || result.theme || result.borough),
      action: paths.publicList,
      pagination: paginationFor(
        paths.publicList,
        { q: result.q, theme: result.theme, borough: result.borough },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  app.get(paths.publicEntry.pattern, publicPage, async (request, reply) => {
    const t = request.t;
    const entry = await published.get((request.params as { entryId: string }).entryId);
    return renderPage(request, reply, `${T}/entry.njk`, {
      title: entry.title,
      // Named apart from the staff page of the same entry (page titles are unique).
      section: t('good-practice:public.title'),
      breadcrumbs: crumbs(request),
      entry,
      themeName: themeName(t, entry.theme),
      borough: boroughText(t, entry.borough),
    });
  });
}
