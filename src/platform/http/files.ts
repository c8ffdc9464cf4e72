/**
 * Pages that take a file, and sending a kept file back: one way for every kind of document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { readUploadForm, type FormFile } from './multipart.js';
import { formValues, withFormErrors, type FormShow } from './render.js';
import { nulFieldErrors, withoutNul } from './text-input.js';
import { ValidationError } from '../errors.js';

/**
 * An upload form at one URL, like registerFormPage for a form that sends a file. Only these
 * routes read a multipart body, and only once the person may use the page: the session and
 * permission are checked first (app.ts), then the CSRF token, which the form sends before its
 * file, and only then is the file written to disk as it arrives. A file just over the limit
 * still arrives (cut short), so the page can say it is too large.
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
  app.post(
    url,
    { ...options, config: { ...options.config, upload: true } },
    async (request, reply) => {
      const form = request.isMultipart()
        ? await readUploadForm(request, {
            fileField: page.fileField ?? 'file',
            maxBytes,
            incomingDir: app.uploads.incomingDir,
            checkCsrf: (token) => {
              // The CSRF plugin reads the token from the body, which a multipart form has not got.
              request.body = { _csrf: token };
              return new Promise<void>((resolve, reject) =>
                app.csrfProtection(request, reply, (err?: Error) =>
                  err ? reject(err) : resolve(),
                ),
              );
            },
          })
        : // A form sent without its file (checked for CSRF like any other form, in app.ts).
          { fields: formValues(request.body), file: null, discard: async () => undefined };
      // A field with a null character is refused, like any form's (text-input.ts).
      const refused = nulFieldErrors(form.fields);
      if (refused.length) form.fields = withoutNul(form.fields) as Record<string, string>;
      try {
        return await withFormErrors(
          async () => {
            if (refused.length) throw new ValidationError(refused);
            return page.submit(request, reply, form);
          },
          (errors, status) => page.show(request, reply, form.fields, errors, status),
        );
      } finally {
        await form.discard();
      }
    },
  );
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
