/**
 * A panel's community activities (ICV-10, LEG-05): recording one, changing it and removing it.
 * Kept by the panel's coordinator and the scheme manager; the service refuses anyone else (not
 * found). The panel's page lists them.
 */
import type { FastifyRequest } from 'fastify';
import { formShow, registerFormPage, saveFor } from '../../../platform/http/render.js';
import { panelCrumbs } from '../crumbs.js';
import { saveForPanel } from '../panels/routes.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import { ACTIVITY_KINDS } from '../community-rules.js';

const T = 'modules/custody-visiting/community/views';
const keepers = { config: { access: { action: 'custody.panels.view' as const } } };

const panelIdOf = (request: FastifyRequest) => (request.params as { panelId: string }).panelId;
const idOf = (request: FastifyRequest) => (request.params as { activityId: string }).activityId;
const saveForActivity = saveFor('activityId');
/** Where a panel's activities are listed on its page. */
const listed = (panelId: string) => `${paths.panel(panelId)}#activities`;

export function registerCommunityRoutes({ app, services, renderPage }: RouteDeps): void {
  const { custodyCommunity: community } = services;
  const crumbs = (request: FastifyRequest, panel: { id: string; name: string }) => [
    ...panelCrumbs(request),
    { text: panel.name, href: paths.panel(panel.id) },
  ];
  const kinds = (request: FastifyRequest) =>
    ACTIVITY_KINDS.map((kind) => ({
      value: kind,
      text: request.t(`custody-visiting:community.kinds.${kind}`),
    }));

  registerFormPage(app, paths.newActivity.pattern, keepers, {
    show: formShow(renderPage, `${T}/form.njk`, async (request) => {
      const panel = await community.panel(request.principal, panelIdOf(request));
      return {
        title: request.t('custody-visiting:community.record'),
        breadcrumbs: crumbs(request, panel),
        panel,
        kinds: kinds(request),
        action: paths.newActivity(panel.id),
        backHref: listed(panel.id),
      };
    }),
    submit: saveForPanel(community.record, (panelId, _activity, request) => ({
      to: listed(panelId),
      message: request.t('custody-visiting:community.recorded'),
    })),
  });

  registerFormPage(app, paths.editActivity.pattern, keepers, {
    initial: (request) => community.formValues(request.principal, idOf(request)),
    show: formShow(renderPage, `${T}/form.njk`, async (request) => {
      const { panel, activity } = await community.get(request.principal, idOf(request));
      return {
        title: request.t('custody-visiting:community.change'),
        breadcrumbs: crumbs(request, panel),
        panel,
        kinds: kinds(request),
        action: paths.editActivity(activity.id),
        backHref: listed(panel.id),
      };
    }),
    submit: saveForActivity(community.update, (_id, activity, request) => ({
      to: listed(activity.panelId),
      message: request.t('custody-visiting:community.changed'),
    })),
  });

  registerFormPage(app, paths.removeActivity.pattern, keepers, {
    initial: async (request) => ({
      version: String((await community.get(request.principal, idOf(request))).activity.version),
    }),
    show: formShow(renderPage, `${T}/remove.njk`, async (request) => {
      const { panel, activity } = await community.get(request.principal, idOf(request));
      return {
        title: request.t('custody-visiting:community.remove.title'),
        breadcrumbs: crumbs(request, panel),
        panel,
        activity,
        kindName: request.t(`custody-visiting:community.kinds.${activity.kind}`),
        action: paths.removeActivity(activity.id),
        backHref: listed(panel.id),
      };
    }),
    submit: saveForActivity(community.remove, (_id, activity, request) => ({
      to: listed(activity.panelId),
      message: request.t('custody-visiting:community.removed'),
    })),
  });
}
