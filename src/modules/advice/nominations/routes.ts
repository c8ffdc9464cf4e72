/**
 * The deployment contact's pages (IAG-07, IAG-10, IAG-29): the requests passed to their groups,
 * the ranked list to nominate from, and conflicts of interest. Who may see or do what is
 * decided by the nominations service (services.deployments).
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { checkedValues } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { deploymentLabels as labels } from '../presenter.js';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { EXPERIENCE_LABELS, LOAD_WINDOW_MONTHS, waitedFor } from '../rules.js';

const T = 'modules/advice/nominations/views';
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerNominationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { deployments } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const pageOf = (request: FastifyRequest, limit: number) =>
    pageRequest((request.query as Record<string, unknown>).page, limit);
  const home = { text: 'Home', href: '/' };
  const waited = (from: Date) => waitedFor(from, deployments.now());
  const toNominateCrumbs = [home, { text: 'Requests to nominate for', href: paths.toNominate }];

  app.get(paths.toNominate, signedIn, async (request, reply) => {
    const page = pageOf(request, 25);
    const result = await deployments.toNominate(request.principal, page);
    return renderPage(request, reply, `${T}/to-nominate.njk`, {
      title: 'Requests to nominate for',
      width: 'full',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.toNominate, {}, page.page, page.limit, result.total),
      waited,
      labels,
      paths,
    });
  });

  registerFormPage(app, paths.nominate.pattern, signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const { requestId, groupId } = params(request);
      const list = await deployments.nominationList(request.principal, requestId!, groupId!);
      const chosen = new Set(checkedValues(values.advisors));
      return renderPage(
        request,
        reply,
        `${T}/nominate.njk`,
        {
          title: `Nominate for request ${list.request.reference}`,
          width: 'full',
          breadcrumbs: toNominateCrumbs,
          ...list,
          chosen: [...chosen],
          experienceNeeded: list.request.experienceNeeded.map((e) => EXPERIENCE_LABELS[e]),
          values,
          loadWindowMonths: LOAD_WINDOW_MONTHS,
          action: paths.nominate(requestId!, groupId!),
          labels,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { requestId, groupId } = params(request);
      const result = await deployments.nominate(
        request.principal,
        requestId!,
        groupId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.toNominate,
        `Nominated ${result.names.join(' and ')}; each has been e-mailed to accept or decline`,
      );
    },
  });

  registerFormPage(app, paths.conflict.pattern, signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const { requestId, groupId, personId } = params(request);
      const form = await deployments.conflictForm(
        request.principal,
        requestId!,
        groupId!,
        personId!,
      );
      return renderPage(
        request,
        reply,
        `${T}/conflict.njk`,
        {
          title: `Record a conflict of interest for ${form.person.name}`,
          breadcrumbs: [
            ...toNominateCrumbs,
            {
              text: `Request ${form.request.reference}`,
              href: paths.nominate(requestId!, groupId!),
            },
          ],
          ...form,
          values,
          action: paths.conflict(requestId!, groupId!, personId!),
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { requestId, groupId, personId } = params(request);
      const person = await deployments.recordConflict(
        request.principal,
        requestId!,
        groupId!,
        personId!,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.nominate(requestId!, groupId!),
        `A conflict of interest is recorded for ${person.name}, who will not be offered for this request`,
      );
    },
  });
}
