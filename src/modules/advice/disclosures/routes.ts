/**
 * IAG-35: sharing information with an accepted advisor under a disclosure protocol, and the
 * advisor acknowledging its terms. Who may do what is decided by the disclosures service.
 */
import type { FastifyRequest } from 'fastify';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { DISCLOSURE_KINDS, DISCLOSURE_KIND_LABELS } from '../rules.js';

const T = 'modules/advice/disclosures/views';
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerDisclosureRoutes({ app, services, renderPage }: RouteDeps): void {
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).requestId!;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const home = { text: 'Home', href: '/' };

  registerFormPage(app, paths.disclose.pattern, signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const form = await services.disclosures.discloseForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/disclose.njk`,
        {
          title: `Share with an advisor on request ${form.request.reference}`,
          breadcrumbs: [
            home,
            { text: `Request ${form.request.reference}`, href: paths.request(form.request.id) },
          ],
          ...form,
          advisorItems: form.advisors.map((a) => ({
            value: a.deploymentId,
            text: a.name,
            checked: values.deploymentId === a.deploymentId,
          })),
          documentItems: [
            { value: '', text: 'None: the text below, or handed over another way' },
            ...form.documents.map((d) => ({
              value: d.id,
              text: d.title,
              selected: values.documentId === d.id,
            })),
          ],
          kindItems: DISCLOSURE_KINDS.map((k) => ({
            value: k,
            text: DISCLOSURE_KIND_LABELS[k],
            checked: values.kind === k,
          })),
          values,
          paths,
          action: paths.disclose(form.request.id),
          errors,
        },
        status,
      );
    },
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
        `Shared with ${shared.advisor} and logged; they must acknowledge the terms before reading it`,
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
      'You have acknowledged the terms; what was shared is shown below',
    );
  });
}
