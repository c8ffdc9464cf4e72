/** CON-04: a grant's "Tied to" section, as its staff application and monitoring pages show it. */
import type { FastifyRequest } from 'fastify';
import { can, type Action } from '../../../platform/auth/permissions.js';
import type { LinkKind } from '../constants.js';
import type { LinksService } from './service.js';
import { linkPaths, type LinkPage } from './paths.js';

/**
 * Who may read each kind of record's page: a link the reader would be refused is not shown, only
 * the record's title (a meeting's page is for anyone signed in; it narrows by the meeting's body).
 */
const READERS: Record<LinkKind, Action | null> = {
  meeting: null,
  recommendation: 'tracker.view',
  consultation: 'consultation.view',
};

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
    items: rows.map((r) => {
      const reader = READERS[r.kind];
      return {
        ...r,
        kindName: request.t(`grants:links.kinds.${r.kind}`),
        title: r.title ?? request.t('grants:links.gone'),
        href: reader && !can(request.principal, reader) ? null : r.href,
        removeAction: linkPaths.remove(applicationId, r.id),
      };
    }),
  };
}
