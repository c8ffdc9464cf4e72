/** Pages for CTSET's proactive offers of independent advice (IAG-09). */
import type { FastifyRequest } from 'fastify';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { can } from '../../../platform/auth/permissions.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { routeParts } from '../presenter.js';
import { OFFER_KINDS } from '../rules.js';

const T = 'modules/advice/offers/views';
// Who may record or read offers is decided by the service.
const signedIn = { config: { access: 'signed-in' as const } };

export function registerOfferRoutes({ app, services, renderPage }: RouteDeps): void {
  const { offers } = services;
  const { params, body, pageOf, home } = routeParts(services.deployments.now);
  const crumbs = (request: FastifyRequest) => [
    home(request),
    { text: request.t('advice:offers.list.breadcrumb'), href: paths.offers },
  ];

  app.get(paths.offers, signedIn, async (request, reply) => {
    const page = pageOf(request, 25);
    const result = await offers.list(request.principal, page);
    return renderPage(request, reply, `${T}/offers.njk`, {
      title: request.t('advice:offers.list.title'),
      width: 'full',
      breadcrumbs: [home(request)],
      ...result,
      mayOffer: can(request.principal, 'advice.offer'),
      pagination: paginationFor(paths.offers, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  registerFormPage(app, paths.newOffer, signedIn, {
    initial: (request) => dateParts('offeredOn', offers.offerForm(request.principal).today),
    show: formShow(renderPage, `${T}/offer-form.njk`, async (request, values) => {
      offers.offerForm(request.principal);
      return {
        title: request.t('advice:offers.form.title'),
        breadcrumbs: crumbs(request),
        kindItems: OFFER_KINDS.map((k) => ({
          value: k,
          text: request.t(`advice:offerKind.${k}`),
          checked: values.kind === k,
        })),
        action: paths.newOffer,
      };
    }),
    async submit(request, reply) {
      await offers.record(request.principal, body(request), request.id);
      return redirectWithFlash(reply, paths.offers, request.t('advice:offers.form.flash'));
    },
  });

  registerFormPage(app, paths.offerResponse.pattern, signedIn, {
    show: formShow(renderPage, `${T}/offer-response.njk`, async (request, values) => {
      const { offerId } = params(request);
      const form = await offers.responseForm(request.principal, offerId!);
      return {
        title: request.t('advice:offers.response.title', { sioName: form.offer.sioName }),
        breadcrumbs: crumbs(request),
        ...form,
        responseItems: (['taken_up', 'declined'] as const).map((r) => ({
          value: r,
          text: request.t(`advice:offerResponse.${r}`),
          checked: values.response === r,
        })),
        action: paths.offerResponse(offerId!),
      };
    }),
    async submit(request, reply) {
      const { offerId } = params(request);
      const offer = await offers.respond(request.principal, offerId!, body(request), request.id);
      return redirectWithFlash(
        reply,
        paths.offers,
        request.t('advice:offers.response.flash', { sioName: offer.sioName }),
      );
    },
  });
}
