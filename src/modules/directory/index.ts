/**
 * The directory of people and organisations: its one public face (ADR 0014). Other modules
 * read people and organisations only through `DirectoryApi`.
 */
import { can } from '../../platform/auth/permissions.js';
import { findUserIdByEmail } from '../../platform/auth/users-service.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import { registerDirectoryApiRoutes } from './api-routes.js';
import { directoryPaths } from './paths.js';
import { registerDirectoryRoutes } from './routes.js';
import { createDirectoryService, type DirectoryService } from './service.js';

export { personPickerItems } from './person-picker.js';
export { ORGANISATION_KINDS, type OrganisationKind } from './kinds.js';
export type { Organisation, Person, PersonSummary, DirectoryService } from './service.js';
export { personInOrganisationSql } from './api/person-in-organisation.js';

export interface DirectoryApi {
  directory: DirectoryService;
}

export interface DirectoryModule extends BridgeModule<DirectoryApi> {
  services: { directory: DirectoryService };
}

export function createDirectoryModule(deps: ModuleDeps): DirectoryModule {
  const { platform } = deps;
  const directory = createDirectoryService({
    db: platform.db,
    userIdForEmail: findUserIdByEmail,
    now: deps.now,
  });
  const services = { directory };
  return {
    name: 'directory',
    api: { directory },
    services,
    async registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config: platform.config,
        services: { ...platform, ...services },
      };
      registerDirectoryRoutes(routeDeps);
      await app.register(async (api) => registerDirectoryApiRoutes({ ...routeDeps, app: api }), {
        prefix: '/api/v1',
      });
    },
    navigation: [
      {
        order: 10,
        text: 'Directory',
        href: directoryPaths.home,
        visible: (p) => can(p, 'directory.view'),
      },
    ],
    homeTasks: async (p) => [
      can(p, 'directory.view') && {
        order: 190,
        href: directoryPaths.home,
        text: 'Directory',
        hint: 'People and organisations: police units, boroughs, directorates, partners and community groups',
      },
    ],
  };
}
