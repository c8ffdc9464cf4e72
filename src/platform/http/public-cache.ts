/**
 * The public site stands a surge (issue 27: a consultation or a statistic in the news): a page
 * anyone may read is kept, as the bytes sent, while nothing Bridge counts has changed, and is
 * sent again from memory with an `ETag`; a browser that already holds it is answered
 * `304 Not Modified` with no body.
 *
 * A route opts in with `config: { access: 'public', publicCache: true }` (or `{ query: [...] }`
 * naming the query parameters it reads). Only a GET by someone with no session, with no message
 * waiting for them (a flash), is served from the cache, and only an answer that set no cookie and
 * wrote no CSRF token is kept (a page with a form is made for one person). An entry is current while every kind of data's counter (`data_versions`, moved
 * on as each write commits, on any instance) and the London day are as they were when it was
 * made: a change anywhere starts every page afresh, so no page can miss the kind it reads.
 * The counters are read before the page's data, so a kept page is never older than its stamp.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { dataVersions } from '../cache/schema.js';
import { todayInLondon } from '../calendar/index.js';
import type { Db } from '../db/database.js';
import { preparedRead } from '../db/prepared.js';
import { FLASH_COOKIE, repliesWithCsrfToken } from './render.js';

interface Kept {
  etag: string;
  /** What the answer says of its body, sent again with it: its type, and a download's name. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The headers of a kept answer that describe its body (the rest are each answer's own). */
const BODY_HEADERS = ['content-type', 'content-disposition'] as const;

/** What a request found out before its handler ran: where its answer is kept, and as what. */
const pending = new WeakMap<FastifyRequest, { key: string; etag: string }>();

/** What the kept pages may hold at most, in bytes: the least recently sent go first. */
const MAX_BYTES = 64 * 1024 * 1024;
/** The language is chosen by a query parameter on any page (i18n/language.ts). */
const ALWAYS_ALLOWED = ['lang'];

/**
 * Where a request's answer is kept: its language, path and the query parameters the route
 * reads, in order; null when it has any other (answered afresh, never kept, so made-up
 * parameters can neither fill the memory nor push real pages out).
 */
function keyOf(request: FastifyRequest): string | null {
  const option = request.routeOptions.config.publicCache;
  const allowed = [...ALWAYS_ALLOWED, ...(option === true || !option ? [] : option.query)];
  const query = (request.query ?? {}) as Record<string, unknown>;
  const names = Object.keys(query).sort();
  if (names.some((n) => !allowed.includes(n))) return null;
  const path = request.url.split('?')[0] ?? '/';
  const search = names.map((n) => `${n}=${JSON.stringify(query[n])}`).join('&');
  return `${request.lang}|${path}?${search}`;
}

export function installPublicCache(app: FastifyInstance, deps: { db: Db; now: () => Date }) {
  const { db, now } = deps;
  const kept = new LRUCache<string, Kept>({
    maxSize: MAX_BYTES,
    sizeCalculation: (entry) => Math.max(1, entry.body.length),
  });
  // A new start may bring new templates: no browser keeps a page made by an earlier one.
  const started = randomBytes(6).toString('hex');
  const counters = preparedRead(db, 'bridge_public_cache_versions', (executor) =>
    executor
      .select({ name: dataVersions.name, version: dataVersions.version })
      .from(dataVersions)
      .orderBy(dataVersions.name),
  );

  // Requests that arrive while the counters are being read share that read, as if they had come
  // a moment sooner: in a surge the database is asked once per round trip, not once per request.
  let reading: Promise<string> | null = null;
  const stampNow = () =>
    (reading ??= counters(db)
      .then((rows) => rows.map((r) => `${r.name}:${r.version}`).join(','))
      .finally(() => {
        reading = null;
      }));

  // Not for anyone with a session, even one part-way through signing in (whose pages offer
  // Sign out, with their CSRF token), nor for one with a message waiting for them.
  const eligible = (request: FastifyRequest) =>
    Boolean(request.routeOptions.config.publicCache) &&
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.session === null &&
    request.principal === null &&
    !request.cookies[FLASH_COOKIE];

  // After the access check (app.ts's preHandler, added before this one).
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!eligible(request)) return;
    const key = keyOf(request);
    if (key === null) return;
    const stamp = `${todayInLondon(now())}|${await stampNow()}`;
    const etag = `W/"${createHash('sha256')
      .update(`${started}|${key}|${stamp}`)
      .digest('base64url')
      .slice(0, 27)}"`;
    const entry = kept.get(key);
    const current = entry?.etag === etag ? entry : undefined;
    if (current && matches(request.headers['if-none-match'], etag))
      return reply.code(304).header('etag', etag).header('cache-control', 'no-cache').send();
    if (current)
      return reply
        .headers(current.headers)
        .header('etag', etag)
        .header('cache-control', 'no-cache')
        .send(current.body);
    pending.set(request, { key, etag });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const made = pending.get(request);
    if (
      !made ||
      reply.statusCode !== 200 ||
      reply.hasHeader('set-cookie') ||
      repliesWithCsrfToken.has(reply)
    )
      return payload;
    const body =
      typeof payload === 'string'
        ? Buffer.from(payload)
        : Buffer.isBuffer(payload)
          ? payload
          : null;
    if (!body) return payload;
    const headers: Record<string, string> = {};
    for (const name of BODY_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    kept.set(made.key, { etag: made.etag, headers, body });
    reply.header('etag', made.etag).header('cache-control', 'no-cache');
    return payload;
  });
}

/** Whether an If-None-Match header names this ETag (or is `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t === etag || `W/${t}` === etag);
}
