/** IAG-11: payment batches, their export for the finance system, and marking them paid. */
import type { FastifyRequest } from 'fastify';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { homeCrumb as home } from '../crumbs.js';
import { expensePaths as paths } from '../paths.js';

const T = 'modules/expenses/payments/views';
const unit = { config: { access: { action: 'expenses.process' as const } } };

export function registerPaymentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { payments } = services;
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).batchId!;
  const pageOf = (request: FastifyRequest, size: number) =>
    pageRequest((request.query as Record<string, unknown>).page, size);

  app.get(paths.payments, unit, async (request, reply) => {
    const page = pageOf(request, 20);
    const result = await payments.overview(request.principal, page);
    return renderPage(request, reply, `${T}/payments.njk`, {
      title: request.t('expenses:homeTasks.payments.text'),
      breadcrumbs: [home(request.t)],
      ...result,
      pagination: paginationFor(paths.payments, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  app.post(paths.payments, unit, async (request, reply) => {
    const batch = await payments.createBatch(request.principal, request.id);
    return redirectWithFlash(
      reply,
      paths.batch(batch.id),
      request.t('expenses:payments.batchMade', {
        reference: batch.reference,
        count: batch.claimCount,
      }),
    );
  });

  // Exporting for the finance system is recorded, so it is a POST (the batch page's button),
  // answered with the file; the GET downloads a copy again and changes nothing.
  app.post(paths.batchCsv.pattern, unit, async (request, reply) => {
    const { batch, rows } = await payments.exportCsv(request.principal, idOf(request), request.id);
    return sendCsv(reply, `payment-batch-${batch.reference}.csv`, rows);
  });

  app.get(paths.batchCsv.pattern, unit, async (request, reply) => {
    const { batch, rows } = await payments.batchCsv(request.principal, idOf(request));
    return sendCsv(reply, `payment-batch-${batch.reference}.csv`, rows);
  });

  app.get(paths.batch.pattern, unit, async (request, reply) => {
    const page = pageOf(request, 50);
    const result = await payments.batch(request.principal, idOf(request), page);
    return renderPage(request, reply, `${T}/batch.njk`, {
      title: request.t('expenses:payments.page.title', { reference: result.batch.reference }),
      breadcrumbs: [
        home(request.t),
        { text: request.t('expenses:homeTasks.payments.text'), href: paths.payments },
      ],
      ...result,
      pagination: paginationFor(
        paths.batch(result.batch.id),
        {},
        page.page,
        page.limit,
        result.total,
      ),
      paths,
    });
  });

  app.post(paths.markPaid.pattern, unit, async (request, reply) => {
    const paid = await payments.markPaid(request.principal, idOf(request), request.id);
    return redirectWithFlash(
      reply,
      paths.batch(paid.id),
      request.t('expenses:payments.markedPaid', { reference: paid.reference, count: paid.claims }),
    );
  });
}
