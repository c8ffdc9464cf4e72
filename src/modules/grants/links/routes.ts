/**
 * CON-04, LEG-06: an officer ties an awarded grant to a meeting, a recommendation or a
 * consultation by its address, and unties it; the grant's pages show the ties (presenter.ts).
 */
import type { FastifyRequest } from 'fastify';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { applicationPaths } from '../applications/paths.js';
import { monitoringPaths } from '../monitoring/paths.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { LINK_PAGES, linkPaths as paths, type LinkPage } from './paths.js';

const T = 'modules/grants/links/views';
const managers = { config: { access: { action: 'grants.manage' as const } } };

const idOf = (request: FastifyRequest) =>
  (request.params as { applicationId: string }).applicationId;
/** The grant page the form was sent from, to go back to (the monitoring page unless told). */
const backOf = (request: FastifyRequest): LinkPage => {
  const back =
    (request.body as Record<string, unknown> | undefined)?.back ??
    (request.query as Record<string, unknown>).back;
  return LINK_PAGES.find((p) => p === back) ?? 'monitoring';
};
const pageOf = (back: LinkPage, id: string) =>
  back === 'application' ? applicationPaths.staffApplication(id) : monitoringPaths.grant(id);

export function registerLinkRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantLinks: links } = services;

  registerFormPage(app, paths.add.pattern, managers, {
    show: formShow(renderPage, `${T}/add.njk`, async (request) => {
      const g = await links.grant(request.principal, idOf(request));
      const back = backOf(request);
      const backHref = pageOf(back, g.application.id);
      return {
        title: request.t('grants:links.add.title'),
        breadcrumbs: [
          { text: request.t('nav.home'), href: '/' },
          { text: g.application.projectTitle, href: backHref },
        ],
        g,
        back,
        backHref,
        action: paths.add(g.application.id),
      };
    }),
    async submit(request, reply) {
      const id = idOf(request);
      const row = await links.add(
        request.principal,
        id,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        pageOf(backOf(request), id),
        request.t('grants:links.add.done', {
          kind: request.t(`grants:links.kinds.${row.kind}`),
          title: row.title,
        }),
      );
    },
  });

  app.post(paths.remove.pattern, managers, async (request, reply) => {
    const id = idOf(request);
    await links.remove(
      request.principal,
      id,
      (request.params as { linkId: string }).linkId,
      request.id,
    );
    return redirectWithFlash(reply, pageOf(backOf(request), id), request.t('grants:links.removed'));
  });
}
