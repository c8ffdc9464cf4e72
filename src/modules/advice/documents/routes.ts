/**
 * Pages for the files kept with a request for advice: documents to share with advisors, the
 * advisor's attachments to their advice, and a document disclosed to an advisor (IAG-35).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/errors.js';
import { ACCEPTED_DOCUMENTS_KEY } from '../../../platform/files/document-types.js';
import { registerUploadPage, sendDownload } from '../../../platform/http/files.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';
import { requestCrumbs, routeParts } from '../presenter.js';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';

const T = 'modules/advice/documents/views';
// Who may add or read a document depends on the request and the person, so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };

export function registerAdviceDocumentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { adviceDocuments: documents } = services;
  const maxBytes = services.config.files.maxBytes;
  const { params, home } = routeParts(services.deployments.now);

  /** The upload form, for a document to share (`toShare`) or one with advice (`advice`). */
  function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    page: {
      kind: 'toShare' | 'advice';
      request: { reference: number; subject: string };
      breadcrumbs: { text: string; href: string }[];
      action: string;
    },
    values: Record<string, unknown>,
    errors: FieldError[] | undefined,
    status: number,
  ) {
    const words = (key: string) =>
      request.t(`advice:documents.${page.kind}.${key}`, { reference: page.request.reference });
    return renderPage(
      request,
      reply,
      `${T}/document-form.njk`,
      {
        title: words('title'),
        breadcrumbs: page.breadcrumbs,
        request: page.request,
        heading: words('heading'),
        intro: words('intro'),
        action: page.action,
        accepted: request.t(ACCEPTED_DOCUMENTS_KEY),
        maxMb: documents.maxMb,
        values,
        errors,
      },
      status,
    );
  }

  registerUploadPage(app, paths.addDocument.pattern, signedIn, maxBytes, {
    async show(request, reply, values, errors, status = 200) {
      const { request: adviceRequest } = await documents.toShareForm(
        request.principal,
        params(request).requestId!,
      );
      const page = {
        kind: 'toShare' as const,
        request: adviceRequest,
        breadcrumbs: requestCrumbs(request, adviceRequest),
        action: paths.addDocument(adviceRequest.id),
      };
      return showForm(request, reply, page, values, errors, status);
    },
    async submit(request, reply, form) {
      const { requestId } = params(request);
      const document = await documents.addToShare(
        request.principal,
        requestId!,
        { title: form.fields.title, file: form.file },
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.request(requestId!)}#documents`,
        request.t('advice:documents.toShare.flash.added', { title: document.title }),
      );
    },
  });

  app.get(paths.document.pattern, signedIn, async (request, reply) => {
    const { requestId, documentId } = params(request);
    const { document, bytes } = await documents.download(
      request.principal,
      requestId!,
      documentId!,
    );
    return sendDownload(reply, document, bytes);
  });

  app.post(paths.removeDocument.pattern, signedIn, async (request, reply) => {
    const { requestId, documentId } = params(request);
    const document = await documents.removeToShare(
      request.principal,
      requestId!,
      documentId!,
      request.id,
    );
    return redirectWithFlash(
      reply,
      `${paths.request(requestId!)}#documents`,
      request.t('advice:documents.toShare.flash.removed', { title: document.title }),
    );
  });

  registerUploadPage(app, paths.addAdviceDocument.pattern, signedIn, maxBytes, {
    async show(request, reply, values, errors, status = 200) {
      const form = await documents.adviceForm(request.principal, params(request).deploymentId!);
      const page = {
        kind: 'advice' as const,
        request: form.request,
        breadcrumbs: [
          home(request),
          { text: request.t('advice:deployments.list.title'), href: paths.deployments },
          {
            text: request.t('advice:common.requestReference', {
              reference: form.request.reference,
            }),
            href: paths.deployment(form.deployment.id),
          },
        ],
        action: paths.addAdviceDocument(form.deployment.id),
      };
      return showForm(request, reply, page, values, errors, status);
    },
    async submit(request, reply, form) {
      const { deploymentId } = params(request);
      const document = await documents.addToAdvice(
        request.principal,
        deploymentId!,
        { title: form.fields.title, file: form.file },
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.deployment(deploymentId!)}#advice`,
        request.t('advice:documents.advice.flash.added', { title: document.title }),
      );
    },
  });

  app.get(paths.adviceDocument.pattern, signedIn, async (request, reply) => {
    const { deploymentId, documentId } = params(request);
    const { document, bytes } = await documents.downloadOwnAdvice(
      request.principal,
      deploymentId!,
      documentId!,
    );
    return sendDownload(reply, document, bytes);
  });

  app.post(paths.removeAdviceDocument.pattern, signedIn, async (request, reply) => {
    const { deploymentId, documentId } = params(request);
    const document = await documents.removeFromOwnAdvice(
      request.principal,
      deploymentId!,
      documentId!,
      request.id,
    );
    return redirectWithFlash(
      reply,
      `${paths.deployment(deploymentId!)}#advice`,
      request.t('advice:documents.advice.flash.removed', { title: document.title }),
    );
  });

  app.get(paths.disclosedDocument.pattern, signedIn, async (request, reply) => {
    const { deploymentId, disclosureId } = params(request);
    const { document, bytes } = await documents.downloadDisclosed(
      request.principal,
      deploymentId!,
      disclosureId!,
    );
    return sendDownload(reply, document, bytes);
  });
}
