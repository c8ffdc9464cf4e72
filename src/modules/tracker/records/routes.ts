/** The managers' forms that build a source's record by hand. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { trackerPaths as paths } from '../paths.js';
import { sourceCrumbs } from '../crumbs.js';
import { itemNoun } from '../rules.js';
import { capitalise, nounOne, resultItems } from '../sources/presenter.js';

const T = 'modules/tracker/records/views';
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerRecordRoutes({ app, services, renderPage }: RouteDeps): void {
  const { trackerRecords: records } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;

  registerFormPage(app, paths.newRecommendation.pattern, managers, {
    async show(request, reply, values, errors, status = 200) {
      const form = await records.recommendationForm(request.principal, params(request).sourceId!);
      return renderPage(
        request,
        reply,
        `${T}/recommendation-form.njk`,
        {
          title: request.t(`tracker:sources.source.add.${form.source.noun}`),
          breadcrumbs: sourceCrumbs(request, form.source),
          ...form,
          values,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { recommendation, source } = await records.addRecommendation(
        request.principal,
        params(request).sourceId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.recommendation(recommendation.id),
        request.t('tracker:records.recommendation.added', {
          Noun: capitalise(nounOne(request.t, itemNoun(source.kind))),
          number: recommendation.number,
          source: source.title,
        }),
      );
    },
  });

  registerFormPage(app, paths.newKeyPoint.pattern, managers, {
    async show(request, reply, values, errors, status = 200) {
      const form = await records.keyPointForm(request.principal, params(request).recommendationId!);
      return renderPage(
        request,
        reply,
        `${T}/key-point-form.njk`,
        {
          title: request.t('tracker:sources.recommendation.addKeyPoint'),
          breadcrumbs: sourceCrumbs(request, form.source),
          ...form,
          values,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { recommendation } = await records.addKeyPoint(
        request.principal,
        params(request).recommendationId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.recommendation(recommendation.id),
        request.t('tracker:records.keyPoint.added'),
      );
    },
  });

  registerFormPage(app, paths.newAction.pattern, managers, {
    async show(request, reply, values, errors, status = 200) {
      const form = await records.actionForm(request.principal, params(request).keyPointId!);
      return renderPage(
        request,
        reply,
        `${T}/action-new.njk`,
        {
          title: request.t('tracker:tree.addAction'),
          breadcrumbs: sourceCrumbs(request, form.source),
          ...form,
          results: resultItems(request.t),
          values,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { recommendation } = await records.addAction(
        request.principal,
        params(request).keyPointId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.recommendation(recommendation.id),
        request.t('tracker:records.action.added'),
      );
    },
  });

  registerFormPage(app, paths.actionDetails.pattern, managers, {
    initial: async (request) => {
      const form = await records.detailsForm(request.principal, params(request).actionId!);
      return {
        description: form.action.description ?? '',
        ownerOrganisation: form.action.ownerOrganisationId ?? '',
        ownerEmail: form.ownerEmail,
        ...dateParts('dueOn', form.action.dueOn),
      };
    },
    async show(request, reply, values, errors, status = 200) {
      const form = await records.detailsForm(request.principal, params(request).actionId!);
      return renderPage(
        request,
        reply,
        `${T}/action-details.njk`,
        {
          title: request.t('tracker:records.details.title'),
          breadcrumbs: sourceCrumbs(request, form.source),
          ...form,
          values,
          errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const action = await records.editDetails(
        request.principal,
        params(request).actionId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.recommendation(action.recommendationId),
        request.t('tracker:records.details.saved'),
      );
    },
  });
}
