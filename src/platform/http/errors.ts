import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '../errors.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/errors.js';
import type { RenderPage } from './render.js';

const PAGE_COPY: Record<number, { title: string; message: string }> = {
  400: {
    title: 'There is a problem with the request',
    message: 'Check what you entered and try again.',
  },
  401: { title: 'Sign in to continue', message: 'You need to sign in to see this page.' },
  403: {
    title: 'You do not have permission to see this page',
    message: 'If you think you should, ask your administrator to check your role.',
  },
  404: {
    title: 'Page not found',
    message:
      'If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.',
  },
  405: { title: 'Page not found', message: 'This page cannot be used that way.' },
  409: {
    title: 'This could not be done',
    message: 'The record has changed or a rule does not allow it.',
  },
  413: { title: 'What you sent is too large', message: 'Send something smaller and try again.' },
  415: {
    title: 'There is a problem with the request',
    message: 'The form was sent in a way Bridge does not accept.',
  },
  429: { title: 'Too many attempts', message: 'Wait a few minutes and try again.' },
  500: {
    title: 'Sorry, there is a problem with the service',
    message: 'Try again later. What you entered has not been saved.',
  },
  // The database cannot be reached or did not answer in time (issue 21, items 8 and 9).
  503: {
    title: 'Sorry, the service is unavailable',
    message: 'Try again in a few minutes. What you entered has not been saved.',
  },
};

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
      return reply.redirect(`/sign-in${next}`, 303);
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
    const copy = PAGE_COPY[status] ?? PAGE_COPY[status >= 500 ? 500 : 400]!;
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
