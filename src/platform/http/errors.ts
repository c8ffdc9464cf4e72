import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '../errors.js';
import { authPaths } from '../auth/paths.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/errors.js';
import type { RenderPage } from './render.js';

/**
 * The statuses whose page has words of its own in the catalogue (`errors.<status>.title` and
 * `.message`); any other is worded as 500 or 400.
 */
export const WORDED_STATUSES = new Set([400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 503]);
// 503: the database cannot be reached or did not answer in time (issue 21, items 8 and 9).

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function statusOf(error: FastifyError | AppError | Error): number {
  if (error instanceof AppError) return error.status;
  if (isDatabaseUnavailable(error)) return 503;
  const code = (error as FastifyError).statusCode;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
}

/** The field names a Fastify schema validation failure is about, for problem+json. */
function schemaFieldErrors(error: FastifyError) {
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    const field = missing ?? v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return { field: field || '(body)', message: v.message ?? 'is not valid' };
  });
}

export function installErrorHandling(app: FastifyInstance, renderPage: RenderPage): void {
  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, 404, undefined));

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    if (error instanceof UnauthenticatedError && !isApiRequest(request)) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`${authPaths.signIn}${next}`, 303);
    }
    const status = statusOf(error);
    // A database error is logged by its code and statement, never its values (see db/errors.ts).
    if (status === 503) request.log.error({ err: error }, 'database unavailable');
    else if (status >= 500) request.log.error({ err: error }, 'request failed');
    else
      request.log.info(
        { code: (error as FastifyError).code ?? (error as AppError).code, status },
        'request refused',
      );
    if (error instanceof TooManyRequestsError)
      reply.header('retry-after', String(error.retryAfterSeconds));
    if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    // Internals are never shown; the 4xx messages are written for the person reading them.
    const detail =
      status >= 500
        ? undefined
        : error instanceof ValidationError && !isApiRequest(request)
          ? error.fieldErrors.map((e) => e.message).join('. ')
          : error instanceof AppError
            ? error.message
            : undefined;
    return sendError(request, reply, status, detail, error);
  });

  async function sendError(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    detail: string | undefined,
    error?: Error,
  ) {
    const worded = WORDED_STATUSES.has(status) ? status : status >= 500 ? 500 : 400;
    const copy = {
      title: request.t(`errors.${worded}.title`),
      message: request.t(`errors.${worded}.message`),
    };
    if (isApiRequest(request)) {
      const fieldErrors =
        error instanceof ValidationError
          ? error.fieldErrors
          : error && (error as FastifyError).validation
            ? schemaFieldErrors(error as FastifyError)
            : undefined;
      return reply
        .status(status)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: copy.title,
          status,
          detail: detail ?? copy.message,
          ...(fieldErrors ? { errors: fieldErrors } : {}),
          requestId: request.id,
        });
    }
    return renderPage(
      request,
      reply,
      'platform/views/errors/error.njk',
      { title: copy.title, message: detail ?? copy.message, status, requestId: request.id },
      status,
    );
  }
}
