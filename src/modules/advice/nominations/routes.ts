/**
 * The deployment contact's pages (IAG-07, IAG-10, IAG-29): the requests passed to their groups,
 * the ranked list to nominate from, and conflicts of interest. Who may see or do what is
 * decided by the nominations service (services.deployments).
 */
import type { FastifyRequest } from 'fastify';
import { checkedValues } from '../../../platform/http/form-fields.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { routeParts, workQueuePage } from '../presenter.js';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { LOAD_WINDOW_MONTHS } from '../rules.js';
import { say } from '../../../platform/i18n/said.js';

const T = 'modules/advice/nominations/views';
const signedIn = { config: { access: 'signed-in' as const } };

export function registerNominationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { deployments } = services;
  const { params, body, home } = routeParts(deployments.now);
  const toNominateCrumbs = (request: FastifyRequest) => [
    home(request),
    { text: request.t('advice:nominations.list.title'), href: paths.toNominate },
  ];

  app.get(
    paths.toNominate,
    signedIn,
    workQueuePage(renderPage, deployments.now, {
      address: paths.toNominate,
      template: `${T}/to-nominate.njk`,
      title: (t) => t('advice:nominations.list.title'),
      list: deployments.toNominate,
    }),
  );

  registerFormPage(app, paths.nominate.pattern, signedIn, {
    show: formShow(renderPage, `${T}/nominate.njk`, async (request, values) => {
      const { requestId, groupId } = params(request);
      const list = await deployments.nominationList(request.principal, requestId!, groupId!);
      const chosen = new Set(checkedValues(values.advisors));
      return {
        title: request.t('advice:nominations.nominate.title', {
          reference: list.request.reference,
        }),
        width: 'full',
        breadcrumbs: toNominateCrumbs(request),
        ...list,
        refusal: list.refusal && say(request.t, list.refusal),
        chosen: [...chosen],
        experienceNeeded: list.request.experienceNeeded.map((e) =>
          request.t(`advice:experience.${e}`),
        ),
        loadWindowMonths: LOAD_WINDOW_MONTHS,
        action: paths.nominate(requestId!, groupId!),
        paths,
      };
    }),
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
        request.t('advice:nominations.nominate.flash', {
          names: result.names.join(request.t('advice:common.and')),
        }),
      );
    },
  });

  registerFormPage(app, paths.conflict.pattern, signedIn, {
    show: formShow(renderPage, `${T}/conflict.njk`, async (request) => {
      const { requestId, groupId, personId } = params(request);
      const form = await deployments.conflictForm(
        request.principal,
        requestId!,
        groupId!,
        personId!,
      );
      return {
        title: request.t('advice:nominations.conflict.title', { name: form.person.name }),
        breadcrumbs: [
          ...toNominateCrumbs(request),
          {
            text: request.t('advice:common.requestReference', {
              reference: form.request.reference,
            }),
            href: paths.nominate(requestId!, groupId!),
          },
        ],
        ...form,
        action: paths.conflict(requestId!, groupId!, personId!),
      };
    }),
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
        request.t('advice:nominations.conflict.flash', { name: person.name }),
      );
    },
  });
}
