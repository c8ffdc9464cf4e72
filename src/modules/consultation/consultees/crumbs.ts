/** What every consultee page shares: who may see it, and its breadcrumbs' start. */
import type { FastifyRequest } from 'fastify';
import { consulteePaths as paths } from './paths.js';

/** Personal data: the authority's officers who run consultation, no one else. */
export const officers = { config: { access: { action: 'consultation.manage' as const } } };

export const listCrumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('consultation:consultees.list.title'), href: paths.list },
];
