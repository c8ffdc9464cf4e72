/** IAG-13: disputing a decision on a claim; the chair's, then the Director's, decision. */
import type { FastifyRequest } from 'fastify';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { expensePaths as paths } from '../paths.js';
import { EXPENSE_CATEGORY_LABELS } from '../rules.js';

const T = 'modules/expenses/disputes/views';
// Who may dispute or decide depends on the claim, its group and the dispute's stage.
const signedIn = { config: { access: 'signed-in' as const } };
const claimants = { config: { access: { action: 'expenses.claim' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerDisputeRoutes({ app, services, renderPage }: RouteDeps): void {
  const { expenseDisputes: disputes } = services;
  const home = { text: 'Home', href: '/' };
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).claimId!;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const toClaim = (claim: { id: string; reference: number }) => [
    home,
    { text: 'Your expense claims', href: paths.mine },
    { text: `Claim ${claim.reference}`, href: paths.claim(claim.id) },
  ];

  app.get(paths.disputes, signedIn, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 25);
    const result = await disputes.waiting(request.principal, page);
    return renderPage(request, reply, `${T}/disputes.njk`, {
      title: 'Disputed expense claims',
      breadcrumbs: [home],
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
          title: `Dispute the decision on claim ${form.claim.reference}`,
          breadcrumbs: toClaim(form.claim),
          claim: form.claim,
          heading: 'Dispute the decision',
          intro:
            form.stage === 'chair'
              ? 'Your group’s chair will consider it first; if it is not resolved, you can refer it to the Director (IAG-13).'
              : 'It goes to the Director, whose decision is final (IAG-13).',
          label: 'Why do you disagree with the decision?',
          button: 'Send the dispute',
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
        dispute.stage === 'chair'
          ? 'Your dispute has gone to your group’s chair'
          : 'Your dispute has gone to the Director',
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
          title: `Refer the dispute of claim ${form.claim.reference} to the Director`,
          breadcrumbs: toClaim(form.claim),
          claim: form.claim,
          heading: 'Refer your dispute to the Director',
          intro: `Your group’s chair did not uphold it: “${form.dispute.chairReason}”. The Director’s decision is final (IAG-13).`,
          label: 'Why should the Director look at it?',
          button: 'Refer it to the Director',
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
        'Your dispute has gone to the Director',
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
          title: `Decide the dispute of claim ${form.claim.reference}`,
          breadcrumbs: [home, { text: 'Disputed expense claims', href: paths.disputes }],
          ...form,
          upheldMeans:
            form.dispute.stage === 'chair'
              ? 'If you uphold it, the coordination unit decides the claim again'
              : 'If you uphold it, the claim is approved in full; your decision is final',
          labels: { category: EXPENSE_CATEGORY_LABELS },
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
        `Your decision on claim ${decided.claim.reference} is recorded; the advisor has been told`,
      );
    },
  });
}
