/** Changing a source, a recommendation or a key point; removing or withdrawing what was added (issue 23). */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { reportingYear } from '../../../platform/calendar/index.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormShow,
} from '../../../platform/http/render.js';
import { leadRowCount, MAX_LEADS } from '../records/leads.js';
import { trackerPaths as paths } from '../paths.js';
import { sourceCrumbs } from '../crumbs.js';
import type { Removable } from './removal-service.js';

const T = 'modules/tracker/editing/views';
const managers = { config: { access: { action: 'tracker.manage' as const } } };

type Values = Record<string, string | string[] | undefined>;
/** An address with one id: registered by its pattern, linked by the id. */
type Route = ((id: string) => string) & { pattern: string };

export function registerEditingRoutes({ app, services, renderPage }: RouteDeps): void {
  const { trackerEditing: editing } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  /** Nothing changed: said so, and nothing recorded. */
  const saved = (request: FastifyRequest, changed: boolean) =>
    request.t(changed ? 'tracker:editing.saved' : 'tracker:editing.unchanged');

  registerFormPage(app, paths.editSource.pattern, managers, {
    initial: async (request) => {
      const { source, version } = await editing.sourceEditForm(
        request.principal,
        params(request).sourceId!,
      );
      return {
        version,
        title: source.title,
        summary: source.summary ?? '',
        introduction: source.introduction ?? '',
        reference: source.reference ?? '',
        owner: source.ownerOrganisationId ?? '',
        reportsTo: source.reportsTo ?? '',
        monitoredBy: source.monitoredBy ?? '',
        coversYear: source.coversYear === null ? '' : reportingYear(source.coversYear).label,
        isPublic: source.isPublic ? 'yes' : 'no',
        ...dateParts('sourceDate', source.sourceDate),
        ...dateParts('dueOn', source.dueOn),
      };
    },
    show: formShow(renderPage, `${T}/source.njk`, async (request) => {
      const form = await editing.sourceEditForm(request.principal, params(request).sourceId!);
      return {
        title: request.t('tracker:editing.source.title'),
        breadcrumbs: sourceCrumbs(request, form.source),
        ...form,
        paths,
      };
    }),
    async submit(request, reply) {
      const id = params(request).sourceId!;
      const { changed } = await editing.editSource(
        request.principal,
        id,
        body(request),
        request.id,
      );
      return redirectWithFlash(reply, paths.source(id), saved(request, changed));
    },
  });

  registerFormPage(app, paths.editRecommendation.pattern, managers, {
    initial: async (request) => {
      const { recommendation, version } = await editing.recommendationEditForm(
        request.principal,
        params(request).recommendationId!,
      );
      return {
        version,
        number: recommendation.number,
        section: recommendation.section ?? '',
        text: recommendation.text,
      };
    },
    show: formShow(renderPage, `${T}/recommendation.njk`, async (request) => {
      const form = await editing.recommendationEditForm(
        request.principal,
        params(request).recommendationId!,
      );
      return {
        title: request.t('tracker:editing.recommendation.title', {
          noun: request.t(`tracker:itemNoun.${form.source.noun}.one`),
          number: form.recommendation.number,
        }),
        breadcrumbs: sourceCrumbs(request, form.source),
        ...form,
        paths,
      };
    }),
    async submit(request, reply) {
      const id = params(request).recommendationId!;
      const { changed } = await editing.editRecommendation(
        request.principal,
        id,
        body(request),
        request.id,
      );
      return redirectWithFlash(reply, paths.recommendation(id), saved(request, changed));
    },
  });

  const keyPointShow: FormShow = formShow(
    renderPage,
    `${T}/key-point.njk`,
    async (request, values) => {
      const form = await editing.keyPointEditForm(request.principal, params(request).keyPointId!);
      return {
        title: request.t('tracker:editing.keyPoint.title'),
        breadcrumbs: sourceCrumbs(request, form.source),
        ...form,
        leads: {
          prefix: 'lead',
          rows: leadRowCount(values, 'lead'),
          max: MAX_LEADS,
          choices: await form.choices(values, 'lead'),
        },
        paths,
      };
    },
  );
  registerFormPage(app, paths.editKeyPoint.pattern, managers, {
    initial: async (request) => {
      const form = await editing.keyPointEditForm(request.principal, params(request).keyPointId!);
      return {
        version: form.version,
        text: form.keyPoint.text,
        ...form.leadValues,
      };
    },
    show: keyPointShow,
    async submit(request, reply) {
      const values = body(request);
      // "Add another": the same form again, with one more row, nothing saved.
      if (values.addRow === 'lead')
        return keyPointShow(request, reply, {
          ...values,
          leadRows: String(leadRowCount(values, 'lead') + 1),
        });
      const { keyPoint, changed } = await editing.editKeyPoint(
        request.principal,
        params(request).keyPointId!,
        values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.recommendation(keyPoint.recommendationId),
        saved(request, changed),
      );
    },
  });

  // Remove or withdraw: one page, with the removal only while nothing has been reported.
  const removable: { subject: Removable; param: string; withdraw: Route; remove: Route }[] = [
    {
      subject: 'source',
      param: 'sourceId',
      withdraw: paths.withdrawSource,
      remove: paths.removeSource,
    },
    {
      subject: 'recommendation',
      param: 'recommendationId',
      withdraw: paths.withdrawRecommendation,
      remove: paths.removeRecommendation,
    },
    {
      subject: 'key_point',
      param: 'keyPointId',
      withdraw: paths.withdrawKeyPoint,
      remove: paths.removeKeyPoint,
    },
    {
      subject: 'action',
      param: 'actionId',
      withdraw: paths.withdrawAction,
      remove: paths.removeAction,
    },
  ];
  for (const { subject, param, withdraw, remove } of removable) {
    const show = formShow(renderPage, `${T}/remove.njk`, async (request) => {
      const id = params(request)[param]!;
      const form = await editing.removalForm(request.principal, subject, id);
      return {
        title: request.t(`tracker:editing.remove.title.${subject}`),
        breadcrumbs: sourceCrumbs(request, form.source),
        ...form,
        withdrawAction: withdraw(id),
        removeAction: remove(id),
        paths,
      };
    });
    registerFormPage(app, withdraw.pattern, managers, {
      show,
      async submit(request, reply) {
        const { recommendation, source } = await editing.withdraw(
          request.principal,
          subject,
          params(request)[param]!,
          body(request),
          request.id,
        );
        return redirectWithFlash(
          reply,
          recommendation ? paths.recommendation(recommendation.id) : paths.source(source.id),
          request.t(`tracker:editing.withdraw.done.${subject}`),
        );
      },
    });
    registerFormPage(app, remove.pattern, managers, {
      shownElsewhere: true,
      show,
      async submit(request, reply) {
        const { recommendation, source } = await editing.remove(
          request.principal,
          subject,
          params(request)[param]!,
          request.id,
        );
        return redirectWithFlash(
          reply,
          // A removed source is gone: back to the list of sources.
          !recommendation
            ? paths.sources
            : subject === 'recommendation'
              ? paths.source(source.id)
              : paths.recommendation(recommendation.id),
          request.t(`tracker:editing.remove.done.${subject}`),
        );
      },
    });
  }
}
