/** The coordination unit's queue of claims, its decisions and second approvals (IAG-11). */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { expensePaths as paths } from '../paths.js';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { formBody, claimIdOf, registerClaimFormPage } from '../claim-form-page.js';
import { claimCrumb, homeCrumb as home, queueCrumb } from '../crumbs.js';

const T = 'modules/expenses/processing/views';
const unit = { config: { access: { action: 'expenses.process' as const } } };

export function registerProcessingRoutes({ app, services, renderPage }: RouteDeps): void {
  const { expenseProcessing: processing } = services;

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

  const deps = { app, renderPage };
  const threshold = processing.secondApprovalAbovePence;

  registerClaimFormPage(deps, paths.decide, unit, {
    template: `${T}/decide.njk`,
    titleKey: 'expenses:processing.decide.title',
    load: (request) => processing.decisionForm(request.principal, claimIdOf(request)),
    shows: (request, form) => ({ breadcrumbs: queueCrumbs(request, form.claim), threshold }),
    async submit(request) {
      const decided = await processing.decide(
        request.principal,
        claimIdOf(request),
        formBody(request),
        request.id,
      );
      const said = request.t(
        decided.status === 'awaiting_second_approval'
          ? 'expenses:processing.decide.needsSecondFlash'
          : `expenses:processing.decided.${decided.status}`,
        { reference: decided.reference },
      );
      const warning = decided.warning;
      return {
        to: paths.queue,
        flash: warning
          ? request.t('expenses:processing.decide.withWarning', { said, warning })
          : said,
      };
    },
  });

  registerClaimFormPage(deps, paths.secondApproval, unit, {
    template: `${T}/second-approval.njk`,
    titleKey: 'expenses:processing.second.title',
    load: (request) => processing.secondApprovalForm(request.principal, claimIdOf(request)),
    shows: (request, form) => ({ breadcrumbs: queueCrumbs(request, form.claim), threshold }),
    async submit(request) {
      const answered = await processing.secondApproval(
        request.principal,
        claimIdOf(request),
        formBody(request),
        request.id,
      );
      return {
        to: paths.queue,
        flash: request.t(
          answered.status === 'submitted'
            ? 'expenses:processing.second.sentBack'
            : 'expenses:processing.second.confirmed',
          { reference: answered.reference },
        ),
      };
    },
  });
}
