/**
 * The staff hub of consultation work (/consultation): a link to each area. ONE list: the
 * programmes, the strategy board, the consultees and the citizens' panel add their line here
 * as they arrive.
 */
import { can, type Action } from '../../platform/auth/permissions.js';
import { boardPaths } from './board/paths.js';
import { consulteePaths } from './consultees/paths.js';
import { panelPaths } from './panel/paths.js';
import { consultationPaths } from './paths.js';
import { programmePaths } from './programmes/paths.js';
import type { ConsultationRouteDeps as RouteDeps } from './route-deps.js';

export const HUB_AREAS: readonly {
  href: string;
  textKey: string;
  hintKey: string;
  action: Action;
}[] = [
  {
    href: consultationPaths.consultations,
    textKey: 'consultation:hub.areas.consultations',
    hintKey: 'consultation:hub.areas.consultationsHint',
    action: 'consultation.view',
  },
  {
    href: programmePaths.programmes,
    textKey: 'consultation:hub.areas.programmes',
    hintKey: 'consultation:hub.areas.programmesHint',
    action: 'consultation.view',
  },
  {
    href: boardPaths.board,
    textKey: 'consultation:hub.areas.board',
    hintKey: 'consultation:hub.areas.boardHint',
    action: 'consultation.view',
  },
  {
    href: consulteePaths.list,
    textKey: 'consultation:hub.areas.consultees',
    hintKey: 'consultation:hub.areas.consulteesHint',
    action: 'consultation.manage',
  },
  {
    href: panelPaths.home,
    textKey: 'consultation:hub.areas.panel',
    hintKey: 'consultation:hub.areas.panelHint',
    action: 'consultation.manage',
  },
  {
    href: panelPaths.balance,
    textKey: 'consultation:hub.areas.balance',
    hintKey: 'consultation:hub.areas.balanceHint',
    action: 'consultation.view',
  },
];

export function registerHubRoutes({ app, renderPage }: RouteDeps): void {
  app.get(
    consultationPaths.staffHome,
    { config: { access: { action: 'consultation.view' } } },
    async (request, reply) =>
      renderPage(request, reply, 'modules/consultation/views/hub.njk', {
        title: request.t('consultation:hub.title'),
        breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
        areas: HUB_AREAS.filter((a) => can(request.principal, a.action)).map((a) => ({
          href: a.href,
          text: request.t(a.textKey),
          hint: request.t(a.hintKey),
        })),
      }),
  );
}
