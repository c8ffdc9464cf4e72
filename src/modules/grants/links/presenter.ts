/** CON-04: a grant's "Tied to" section, as its staff application and monitoring pages show it. */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import type { LinksService } from './service.js';
import { linkPaths, type LinkPage } from './paths.js';

/** The records the grant is tied to, with the officer's forms to add and remove. */
export async function tiedToView(
  request: FastifyRequest,
  links: LinksService,
  applicationId: string,
  back: LinkPage,
) {
  const rows = await links.linksOf(request.principal, applicationId);
  return {
    back,
    canManage: can(request.principal, 'grants.manage'),
    addAction: linkPaths.add(applicationId),
    items: rows.map((r) => ({
      ...r,
      kindName: request.t(`grants:links.kinds.${r.kind}`),
      title: r.title ?? request.t('grants:links.gone'),
      removeAction: linkPaths.remove(applicationId, r.id),
    })),
  };
}
