/**
 * Performance indicators (issue 27 parts 1 and 4; CON-01, CDRP-10, LEG-04, ICV-10): measures with
 * their definition, unit, polarity, owner, frequency and breakdown, targets per period, values
 * typed or uploaded by their keepers, each kept with where it came from and when; charts drawn on
 * the server with the same figures in a table, a RAG status against target, and the public ones
 * published for anyone. Its one public face (ADR 0014).
 */
import { indicatorsHeadline } from './public/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, Measure, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import { registerDashboardRoutes } from './dashboard/routes.js';
import { createDashboardService } from './dashboard/service.js';
import { indicatorsPaths } from './paths.js';
import { indicatorsPersonData } from './person-data.js';
import { registerPublicRoutes } from './public/routes.js';
import { indicatorsOpenData } from './public/open-data.js';
import { createPublicIndicatorsService } from './public/service.js';
import { registerRegisterRoutes } from './register/routes.js';
import { createRegisterService } from './register/service.js';
import type { IndicatorsServices } from './route-deps.js';
import { createBridgeValuesSweep } from './values/bridge.js';
import { registerValuesRoutes } from './values/routes.js';
import { createValuesService } from './values/service.js';

export { indicatorsPaths } from './paths.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export { DEMO_INDICATOR_ORGANISATIONS, loadIndicatorsDemo, removeIndicatorsDemo } from './demo.js';

/** Nothing yet: other modules will offer their counts to indicators (issue 27 part 1). */
export type IndicatorsApi = Record<string, never>;

export interface IndicatorsModule extends BridgeModule<IndicatorsApi> {
  services: IndicatorsServices;
}

export function createIndicatorsModule(
  deps: ModuleDeps & {
    directory: DirectoryApi;
    /** Every module's measures (asked when needed: app.ts lists the modules after building them). */
    measures: () => readonly Measure[];
  },
): IndicatorsModule {
  const { platform, directory, measures } = deps;
  const { db, config, t } = platform;
  const now = deps.now ?? (() => new Date());
  const services: IndicatorsServices = {
    indicatorsRegister: createRegisterService({ db, directory, now, t, measures }),
    indicatorsValues: createValuesService({ db, directory, now, t, measures }),
    indicatorsPublic: createPublicIndicatorsService({ db, directory, now }),
    indicatorsBridgeValues: createBridgeValuesSweep({ db, directory, now, measures }),
    indicatorsDashboard: createDashboardService({ db, directory, now }),
  };
  return {
    name: 'indicators',
    api: {},
    services,
    personData: (executor, subject) => indicatorsPersonData(executor, subject, t),
    openData: [indicatorsOpenData(t, directory)],
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerRegisterRoutes(routeDeps);
      registerValuesRoutes(routeDeps);
      registerPublicRoutes(routeDeps);
      registerDashboardRoutes(routeDeps);
    },
    sweeps: [
      // Issue 27 part 1: the values Bridge counts, for the periods ended. Hourly, not daily: a
      // timer starts with the process, and a restart within the day would put a daily one off.
      {
        name: 'indicator values counted',
        everyMs: 60 * 60_000,
        run: services.indicatorsBridgeValues.sweep,
      },
    ],
    navigation: [
      {
        order: 86,
        textKey: 'indicators:nav.staff',
        href: indicatorsPaths.list,
        visible: (p) => can(p, 'indicators.view'),
      },
      {
        order: 89,
        textKey: 'indicators:nav.public',
        href: indicatorsPaths.publicList,
        visible: (p) => p === null,
      },
    ],
    publicHeadline: (t) => indicatorsHeadline(services.indicatorsPublic, t),
    publicTasks: (t) => [
      {
        order: 47,
        href: indicatorsPaths.publicList,
        text: t('indicators:homeTasks.public.text'),
        hint: t('indicators:homeTasks.public.hint'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'indicators.view') && {
        order: 148,
        href: indicatorsPaths.list,
        text: t('indicators:homeTasks.staff.text'),
        hint: t('indicators:homeTasks.staff.hint'),
      },
    ],
  };
}
