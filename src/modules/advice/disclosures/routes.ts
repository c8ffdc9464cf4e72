/**
 * IAG-35: sharing information with an accepted advisor under a disclosure protocol, and the
 * advisor acknowledging its terms. Who may do what is decided by the disclosures service.
 */
import type { FastifyRequest } from 'fastify';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { requestCrumbs, routeParts } from '../presenter.js';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { DISCLOSURE_KINDS } from '../rules.js';

const T = 'modules/advice/disclosures/views';
const signedIn = { config: { access: 'signed-in' as const } };

export function registerDisclosureRoutes({ app, services, renderPage }: RouteDeps): void {
  const { params, body } = routeParts(services.deployments.now);
  const idOf = (request: FastifyRequest) => params(request).requestId!;

  registerFormPage(app, paths.disclose.pattern, signedIn, {
    show: formShow(renderPage, `${T}/disclose.njk`, async (request, values) => {
      const form = await services.disclosures.discloseForm(request.principal, idOf(request));
      return {
        title: request.t('advice:disclosures.form.pageTitle', {
          reference: form.request.reference,
        }),
        breadcrumbs: requestCrumbs(request, form.request),
        ...form,
        advisorItems: form.advisors.map((a) => ({
          value: a.deploymentId,
          text: a.name,
          checked: values.deploymentId === a.deploymentId,
        })),
        documentItems: [
          { value: '', text: request.t('advice:disclosures.form.document.none') },
          ...form.documents.map((d) => ({
            value: d.id,
            text: d.title,
            selected: values.documentId === d.id,
          })),
        ],
        kindItems: DISCLOSURE_KINDS.map((k) => ({
          value: k,
          text: request.t(`advice:disclosureKind.${k}`),
          checked: values.kind === k,
        })),
        paths,
        action: paths.disclose(form.request.id),
      };
    }),
    async submit(request, reply) {
      const shared = await services.disclosures.disclose(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.request(idOf(request))}#disclosures`,
        request.t('advice:disclosures.flash.shared', { advisor: shared.advisor }),
      );
    },
  });

  app.post(paths.acknowledge.pattern, signedIn, async (request, reply) => {
    const { deploymentId, disclosureId } = params(request);
    await services.disclosures.acknowledge(
      request.principal,
      deploymentId!,
      disclosureId!,
      request.id,
    );
    return redirectWithFlash(
      reply,
      `${paths.deployment(deploymentId!)}#shared`,
      request.t('advice:disclosures.flash.acknowledged'),
    );
  });
}
