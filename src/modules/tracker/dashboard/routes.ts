/** The tracker's dashboard, and the sources whose own date it watches (IAG-26, IAG-28). */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { trackerCrumbs, sourceCrumbs } from '../crumbs.js';
import { trackerPaths as paths } from '../paths.js';
import { formatDate } from '../../../platform/i18n/dates.js';

const T = 'modules/tracker/dashboard/views';
const viewers = { config: { access: { action: 'tracker.view' as const } } };
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerDashboardRoutes({ app, services, renderPage }: RouteDeps): void {
  const { trackerDashboard: dashboard } = services;
  const query = (request: FastifyRequest) => (request.query ?? {}) as Values;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.dashboard, viewers, async (request, reply) => {
    const q = query(request);
    const pages = {
      overdue: pageRequest(q.overduePage, 20),
      unowned: pageRequest(q.unownedPage, 20),
      sources: pageRequest(q.sourcesPage, 20),
    };
    const result = await dashboard.dashboard(request.principal, q, pages);
    // Each list keeps the filters and the other lists' pages when it turns its own.
    const kept: Record<string, string> = {
      ...result.filters,
      overduePage: String(pages.overdue.page),
      unownedPage: String(pages.unowned.page),
      sourcesPage: String(pages.sources.page),
    };
    const pager = (name: keyof typeof pages, total: number) => {
      const others = Object.fromEntries(Object.entries(kept).filter(([k]) => k !== `${name}Page`));
      return paginationFor(paths.dashboard, others, pages[name].page, pages[name].limit, total, {
        pageParam: `${name}Page`,
      });
    };
    return renderPage(request, reply, `${T}/dashboard.njk`, {
      title: request.t('tracker:dashboard.title'),
      breadcrumbs: trackerCrumbs(request),
      ...result,
      overduePagination: pager('overdue', result.overdue.total),
      unownedPagination: pager('unowned', result.unowned.total),
      sourcesPagination: pager('sources', result.sources.total),
      paths,
    });
  });

  app.post(paths.expectAnnualReports, managers, async (request, reply) => {
    const result = await dashboard.expectAnnualReports(request.principal, request.id);
    return redirectWithFlash(
      reply,
      paths.dashboard,
      result.added
        ? request.t('tracker:dashboard.expected.added', {
            number: result.added,
            year: result.year.label,
          })
        : request.t('tracker:dashboard.expected.none', { year: result.year.label }),
    );
  });

  registerFormPage(app, paths.scheduleProcessReview, managers, {
    show: formShow(renderPage, `${T}/process-review.njk`, async (request) => {
      return {
        title: request.t('tracker:dashboard.processReview.title'),
        breadcrumbs: trackerCrumbs(request),
        paths,
      };
    }),
    async submit(request, reply) {
      const source = await dashboard.scheduleProcessReview(
        request.principal,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.dashboard,
        request.t('tracker:dashboard.processReview.scheduled', {
          date: formatDate(request.t, source.dueOn!),
        }),
      );
    },
  });

  registerFormPage(app, paths.received.pattern, managers, {
    show: formShow(renderPage, `${T}/received.njk`, async (request) => {
      const source = await dashboard.receivedForm(request.principal, params(request).sourceId!);
      return {
        title: request.t('tracker:dashboard.received.title', { source: source.title }),
        breadcrumbs: sourceCrumbs(request, source),
        source,
        paths,
      };
    }),
    async submit(request, reply) {
      const source = await dashboard.markReceived(
        request.principal,
        params(request).sourceId!,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.source(source.id),
        request.t('tracker:dashboard.received.marked', { source: source.title }),
      );
    },
  });
}
