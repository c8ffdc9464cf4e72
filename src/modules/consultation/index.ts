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
import { registerBuilderRoutes } from './consultations/builder-routes.js';
import { createQuestionnaireService } from './consultations/questionnaire.js';
import { registerConsultationRoutes } from './consultations/routes.js';
import { createConsultationsService } from './consultations/service.js';
import { registerHubRoutes } from './hub.js';
import { consultationPaths } from './paths.js';
import type { ConsultationServices } from './route-deps.js';

export { readConsultationSettings, type ConsultationSettings } from './settings.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export { loadConsultationsDemo, removeConsultationsDemo } from './consultations/demo.js';

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
  const { platform, meetings } = deps;
  const { config, db, t } = platform;
  const now = deps.now ?? (() => new Date());
  const services: ConsultationServices = {
    consultations: createConsultationsService({
      db,
      now,
      t,
      minuteReferences: meetings.minuteReferences,
    }),
    questionnaire: createQuestionnaireService({ db, t }),
  };
  return {
    name: 'consultation',
    api: {},
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerHubRoutes(routeDeps);
      registerConsultationRoutes(routeDeps);
      registerBuilderRoutes(routeDeps);
    },
    navigation: [
      {
        order: 78,
        textKey: 'consultation:nav.consultation',
        href: consultationPaths.staffHome,
        visible: (p) => can(p, 'consultation.view'),
      },
    ],
    homeTasks: (p, t) =>
      Promise.resolve([
        can(p, 'consultation.view') && {
          order: 130,
          href: consultationPaths.staffHome,
          text: t('consultation:homeTasks.consultation.text'),
          hint: t('consultation:homeTasks.consultation.hint'),
        },
      ]),
  };
}
