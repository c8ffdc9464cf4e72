/** The directory's home page: one search across organisations and people. */
import { can } from '../../../platform/auth/permissions.js';
import { queryString } from '../../../platform/http/pagination.js';
import { directoryPaths as paths } from '../paths.js';
import type { DirectoryRouteDeps as RouteDeps } from '../route-deps.js';
import { homeView } from './presenter.js';

const view = { config: { access: { action: 'directory.view' as const } } };

export function registerDirectoryHomeRoutes({ app, services, renderPage }: RouteDeps): void {
  const { directory } = services;

  app.get(paths.home, view, async (request, reply) => {
    const q = queryString(request.query, 'q');
    const first = { limit: 10, offset: 0, q };
    const [orgs, people] = await Promise.all([
      directory.organisations.list(request.principal, first),
      directory.people.list(request.principal, first),
    ]);
    return renderPage(request, reply, 'modules/directory/home/views/home.njk', {
      title: request.t('directory:nav.directory'),
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      ...homeView(request.t, q, orgs, people),
      canEdit: can(request.principal, 'directory.edit'),
    });
  });
}
