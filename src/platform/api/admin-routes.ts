import type { Translate } from '../i18n/messages.js';
import type { RouteDeps } from '../modules.js';
import { NotFoundError } from '../errors.js';
import { isUuid } from '../http/params.js';
import { field, formValues, redirectWithFlash, withFormErrors } from '../http/render.js';

const manage = { config: { access: { action: 'api-tokens.manage' as const } } };
const crumbs = (t: Translate) => [
  { text: t('nav.home'), href: '/' },
  { text: t('nav.apiTokens'), href: '/admin/api-tokens' },
];

function scopesOf(body: unknown): string[] {
  const value = (body as Record<string, unknown> | undefined)?.scopes;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function registerApiTokenRoutes({ app, services, renderPage }: RouteDeps): void {
  const { apiTokens } = services;

  app.get('/admin/api-tokens', manage, async (request, reply) =>
    renderPage(request, reply, 'platform/views/admin/api-tokens.njk', {
      title: request.t('admin.apiTokens.title'),
      width: 'full',
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      tokens: await apiTokens.list(request.principal),
    }),
  );

  app.get('/admin/api-tokens/new', manage, async (request, reply) =>
    renderPage(request, reply, 'platform/views/admin/api-token-new.njk', {
      title: request.t('admin.apiTokens.new.title'),
      breadcrumbs: crumbs(request.t),
      values: { expiresInDays: '365' },
      scopes: ['directory:read'],
    }),
  );

  app.post('/admin/api-tokens/new', manage, async (request, reply) => {
    const scopes = scopesOf(request.body);
    return withFormErrors(
      async () => {
        const issued = await apiTokens.issue(
          request.principal,
          {
            name: field(request.body, 'name'),
            scopes,
            expiresInDays: field(request.body, 'expiresInDays'),
          },
          request.id,
        );
        return renderPage(request, reply, 'platform/views/admin/api-token-issued.njk', {
          title: request.t('admin.apiTokens.issuedTitle'),
          breadcrumbs: crumbs(request.t),
          token: issued.token,
        });
      },
      (errors, status) =>
        renderPage(
          request,
          reply,
          'platform/views/admin/api-token-new.njk',
          {
            title: request.t('admin.apiTokens.new.title'),
            breadcrumbs: crumbs(request.t),
            errors,
            values: formValues(request.body),
            scopes,
          },
          status,
        ),
    );
  });

  app.post('/admin/api-tokens/:tokenId/revoke', manage, async (request, reply) => {
    const { tokenId } = request.params as { tokenId: string };
    if (!isUuid(tokenId)) throw new NotFoundError();
    await apiTokens.revoke(request.principal, tokenId, request.id);
    return redirectWithFlash(reply, '/admin/api-tokens', request.t('admin.apiTokens.revokedDone'));
  });
}
