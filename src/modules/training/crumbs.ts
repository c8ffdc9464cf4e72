/** The breadcrumbs of training's pages: home, then the list the page belongs to. */
import type { FastifyRequest } from 'fastify';
import { trainingPaths as paths } from './paths.js';

export const courseCrumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('training:courses.title'), href: paths.courses },
];

export const needCrumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('training:needs.title'), href: paths.needs },
];
