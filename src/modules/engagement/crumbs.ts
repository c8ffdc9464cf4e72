/** The breadcrumbs of the engagement groups' pages: home, the register, then the group. */
import type { FastifyRequest } from 'fastify';
import { can } from '../../platform/auth/permissions.js';
import { engagementPaths as paths } from './paths.js';

export const registerCrumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  // A group's own officer does not read the register: their crumbs go home, then to the group.
  ...(can(request.principal, 'engagement.view')
    ? [{ text: request.t('engagement:groups.title'), href: paths.groups }]
    : []),
];

export const groupCrumbs = (request: FastifyRequest, group: { id: string; name: string }) => [
  ...registerCrumbs(request),
  { text: group.name, href: paths.group(group.id) },
];
