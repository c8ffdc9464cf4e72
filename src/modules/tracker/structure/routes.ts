/**
 * A source's parts (adding, renaming, removing or withdrawing one), moving an item among its
 * siblings, and moving a recommendation to another part (issue 23).
 */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { sourceCrumbs } from '../crumbs.js';
import { trackerPaths as paths } from '../paths.js';

const T = 'modules/tracker/structure/views';
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;

/** The forms about one source, one of its parts, or one recommendation: saved, then told. */
const saveForSource = saveFor('sourceId');
const saveForPart = saveFor('partId');
const saveForRecommendation = saveFor('recommendationId');

/** After a change to a part: back on its source's page, told what was done to which part. */
const backToSource =
  (key: string) =>
  (_partId: string, part: { sourceId: string; title: string }, request: FastifyRequest) => ({
    to: paths.source(part.sourceId),
    message: request.t(key, { title: part.title }),
  });

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
    submit: saveForSource(structure.addPart, (_sourceId, { part, source }, request) => ({
      to: paths.source(source.id),
      message: request.t('tracker:structure.part.added', { title: part.title }),
    })),
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
    submit: saveForPart(structure.renamePart, backToSource('tracker:structure.part.renamed')),
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
    submit: saveForPart(structure.withdrawPart, backToSource('tracker:structure.part.withdrawn')),
  });
  registerFormPage(app, paths.removePart.pattern, managers, {
    shownElsewhere: true,
    show: partRemoval,
    submit: saveForPart(
      (principal, partId, _input, requestId) => structure.removePart(principal, partId, requestId),
      backToSource('tracker:structure.part.removed'),
    ),
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
    submit: saveForRecommendation(
      structure.moveToPart,
      (_id, { recommendation, part }, request) => ({
        to: paths.recommendation(recommendation.id),
        message: request.t('tracker:structure.moveToPart.moved', { part: part.title }),
      }),
    ),
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
