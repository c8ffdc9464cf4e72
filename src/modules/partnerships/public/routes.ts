/**
 * CDRP-10: the register as published for inspection, for anyone, signed in or not: every
 * borough's partnership and a partnership's page with its officers, protocol and records by year.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { partnershipPaths as paths } from '../paths.js';
import { complianceLabel, officerWithRank, recordsByYear } from '../presenter.js';
import type { PartnershipsRouteDeps as RouteDeps } from '../route-deps.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/partnerships/public/views';

export function registerPublicRoutes({ app, services, renderPage }: RouteDeps): void {
  const { partnershipsPublic: published } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('partnerships:public.title'), href: paths.publicList },
  ];

  app.get(paths.publicList, keptPage('page'), async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'));
    const result = await published.list(page);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('partnerships:public.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      rows: result.items.map((r) => ({
        ...r,
        href: paths.publicEntry(r.id),
        officer: officerWithRank(t, r.officer, r.officerRank),
        deputy: officerWithRank(t, r.deputy, r.deputyRank),
        compliance: complianceLabel(t, r.protocolCompliance),
      })),
      total: result.total,
      pagination: paginationFor(paths.publicList, {}, page.page, page.limit, result.total),
    });
  });

  app.get(paths.publicEntry.pattern, keptPage('page'), async (request, reply) => {
    const t = request.t;
    const id = (request.params as { partnershipId: string }).partnershipId;
    const page = pageRequest(queryString(request.query, 'page'));
    const detail = await published.get(id, page);
    const { entry } = detail;
    return renderPage(request, reply, `${T}/entry.njk`, {
      title: entry.name,
      caption: entry.borough,
      breadcrumbs: crumbs(request),
      ...detail,
      officer: officerWithRank(t, entry.officer, entry.officerRank),
      deputy: officerWithRank(t, entry.deputy, entry.deputyRank),
      compliance: complianceLabel(t, entry.protocolCompliance),
      years: recordsByYear(t, detail.records),
      pagination: paginationFor(
        paths.publicEntry(entry.id),
        {},
        page.page,
        page.limit,
        detail.recordsTotal,
      ),
    });
  });
}
