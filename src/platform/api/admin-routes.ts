import type { Translate } from '../i18n/messages.js';
import type { RouteDeps } from '../modules.js';
import { NotFoundError } from '../errors.js';
import { isUuid } from '../http/params.js';
import { field, formValues, redirectWithFlash, registerFormPage } from '../http/render.js';
import { apiTokenPaths } from './paths.js';

const manage = { config: { access: { action: 'api-tokens.manage' as const } } };
const crumbs = (t: Translate) => [
  { text: t('nav.home'), href: '/' },
  { text: t('nav.apiTokens'), href: apiTokenPaths.tokens },
];

function scopesOf(body: unknown): string[] {
  const value = (body as Record<string, unknown> | undefined)?.scopes;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function registerApiTokenRoutes({ app, services, renderPage }: RouteDeps): void {
  const { apiTokens } = services;

  app.get(apiTokenPaths.tokens, manage, async (request, reply) => {
    const tokens = await apiTokens.list(request.principal);
    return renderPage(request, reply, 'platform/views/admin/api-tokens.njk', {
      title: request.t('admin.apiTokens.title'),
      width: 'full',
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      tokens: tokens.map((token) => ({ ...token, revokeHref: apiTokenPaths.revoke(token.id) })),
    });
  });

  registerFormPage(app, apiTokenPaths.newToken, manage, {
    initial: () => ({ expiresInDays: '365', scopes: ['directory:read'] }),
    show: (request, reply, values, errors, status) =>
      renderPage(
        request,
        reply,
        'platform/views/admin/api-token-new.njk',
        {
          title: request.t('admin.apiTokens.new.title'),
          breadcrumbs: crumbs(request.t),
          errors,
          values: formValues(values),
          scopes: scopesOf(values),
        },
        status,
      ),
    async submit(request, reply) {
      const issued = await apiTokens.issue(
        request.principal,
        {
          name: field(request.body, 'name'),
          scopes: scopesOf(request.body),
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
  });

  app.post(apiTokenPaths.revoke.pattern, manage, async (request, reply) => {
    const { tokenId } = request.params as { tokenId: string };
    if (!isUuid(tokenId)) throw new NotFoundError();
    await apiTokens.revoke(request.principal, tokenId, request.id);
    return redirectWithFlash(reply, apiTokenPaths.tokens, request.t('admin.apiTokens.revokedDone'));
  });
}
