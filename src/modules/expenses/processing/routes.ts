/** The coordination unit's queue of claims, its decisions and second approvals (IAG-11). */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { expensePaths as paths } from '../paths.js';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { claimCrumb, homeCrumb as home, queueCrumb } from '../crumbs.js';

const T = 'modules/expenses/processing/views';
const unit = { config: { access: { action: 'expenses.process' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerProcessingRoutes({ app, services, renderPage }: RouteDeps): void {
  const { expenseProcessing: processing } = services;
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).claimId!;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;

  app.get(paths.queue, unit, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 25);
    const result = await processing.queue(request.principal, page);
    return renderPage(request, reply, `${T}/queue.njk`, {
      title: request.t('expenses:homeTasks.queue.text'),
      breadcrumbs: [home(request.t)],
      ...result,
      threshold: processing.secondApprovalAbovePence,
      pagination: paginationFor(paths.queue, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  const queueCrumbs = (request: FastifyRequest, claim: { id: string; reference: number }) => [
    home(request.t),
    queueCrumb(request.t),
    claimCrumb(request.t, claim),
  ];

  registerFormPage(app, paths.decide.pattern, unit, {
    async show(request, reply, values, errors, status = 200) {
      const form = await processing.decisionForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/decide.njk`,
        {
          title: request.t('expenses:processing.decide.title', { reference: form.claim.reference }),
          breadcrumbs: queueCrumbs(request, form.claim),
          ...form,
          threshold: processing.secondApprovalAbovePence,
          values,
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
      const reference = { reference: decided.reference };
      const said = request.t(
        decided.status === 'awaiting_second_approval'
          ? 'expenses:processing.decide.needsSecondFlash'
          : `expenses:processing.decided.${decided.status}`,
        reference,
      );
      const warning = decided.warning;
      return redirectWithFlash(
        reply,
        paths.queue,
        warning ? request.t('expenses:processing.decide.withWarning', { said, warning }) : said,
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
          title: request.t('expenses:processing.second.title', { reference: form.claim.reference }),
          breadcrumbs: queueCrumbs(request, form.claim),
          ...form,
          threshold: processing.secondApprovalAbovePence,
          values,
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
        request.t(
          answered.status === 'submitted'
            ? 'expenses:processing.second.sentBack'
            : 'expenses:processing.second.confirmed',
          { reference: answered.reference },
        ),
      );
    },
  });
}
