/** What every advice journey's pages share: how a wait reads, and the pieces each route file uses. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageRequest, type PageRequest } from '../../platform/db/search.js';
import { paginationFor } from '../../platform/http/pagination.js';
import type { RenderPage } from '../../platform/http/render.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { advicePaths } from './paths.js';
import type { Input } from './shared.js';
import { waitedFor, type WaitPart } from './rules.js';

/** A wait in words: '35 minutes', '3 days 2 hours'. */
export function waitedWords(t: Translate, parts: readonly WaitPart[]): string {
  return parts.map((p) => t(`advice:waited.${p.unit}`, { count: p.count })).join(' ');
}

/** What the advice route files read of a request, and the words and links every page shows. */
export function routeParts(now: () => Date) {
  return {
    params: (request: FastifyRequest) => request.params as Record<string, string>,
    body: (request: FastifyRequest) => (request.body ?? {}) as Input,
    pageOf: (request: FastifyRequest, limit: number) =>
      pageRequest((request.query as Record<string, unknown>).page, limit),
    home: (request: FastifyRequest) => ({ text: request.t('nav.home'), href: '/' }),
    /** How long since an instant, in the request's language, for a template. */
    waited: (request: FastifyRequest) => (from: Date) =>
      waitedWords(request.t, waitedFor(from, now())),
  };
}

/**
 * A work queue's page (requests to triage, requests to nominate for, arrangements to make): 25
 * to a page, full width, saying how long each has waited. The three were the same handler but
 * for the list, its address, template and title.
 */
export function workQueuePage(
  renderPage: RenderPage,
  now: () => Date,
  queue: {
    address: string;
    template: string;
    title: (t: Translate) => string;
    list: (principal: FastifyRequest['principal'], page: PageRequest) => Promise<{ total: number }>;
  },
) {
  const { pageOf, home, waited } = routeParts(now);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const page = pageOf(request, 25);
    const result = await queue.list(request.principal, page);
    return renderPage(request, reply, queue.template, {
      title: queue.title(request.t),
      width: 'full',
      breadcrumbs: [home(request)],
      ...result,
      pagination: paginationFor(queue.address, {}, page.page, page.limit, result.total),
      waited: waited(request),
      paths: advicePaths,
    });
  };
}

/** Home, then the request's page: the way back from a form on one request. */
export function requestCrumbs(request: FastifyRequest, r: { id: string; reference: number }) {
  return [
    { text: request.t('nav.home'), href: '/' },
    {
      text: request.t('advice:common.requestReference', { reference: r.reference }),
      href: advicePaths.request(r.id),
    },
  ];
}
