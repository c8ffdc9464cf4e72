/**
 * FOI-01: the disclosure log, read by anyone, with its documents; and a released document
 * attached by staff, with their confirmation that personal data has been removed.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { registerUploadPage, sendDownload } from '../../../platform/http/files.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash } from '../../../platform/http/render.js';
import { keptPage } from '../../../platform/http/route-options.js';
import { ACCEPTED_DOCUMENTS_KEY } from '../../../platform/files/document-types.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { foiPaths as paths } from '../paths.js';
import type { FoiRouteDeps as RouteDeps } from '../route-deps.js';

const T = 'modules/foi/disclosure/views';
const viewers = { config: { access: { action: 'foi.view' as const } } };
const keepers = { config: { access: { action: 'foi.manage' as const } } };
// Read by anyone, the same for all not signed in: kept while the data is unchanged (ADR 0016).
const publicPage = keptPage('page');
const publicFile = { config: { access: 'public' as const } };

const params = (request: FastifyRequest) =>
  request.params as { requestId: string; documentId: string };

export function registerDisclosureRoutes({ app, services, renderPage, config }: RouteDeps): void {
  const { foiDisclosure: disclosure, foiRequests: requests } = services;

  app.get(paths.disclosureLog, publicPage, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'), 20);
    const log = await disclosure.publicLog(page);
    return renderPage(request, reply, `${T}/log.njk`, {
      title: t('foi:disclosure.title'),
      breadcrumbs: [{ text: t('nav.home'), href: '/' }],
      entries: log.items.map((e) => {
        const exemptions = [
          ...new Set(
            e.parts.filter((p) => p.exemption).map((p) => `${p.exemption} ${p.exemptionName}`),
          ),
        ];
        const outcomes = new Set(e.parts.map((p) => p.outcome));
        const outcome = outcomes.has('withheld-in-full')
          ? outcomes.size === 1
            ? 'withheld-in-full'
            : 'withheld-in-part'
          : outcomes.has('withheld-in-part')
            ? 'withheld-in-part'
            : 'released';
        return {
          reference: `FOI-${e.number}`,
          answeredText: formatDate(t, e.answeredOn!),
          summary: e.publicSummary,
          outcome: t(`foi:disclosure.outcome.${outcome}`),
          exemptions,
          documents: e.documents.map((d) => ({
            fileName: d.fileName,
            href: paths.publicDocument(e.id, d.id),
            sizeKb: Math.max(1, Math.round(d.sizeBytes / 1024)),
          })),
        };
      }),
      total: log.total,
      pagination: paginationFor(paths.disclosureLog, {}, page.page, page.limit, log.total),
    });
  });

  app.get(paths.publicDocument.pattern, publicFile, async (request, reply) => {
    const { requestId, documentId } = params(request);
    const { document, bytes } = await disclosure.publicDownload(requestId, documentId);
    return sendDownload(reply, document, bytes);
  });

  app.get(paths.document.pattern, viewers, async (request, reply) => {
    const { requestId, documentId } = params(request);
    const { document, bytes } = await disclosure.download(request.principal, requestId, documentId);
    return sendDownload(reply, document, bytes);
  });

  app.post(paths.removeDocument.pattern, keepers, async (request, reply) => {
    const { requestId, documentId } = params(request);
    const removed = await disclosure.removeDocument(
      request.principal,
      requestId,
      documentId,
      request.id,
    );
    return redirectWithFlash(
      reply,
      `${paths.request(requestId)}#disclosure`,
      request.t('foi:disclosure.documentRemoved', { file: removed.fileName }),
    );
  });

  app.post(paths.unpublish.pattern, keepers, async (request, reply) => {
    const { requestId } = params(request);
    await disclosure.unpublish(
      request.principal,
      requestId,
      request.body as Record<string, string>,
      request.id,
    );
    return redirectWithFlash(
      reply,
      `${paths.request(requestId)}#disclosure`,
      request.t('foi:disclosure.unpublished'),
    );
  });

  registerUploadPage(app, paths.attach.pattern, keepers, config.files.maxBytes, {
    show: formShow(renderPage, `${T}/attach.njk`, async (request) => {
      const t = request.t;
      const { request: r } = await requests.get(request.principal, params(request).requestId);
      return {
        title: t('foi:attach.title'),
        caption: t('foi:request.title', { reference: `FOI-${r.number}` }),
        breadcrumbs: [
          { text: t('nav.home'), href: '/' },
          { text: t('foi:register.title'), href: paths.register },
          { text: `FOI-${r.number}`, href: paths.request(r.id) },
        ],
        action: paths.attach(r.id),
        back: paths.request(r.id),
        accepted: t(ACCEPTED_DOCUMENTS_KEY),
        maxMb: disclosure.maxMb,
      };
    }),
    async submit(request, reply, form) {
      const { requestId } = params(request);
      const doc = await disclosure.attach(request.principal, requestId, form, request.id);
      return redirectWithFlash(
        reply,
        paths.request(requestId),
        request.t('foi:attach.done', { file: doc.fileName }),
      );
    },
  });
}
