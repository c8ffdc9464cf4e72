/** The tracker's sources and recommendations: the list, recording a source, a source, a recommendation and its standing. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { trackerPaths as paths } from '../paths.js';
import { homeCrumb, sourceCrumbs, trackerCrumbs } from '../crumbs.js';
import { capitalise, kindItems, nounOne, statusItems } from './presenter.js';
const T = 'modules/tracker/sources/views';
const viewers = { config: { access: { action: 'tracker.view' as const } } };
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerSourceRoutes({ app, services, renderPage }: RouteDeps): void {
  const { tracker } = services;
  const query = (request: FastifyRequest) => (request.query ?? {}) as Values;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.sources, viewers, async (request, reply) => {
    const page = pageRequest(query(request).page, 25);
    const result = await tracker.list(request.principal, query(request), page);
    return renderPage(request, reply, `${T}/sources.njk`, {
      title: request.t('tracker:sources.list.title'),
      breadcrumbs: [homeCrumb(request)],
      ...result,
      kinds: kindItems(request.t),
      pagination: paginationFor(paths.sources, result.filters, page.page, page.limit, result.total),
      paths,
    });
  });

  registerFormPage(app, paths.newSource, managers, {
    show: formShow(renderPage, `${T}/source-form.njk`, async (request) => {
      const form = await tracker.sourceForm(request.principal);
      return {
        title: request.t('tracker:sources.form.title'),
        breadcrumbs: trackerCrumbs(request),
        ...form,
        kinds: kindItems(request.t),
        paths,
      };
    }),
    async submit(request, reply) {
      const source = await tracker.createSource(
        request.principal,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.source(source.id),
        request.t('tracker:sources.form.recorded', { title: source.title }),
      );
    },
  });

  app.get(paths.source.pattern, viewers, async (request, reply) => {
    const page = pageRequest(query(request).page, 20);
    const result = await tracker.source(request.principal, params(request).sourceId!, page);
    return renderPage(request, reply, `${T}/source.njk`, {
      title: result.source.title,
      breadcrumbs: trackerCrumbs(request),
      ...result,
      pagination: paginationFor(
        paths.source(result.source.id),
        {},
        page.page,
        page.limit,
        result.total,
      ),
      paths,
    });
  });

  app.get(paths.recommendation.pattern, viewers, async (request, reply) => {
    const result = await tracker.recommendation(
      request.principal,
      params(request).recommendationId!,
    );
    return renderPage(request, reply, `${T}/recommendation.njk`, {
      title: request.t('tracker:sources.recommendation.title', {
        Noun: capitalise(nounOne(request.t, result.source.noun)),
        number: result.recommendation.number,
        source: result.source.title,
      }),
      breadcrumbs: sourceCrumbs(request, result.source),
      ...result,
      paths,
    });
  });

  registerFormPage(app, paths.standing.pattern, managers, {
    initial: async (request) => {
      const form = await tracker.standingForm(request.principal, params(request).recommendationId!);
      return {
        status: form.recommendation.status,
        supersededBy: form.supersededByNumber ?? '',
        rationale: form.recommendation.rationale ?? '',
      };
    },
    show: formShow(renderPage, `${T}/standing.njk`, async (request) => {
      const form = await tracker.standingForm(request.principal, params(request).recommendationId!);
      return {
        title: request.t('tracker:sources.standing.title', {
          noun: nounOne(request.t, form.source.noun),
          number: form.recommendation.number,
        }),
        breadcrumbs: sourceCrumbs(request, form.source),
        ...form,
        statuses: statusItems(request.t),
        paths,
      };
    }),
    async submit(request, reply) {
      const id = params(request).recommendationId!;
      const after = await tracker.setStanding(
        request.principal,
        id,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.recommendation(id),
        request.t('tracker:sources.standing.saved', { number: after.number }),
      );
    },
  });
}
