import type { Translate } from '../i18n/messages.js';
import type { RouteDeps } from '../modules.js';
import { NotFoundError } from '../errors.js';
import { paginationFor, queryString } from '../http/pagination.js';
import { isUuid } from '../http/params.js';
import { field, formValues, redirectWithFlash, registerFormPage } from '../http/render.js';
import { pageRequest } from '../db/search.js';
import { recordHistoryAddress } from '../audit/paths.js';
import { authPaths } from './paths.js';
import { roleLabel, ROLES } from './roles.js';
import type { UserDetail } from './users-service.js';

const manage = { config: { access: { action: 'users.manage' as const } } };
const crumbs = (t: Translate) => [
  { text: t('nav.home'), href: '/' },
  { text: t('nav.users'), href: authPaths.users },
];

export function registerUserAdminRoutes({ app, services, renderPage }: RouteDeps): void {
  const { users } = services;

  async function roleOptions(t: Translate) {
    const [boroughs, groups, panels, suites, engagementGroups] = await Promise.all([
      users.scopeOptions('borough'),
      users.scopeOptions('group'),
      users.scopeOptions('panel'),
      users.scopeOptions('suite'),
      users.scopeOptions('engagement_group'),
    ]);
    return {
      roleItems: [
        { value: '', text: t('admin.roles.select') },
        ...ROLES.map((r) => ({ value: r, text: roleLabel(t, r) })),
      ],
      scopeItems: [
        { value: '', text: t('admin.roles.anyScope') },
        ...boroughs.map((b) => ({ value: b.id, text: t('admin.roles.borough', { name: b.name }) })),
        ...groups.map((g) => ({ value: g.id, text: t('admin.roles.group', { name: g.name }) })),
        ...panels.map((p) => ({ value: p.id, text: t('admin.roles.panel', { name: p.name }) })),
        ...suites.map((s) => ({ value: s.id, text: t('admin.roles.suite', { name: s.name }) })),
        ...engagementGroups.map((g) => ({
          value: g.id,
          text: t('admin.roles.engagementGroup', { name: g.name }),
        })),
      ],
    };
  }

  app.get(authPaths.users, manage, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await users.list(request.principal, {
      q,
      limit: page.limit,
      offset: page.offset,
    });
    return renderPage(request, reply, 'platform/views/admin/users.njk', {
      title: request.t('admin.users.title'),
      width: 'full',
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      q,
      result: {
        ...result,
        items: result.items.map((u) => ({
          ...u,
          href: authPaths.user(u.id),
          roleLabels: u.roles.map((r) => roleLabel(request.t, r)),
        })),
      },
      pagination: paginationFor(authPaths.users, { q }, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, authPaths.newUser, manage, {
    show: async (request, reply, values, errors, status) =>
      renderPage(
        request,
        reply,
        'platform/views/admin/user-new.njk',
        {
          title: request.t('admin.users.new.title'),
          breadcrumbs: crumbs(request.t),
          errors,
          values: formValues(values),
          ...(await roleOptions(request.t)),
        },
        status,
      ),
    async submit(request, reply) {
      const id = await users.create(
        request.principal,
        {
          email: field(request.body, 'email'),
          displayName: field(request.body, 'displayName'),
          role: field(request.body, 'role'),
          scopeId: field(request.body, 'scopeId') || undefined,
        },
        request.id,
      );
      return redirectWithFlash(reply, authPaths.user(id), request.t('admin.users.new.created'));
    },
  });

  const userIdOf = (request: Parameters<typeof renderPage>[0]) =>
    (request.params as { userId: string }).userId;

  /** The addresses of a user's page's forms and links. */
  function userActions(user: UserDetail) {
    return {
      grantRole: authPaths.grantRole(user.id),
      deactivate: authPaths.deactivateUser(user.id),
      reactivate: authPaths.reactivateUser(user.id),
      history: recordHistoryAddress('user', user.id),
    };
  }

  async function showUser(
    request: Parameters<typeof renderPage>[0],
    reply: Parameters<typeof renderPage>[1],
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const userId = userIdOf(request);
    if (!isUuid(userId)) throw new NotFoundError();
    const user = await users.get(request.principal, userId);
    return renderPage(
      request,
      reply,
      'platform/views/admin/user.njk',
      {
        title: request.t('admin.users.user.title', { name: user.displayName }),
        breadcrumbs: crumbs(request.t),
        user: {
          ...user,
          roles: user.roles.map((r) => ({
            ...r,
            label: roleLabel(request.t, r.role),
            removeHref: authPaths.revokeRole(user.id, r.id),
          })),
        },
        actions: userActions(user),
        values: {},
        ...(await roleOptions(request.t)),
        ...extra,
      },
      status,
    );
  }

  app.get(authPaths.user.pattern, manage, async (request, reply) => showUser(request, reply));

  registerFormPage(app, authPaths.grantRole.pattern, manage, {
    shownElsewhere: true,
    show: (request, reply, values, errors, status) =>
      showUser(request, reply, { errors, values: formValues(values) }, status),
    async submit(request, reply) {
      const userId = userIdOf(request);
      if (!isUuid(userId)) throw new NotFoundError();
      await users.grantRole(
        request.principal,
        userId,
        {
          role: field(request.body, 'role'),
          scopeId: field(request.body, 'scopeId') || undefined,
        },
        request.id,
      );
      return redirectWithFlash(reply, authPaths.user(userId), request.t('admin.users.roleAdded'));
    },
  });

  registerFormPage(app, authPaths.revokeRole.pattern, manage, {
    shownElsewhere: true,
    show: (request, reply, _values, errors, status) => showUser(request, reply, { errors }, status),
    async submit(request, reply) {
      const { userId, assignmentId } = request.params as { userId: string; assignmentId: string };
      if (!isUuid(userId) || !isUuid(assignmentId)) throw new NotFoundError();
      await users.revokeRole(request.principal, userId, assignmentId, request.id);
      return redirectWithFlash(reply, authPaths.user(userId), request.t('admin.users.roleRemoved'));
    },
  });

  for (const [address, status, message] of [
    [authPaths.deactivateUser, 'deactivated', 'admin.users.deactivatedDone'],
    [authPaths.reactivateUser, 'active', 'admin.users.reactivatedDone'],
  ] as const) {
    registerFormPage(app, address.pattern, manage, {
      shownElsewhere: true,
      show: (request, reply, _values, errors, code) =>
        showUser(request, reply, { errors: errors?.map((e) => ({ ...e, field: 'status' })) }, code),
      async submit(request, reply) {
        const userId = userIdOf(request);
        if (!isUuid(userId)) throw new NotFoundError();
        await users.setStatus(
          request.principal,
          userId,
          status,
          Number(field(request.body, 'version')),
          request.id,
        );
        return redirectWithFlash(reply, authPaths.user(userId), request.t(message));
      },
    });
  }
}
