/**
 * A panel's lay visitors (ICV-01, ICV-02): the panel's list, adding a visitor, a visitor's page,
 * and a form for each step of their record. Kept by the scheme manager and the panel's
 * coordinator; the service refuses anyone else (not found).
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, registerFormPage, saveFor } from '../../../platform/http/render.js';
import { applicationPaths } from '../applications/paths.js';
import { panelCrumbs } from '../crumbs.js';
import { saveForPanel } from '../panels/routes.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import type { VisitorsService } from './service.js';

const T = 'modules/custody-visiting/visitors/views';
const keepers = { config: { access: { action: 'custody.panels.view' as const } } };

type Values = Record<string, string | undefined>;
const panelIdOf = (request: FastifyRequest) => (request.params as { panelId: string }).panelId;
const idOf = (request: FastifyRequest) => (request.params as { visitorId: string }).visitorId;
const saveForVisitor = saveFor('visitorId');

type VisitorRoute = ((visitorId: string) => string) & { pattern: string };

type StepAction = keyof Omit<VisitorsService, 'list' | 'panel' | 'get' | 'add'>;

/** Each step of a visitor's record: its form's address and the service's action. */
const STEPS: readonly [string, VisitorRoute, StepAction][] = [
  ['interview', paths.visitorInterview, 'recordInterview'],
  ['vetting', paths.visitorVetting, 'recordVetting'],
  ['appointment', paths.visitorAppointment, 'appoint'],
  ['renewal', paths.visitorRenewal, 'renew'],
  ['probation', paths.visitorProbation, 'signOffProbation'],
  ['course', paths.visitorCourse, 'addCourse'],
  ['suspension', paths.visitorSuspension, 'suspend'],
  ['lift', paths.visitorLiftSuspension, 'liftSuspension'],
  ['leaving', paths.visitorLeaving, 'recordLeaving'],
];

/** Where a visitor stands, as the list shows it. */
function statusKey(v: {
  appointedOn: string | null;
  onProbation: boolean;
  suspended: boolean;
  left: boolean;
}) {
  if (v.left) return 'custody-visiting:visitors.status.left';
  if (v.suspended) return 'custody-visiting:visitors.status.suspended';
  if (!v.appointedOn) return 'custody-visiting:visitors.status.applicant';
  return v.onProbation
    ? 'custody-visiting:visitors.status.onProbation'
    : 'custody-visiting:visitors.status.appointed';
}

export function registerVisitorRoutes({ app, services, renderPage, config }: RouteDeps): void {
  const { custodyVisitors: visitors } = services;
  const crumbs = (request: FastifyRequest, panel: { id: string; name: string }) => [
    ...panelCrumbs(request),
    { text: panel.name, href: paths.panel(panel.id) },
  ];

  app.get(paths.panelVisitors.pattern, keepers, async (request, reply) => {
    const t = request.t;
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await visitors.list(request.principal, panelIdOf(request), page);
    const here = paths.panelVisitors(result.panel.id);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('custody-visiting:visitors.list.title', { panel: result.panel.name }),
      breadcrumbs: crumbs(request, result.panel),
      panel: result.panel,
      rows: result.items.map((v) => ({
        ...v,
        href: paths.visitor(v.id),
        status: t(statusKey(v)),
      })),
      total: result.total,
      newVisitorHref: paths.newVisitor(result.panel.id),
      pagination: paginationFor(here, {}, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.newVisitor.pattern, keepers, {
    show: formShow(renderPage, `${T}/new.njk`, async (request) => {
      const panel = await visitors.panel(request.principal, panelIdOf(request));
      return {
        title: request.t('custody-visiting:visitors.add'),
        breadcrumbs: crumbs(request, panel),
        panel,
        action: paths.newVisitor(panel.id),
      };
    }),
    submit: saveForPanel(visitors.add, (_panelId, visitor, request) => ({
      to: paths.visitor(visitor.id),
      message: request.t('custody-visiting:visitors.added', { name: visitor.fullName }),
    })),
  });

  app.get(paths.visitor.pattern, keepers, async (request, reply) => {
    const detail = await visitors.get(request.principal, idOf(request));
    const id = detail.visitor.id;
    return renderPage(request, reply, `${T}/visitor.njk`, {
      title: detail.person.fullName,
      breadcrumbs: [
        ...crumbs(request, detail.panel),
        {
          text: request.t('custody-visiting:visitors.list.heading'),
          href: paths.panelVisitors(detail.panel.id),
        },
      ],
      ...detail,
      applicationHref:
        detail.application?.readable && applicationPaths.application(detail.application.id),
      termYears: config.custodyVisiting.visitorTermYears,
      links: Object.fromEntries(STEPS.map(([step, route]) => [step, route(id)])),
    });
  });

  for (const [step, route, action] of STEPS) {
    registerFormPage(app, route.pattern, keepers, {
      // The form carries the record's version: a change made meanwhile refuses it.
      initial: async (request) => ({
        version: String((await visitors.get(request.principal, idOf(request))).visitor.version),
      }),
      show: formShow(renderPage, `${T}/step.njk`, async (request) => {
        const detail = await visitors.get(request.principal, idOf(request));
        return {
          title: request.t(`custody-visiting:visitors.forms.${step}.title`),
          breadcrumbs: [
            ...crumbs(request, detail.panel),
            { text: detail.person.fullName, href: paths.visitor(detail.visitor.id) },
          ],
          step,
          ...detail,
          termYears: config.custodyVisiting.visitorTermYears,
          action: route(detail.visitor.id),
          backHref: paths.visitor(detail.visitor.id),
        };
      }),
      submit: saveForVisitor(
        async (principal, id, input: Values, requestId) => {
          await visitors[action](principal, id, input, requestId);
        },
        (id, _saved, request) => ({
          to: paths.visitor(id),
          message: request.t(`custody-visiting:visitors.done.${step}`),
        }),
      ),
    });
  }
}
