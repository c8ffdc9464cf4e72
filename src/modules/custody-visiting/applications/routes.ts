/**
 * Applications to be a lay visitor (ICV-01, ICV-02): the public form without an account and its
 * confirmation, and the scheme's side: the list, an application, and its decision (declined,
 * or invited to interview, which makes a visitor). The service refuses anyone but the scheme
 * manager and the coordinator of the applicant's area (not found).
 */
import { publicFormRoute } from '../../../platform/http/route-options.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { checkedValues } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { custodyPaths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import { APPLICATION_DECLARATIONS } from '../application-rules.js';
import { applicationPaths as paths } from './paths.js';
import { VISITOR_APPLICATION_STATUSES } from './schema.js';

const T = 'modules/custody-visiting/applications/views';
const publicPage = { config: { access: 'public' as const } };
// The public form is open to anyone, so it is rate-limited per address.
const keepers = { config: { access: { action: 'custody.panels.view' as const } } };

type Values = Record<string, string | string[] | undefined>;
const idOf = (request: FastifyRequest) =>
  (request.params as { applicationId: string }).applicationId;
const REFERENCE = /^ICV-[0-9A-F]{8}$/;

export function registerApplicationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { custodyApplications: applications } = services;
  const publicCrumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('custody-visiting:public.scheme.title'), href: custodyPaths.publicScheme },
    { text: request.t('custody-visiting:public.become.title'), href: custodyPaths.becomeAVisitor },
  ];
  const staffCrumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('custody-visiting:applications.list.title'), href: paths.list },
  ];

  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const areas = await applications.areas();
    const ticked = checkedValues(values.declarations);
    return renderPage(
      request,
      reply,
      `${T}/apply.njk`,
      {
        title: request.t('custody-visiting:applications.apply.title'),
        breadcrumbs: publicCrumbs(request),
        values,
        errors,
        action: paths.apply,
        areaItems: [
          { value: '', text: request.t('custody-visiting:applications.apply.areaChoose') },
          ...areas.map((a) => ({ value: a, text: a, selected: values.area === a })),
          {
            value: 'not-sure',
            text: request.t('custody-visiting:applications.apply.notSure'),
            selected: values.area === 'not-sure',
          },
        ],
        declarationItems: APPLICATION_DECLARATIONS.map((d) => ({
          value: d,
          text: request.t(`custody-visiting:applications.declarations.${d}`),
          checked: ticked.includes(d),
        })),
      },
      status,
    );
  };

  app.get(paths.apply, publicPage, async (request, reply) => showForm(request, reply, {}));
  registerFormPage(app, paths.apply, publicFormRoute, {
    shownElsewhere: true,
    show: (request, reply, values, errors, status) =>
      showForm(request, reply, values as Values, errors, status),
    async submit(request, reply) {
      const { reference } = await applications.apply((request.body ?? {}) as Values, request.id);
      return reply.redirect(`${paths.applied}?reference=${reference}`, 303);
    },
  });

  app.get(paths.applied, publicPage, async (request, reply) => {
    const given = (request.query as Record<string, unknown>).reference;
    const reference = typeof given === 'string' && REFERENCE.test(given) ? given : null;
    return renderPage(request, reply, `${T}/applied.njk`, {
      title: request.t('custody-visiting:applications.applied.title'),
      breadcrumbs: publicCrumbs(request),
      reference,
      schemeHref: custodyPaths.publicScheme,
    });
  });

  app.get(paths.list, keepers, async (request, reply) => {
    const t = request.t;
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const status = typeof query.status === 'string' ? query.status : undefined;
    const result = await applications.list(request.principal, { ...page, status });
    const filter = result.status ? { status: result.status } : {};
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('custody-visiting:applications.list.title'),
      breadcrumbs: [{ text: t('nav.home'), href: '/' }],
      rows: result.items.map((a) => ({
        ...a,
        href: paths.application(a.id),
        status: t(`custody-visiting:applications.status.${a.status}`),
      })),
      total: result.total,
      action: paths.list,
      statusItems: [
        { value: '', text: t('custody-visiting:applications.list.any') },
        ...VISITOR_APPLICATION_STATUSES.map((s) => ({
          value: s,
          text: t(`custody-visiting:applications.status.${s}`),
          selected: result.status === s,
        })),
      ],
      pagination: paginationFor(paths.list, filter, page.page, page.limit, result.total),
    });
  });

  const showApplication = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const detail = await applications.get(request.principal, idOf(request));
    const a = detail.application;
    return renderPage(
      request,
      reply,
      `${T}/application.njk`,
      {
        title: a.fullName || request.t('custody-visiting:applications.removed'),
        breadcrumbs: staffCrumbs(request),
        ...detail,
        statusText: request.t(`custody-visiting:applications.status.${a.status}`),
        visitorHref: a.visitorId ? custodyPaths.visitor(a.visitorId) : null,
        action: paths.application(a.id),
        values: { version: String(a.version), panelId: detail.suggestedPanelId ?? '', ...values },
        errors,
      },
      status,
    );
  };

  app.get(paths.application.pattern, keepers, async (request, reply) =>
    showApplication(request, reply, {}),
  );
  registerFormPage(app, paths.application.pattern, keepers, {
    shownElsewhere: true,
    show: (request, reply, values, errors, status) =>
      showApplication(request, reply, values as Values, errors, status),
    async submit(request, reply) {
      const after = await applications.decide(
        request.principal,
        idOf(request),
        (request.body ?? {}) as Values,
        request.id,
      );
      if (after.visitorId)
        return redirectWithFlash(
          reply,
          custodyPaths.visitor(after.visitorId),
          request.t('custody-visiting:applications.done.invited', { name: after.fullName }),
        );
      return redirectWithFlash(
        reply,
        paths.application(after.id),
        request.t('custody-visiting:applications.done.declined'),
      );
    },
  });
}
