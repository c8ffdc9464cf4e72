/**
 * Pages that take a file, and sending a kept file back: one way for every kind of document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { multipartForm, type FormFile } from './multipart.js';
import { withFormErrors, type FormShow } from './render.js';

/**
 * An upload form at one URL, like registerFormPage for a form that sends a file. The form may be
 * larger than any other: a file just over the limit still arrives, so the page can say it is too
 * large rather than the request being cut off.
 */
export function registerUploadPage(
  app: FastifyInstance,
  url: string,
  options: RouteShorthandOptions,
  maxBytes: number,
  page: {
    /** The name of the form's file field; 'file' unless given. */
    fileField?: string;
    show: FormShow;
    submit: (
      request: FastifyRequest,
      reply: FastifyReply,
      form: { fields: Record<string, string>; file: FormFile | null },
    ) => Promise<FastifyReply>;
  },
): void {
  app.get(url, options, async (request, reply) => page.show(request, reply, {}));
  app.post(url, { ...options, bodyLimit: maxBytes + 5 * 1024 * 1024 }, async (request, reply) => {
    const form = multipartForm(request.body, page.fileField ?? 'file');
    return withFormErrors(
      () => page.submit(request, reply, form),
      (errors, status) => page.show(request, reply, form.fields, errors, status),
    );
  });
}

/** Sends a kept file as a download: never shown in the browser, never cached. */
export function sendDownload(
  reply: FastifyReply,
  file: { fileName: string; mediaType: string },
  bytes: Buffer,
): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header(
      'content-disposition',
      `attachment; filename="${file.fileName.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes);
}
