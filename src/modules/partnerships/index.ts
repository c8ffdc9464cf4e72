/**
 * Partnerships (issue 26 part 6; CDRP-01, CDRP-10, CDRP-15): the register of each borough's
 * community safety partnership with its nominated officer and deputy and when each entry was last
 * confirmed (stale entries chased), its audits, strategies, targets and performance by year
 * published for inspection, and its information-sharing protocol with its compliance with the
 * central guidance. Its one public face (ADR 0014).
 */
import { partnershipsHeadline } from './public/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import { partnershipPaths } from './paths.js';
import { partnershipsPersonData } from './person-data.js';
import { registerPublicRoutes } from './public/routes.js';
import { partnershipsOpenData } from './public/open-data.js';
import { createPublicPartnershipsService } from './public/service.js';
import { registerRegisterRoutes } from './register/routes.js';
import { createRegisterService } from './register/service.js';
import { createStaleRemindersService } from './reminders-service.js';
import type { PartnershipsServices } from './route-deps.js';

export { readPartnershipsSettings, type PartnershipsSettings } from './settings.js';
export { partnershipPaths } from './paths.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export { PARTNERSHIP_DEMO_BOROUGHS, loadPartnershipsDemo, removePartnershipsDemo } from './demo.js';

/** What other parts of Bridge ask of the register (nothing yet). */
export type PartnershipsApi = Record<string, never>;

export interface PartnershipsModule extends BridgeModule<PartnershipsApi> {
  services: PartnershipsServices;
}

export function createPartnershipsModule(
  deps: ModuleDeps & { directory: DirectoryApi },
): PartnershipsModule {
  const { platform, directory } = deps;
  const { db, config, t, mail } = platform;
  const now = deps.now ?? (() => new Date());
  const { staleMonths } = config.partnerships;
  const services: PartnershipsServices = {
    partnershipRegister: createRegisterService({ db, directory, now, t, staleMonths }),
    partnershipsPublic: createPublicPartnershipsService({ db, directory, now }),
    partnershipStaleReminders: createStaleRemindersService({
      db,
      directory,
      mail,
      now,
      t,
      publicUrl: config.publicUrl,
      staleMonths,
    }),
  };
  return {
    name: 'partnerships',
    api: {},
    services,
    personData: (executor, subject) => partnershipsPersonData(t, executor, subject),
    openData: [partnershipsOpenData(t, directory)],
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerRegisterRoutes(routeDeps);
      registerPublicRoutes(routeDeps);
    },
    navigation: [
      {
        order: 79,
        textKey: 'partnerships:nav.register',
        href: partnershipPaths.register,
        visible: (p) => can(p, 'partnerships.view'),
      },
      {
        order: 87,
        textKey: 'partnerships:nav.public',
        href: partnershipPaths.publicList,
        visible: (p) => p === null,
      },
    ],
    publicHeadline: (t) => partnershipsHeadline(services.partnershipsPublic, t),
    publicTasks: (t) => [
      {
        order: 45,
        href: partnershipPaths.publicList,
        text: t('partnerships:homeTasks.public.text'),
        hint: t('partnerships:homeTasks.public.hint'),
      },
    ],
    homeTasks: async (p, t) => {
      // A borough's partnership officer is offered their own entry; others, the register.
      const own = can(p, 'partnerships.manage') ? [] : await services.partnershipRegister.keptBy(p);
      return [
        ...own.map((entry) => ({
          order: 150,
          href: partnershipPaths.entry(entry.id),
          text: t('partnerships:homeTasks.own.text', { name: entry.name }),
          hint: t('partnerships:homeTasks.own.hint'),
        })),
        !own.length &&
          can(p, 'partnerships.view') && {
            order: 150,
            href: partnershipPaths.register,
            text: t('partnerships:homeTasks.register.text'),
            hint: t('partnerships:homeTasks.register.hint'),
          },
      ];
    },
    sweeps: [
      // CDRP-01: each stale entry chased once with its borough's partnership officer.
      {
        name: 'partnerships stale entries',
        everyMs: 60 * 60_000,
        run: () => services.partnershipStaleReminders.sendReminders(),
      },
    ],
  };
}
