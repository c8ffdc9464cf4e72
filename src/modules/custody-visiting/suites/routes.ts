/** The register of custody suites, a suite's page, and the forms that add and change one. */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { suiteCrumbs } from '../crumbs.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import { formatTarget } from '../rules.js';

const T = 'modules/custody-visiting/suites/views';
const viewers = { config: { access: { action: 'custody.view' as const } } };
const managers = { config: { access: { action: 'custody.manage' as const } } };

type Values = Record<string, string | undefined>;
const idOf = (request: FastifyRequest) => (request.params as { suiteId: string }).suiteId;
const saveForSuite = saveFor('suiteId');

export function registerSuiteRoutes({ app, services, renderPage, config }: RouteDeps): void {
  const { custodySuites: suites } = services;

  app.get(paths.suites, viewers, async (request, reply) => {
    const t = request.t;
    const area = queryString(request.query, 'area');
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await suites.list(request.principal, {
      area,
      limit: page.limit,
      offset: page.offset,
    });
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('custody-visiting:suites.title'),
      width: 'full',
      breadcrumbs: suiteCrumbs(request).slice(0, 1),
      area,
      areaItems: [
        { value: '', text: t('custody-visiting:suites.list.allAreas') },
        ...result.areas.map((a) => ({ value: a, text: a, selected: a === area })),
      ],
      rows: result.items.map((s) => ({
        ...s,
        href: paths.suite(s.id),
        target: formatTarget(s.targetVisitsPerWeek),
      })),
      total: result.total,
      canAdd: result.canAdd,
      newSuiteHref: paths.newSuite,
      panelsHref: can(request.principal, 'custody.panels.view') ? paths.panels : null,
      searchAction: paths.suites,
      pagination: paginationFor(paths.suites, { area }, page.page, page.limit, result.total),
    });
  });

  app.get(paths.suite.pattern, viewers, async (request, reply) => {
    const detail = await suites.get(request.principal, idOf(request));
    return renderPage(request, reply, `${T}/suite.njk`, {
      title: detail.suite.name,
      breadcrumbs: suiteCrumbs(request),
      ...detail,
      target: formatTarget(detail.suite.targetVisitsPerWeek),
      panelHref: detail.panel ? paths.panel(detail.panel.id) : null,
      meetingsHref: detail.meetingsOf ? paths.panelMeetings(detail.meetingsOf.id) : null,
      changeHref: paths.editSuite(detail.suite.id),
    });
  });

  registerFormPage(app, paths.newSuite, managers, {
    initial: () => ({
      targetVisitsPerWeek: formatTarget(config.custodyVisiting.defaultVisitsPerWeek),
    }),
    show: formShow(renderPage, `${T}/form.njk`, async (request) => ({
      title: request.t('custody-visiting:suites.add'),
      breadcrumbs: suiteCrumbs(request),
      action: paths.newSuite,
    })),
    async submit(request, reply) {
      const suite = await suites.create(request.principal, request.body as Values, request.id);
      return redirectWithFlash(
        reply,
        paths.suite(suite.id),
        request.t('custody-visiting:suites.added', { name: suite.name }),
      );
    },
  });

  registerFormPage(app, paths.editSuite.pattern, managers, {
    async initial(request) {
      const { suite } = await suites.get(request.principal, idOf(request));
      return {
        name: suite.name,
        area: suite.area,
        address: suite.address,
        cells: String(suite.cells),
        targetVisitsPerWeek: formatTarget(suite.targetVisitsPerWeek),
        version: String(suite.version),
      };
    },
    show: formShow(renderPage, `${T}/form.njk`, async (request) => ({
      title: request.t('custody-visiting:suites.change'),
      breadcrumbs: suiteCrumbs(request),
      action: paths.editSuite(idOf(request)),
    })),
    submit: saveForSuite(suites.update, (_id, suite, request) => ({
      to: paths.suite(suite.id),
      message: request.t('custody-visiting:suites.updated', { name: suite.name }),
    })),
  });
}
