/**
 * A source's parts (adding, renaming, removing or withdrawing one), moving an item among its
 * siblings, and moving a recommendation to another part (issue 23).
 */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
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

  // Remove or withdraw a part: one page, with the removal only while it is empty and nothing in
  // it has been reported.
  const partRemoval = formShow(renderPage, `${T}/part-remove.njk`, async (request) => {
    const form = await structure.partRemovalForm(request.principal, params(request).partId!);
    return {
      title: request.t('tracker:structure.part.remove.title'),
      breadcrumbs: sourceCrumbs(request, form.source),
      ...form,
      withdrawAction: paths.withdrawPart(form.part.id),
      removeAction: paths.removePart(form.part.id),
    };
  });
  registerFormPage(app, paths.withdrawPart.pattern, managers, {
    show: partRemoval,
    async submit(request, reply) {
      const part = await structure.withdrawPart(
        request.principal,
        params(request).partId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.source(part.sourceId),
        request.t('tracker:structure.part.withdrawn', { title: part.title }),
      );
    },
  });
  registerFormPage(app, paths.removePart.pattern, managers, {
    shownElsewhere: true,
    show: partRemoval,
    async submit(request, reply) {
      const part = await structure.removePart(
        request.principal,
        params(request).partId!,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.source(part.sourceId),
        request.t('tracker:structure.part.removed', { title: part.title }),
      );
    },
  });

  registerFormPage(app, paths.moveToPart.pattern, managers, {
    show: formShow(renderPage, `${T}/move-to-part.njk`, async (request) => {
      const form = await structure.moveToPartForm(
        request.principal,
        params(request).recommendationId!,
      );
      return {
        title: request.t('tracker:structure.moveToPart.title', {
          noun: request.t(`tracker:itemNoun.${form.source.noun}.one`),
          number: form.recommendation.number,
        }),
        breadcrumbs: sourceCrumbs(request, form.source),
        ...form,
        action: paths.moveToPart(form.recommendation.id),
        back: paths.recommendation(form.recommendation.id),
      };
    }),
    async submit(request, reply) {
      const { recommendation, part } = await structure.moveToPart(
        request.principal,
        params(request).recommendationId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.recommendation(recommendation.id),
        request.t('tracker:structure.moveToPart.moved', { part: part.title }),
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
