/** The actions a person may update, and recording progress on one. */
import type { FastifyRequest } from 'fastify';
import type { TrackerRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { can } from '../../../platform/auth/permissions.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { trackerPaths as paths } from '../paths.js';
import { homeCrumb, sourceCrumbs } from '../crumbs.js';
import { resultItems } from '../sources/presenter.js';

const T = 'modules/tracker/actions/views';
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerActionRoutes({ app, services, renderPage }: RouteDeps): void {
  const { tracker } = services;
  const query = (request: FastifyRequest) => (request.query ?? {}) as Values;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  app.get(paths.myActions, signedIn, async (request, reply) => {
    const page = pageRequest(query(request).page, 25);
    const result = await tracker.myActions(request.principal, page);
    return renderPage(request, reply, `${T}/my-actions.njk`, {
      title: request.t('tracker:actions.mine.title'),
      breadcrumbs: [homeCrumb(request)],
      ...result,
      pagination: paginationFor(paths.myActions, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  registerFormPage(app, paths.action.pattern, signedIn, {
    initial: async (request) => {
      const form = await tracker.actionForm(request.principal, params(request).actionId!);
      return {
        result: form.action.result,
        narrative: form.action.narrative ?? '',
        ...(form.action.completed?.precision === 'day'
          ? dateParts('completedOn', form.action.completed.date)
          : {}),
      };
    },
    async show(request, reply, values, errors, status = 200) {
      const form = await tracker.actionForm(request.principal, params(request).actionId!);
      // After someone else's update (409) the form carries the version just read, so the person
      // can record theirs again once they have seen it; otherwise the one their form was read at.
      const kept = status === 409 ? { ...values, version: undefined } : values;
      return renderPage(
        request,
        reply,
        `${T}/action.njk`,
        {
          title: request.t('tracker:actions.action.title'),
          breadcrumbs: form.mayViewSource
            ? sourceCrumbs(request, form.source)
            : [
                homeCrumb(request),
                { text: request.t('tracker:actions.mine.title'), href: paths.myActions },
              ],
          ...form,
          results: resultItems(request.t),
          values: kept,
          // Withdrawn, the page has no form: the refusal's sentence is on it, not a field's.
          errors: form.withdrawn ? undefined : errors,
          paths,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { recommendationId } = await tracker.updateAction(
        request.principal,
        params(request).actionId!,
        (request.body ?? {}) as Values,
        request.id,
      );
      return redirectWithFlash(
        reply,
        can(request.principal, 'tracker.view')
          ? paths.recommendation(recommendationId)
          : paths.myActions,
        request.t('tracker:actions.action.recorded'),
      );
    },
  });
}
