/** The managers' forms that build a source's record by hand. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormShow,
  type FormValues,
} from '../../../platform/http/render.js';
import { leadRowCount, MAX_LEADS, type LeadChoice, type LeadPrefix } from './leads.js';
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
  function recordForm<
    F extends {
      source: { id: string; title: string };
      choices?: (values: Values, prefix: LeadPrefix) => Promise<Record<number, LeadChoice[]>>;
    },
  >(
    pattern: string,
    form: {
      template: string;
      /** The leads' or owners' rows the form has, if it has them (CON-08). */
      leads?: LeadPrefix;
      read: (request: FastifyRequest) => Promise<F>;
      title: (request: FastifyRequest, form: F) => string;
      initial?: (request: FastifyRequest) => Promise<FormValues>;
      /** Saves it; the recommendation to go back to and the flash that says so. */
      save: (request: FastifyRequest) => Promise<{ recommendationId: string; flash: string }>;
    },
  ) {
    const show: FormShow = formShow(
      renderPage,
      `${T}/${form.template}`,
      async (request, values) => {
        const read = await form.read(request);
        const prefix = form.leads;
        const leads =
          prefix && read.choices
            ? {
                prefix,
                rows: leadRowCount(values, prefix),
                max: MAX_LEADS,
                choices: await read.choices(values, prefix),
              }
            : null;
        return {
          title: form.title(request, read),
          breadcrumbs: sourceCrumbs(request, read.source),
          ...read,
          leads,
          results: resultItems(request.t),
          paths,
        };
      },
    );
    registerFormPage(app, pattern, managers, {
      initial: form.initial,
      show,
      async submit(request, reply) {
        // "Add another": the same form again, with one more row, nothing saved.
        const values = body(request);
        if (form.leads && values.addRow === form.leads)
          return show(request, reply, {
            ...values,
            [`${form.leads}Rows`]: String(leadRowCount(values, form.leads) + 1),
          });
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
    leads: 'lead',
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
      leads: 'owner',
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
    leads: 'owner',
    read: (request) => records.detailsForm(request.principal, params(request).actionId!),
    title: (request) => request.t('tracker:records.details.title'),
    initial: async (request) => {
      const form = await records.detailsForm(request.principal, params(request).actionId!);
      return {
        description: form.action.description ?? '',
        ...form.ownerValues,
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
