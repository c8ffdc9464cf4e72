/** The tracker's sources and recommendations: the list, recording a source, a source, a recommendation and its standing. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { trackerPaths as paths } from '../paths.js';
import {
  RECOMMENDATION_STATUSES,
  RECOMMENDATION_STATUS_LABELS,
  SOURCE_KINDS,
  SOURCE_KIND_LABELS,
} from '../rules.js';
import { labels, capitalise } from './presenter.js';
const T = 'modules/tracker/sources/views';
const viewers = { config: { access: { action: 'tracker.view' as const } } };
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerSourceRoutes({ app, services, renderPage }: RouteDeps): void {
  const { tracker } = services;
  const home = { text: 'Home', href: '/' };
  const trackerCrumb = { text: 'Recommendations tracker', href: paths.sources };
  const query = (request: FastifyRequest) => (request.query ?? {}) as Values;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const sourceCrumb = (source: { id: string; title: string }) => ({
    text: source.title,
    href: paths.source(source.id),
  });

  app.get(paths.sources, viewers, async (request, reply) => {
    const page = pageRequest(query(request).page, 25);
    const result = await tracker.list(request.principal, query(request), page);
    return renderPage(request, reply, `${T}/sources.njk`, {
      title: 'Recommendations tracker',
      breadcrumbs: [home],
      ...result,
      kinds: SOURCE_KINDS.map((k) => ({ value: k, text: SOURCE_KIND_LABELS[k] })),
      pagination: paginationFor(paths.sources, result.filters, page.page, page.limit, result.total),
      paths,
    });
  });

  registerFormPage(app, paths.newSource, managers, {
    async show(request, reply, values, errors, status = 200) {
      const form = await tracker.sourceForm(request.principal);
      return renderPage(
        request,
        reply,
        `${T}/source-form.njk`,
        {
          title: 'Record a source',
          breadcrumbs: [home, trackerCrumb],
          ...form,
          kinds: SOURCE_KINDS.map((k) => ({ value: k, text: SOURCE_KIND_LABELS[k] })),
          values,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const source = await tracker.createSource(
        request.principal,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(reply, paths.source(source.id), `${source.title} has been recorded`);
    },
  });

  app.get(paths.source.pattern, viewers, async (request, reply) => {
    const page = pageRequest(query(request).page, 20);
    const result = await tracker.source(request.principal, params(request).sourceId!, page);
    return renderPage(request, reply, `${T}/source.njk`, {
      title: result.source.title,
      breadcrumbs: [home, trackerCrumb],
      ...result,
      labels,
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
      title: `${capitalise(result.source.noun.one)} ${result.recommendation.number}: ${result.source.title}`,
      breadcrumbs: [home, trackerCrumb, sourceCrumb(result.source)],
      ...result,
      labels,
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
    async show(request, reply, values, errors, status = 200) {
      const form = await tracker.standingForm(request.principal, params(request).recommendationId!);
      return renderPage(
        request,
        reply,
        `${T}/standing.njk`,
        {
          title: `Standing of ${form.source.noun.one} ${form.recommendation.number}`,
          breadcrumbs: [home, trackerCrumb, sourceCrumb(form.source)],
          ...form,
          statuses: RECOMMENDATION_STATUSES.map((s) => ({
            value: s,
            text: RECOMMENDATION_STATUS_LABELS[s],
          })),
          values,
          errors,
          paths,
        },
        status,
      );
    },
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
        `The standing of recommendation ${after.number} has been saved`,
      );
    },
  });
}
