/** The managers' forms that build a source's record by hand. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { trackerPaths as paths } from '../paths.js';
import { ACTION_RESULTS, ACTION_RESULT_LABELS, itemNoun } from '../rules.js';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const T = 'modules/tracker/records/views';
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerRecordRoutes({ app, services, renderPage }: RouteDeps): void {
  const { trackerRecords: records } = services;
  const home = { text: 'Home', href: '/' };
  const trackerCrumb = { text: 'Recommendations tracker', href: paths.sources };
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const crumbs = (source: { id: string; title: string }) => [
    home,
    trackerCrumb,
    { text: source.title, href: paths.source(source.id) },
  ];
  const results = ACTION_RESULTS.map((r) => ({ value: r, text: ACTION_RESULT_LABELS[r] }));

  registerFormPage(app, paths.newRecommendation.pattern, managers, {
    async show(request, reply, values, errors, status = 200) {
      const form = await records.recommendationForm(request.principal, params(request).sourceId!);
      return renderPage(
        request,
        reply,
        `${T}/recommendation-form.njk`,
        {
          title: `Add ${form.source.noun.one === 'objective' ? 'an objective' : 'a recommendation'}`,
          breadcrumbs: crumbs(form.source),
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
        `${capitalise(itemNoun(source.kind).one)} ${recommendation.number} has been added to ${source.title}: add its key points`,
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
          title: 'Add a key point',
          breadcrumbs: crumbs(form.source),
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
        'The key point has been added: add its actions',
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
          title: 'Add an action',
          breadcrumbs: crumbs(form.source),
          ...form,
          results,
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
        'The action has been added',
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
          title: 'Change an action’s owner, due date or wording',
          breadcrumbs: crumbs(form.source),
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
        'The action’s details have been saved',
      );
    },
  });
}
