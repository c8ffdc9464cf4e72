/**
 * What the API is, for everyone (linked from every page's footer): a page of Bridge's own,
 * built from the same OpenAPI description the API's routes declare, and that description as
 * JSON for integrators' tools. The interactive reference (Swagger UI) is the administrators',
 * who issue the tokens (see app.ts).
 */
import type { RouteDeps } from '../modules.js';
import { can } from '../auth/permissions.js';
import { apiDocsPaths, apiTokenPaths } from './paths.js';

// app.ts reads the documentation's addresses from here.

/** The interactive reference's link, for those who may open it. */
export function apiReferenceHref(principal: Parameters<typeof can>[0]): string | undefined {
  return can(principal, 'api-tokens.manage') ? apiDocsPaths.reference : undefined;
}

interface OpenApiOperation {
  summary?: string;
  tags?: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function registerApiDocsRoutes({ app, renderPage, config }: RouteDeps): void {
  const publicAccess = { config: { access: 'public' as const } };

  app.get(apiDocsPaths.openApi, publicAccess, async () => app.swagger());

  app.get(apiDocsPaths.about, publicAccess, async (request, reply) => {
    const spec = app.swagger() as { paths?: Record<string, Record<string, OpenApiOperation>> };
    const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({
        method: m.toUpperCase(),
        path,
        summary: item[m]!.summary ?? '',
      })),
    );
    return renderPage(request, reply, 'platform/views/api-documentation.njk', {
      title: request.t('api.title'),
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      width: 'full',
      operations,
      openApiUrl: `${config.publicUrl}${apiDocsPaths.openApi}`,
      openApiPath: apiDocsPaths.openApi,
      referenceHref: apiReferenceHref(request.principal),
      tokensHref: can(request.principal, 'api-tokens.manage') ? apiTokenPaths.tokens : undefined,
    });
  });
}
