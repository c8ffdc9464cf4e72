/**
 * A form about one claim, as the unit's decision, the second approval and a dispute's decision
 * are: its page shows what the service loads for the claim, and a submission answers with a
 * message on the page it goes back to.
 */
import type { FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { PageData } from '../../platform/http/render.js';
import { redirectWithFlash, registerFormPage } from '../../platform/http/render.js';
import type { ExpensesRouteDeps } from './route-deps.js';
import { expensePaths as paths } from './paths.js';

/** The claim's id, from an address under /expenses/:claimId. */
export const claimIdOf = (request: FastifyRequest) =>
  (request.params as Record<string, string>).claimId!;

/** A form's body, as the services read it. */
export const formBody = (request: FastifyRequest) =>
  (request.body ?? {}) as Record<string, string | string[] | undefined>;

export function registerClaimFormPage<F extends { claim: { reference: number } }>(
  { app, renderPage }: Pick<ExpensesRouteDeps, 'app' | 'renderPage'>,
  address: { pattern: string },
  options: RouteShorthandOptions,
  page: {
    template: string;
    /** The key of the page's title, given the claim's reference. */
    titleKey: string;
    load(request: FastifyRequest): Promise<F>;
    /** What the page shows besides the form's values (breadcrumbs and any more). */
    shows(request: FastifyRequest, form: F): Omit<PageData, 'title'>;
    /** Does what was asked: where to go next, and what to say there. */
    submit(request: FastifyRequest): Promise<{ to: string; flash: string }>;
  },
): void {
  registerFormPage(app, address.pattern, options, {
    async show(request, reply, values, errors, status = 200) {
      const form = await page.load(request);
      return renderPage(
        request,
        reply,
        page.template,
        {
          title: request.t(page.titleKey, { reference: form.claim.reference }),
          ...form,
          ...page.shows(request, form),
          values,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { to, flash } = await page.submit(request);
      return redirectWithFlash(reply, to, flash);
    },
  });
}
