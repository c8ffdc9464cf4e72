/**
 * CON-04: the register of engagement groups, a group's page, and the forms adding, changing and
 * closing a group. Read by staff and by a group's own officer (their group); kept by the
 * authority's officers.
 */
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
import { mayKeepGroup } from '../access.js';
import { groupCrumbs, registerCrumbs } from '../crumbs.js';
import { engagementPaths as paths } from '../paths.js';
import type { EngagementRouteDeps as RouteDeps } from '../route-deps.js';
import { OFFICER_ROLES, STANDING_FILTERS } from '../rules.js';

const T = 'modules/engagement/register/views';
const readers = { config: { access: { action: 'engagement.view' as const } } };
const managers = { config: { access: { action: 'engagement.manage' as const } } };
// A group's page is read by staff and by the group's own officer: the service decides.
const signedIn = { config: { access: 'signed-in' as const } };

const groupIdOf = (request: FastifyRequest) => (request.params as { groupId: string }).groupId;
const saveForGroup = saveFor('groupId');

export function registerGroupRoutes({ app, services, renderPage }: RouteDeps): void {
  const {
    engagementRegister: register,
    engagementPlans: plans,
    engagementIssues: issues,
    meetingReads,
    publicMeetings,
  } = services;

  const boroughItems = async (request: FastifyRequest, chosen: unknown, anyKey: string) => [
    { value: '', text: request.t(anyKey) },
    ...(await register.boroughs()).map((b) => ({
      value: b.id,
      text: b.name,
      selected: b.id === chosen,
    })),
  ];

  app.get(paths.groups, readers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const result = await register.list(
      request.principal,
      {
        borough: queryString(query, 'borough'),
        standing: queryString(query, 'standing'),
        q: queryString(query, 'q'),
      },
      page,
    );
    const { filter } = result;
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('engagement:groups.title'),
      breadcrumbs: registerCrumbs(request).slice(0, 1),
      rows: result.items.map((g) => ({ ...g, href: paths.group(g.id) })),
      total: result.total,
      q: filter.q,
      boroughItems: await boroughItems(request, filter.borough, 'engagement:groups.anyBorough'),
      standingItems: [
        { value: '', text: request.t('engagement:groups.anyStanding') },
        ...STANDING_FILTERS.map((s) => ({
          value: s,
          text: request.t(`engagement:standingFilters.${s}`),
          selected: s === filter.standing,
        })),
      ],
      canManage: can(request.principal, 'engagement.manage'),
      paths,
      pagination: paginationFor(
        paths.groups,
        {
          borough: filter.borough ?? undefined,
          standing: filter.standing ?? undefined,
          q: filter.q || undefined,
        },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  const groupForm = (title: string) =>
    formShow(renderPage, `${T}/form.njk`, async (request, values) => {
      const id = (request.params as { groupId?: string }).groupId;
      const group = id ? (await register.group(request.principal, id)).group : undefined;
      return {
        title: request.t(title),
        breadcrumbs: group ? groupCrumbs(request, group) : registerCrumbs(request),
        boroughItems: await boroughItems(
          request,
          values.boroughId,
          'engagement:groups.chooseBorough',
        ),
        officerRoles: OFFICER_ROLES,
        action: group ? paths.editGroup(group.id) : paths.newGroup,
        backHref: group ? paths.group(group.id) : paths.groups,
      };
    });

  registerFormPage(app, paths.newGroup, managers, {
    show: groupForm('engagement:groups.add'),
    async submit(request, reply) {
      const group = await register.create(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.group(group.id),
        request.t('engagement:groups.added', { name: group.name }),
      );
    },
  });

  registerFormPage(app, paths.editGroup.pattern, managers, {
    initial: (request) => register.values(request.principal, groupIdOf(request)),
    show: groupForm('engagement:groups.change'),
    submit: saveForGroup(register.update, (id, group, request) => ({
      to: paths.group(id),
      message: request.t('engagement:groups.changed', { name: group.name }),
    })),
  });

  const showGroup = formShow(renderPage, `${T}/group.njk`, async (request) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 10);
    const found = await register.group(request.principal, groupIdOf(request));
    const { group } = found;
    const year = plans.currentYear();
    const [plan, groupIssues, next, published] = await Promise.all([
      plans.plan(request.principal, group.id, year),
      issues.forGroup(request.principal, group.id, page),
      meetingReads.upcomingMeeting('engagement_group', group.id),
      publicMeetings.list('engagement_group', group.id),
    ]);
    return {
      title: group.name,
      breadcrumbs: registerCrumbs(request),
      group,
      borough: found.borough,
      officers: OFFICER_ROLES.map((role) => ({ role, person: found.officers[role] })),
      summary: found.summary,
      plan: {
        label: plan.year.label,
        href: paths.plan(group.id, String(year)),
        written: 6 - plan.missing.length,
        agreed: !!plan.plan?.agreedAt,
      },
      next,
      recent: published.filter((m) => register.isPast(m.startsAt)).slice(0, 5),
      meetingsHref: `${paths.meetingsPrefix}/${group.id}/meetings`,
      issues: groupIssues.items.map((i) => ({ ...i, href: paths.issue(i.id) })),
      issuesTotal: groupIssues.total,
      standingHref: paths.standing(group.id),
      newIssueHref: paths.newIssue(group.id),
      editHref: paths.editGroup(group.id),
      closeAction: paths.closeGroup(group.id),
      canManage: can(request.principal, 'engagement.manage') && !group.closedOn,
      canKeep: mayKeepGroup(request.principal, group.id) && !group.closedOn,
      pagination: paginationFor(
        paths.group(group.id),
        {},
        page.page,
        page.limit,
        groupIssues.total,
      ),
    };
  });
  app.get(paths.group.pattern, signedIn, (request, reply) => showGroup(request, reply, {}));

  registerFormPage(app, paths.closeGroup.pattern, managers, {
    shownElsewhere: true,
    show: showGroup,
    submit: saveForGroup(register.close, (id, group, request) => ({
      to: paths.group(id),
      message: request.t('engagement:groups.closed', { name: group.name }),
    })),
  });
}
