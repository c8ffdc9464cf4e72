/**
 * Workforce equality (issue 27 part 3; LEG-04, DP-01): the force's headcounts at a date by
 * workforce (officers, staff, PCSOs), rank band, sex and ethnic group, typed or imported by the
 * authority's officers; the shares of minority-ethnic and of female personnel over time, and a
 * snapshot by rank band, published for anyone with small counts suppressed, and as open data.
 * Its one public face (ADR 0014).
 */
import { workforceHeadline } from './public/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import { workforceOpenData } from './open-data.js';
import { workforcePaths } from './paths.js';
import { registerPublicRoutes } from './public/routes.js';
import { createPublicWorkforceService } from './public/service.js';
import type { WorkforceServices } from './route-deps.js';
import { registerSnapshotRoutes } from './snapshots/routes.js';
import { createSnapshotsService } from './snapshots/service.js';

export { workforcePaths } from './paths.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export { loadWorkforceDemo, removeWorkforceDemo } from './demo.js';

export interface WorkforceModule extends BridgeModule<Record<string, never>> {
  services: WorkforceServices;
}

export function createWorkforceModule(deps: ModuleDeps): WorkforceModule {
  const { platform } = deps;
  const { db, t } = platform;
  const now = deps.now ?? (() => new Date());
  const services: WorkforceServices = {
    workforceSnapshots: createSnapshotsService({ db, t, now }),
    workforcePublic: createPublicWorkforceService({ db }),
  };
  return {
    name: 'workforce',
    api: {},
    services,
    openData: workforceOpenData(t),
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config: platform.config,
        services: { ...platform, ...services },
      };
      registerSnapshotRoutes(routeDeps);
      registerPublicRoutes(routeDeps);
    },
    // No entry in the navigation: the home pages offer it, and the public indicators link to it.
    publicHeadline: (t) => workforceHeadline(services.workforcePublic, t),
    publicTasks: (t) => [
      {
        order: 49,
        href: workforcePaths.publicFigures,
        text: t('workforce:homeTasks.public.text'),
        hint: t('workforce:homeTasks.public.hint'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'workforce.view') && {
        order: 150,
        href: workforcePaths.snapshots,
        text: t('workforce:homeTasks.staff.text'),
        hint: t('workforce:homeTasks.staff.hint'),
      },
    ],
  };
}
