import type { RouteDeps } from '../modules.js';
import { NotFoundError } from '../errors.js';
import { paginationFor, queryString } from '../http/pagination.js';
import { isUuid } from '../http/params.js';
import { field, formValues, redirectWithFlash, withFormErrors } from '../http/render.js';
import { pageRequest } from '../db/search.js';
import { ROLE_INFO, ROLES } from './roles.js';

const manage = { config: { access: { action: 'users.manage' as const } } };
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Users', href: '/admin/users' },
];

export function registerUserAdminRoutes({ app, services, renderPage }: RouteDeps): void {
  const { users } = services;

  async function roleOptions() {
    const [boroughs, groups] = await Promise.all([
      users.scopeOptions('borough'),
      users.scopeOptions('group'),
    ]);
    return {
      roleItems: [
        { value: '', text: 'Select a role' },
        ...ROLES.map((r) => ({ value: r, text: ROLE_INFO[r].label })),
      ],
      scopeItems: [
        { value: '', text: 'Not limited to one group or borough' },
        ...boroughs.map((b) => ({ value: b.id, text: `Borough: ${b.name}` })),
        ...groups.map((g) => ({ value: g.id, text: `Group: ${g.name}` })),
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
      title: 'Users',
      width: 'full',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      q,
      result,
      pagination: paginationFor('/admin/users', { q }, page.page, page.limit, result.total),
    });
  });

  app.get('/admin/users/new', manage, async (request, reply) =>
    renderPage(request, reply, 'platform/views/admin/user-new.njk', {
      title: 'Create a user account',
      breadcrumbs: crumbs,
      values: {},
      ...(await roleOptions()),
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
        return redirectWithFlash(
          reply,
          `/admin/users/${id}`,
          'Account created. We have e-mailed the person a link to choose their password',
        );
      },
      async (errors, status) =>
        renderPage(
          request,
          reply,
          'platform/views/admin/user-new.njk',
          {
            title: 'Create a user account',
            breadcrumbs: crumbs,
            errors,
            values: formValues(request.body),
            ...(await roleOptions()),
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
        title: `User account: ${user.displayName}`,
        breadcrumbs: crumbs,
        user,
        values: {},
        ...(await roleOptions()),
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
        return redirectWithFlash(reply, `/admin/users/${userId}`, 'Role added');
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
        return redirectWithFlash(reply, `/admin/users/${userId}`, 'Role removed');
      },
      (errors, status) => showUser(request, reply, userId, { errors }, status),
    );
  });

  for (const [path, status, message] of [
    ['deactivate', 'deactivated', 'Account deactivated. All its sessions have ended'],
    ['reactivate', 'active', 'Account reactivated'],
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
          return redirectWithFlash(reply, `/admin/users/${userId}`, message);
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
