/**
 * CON-04: a group's position statement and development plan for a reporting year, the form for
 * each of its six headings, and its agreement by an authority officer.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { groupCrumbs } from '../crumbs.js';
import { engagementPaths as paths } from '../paths.js';
import type { EngagementRouteDeps as RouteDeps } from '../route-deps.js';
import { yearOf } from './service.js';

const T = 'modules/engagement/plans/views';
const keepers = { config: { access: { action: 'engagement.keep' as const } } };
const managers = { config: { access: { action: 'engagement.manage' as const } } };
const signedIn = { config: { access: 'signed-in' as const } };

const paramsOf = (request: FastifyRequest) =>
  request.params as { groupId: string; year: string; heading: string };

export function registerPlanRoutes({ app, services, renderPage }: RouteDeps): void {
  const { engagementPlans: plans } = services;

  const showPlan = formShow(renderPage, `${T}/plan.njk`, async (request) => {
    const { groupId, year } = paramsOf(request);
    const found = await plans.plan(request.principal, groupId, yearOf(year));
    const startYear = String(found.year.startYear);
    return {
      title: request.t('engagement:plans.title', {
        name: found.group.name,
        year: found.year.label,
      }),
      breadcrumbs: groupCrumbs(request, found.group),
      group: found.group,
      year: found.year,
      plan: found.plan,
      agreedBy: found.agreedBy,
      headings: found.headings.map((h) => ({
        ...h,
        href: paths.planHeading(found.group.id, startYear, h.heading),
      })),
      missing: found.missing,
      mayKeep: found.mayKeep,
      mayAgree:
        can(request.principal, 'engagement.manage') &&
        !found.plan?.agreedAt &&
        !found.group.closedOn,
      agreeAction: paths.agreePlan(found.group.id, startYear),
      previousHref: paths.plan(found.group.id, String(found.year.startYear - 1)),
      nextHref: paths.plan(found.group.id, String(found.year.startYear + 1)),
    };
  });
  app.get(paths.plan.pattern, signedIn, (request, reply) => showPlan(request, reply, {}));

  registerFormPage(app, paths.agreePlan.pattern, managers, {
    shownElsewhere: true,
    show: showPlan,
    async submit(request, reply) {
      const { groupId, year } = paramsOf(request);
      await plans.agree(
        request.principal,
        groupId,
        yearOf(year),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.plan(groupId, year),
        request.t('engagement:plans.agreed'),
      );
    },
  });

  registerFormPage(app, paths.planHeading.pattern, keepers, {
    initial: async (request) => {
      const { groupId, year, heading } = paramsOf(request);
      return (await plans.headingValues(request.principal, groupId, yearOf(year), heading)).values;
    },
    show: formShow(renderPage, `${T}/heading.njk`, async (request) => {
      const { groupId, year, heading } = paramsOf(request);
      const { group, values } = await plans.headingValues(
        request.principal,
        groupId,
        yearOf(year),
        heading,
      );
      return {
        title: request.t('engagement:plans.headingTitle', {
          heading: request.t(`engagement:headings.${values.heading}`),
        }),
        breadcrumbs: [
          ...groupCrumbs(request, group),
          { text: request.t('engagement:plans.heading'), href: paths.plan(groupId, year) },
        ],
        heading: values.heading,
        action: paths.planHeading(groupId, year, values.heading),
        backHref: paths.plan(groupId, year),
      };
    }),
    async submit(request, reply) {
      const { groupId, year, heading } = paramsOf(request);
      const saved = await plans.saveHeading(
        request.principal,
        groupId,
        yearOf(year),
        { ...((request.body ?? {}) as Record<string, string>), heading },
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.plan(groupId, year),
        request.t('engagement:plans.saved', {
          heading: request.t(`engagement:headings.${saved.heading}`),
        }),
      );
    },
  });
}
