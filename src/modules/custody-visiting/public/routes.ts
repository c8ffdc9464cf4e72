/**
 * The scheme's public pages (issue 24 item 9), for anyone, signed in or not: what independent
 * custody visiting is with the panels and the suites they visit, and how to become a visitor.
 */
import type { FastifyRequest } from 'fastify';
import { applicationPaths } from '../applications/paths.js';
import { followUpPaths } from '../follow-up/paths.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/custody-visiting/public/views';

const home = (request: FastifyRequest) => ({ text: request.t('nav.home'), href: '/' });

export function registerPublicRoutes({ app, services, renderPage }: RouteDeps): void {
  app.get(paths.publicScheme, keptPage(), async (request, reply) =>
    renderPage(request, reply, `${T}/scheme.njk`, {
      title: request.t('custody-visiting:public.scheme.title'),
      breadcrumbs: [home(request)],
      panels: await services.custodyPublic.panels(),
      becomeAVisitorHref: paths.becomeAVisitor,
      statisticsHref: paths.statistics,
      issuesHref: followUpPaths.publicIssues,
    }),
  );

  app.get(paths.becomeAVisitor, keptPage(), async (request, reply) =>
    renderPage(request, reply, `${T}/become-a-visitor.njk`, {
      title: request.t('custody-visiting:public.become.title'),
      breadcrumbs: [
        home(request),
        { text: request.t('custody-visiting:public.scheme.title'), href: paths.publicScheme },
      ],
      applyHref: applicationPaths.apply,
    }),
  );
}
