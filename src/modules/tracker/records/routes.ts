/** The managers' forms that build a source's record by hand. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import {
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
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
  /** What saving a form is given: who, the record named in the address, what was sent. */
  const submitted = (request: FastifyRequest, param: string) =>
    [request.principal, params(request)[param]!, body(request), request.id] as const;

  /**
   * One of the forms: shown under its source with what its service reads for it, and on
   * success back to the recommendation it belongs to, saying what was done.
   */
  function recordForm<F extends { source: { id: string; title: string } }>(
    pattern: string,
    form: {
      template: string;
      read: (request: FastifyRequest) => Promise<F>;
      title: (request: FastifyRequest, form: F) => string;
      initial?: (request: FastifyRequest) => Promise<FormValues>;
      /** Saves it; the recommendation to go back to and the flash that says so. */
      save: (request: FastifyRequest) => Promise<{ recommendationId: string; flash: string }>;
    },
  ) {
    registerFormPage(app, pattern, managers, {
      initial: form.initial,
      async show(request, reply, values, errors, status = 200) {
        const read = await form.read(request);
        return renderPage(
          request,
          reply,
          `${T}/${form.template}`,
          {
            title: form.title(request, read),
            breadcrumbs: sourceCrumbs(request, read.source),
            ...read,
            results: resultItems(request.t),
            values,
            errors,
            paths,
          },
          status,
        );
      },
      async submit(request, reply) {
        const saved = await form.save(request);
        return redirectWithFlash(reply, paths.recommendation(saved.recommendationId), saved.flash);
      },
    });
  }

  recordForm(paths.newRecommendation.pattern, {
    template: 'recommendation-form.njk',
    read: (request) => records.recommendationForm(request.principal, params(request).sourceId!),
    title: (request, form) => request.t(`tracker:sources.source.add.${form.source.noun}`),
    async save(request) {
      const { recommendation, source } = await records.addRecommendation(
        ...submitted(request, 'sourceId'),
      );
      return {
        recommendationId: recommendation.id,
        flash: request.t('tracker:records.recommendation.added', {
          Noun: capitalise(nounOne(request.t, itemNoun(source.kind))),
          number: recommendation.number,
          source: source.title,
        }),
      };
    },
  });

  recordForm(paths.newKeyPoint.pattern, {
    template: 'key-point-form.njk',
    read: (request) => records.keyPointForm(request.principal, params(request).recommendationId!),
    title: (request) => request.t('tracker:sources.recommendation.addKeyPoint'),
    async save(request) {
      const { recommendation } = await records.addKeyPoint(
        ...submitted(request, 'recommendationId'),
      );
      return {
        recommendationId: recommendation.id,
        flash: request.t('tracker:records.keyPoint.added'),
      };
    },
  });

  // An action of a key point, or directly of its recommendation or objective (issue 23); a new
  // action is Not started unless the form says otherwise.
  for (const [pattern, under] of [
    [
      paths.newAction.pattern,
      (request: FastifyRequest) => ({ keyPointId: params(request).keyPointId! }),
    ],
    [
      paths.newDirectAction.pattern,
      (request: FastifyRequest) => ({ recommendationId: params(request).recommendationId! }),
    ],
  ] as const)
    recordForm(pattern, {
      template: 'action-new.njk',
      read: (request) => records.actionForm(request.principal, under(request)),
      title: (request) => request.t('tracker:tree.addAction'),
      initial: () => Promise.resolve({ result: 'not_started' }),
      async save(request) {
        const { recommendation } = await records.addAction(
          request.principal,
          under(request),
          body(request),
          request.id,
        );
        return {
          recommendationId: recommendation.id,
          flash: request.t('tracker:records.action.added'),
        };
      },
    });

  recordForm(paths.actionDetails.pattern, {
    template: 'action-details.njk',
    read: (request) => records.detailsForm(request.principal, params(request).actionId!),
    title: (request) => request.t('tracker:records.details.title'),
    initial: async (request) => {
      const form = await records.detailsForm(request.principal, params(request).actionId!);
      return {
        description: form.action.description ?? '',
        ownerOrganisation: form.action.ownerOrganisationId ?? '',
        ownerEmail: form.ownerEmail,
        ...dateParts('dueOn', form.action.dueOn),
      };
    },
    async save(request) {
      const action = await records.editDetails(...submitted(request, 'actionId'));
      return {
        recommendationId: action.recommendationId,
        flash: request.t('tracker:records.details.saved'),
      };
    },
  });
}
