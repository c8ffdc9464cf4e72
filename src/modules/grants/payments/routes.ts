/** CDRP-12: grant instalments due, their batches, the export for finance and marking them paid. */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { awardPaths as paths } from '../assessment/paths.js';
import { applicationReference } from '../assessment/rules.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';

const T = 'modules/grants/payments/views';
const managers = { config: { access: { action: 'grants.manage' as const } } };

const idOf = (request: FastifyRequest) => (request.params as { batchId: string }).batchId;
const pageOf = (request: FastifyRequest, size = 25) =>
  pageRequest((request.query as Record<string, unknown>).page, size);

export function registerGrantPaymentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantPayments: payments } = services;
  const home = (request: FastifyRequest) => ({ text: request.t('nav.home'), href: '/' });

  app.get(paths.payments, managers, async (request, reply) => {
    const page = pageOf(request, 20);
    const result = await payments.overview(request.principal, page);
    return renderPage(request, reply, `${T}/payments.njk`, {
      title: request.t('grants:payments.title'),
      breadcrumbs: [home(request)],
      ...result,
      pagination: paginationFor(paths.payments, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  app.post(paths.payments, managers, async (request, reply) => {
    const batch = await payments.createBatch(request.principal, request.id);
    return redirectWithFlash(
      reply,
      paths.batch(batch.id),
      request.t('grants:payments.batchMade', {
        reference: batch.reference,
        count: batch.paymentCount,
      }),
    );
  });

  app.get(paths.batch.pattern, managers, async (request, reply) => {
    const page = pageOf(request);
    const { batch, lines, total } = await payments.batch(request.principal, idOf(request), page);
    return renderPage(request, reply, `${T}/batch.njk`, {
      title: request.t('grants:payments.batch.title', { reference: batch.reference }),
      breadcrumbs: [
        home(request),
        { text: request.t('grants:payments.title'), href: paths.payments },
      ],
      batch,
      lines: lines.map((l) => ({
        ...l,
        reference: applicationReference(l.reference),
        href: paths.letter(l.applicationId),
      })),
      pagination: paginationFor(paths.batch(batch.id), {}, page.page, page.limit, total),
      paths,
    });
  });

  app.post(paths.batchCsv.pattern, managers, async (request, reply) => {
    const { batch, rows } = await payments.exportCsv(request.principal, idOf(request), request.id);
    return sendCsv(reply, `grant-payment-batch-${batch.reference}.csv`, rows);
  });

  app.get(paths.batchCsv.pattern, managers, async (request, reply) => {
    const { batch, rows } = await payments.batchCsv(request.principal, idOf(request));
    return sendCsv(reply, `grant-payment-batch-${batch.reference}.csv`, rows);
  });

  app.post(paths.batchPaid.pattern, managers, async (request, reply) => {
    const batch = await payments.markPaid(request.principal, idOf(request), request.id);
    return redirectWithFlash(
      reply,
      paths.batch(batch.id),
      request.t('grants:payments.batch.paidDone', { reference: batch.reference }),
    );
  });
}
