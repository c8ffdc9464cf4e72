/** The coordination unit's queue of claims, its decisions and second approvals (IAG-11). */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { expensePaths as paths } from '../paths.js';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { CLAIM_STATUS_LABELS, EXPENSE_CATEGORY_LABELS } from '../rules.js';

const T = 'modules/expenses/processing/views';
const unit = { config: { access: { action: 'expenses.process' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerProcessingRoutes({ app, services, renderPage }: RouteDeps): void {
  const { expenseProcessing: processing } = services;
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).claimId!;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const home = { text: 'Home', href: '/' };
  const labels = { status: CLAIM_STATUS_LABELS, category: EXPENSE_CATEGORY_LABELS };
  const toClaim = (claim: { id: string; reference: number }) => ({
    text: `Claim ${claim.reference}`,
    href: paths.claim(claim.id),
  });

  app.get(paths.queue, unit, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 25);
    const result = await processing.queue(request.principal, page);
    return renderPage(request, reply, `${T}/queue.njk`, {
      title: 'Expense claims to decide',
      breadcrumbs: [home],
      ...result,
      threshold: processing.secondApprovalAbovePence,
      pagination: paginationFor(paths.queue, {}, page.page, page.limit, result.total),
      labels,
      paths,
    });
  });

  const queueCrumbs = (claim: { id: string; reference: number }) => [
    home,
    { text: 'Expense claims to decide', href: paths.queue },
    toClaim(claim),
  ];

  registerFormPage(app, paths.decide.pattern, unit, {
    async show(request, reply, values, errors, status = 200) {
      const form = await processing.decisionForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/decide.njk`,
        {
          title: `Decide claim ${form.claim.reference}`,
          breadcrumbs: queueCrumbs(form.claim),
          ...form,
          threshold: processing.secondApprovalAbovePence,
          values,
          labels,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const decided = await processing.decide(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      const said =
        decided.status === 'awaiting_second_approval'
          ? `Claim ${decided.reference} is approved and now needs a second approver`
          : `Claim ${decided.reference}: ${decided.statusLabel.toLowerCase()}; the advisor has been e-mailed`;
      return redirectWithFlash(
        reply,
        paths.queue,
        decided.warning ? `${said}. ${decided.warning}` : said,
      );
    },
  });

  registerFormPage(app, paths.secondApproval.pattern, unit, {
    async show(request, reply, values, errors, status = 200) {
      const form = await processing.secondApprovalForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/second-approval.njk`,
        {
          title: `Second approval: claim ${form.claim.reference}`,
          breadcrumbs: queueCrumbs(form.claim),
          ...form,
          threshold: processing.secondApprovalAbovePence,
          values,
          labels,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const answered = await processing.secondApproval(
        request.principal,
        idOf(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.queue,
        answered.status === 'submitted'
          ? `Claim ${answered.reference} has been sent back for a new decision`
          : `Claim ${answered.reference} is approved; the advisor has been e-mailed`,
      );
    },
  });
}
