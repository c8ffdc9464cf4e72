/** A source's parts (adding and renaming one) and moving an item among its siblings (issue 23). */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { sourceCrumbs } from '../crumbs.js';
import { trackerPaths as paths } from '../paths.js';

const T = 'modules/tracker/structure/views';
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerStructureRoutes({ app, services, renderPage }: RouteDeps): void {
  const { trackerStructure: structure } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;

  registerFormPage(app, paths.newPart.pattern, managers, {
    async show(request, reply, values, errors, status = 200) {
      const form = await structure.partForm(request.principal, params(request).sourceId!);
      return renderPage(
        request,
        reply,
        `${T}/part-form.njk`,
        {
          title: request.t('tracker:structure.part.addTitle'),
          breadcrumbs: sourceCrumbs(request, form.source),
          ...form,
          action: paths.newPart(form.source.id),
          values,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { part, source } = await structure.addPart(
        request.principal,
        params(request).sourceId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.source(source.id),
        request.t('tracker:structure.part.added', { title: part.title }),
      );
    },
  });

  registerFormPage(app, paths.part.pattern, managers, {
    initial: async (request) => {
      const form = await structure.renamePartForm(request.principal, params(request).partId!);
      return { title: form.part.title };
    },
    async show(request, reply, values, errors, status = 200) {
      const form = await structure.renamePartForm(request.principal, params(request).partId!);
      return renderPage(
        request,
        reply,
        `${T}/part-form.njk`,
        {
          title: request.t('tracker:structure.part.renameTitle'),
          breadcrumbs: sourceCrumbs(request, form.source),
          ...form,
          action: paths.part(form.part.id),
          values,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const part = await structure.renamePart(
        request.principal,
        params(request).partId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.source(part.sourceId),
        request.t('tracker:structure.part.renamed', { title: part.title }),
      );
    },
  });

  // A plain form with a button: works without JavaScript, and back to where it was.
  app.post(paths.move.pattern, managers, async (request, reply) => {
    const { kind, id } = params(request);
    const moved = await structure.move(request.principal, kind!, id!, body(request), request.id);
    const back =
      kind === 'key-point' || kind === 'action'
        ? paths.recommendation(moved.recommendationId!)
        : paths.source(moved.sourceId);
    if (!moved.moved) return reply.redirect(back, 303);
    return redirectWithFlash(reply, back, request.t('tracker:structure.move.moved'));
  });
}
