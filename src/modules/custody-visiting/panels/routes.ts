/** The panels (ICV-02): their register, a panel's page with its suites, and its forms. */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { panelCrumbs } from '../crumbs.js';
import { meetingPaths } from '../../meetings/index.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import { formatTarget } from '../rules.js';

const T = 'modules/custody-visiting/panels/views';
const viewers = { config: { access: { action: 'custody.panels.view' as const } } };
const managers = { config: { access: { action: 'custody.manage' as const } } };

type Values = Record<string, string | undefined>;
const idOf = (request: FastifyRequest) => (request.params as { panelId: string }).panelId;
/** The forms about one panel (its own, and adding a visitor to it): saved, then told. */
export const saveForPanel = saveFor('panelId');

export function registerPanelRoutes({ app, services, renderPage }: RouteDeps): void {
  const { custodyPanels: panels, custodyCommunity: community } = services;

  app.get(paths.panels, viewers, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await panels.list(request.principal, {
      limit: page.limit,
      offset: page.offset,
    });
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('custody-visiting:panels.title'),
      breadcrumbs: panelCrumbs(request).slice(0, 1),
      rows: result.items.map((p) => ({ ...p, href: paths.panel(p.id) })),
      total: result.total,
      canAdd: result.canAdd,
      newPanelHref: paths.newPanel,
      pagination: paginationFor(paths.panels, {}, page.page, page.limit, result.total),
    });
  });

  app.get(paths.panel.pattern, viewers, async (request, reply) => {
    const detail = await panels.get(request.principal, idOf(request));
    // ICV-10: its community activities, newest first, a page at a time.
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const activities = await community.list(request.principal, detail.panel.id, page);
    return renderPage(request, reply, `${T}/panel.njk`, {
      activityRows: activities.items.map((a) => ({
        ...a,
        kindName: request.t(`custody-visiting:community.kinds.${a.kind}`),
        changeHref: paths.editActivity(a.id),
        removeHref: paths.removeActivity(a.id),
      })),
      activityTotal: activities.total,
      newActivityHref: paths.newActivity(detail.panel.id),
      activityPagination: paginationFor(
        paths.panel(detail.panel.id),
        {},
        page.page,
        page.limit,
        activities.total,
      ),
      title: detail.panel.name,
      breadcrumbs: panelCrumbs(request),
      ...detail,
      suiteRows: detail.suites.map((s) => ({
        ...s,
        href: paths.suite(s.id),
        target: formatTarget(s.targetVisitsPerWeek),
      })),
      changeHref: paths.editPanel(detail.panel.id),
      meetingsHref: paths.panelMeetings(detail.panel.id),
      nextMeetingHref: detail.nextMeeting && meetingPaths.meeting(detail.nextMeeting.id),
      visitorsHref: paths.panelVisitors(detail.panel.id),
      rotaHref: paths.panelRota(detail.panel.id),
    });
  });

  registerFormPage(app, paths.newPanel, managers, {
    show: formShow(renderPage, `${T}/form.njk`, async (request) => ({
      title: request.t('custody-visiting:panels.add'),
      breadcrumbs: panelCrumbs(request),
      action: paths.newPanel,
    })),
    async submit(request, reply) {
      const panel = await panels.create(request.principal, request.body as Values, request.id);
      return redirectWithFlash(
        reply,
        paths.panel(panel.id),
        request.t('custody-visiting:panels.added', { name: panel.name }),
      );
    },
  });

  // A coordinator changes their own panel: the service refuses any other (not found).
  registerFormPage(app, paths.editPanel.pattern, viewers, {
    initial: (request) => panels.formValues(request.principal, idOf(request)),
    show: formShow(renderPage, `${T}/form.njk`, async (request) => ({
      title: request.t('custody-visiting:panels.change'),
      breadcrumbs: panelCrumbs(request),
      action: paths.editPanel(idOf(request)),
    })),
    submit: saveForPanel(panels.update, (_id, panel, request) => ({
      to: paths.panel(panel.id),
      message: request.t('custody-visiting:panels.updated', { name: panel.name }),
    })),
  });
}
