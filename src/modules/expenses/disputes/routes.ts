/** IAG-13: disputing a decision on a claim; the chair's, then the Director's, decision. */
import type { FastifyRequest } from 'fastify';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { expensePaths as paths } from '../paths.js';
import { claimCrumb, homeCrumb as home, mineCrumb } from '../crumbs.js';

const T = 'modules/expenses/disputes/views';
// Who may dispute or decide depends on the claim, its group and the dispute's stage.
const signedIn = { config: { access: 'signed-in' as const } };
const claimants = { config: { access: { action: 'expenses.claim' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerDisputeRoutes({ app, services, renderPage }: RouteDeps): void {
  const { expenseDisputes: disputes } = services;
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).claimId!;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const toClaim = (request: FastifyRequest, claim: { id: string; reference: number }) => [
    home(request.t),
    mineCrumb(request.t),
    claimCrumb(request.t, claim),
  ];

  app.get(paths.disputes, signedIn, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 25);
    const result = await disputes.waiting(request.principal, page);
    return renderPage(request, reply, `${T}/disputes.njk`, {
      title: request.t('expenses:homeTasks.disputes.text'),
      breadcrumbs: [home(request.t)],
      ...result,
      pagination: paginationFor(paths.disputes, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  registerFormPage(app, paths.raiseDispute.pattern, claimants, {
    async show(request, reply, values, errors, status = 200) {
      const form = await disputes.raiseForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/dispute-raise.njk`,
        {
          title: request.t('expenses:disputes.raise.title', { reference: form.claim.reference }),
          breadcrumbs: toClaim(request, form.claim),
          claim: form.claim,
          heading: request.t('expenses:disputes.raise.heading'),
          intro: request.t(
            form.stage === 'chair'
              ? 'expenses:disputes.raise.introChair'
              : 'expenses:disputes.raise.introDirector',
          ),
          label: request.t('expenses:disputes.raise.label'),
          button: request.t('expenses:disputes.raise.button'),
          action: paths.raiseDispute(form.claim.id),
          values,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { dispute, claim } = await disputes.raise(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.claim(claim.id),
        request.t(
          dispute.stage === 'chair'
            ? 'expenses:disputes.raise.toChair'
            : 'expenses:disputes.raise.toDirector',
        ),
      );
    },
  });

  registerFormPage(app, paths.refer.pattern, claimants, {
    async show(request, reply, values, errors, status = 200) {
      const form = await disputes.referForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/dispute-raise.njk`,
        {
          title: request.t('expenses:disputes.refer.title', { reference: form.claim.reference }),
          breadcrumbs: toClaim(request, form.claim),
          claim: form.claim,
          heading: request.t('expenses:disputes.refer.heading'),
          intro: request.t('expenses:disputes.refer.intro', { reason: form.dispute.chairReason }),
          label: request.t('expenses:disputes.refer.label'),
          button: request.t('expenses:disputes.refer.button'),
          action: paths.refer(form.claim.id),
          values,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const { claim } = await disputes.refer(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.claim(claim.id),
        request.t('expenses:disputes.raise.toDirector'),
      );
    },
  });

  registerFormPage(app, paths.dispute.pattern, signedIn, {
    async show(request, reply, values, errors, status = 200) {
      const form = await disputes.decisionForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/dispute-decide.njk`,
        {
          title: request.t('expenses:disputes.decide.title', { reference: form.claim.reference }),
          breadcrumbs: [
            home(request.t),
            { text: request.t('expenses:homeTasks.disputes.text'), href: paths.disputes },
          ],
          ...form,
          upheldMeans: request.t(
            form.dispute.stage === 'chair'
              ? 'expenses:disputes.decide.upheldMeansChair'
              : 'expenses:disputes.decide.upheldMeansDirector',
          ),
          values,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const decided = await disputes.decide(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.disputes,
        request.t('expenses:disputes.decide.recorded', { reference: decided.claim.reference }),
      );
    },
  });
}
