/**
 * Information rights (issue 28 parts 3 and 5; DP-02): the register of subject access requests,
 * each answered with the archive of everything Bridge holds about the person, gathered from every
 * module; and the register of requests to erase or correct, an erasure carried out in every
 * module through the same interface. Its one public face (ADR 0014).
 */
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import { informationRightsPaths } from './paths.js';
import { createInformationRightsErasure } from './erasure.js';
import { createInformationRightsPersonData } from './person-data.js';
import { registerErasureRoutes } from './erasures/routes.js';
import { createErasureRequestsService } from './erasures/service.js';
import { registerSubjectAccessRoutes } from './requests/routes.js';
import { subjectAccessArchivesRetention } from './retention.js';
import { createSubjectAccessService } from './requests/service.js';
import type { InformationRightsServices } from './route-deps.js';

export { informationRightsPaths } from './paths.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export { loadInformationRightsDemo, removeInformationRightsDemo } from './demo.js';

/** What other parts of Bridge ask of information rights (nothing yet). */
export type InformationRightsApi = Record<string, never>;

export interface InformationRightsModule extends BridgeModule<InformationRightsApi> {
  services: InformationRightsServices;
}

export function createInformationRightsModule(
  deps: ModuleDeps & {
    directory: DirectoryApi;
    /** Every module, whose parts an archive gathers (asked when needed: app.ts lists them last). */
    modules: () => readonly BridgeModule[];
  },
): InformationRightsModule {
  const { platform, directory, modules } = deps;
  const { db, config, t, files } = platform;
  const now = deps.now ?? (() => new Date());
  const services: InformationRightsServices = {
    subjectAccess: createSubjectAccessService({ db, directory, files, modules, now, t }),
    erasureRequests: createErasureRequestsService({ db, directory, files, modules, now, t }),
  };
  return {
    name: 'information-rights',
    api: {},
    services,
    personData: createInformationRightsPersonData(t),
    erasePerson: createInformationRightsErasure({ files, directory: directory.directory }),
    // DP-03: the archives sent on the retention schedule.
    retention: [subjectAccessArchivesRetention(files)],
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config,
        services: { ...platform, ...services, directory: directory.directory },
      };
      registerSubjectAccessRoutes(routeDeps);
      registerErasureRoutes(routeDeps);
    },
    navigation: [
      {
        order: 87,
        textKey: 'information-rights:nav.requests',
        href: informationRightsPaths.requests,
        visible: (p) => can(p, 'subject-access.manage'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'subject-access.manage') && {
        order: 149,
        href: informationRightsPaths.requests,
        text: t('information-rights:homeTasks.requests.text'),
        hint: t('information-rights:homeTasks.requests.hint'),
      },
      can(p, 'subject-access.manage') && {
        order: 150,
        href: informationRightsPaths.erasures,
        text: t('information-rights:homeTasks.erasures.text'),
        hint: t('information-rights:homeTasks.erasures.hint'),
      },
    ],
  };
}
