/**
 * Pages for the files kept with a request for advice: documents to share with advisors, the
 * advisor's attachments to their advice, and a document disclosed to an advisor (IAG-35).
 */
import type { FastifyRequest } from 'fastify';
import type { AdviceRouteDeps as RouteDeps } from '../route-deps.js';
import { ACCEPTED_DOCUMENTS } from '../../../platform/files/document-types.js';
import { registerUploadPage, sendDownload } from '../../../platform/http/files.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { advicePaths as paths } from '../paths.js';

const T = 'modules/advice/documents/views';
// Who may add or read a document depends on the request and the person, so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };

export function registerAdviceDocumentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { adviceDocuments: documents } = services;
  const maxBytes = services.config.files.maxBytes;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const home = { text: 'Home', href: '/' };
  const formData = { accepted: ACCEPTED_DOCUMENTS, maxMb: documents.maxMb };

  registerUploadPage(app, paths.addDocument.pattern, signedIn, maxBytes, {
    async show(request, reply, values, errors, status = 200) {
      const { request: adviceRequest } = await documents.toShareForm(
        request.principal,
        params(request).requestId!,
      );
      return renderPage(
        request,
        reply,
        `${T}/document-form.njk`,
        {
          title: `Add a document to share: request ${adviceRequest.reference}`,
          breadcrumbs: [
            home,
            {
              text: `Request ${adviceRequest.reference}`,
              href: paths.request(adviceRequest.id),
            },
          ],
          request: adviceRequest,
          heading: 'Add a document to share with advisors',
          intro:
            'Advisors do not see it until you share it with one of them under a disclosure protocol; they must acknowledge its terms before they can open it (IAG-35).',
          action: paths.addDocument(adviceRequest.id),
          ...formData,
          values,
          errors,
        },
        status,
      );
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
        `“${document.title}” has been added to the documents to share`,
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
      `“${document.title}” has been taken off the documents to share`,
    );
  });

  registerUploadPage(app, paths.addAdviceDocument.pattern, signedIn, maxBytes, {
    async show(request, reply, values, errors, status = 200) {
      const form = await documents.adviceForm(request.principal, params(request).deploymentId!);
      return renderPage(
        request,
        reply,
        `${T}/document-form.njk`,
        {
          title: `Add a document to your advice: request ${form.request.reference}`,
          breadcrumbs: [
            home,
            { text: 'Your deployments', href: paths.deployments },
            {
              text: `Request ${form.request.reference}`,
              href: paths.deployment(form.deployment.id),
            },
          ],
          request: form.request,
          heading: 'Add a document to your advice',
          intro:
            'The requester, and those who run the advisory process, can read it with your advice.',
          action: paths.addAdviceDocument(form.deployment.id),
          ...formData,
          values,
          errors,
        },
        status,
      );
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
        `“${document.title}” has been added to your advice`,
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
      `“${document.title}” has been taken off your advice`,
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
