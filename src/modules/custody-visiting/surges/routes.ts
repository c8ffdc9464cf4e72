/**
 * Surges (ICV-10, LEG-05): their list, declaring one, a surge's page and ending it early. The
 * scheme manager's alone.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { custodyPaths as paths } from '../paths.js';
import type { CustodyVisitingRouteDeps as RouteDeps } from '../route-deps.js';
import { formatTarget } from '../rules.js';
import { checkedValues } from '../../../platform/http/form-fields.js';

const T = 'modules/custody-visiting/surges/views';
const managers = { config: { access: { action: 'custody.manage' as const } } };
const idOf = (request: FastifyRequest) => (request.params as { surgeId: string }).surgeId;
const saveForSurge = saveFor('surgeId');

export function registerSurgeRoutes({ app, services, renderPage }: RouteDeps): void {
  const { custodySurges: surges } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('custody-visiting:surges.title'), href: paths.surges },
  ];

  app.get(paths.surges, managers, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await surges.list(request.principal, page);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('custody-visiting:surges.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      rows: result.items.map((s) => ({
        ...s,
        href: paths.surge(s.id),
        target: formatTarget(s.visitsPerWeek),
        running: s.startsOn <= result.today && s.endsOn >= result.today,
      })),
      total: result.total,
      newSurgeHref: paths.newSurge,
      pagination: paginationFor(paths.surges, {}, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.newSurge, managers, {
    show: formShow(renderPage, `${T}/form.njk`, async (request, values) => {
      const chosen = checkedValues(values.suites);
      const areas = await surges.suitesByArea(request.principal);
      return {
        title: request.t('custody-visiting:surges.declare'),
        breadcrumbs: crumbs(request),
        areas: areas.map((a, i) => ({
          ...a,
          // The first box is the field the error summary's link goes to.
          idPrefix: i === 0 ? 'suites' : `suites-${i}`,
          items: a.suites.map((s) => ({
            value: s.id,
            text: s.name,
            checked: chosen.includes(s.id),
          })),
        })),
        action: paths.newSurge,
      };
    }),
    async submit(request, reply) {
      const surge = await surges.declare(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.surge(surge.id),
        request.t('custody-visiting:surges.declared', { name: surge.name }),
      );
    },
  });

  app.get(paths.surge.pattern, managers, async (request, reply) => {
    const detail = await surges.get(request.principal, idOf(request));
    return renderPage(request, reply, `${T}/surge.njk`, {
      title: detail.surge.name,
      breadcrumbs: crumbs(request),
      ...detail,
      target: formatTarget(detail.surge.visitsPerWeek),
      endHref: paths.endSurge(detail.surge.id),
    });
  });

  registerFormPage(app, paths.endSurge.pattern, managers, {
    initial: async (request) => ({
      ...surges.endFormValues(),
      version: String((await surges.get(request.principal, idOf(request))).surge.version),
    }),
    show: formShow(renderPage, `${T}/end.njk`, async (request) => {
      const detail = await surges.get(request.principal, idOf(request));
      return {
        title: request.t('custody-visiting:surges.end.title'),
        breadcrumbs: [
          ...crumbs(request),
          { text: detail.surge.name, href: paths.surge(detail.surge.id) },
        ],
        ...detail,
        action: paths.endSurge(detail.surge.id),
        backHref: paths.surge(detail.surge.id),
      };
    }),
    submit: saveForSurge(surges.end, (id, surge, request) => ({
      to: paths.surge(id),
      message: request.t('custody-visiting:surges.ended', { name: surge.name }),
    })),
  });
}
