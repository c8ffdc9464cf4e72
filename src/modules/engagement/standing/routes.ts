/**
 * CON-04: the minimum standards (added and retired by the authority's officers), a group's
 * standing against them, and the form recording an assessment with its history.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { groupCrumbs, registerCrumbs } from '../crumbs.js';
import { engagementPaths as paths } from '../paths.js';
import type { EngagementRouteDeps as RouteDeps } from '../route-deps.js';
import { STANDINGS } from '../rules.js';

const T = 'modules/engagement/standing/views';
const readers = { config: { access: { action: 'engagement.view' as const } } };
const managers = { config: { access: { action: 'engagement.manage' as const } } };
const signedIn = { config: { access: 'signed-in' as const } };

const paramsOf = (request: FastifyRequest) =>
  request.params as { groupId: string; standardId: string };

export function registerStandingRoutes({ app, services, renderPage }: RouteDeps): void {
  const { engagementStanding: standing } = services;

  const showStandards = formShow(renderPage, `${T}/standards.njk`, async (request) => ({
    title: request.t('engagement:standards.title'),
    breadcrumbs: registerCrumbs(request),
    standards: (await standing.standards(request.principal)).map((s) => ({
      ...s,
      retireAction: paths.retireStandard(s.id),
    })),
    canManage: can(request.principal, 'engagement.manage'),
    action: paths.standards,
  }));
  app.get(paths.standards, readers, (request, reply) => showStandards(request, reply, {}));

  registerFormPage(app, paths.standards, managers, {
    shownElsewhere: true,
    show: showStandards,
    async submit(request, reply) {
      const row = await standing.addStandard(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.standards,
        request.t('engagement:standards.added', { title: row.title }),
      );
    },
  });

  registerFormPage(app, paths.retireStandard.pattern, managers, {
    shownElsewhere: true,
    show: showStandards,
    async submit(request, reply) {
      const row = await standing.retireStandard(
        request.principal,
        paramsOf(request).standardId,
        {},
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.standards,
        request.t('engagement:standards.retired', { title: row.title }),
      );
    },
  });

  app.get(paths.standing.pattern, signedIn, async (request, reply) => {
    const found = await standing.standing(request.principal, paramsOf(request).groupId);
    const canManage = can(request.principal, 'engagement.manage') && !found.group.closedOn;
    return renderPage(request, reply, `${T}/standing.njk`, {
      title: request.t('engagement:standing.title', { name: found.group.name }),
      breadcrumbs: groupCrumbs(request, found.group),
      group: found.group,
      summary: found.summary,
      rows: found.rows.map((r) => ({
        ...r,
        assessHref: paths.assess(found.group.id, r.standard.id),
      })),
      canManage,
    });
  });

  registerFormPage(app, paths.assess.pattern, managers, {
    initial: () => standing.assessDefaults(),
    show: formShow(renderPage, `${T}/assess.njk`, async (request, values) => {
      const { groupId, standardId } = paramsOf(request);
      const found = await standing.history(request.principal, groupId, standardId);
      return {
        title: request.t('engagement:standing.assessTitle', { code: found.standard.code }),
        breadcrumbs: [
          ...groupCrumbs(request, found.group),
          { text: request.t('engagement:standing.heading'), href: paths.standing(groupId) },
        ],
        group: found.group,
        standard: found.standard,
        history: found.rows,
        standingItems: STANDINGS.map((s) => ({
          value: s,
          text: request.t(`engagement:standings.${s}`),
          checked: s === values.standing,
        })),
        action: paths.assess(groupId, standardId),
        backHref: paths.standing(groupId),
      };
    }),
    async submit(request, reply) {
      const { groupId, standardId } = paramsOf(request);
      const row = await standing.assess(
        request.principal,
        groupId,
        standardId,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.standing(groupId),
        request.t('engagement:standing.recorded', {
          code: row.standard.code,
          standing: request.t(`engagement:standings.${row.standing}`),
        }),
      );
    },
  });
}
