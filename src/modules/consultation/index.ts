/**
 * Consultation (issue 25, CON-01 to CON-03, CON-06, CON-07): the strategy board, programmes with
 * dated stages, the consultee database, online consultations with their questionnaires and
 * responses, their analysis, "you said, we did", and the citizens' panel. Its one public face
 * (ADR 0014).
 */
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { GroupsApi } from '../groups/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import type { TrackerApi } from '../tracker/index.js';
import { consultationPaths } from './paths.js';
import { registerPublicConsultationRoutes } from './responding/public-routes.js';
import { createPublicConsultationsService } from './responding/public-service.js';
import { registerResponseRoutes } from './responding/response-routes.js';
import { createResponseRetentionService } from './responding/retention.js';
import { createRespondingService } from './responding/service.js';
import { registerResponsesRoutes } from './responding/staff-routes.js';
import { createResponsesService } from './responding/staff-service.js';
import type { ConsultationServices } from './route-deps.js';

export { readConsultationSettings, type ConsultationSettings } from './settings.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export { loadRespondingDemo, removeRespondingDemo } from './responding/demo.js';

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
  const { platform } = deps;
  const { db, config, t, mail } = platform;
  const now = deps.now ?? (() => new Date());
  const { responseRetentionDays: retentionDays } = config.consultation;
  const services: ConsultationServices = {
    consultationPublic: createPublicConsultationsService({ db, now }),
    consultationResponding: createRespondingService({
      db,
      now,
      t,
      mail,
      directory: deps.directory,
      publicUrl: config.publicUrl,
      secret: config.secret,
      responsesPerAddressPerHour: config.consultation.responsesPerAddressPerHour,
    }),
    consultationResponses: createResponsesService({ db, now, t, retentionDays }),
    consultationResponseRetention: createResponseRetentionService({ db, now, retentionDays }),
  };
  return {
    name: 'consultation',
    api: {},
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerPublicConsultationRoutes(routeDeps);
      registerResponseRoutes(routeDeps);
      registerResponsesRoutes(routeDeps);
    },
    navigation: [
      {
        order: 86,
        textKey: 'consultation:responding.nav',
        href: consultationPaths.publicHome,
        visible: (p) => p === null,
      },
    ],
    // Offered in the default language: a module's public tasks are given once, not per request.
    publicTasks: (t) => [
      {
        order: 40,
        href: consultationPaths.publicHome,
        text: t('consultation:responding.homeTask.text'),
        hint: t('consultation:responding.homeTask.hint'),
      },
    ],
    sweeps: [
      // DP-03: responses' personal data removed once their consultation closed long enough ago.
      {
        name: 'consultation responses anonymised',
        everyMs: 60 * 60_000,
        run: () => services.consultationResponseRetention.anonymiseDue(),
      },
    ],
    retention: [
      {
        kind: 'consultation responses',
        describe:
          "A response's contact e-mail address, its address hash, its link to finish later and the respondent's own monitoring answers, removed config.consultation.responseRetentionDays after the consultation closed (the answers and borough are kept, anonymous).",
      },
    ],
  };
}
