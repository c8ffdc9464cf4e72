/** The breadcrumbs of the scheme's pages: home, then the register the page belongs to. */
import type { FastifyRequest } from 'fastify';
import { custodyPaths as paths } from './paths.js';

export const suiteCrumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('custody-visiting:suites.title'), href: paths.suites },
];

export const panelCrumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('custody-visiting:panels.title'), href: paths.panels },
];
