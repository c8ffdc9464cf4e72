/**
 * Consultation (issue 25, CON-01 to CON-03, CON-06, CON-07): the strategy board, programmes with
 * dated stages, the consultee database, online consultations with their questionnaires and
 * responses, their analysis, "you said, we did", and the citizens' panel. Its one public face
 * (ADR 0014).
 */
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { GroupsApi } from '../groups/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import type { TrackerApi } from '../tracker/index.js';
import { createChoiceService } from './consultees/choice-service.js';
import { consulteePaths } from './consultees/paths.js';
import { registerConsulteeRoutes } from './consultees/routes.js';
import { createConsulteesService } from './consultees/service.js';
import type { ConsultationServices } from './route-deps.js';

export { readConsultationSettings, type ConsultationSettings } from './settings.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export {
  DEMO_CONSULTEE_BOROUGHS,
  loadConsulteesDemo,
  removeConsulteesDemo,
} from './consultees/demo.js';

/** What other parts of Bridge ask of consultation (nothing yet). */
export type ConsultationApi = Record<string, never>;

export interface ConsultationModule extends BridgeModule<ConsultationApi> {
  services: ConsultationServices;
}

export function createConsultationModule(
  deps: ModuleDeps & {
    directory: DirectoryApi;
    groups: GroupsApi;
    meetings: MeetingsApi;
    tracker: TrackerApi;
  },
): ConsultationModule {
  const { platform, directory, groups } = deps;
  const { config, db, mail, t } = platform;
  const now = deps.now ?? (() => new Date());
  const services: ConsultationServices = {
    consultees: createConsulteesService({ db, directory, groups, now, t }),
    consulteeChoice: createChoiceService({ db, mail, now, t, publicUrl: config.publicUrl }),
  };
  return {
    name: 'consultation',
    api: {},
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerConsulteeRoutes(routeDeps);
    },
    homeTasks: async (p, t) => [
      // CON-03: the consultee database, personal data kept by the authority's officers.
      can(p, 'consultation.manage') && {
        order: 130,
        href: consulteePaths.list,
        text: t('consultation:consultees.homeTask.text'),
        hint: t('consultation:consultees.homeTask.hint'),
      },
    ],
    // DP-03: the consultee records are personal data (issue 28 sets their period and deletion).
    retention: [
      {
        kind: 'consultees',
        describe:
          'Consultees (people and organisations consulted): name, borough, the channels that reach them (addresses, numbers), consent to be contacted, and the consultations they were chosen for',
      },
    ],
  };
}
