/** Pages for CTSET's proactive offers of independent advice (IAG-09). */
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { OFFER_KINDS, OFFER_KIND_LABELS, OFFER_RESPONSE_LABELS } from '../rules.js';

const T = 'modules/advice/offers/views';
// Who may record or read offers is decided by the service.
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerOfferRoutes({ app, services, renderPage }: RouteDeps): void {
  const { offers } = services;
  const home = { text: 'Home', href: '/' };
  const crumbs = [home, { text: 'Proactive offers', href: paths.offers }];
  const labels = { kind: OFFER_KIND_LABELS, response: OFFER_RESPONSE_LABELS };
  const body = (request: { body?: unknown }) => (request.body ?? {}) as Values;

  app.get(paths.offers, signedIn, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 25);
    const result = await offers.list(request.principal, page);
    return renderPage(request, reply, `${T}/offers.njk`, {
      title: 'Proactive offers of independent advice',
      width: 'full',
      breadcrumbs: [home],
      ...result,
      mayOffer: can(request.principal, 'advice.offer'),
      pagination: paginationFor(paths.offers, {}, page.page, page.limit, result.total),
      labels,
      paths,
    });
  });

  registerFormPage(app, paths.newOffer, signedIn, {
    initial: (request) => dateParts('offeredOn', offers.offerForm(request.principal).today),
    async show(request, reply, values, errors, status = 200) {
      offers.offerForm(request.principal);
      return renderPage(
        request,
        reply,
        `${T}/offer-form.njk`,
        {
          title: 'Record a proactive offer',
          breadcrumbs: crumbs,
          kindItems: OFFER_KINDS.map((k) => ({
            value: k,
            text: OFFER_KIND_LABELS[k],
            checked: values.kind === k,
          })),
          values,
          action: paths.newOffer,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      await offers.record(request.principal, body(request), request.id);
      return redirectWithFlash(
        reply,
        paths.offers,
        'The offer has been recorded; record the answer when it comes',
      );
    },
  });

  registerFormPage(app, paths.offerResponse.pattern, signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const { offerId } = request.params as { offerId: string };
      const form = await offers.responseForm(request.principal, offerId);
      return renderPage(
        request,
        reply,
        `${T}/offer-response.njk`,
        {
          title: `The answer to the offer to ${form.offer.sioName}`,
          breadcrumbs: crumbs,
          ...form,
          responseItems: (['taken_up', 'declined'] as const).map((r) => ({
            value: r,
            text: OFFER_RESPONSE_LABELS[r],
            checked: values.response === r,
          })),
          values,
          labels,
          action: paths.offerResponse(offerId),
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { offerId } = request.params as { offerId: string };
      const offer = await offers.respond(request.principal, offerId, body(request), request.id);
      return redirectWithFlash(
        reply,
        paths.offers,
        `The answer from ${offer.sioName} has been recorded`,
      );
    },
  });
}
