import type { Translate } from '../i18n/messages.js';
import type { RouteDeps } from '../modules.js';
import { NotFoundError } from '../errors.js';
import { paginationFor, queryString } from '../http/pagination.js';
import { isUuid } from '../http/params.js';
import { field, formValues, redirectWithFlash, withFormErrors } from '../http/render.js';
import { pageRequest } from '../db/search.js';
import { ROLE_INFO, ROLES } from './roles.js';

const manage = { config: { access: { action: 'users.manage' as const } } };
const crumbs = (t: Translate) => [
  { text: t('nav.home'), href: '/' },
  { text: t('nav.users'), href: '/admin/users' },
];

export function registerUserAdminRoutes({ app, services, renderPage }: RouteDeps): void {
  const { users } = services;

  async function roleOptions(t: Translate) {
    const [boroughs, groups] = await Promise.all([
      users.scopeOptions('borough'),
      users.scopeOptions('group'),
    ]);
    return {
      roleItems: [
        { value: '', text: t('admin.roles.select') },
        ...ROLES.map((r) => ({ value: r, text: ROLE_INFO[r].label })),
      ],
      scopeItems: [
        { value: '', text: t('admin.roles.anyScope') },
        ...boroughs.map((b) => ({ value: b.id, text: t('admin.roles.borough', { name: b.name }) })),
        ...groups.map((g) => ({ value: g.id, text: t('admin.roles.group', { name: g.name }) })),
      ],
    };
  }

  app.get('/admin/users', manage, async (request, reply) => {
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
      result,
      pagination: paginationFor('/admin/users', { q }, page.page, page.limit, result.total),
    });
  });

  app.get('/admin/users/new', manage, async (request, reply) =>
    renderPage(request, reply, 'platform/views/admin/user-new.njk', {
      title: request.t('admin.users.new.title'),
      breadcrumbs: crumbs(request.t),
      values: {},
      ...(await roleOptions(request.t)),
    }),
  );

  app.post('/admin/users/new', manage, async (request, reply) =>
    withFormErrors(
      async () => {
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
        return redirectWithFlash(reply, `/admin/users/${id}`, request.t('admin.users.new.created'));
      },
      async (errors, status) =>
        renderPage(
          request,
          reply,
          'platform/views/admin/user-new.njk',
          {
            title: request.t('admin.users.new.title'),
            breadcrumbs: crumbs(request.t),
            errors,
            values: formValues(request.body),
            ...(await roleOptions(request.t)),
          },
          status,
        ),
    ),
  );

  async function showUser(
    request: Parameters<typeof renderPage>[0],
    reply: Parameters<typeof renderPage>[1],
    userId: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    if (!isUuid(userId)) throw new NotFoundError();
    const user = await users.get(request.principal, userId);
    return renderPage(
      request,
      reply,
      'platform/views/admin/user.njk',
      {
        title: request.t('admin.users.user.title', { name: user.displayName }),
        breadcrumbs: crumbs(request.t),
        user,
        values: {},
        ...(await roleOptions(request.t)),
        ...extra,
      },
      status,
    );
  }

  app.get('/admin/users/:userId', manage, async (request, reply) =>
    showUser(request, reply, (request.params as { userId: string }).userId),
  );

  app.post('/admin/users/:userId/roles', manage, async (request, reply) => {
    const { userId } = request.params as { userId: string };
    if (!isUuid(userId)) throw new NotFoundError();
    return withFormErrors(
      async () => {
        await users.grantRole(
          request.principal,
          userId,
          {
            role: field(request.body, 'role'),
            scopeId: field(request.body, 'scopeId') || undefined,
          },
          request.id,
        );
        return redirectWithFlash(
          reply,
          `/admin/users/${userId}`,
          request.t('admin.users.roleAdded'),
        );
      },
      (errors, status) =>
        showUser(request, reply, userId, { errors, values: formValues(request.body) }, status),
    );
  });

  app.post('/admin/users/:userId/roles/:assignmentId/remove', manage, async (request, reply) => {
    const { userId, assignmentId } = request.params as { userId: string; assignmentId: string };
    if (!isUuid(userId) || !isUuid(assignmentId)) throw new NotFoundError();
    return withFormErrors(
      async () => {
        await users.revokeRole(request.principal, userId, assignmentId, request.id);
        return redirectWithFlash(
          reply,
          `/admin/users/${userId}`,
          request.t('admin.users.roleRemoved'),
        );
      },
      (errors, status) => showUser(request, reply, userId, { errors }, status),
    );
  });

  for (const [path, status, message] of [
    ['deactivate', 'deactivated', 'admin.users.deactivatedDone'],
    ['reactivate', 'active', 'admin.users.reactivatedDone'],
  ] as const) {
    app.post(`/admin/users/:userId/${path}`, manage, async (request, reply) => {
      const { userId } = request.params as { userId: string };
      if (!isUuid(userId)) throw new NotFoundError();
      return withFormErrors(
        async () => {
          await users.setStatus(
            request.principal,
            userId,
            status,
            Number(field(request.body, 'version')),
            request.id,
          );
          return redirectWithFlash(reply, `/admin/users/${userId}`, request.t(message));
        },
        (errors, code) =>
          showUser(
            request,
            reply,
            userId,
            { errors: errors.map((e) => ({ ...e, field: 'status' })) },
            code,
          ),
      );
    });
  }
}
