/** What every advice journey's pages share: how a wait reads, and the pieces each route file uses. */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../platform/db/search.js';
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
