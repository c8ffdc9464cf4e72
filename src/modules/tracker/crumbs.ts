/** The tracker's breadcrumbs, in the request's language: each journey's pages sit under these. */
import type { FastifyRequest } from 'fastify';
import { trackerPaths as paths } from './paths.js';

export const homeCrumb = (request: FastifyRequest) => ({ text: request.t('nav.home'), href: '/' });

/** Home, then the tracker's list of sources. */
export const trackerCrumbs = (request: FastifyRequest) => [
  homeCrumb(request),
  { text: request.t('tracker:sources.list.title'), href: paths.sources },
];

/** Home, the tracker, then a source. */
export const sourceCrumbs = (request: FastifyRequest, source: { id: string; title: string }) => [
  ...trackerCrumbs(request),
  { text: source.title, href: paths.source(source.id) },
];
