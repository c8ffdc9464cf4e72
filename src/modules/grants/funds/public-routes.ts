/**
 * CON-04: the public pages of funding: the rounds open now and opening soon, each with its fund's
 * description, criteria (with their weights) and conditions, and how to apply; and a round's page.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { applicationPaths } from '../applications/paths.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { fundPaths as paths } from './paths.js';
import { applicantKindsText, stateText, yearLabel } from './presenter.js';
import { roundState } from './rules.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/grants/funds/views';

export function registerPublicFundingRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantFunds: funds } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('grants:funds.public.title'), href: paths.funding },
  ];
  type Published = Awaited<ReturnType<typeof funds.publishedRound>>;
  const roundView = (request: FastifyRequest, r: Omit<Published, 'today'>, today: string) => ({
    ...r.round,
    href: paths.publicRound(r.round.id),
    applyHref: applicationPaths.start(r.round.id),
    // A closed fund takes no new application (its rounds have all closed; this holds regardless).
    open: roundState(r.round, today) === 'open' && !r.fund.closedAt,
    fundClosed: r.fund.closedAt !== null,
    state: stateText(request, r.round, today),
    yearLabel: yearLabel(r.round.startYear),
    fund: r.fund,
    applicantKindsText: applicantKindsText(request, r.fund.applicantKinds),
    criteria: r.criteria,
  });

  app.get(paths.funding, keptPage('page'), async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await funds.published(page);
    return renderPage(request, reply, `${T}/public-list.njk`, {
      title: request.t('grants:funds.public.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      rounds: result.rounds.map((r) => roundView(request, r, result.today)),
      total: result.total,
      yoursHref: applicationPaths.yours,
      awardedHref: paths.grantsAwarded,
      pagination: paginationFor(paths.funding, {}, page.page, page.limit, result.total),
    });
  });

  app.get(paths.publicRound.pattern, keptPage(), async (request, reply) => {
    const found = await funds.publishedRound((request.params as { roundId: string }).roundId);
    return renderPage(request, reply, `${T}/public-round.njk`, {
      title: found.round.title,
      section: request.t('grants:funds.public.title'),
      breadcrumbs: crumbs(request),
      r: roundView(request, found, found.today),
    });
  });
}
