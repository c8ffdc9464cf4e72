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
import { programmePaths } from './programmes/paths.js';
import { registerProgrammeRoutes } from './programmes/routes.js';
import { createProgrammesService } from './programmes/service.js';
import { registerBoardDecisionRoutes } from './board/decisions-routes.js';
import { createBoardDecisionsService } from './board/decisions-service.js';
import { createBoardMeetingBody } from './board/meeting-body.js';
import { registerBoardMeasureRoutes } from './board/measures-routes.js';
import { createBoardMeasuresService } from './board/measures-service.js';
import { boardPaths } from './board/paths.js';
import { registerBoardRoutes } from './board/routes.js';
import { createBoardService } from './board/service.js';
import type { ConsultationServices } from './route-deps.js';

export { readConsultationSettings, type ConsultationSettings } from './settings.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export { loadConsultationsDemo, removeConsultationsDemo } from './consultations/demo.js';
export { loadProgrammeDemo, removeProgrammeDemo } from './programmes/demo.js';

// Its benchmark generator, run in order by bench/data/generate.ts.
export { consultationGenerator } from './bench-data.js';
export {
  DEMO_BOARD_POLICE_PEOPLE,
  loadConsultationBoardDemo,
  removeConsultationBoardDemo,
} from './board/demo.js';

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
  const { platform, directory, meetings } = deps;
  const { config, db, t } = platform;
  const now = deps.now ?? (() => new Date());
  const boardDefaults = () => ({
    name: t('consultation:board.defaultName'),
    remit: t('consultation:board.defaultRemit'),
  });
  const services: ConsultationServices = {
    consultations: createConsultationsService({
      db,
      now,
      t,
      minuteReferences: meetings.minuteReferences,
    }),
    questionnaire: createQuestionnaireService({ db, t }),
    consultationProgrammes: createProgrammesService({
      db,
      now,
      t,
      directory: directory.directory,
    }),
    consultationBoard: createBoardService({
      db,
      directory,
      meetings: meetings.meetings,
      publicMeetings: meetings.publicMeetings,
      now,
      t,
    }),
    consultationBoardDecisions: createBoardDecisionsService({
      db,
      minuteReferences: meetings.minuteReferences,
      now,
      t,
      defaults: boardDefaults,
    }),
    consultationBoardMeasures: createBoardMeasuresService({ db, now, t }),
  };
  // ADR 0005, CON-01: the strategy board is a body that meets.
  meetings.addBodies([createBoardMeetingBody({ directory, now, t })]);
  return {
    name: 'consultation',
    api: {},
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerHubRoutes(routeDeps);
      registerConsultationRoutes(routeDeps);
      registerBuilderRoutes(routeDeps);
      registerProgrammeRoutes(routeDeps);
      registerBoardRoutes(routeDeps);
      registerBoardDecisionRoutes(routeDeps);
      registerBoardMeasureRoutes(routeDeps);
    },
    navigation: [
      {
        order: 78,
        textKey: 'consultation:nav.consultation',
        href: consultationPaths.staffHome,
        visible: (p) => can(p, 'consultation.view'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'consultation.view') && {
        order: 130,
        href: consultationPaths.staffHome,
        text: t('consultation:homeTasks.consultation.text'),
        hint: t('consultation:homeTasks.consultation.hint'),
      },
      // CON-02: the policing-plan consultation's programmes, for everyone who reads consultation.
      can(p, 'consultation.view') && {
        order: 140,
        href: programmePaths.programmes,
        text: t('consultation:programmes.homeTask.text'),
        hint: t('consultation:programmes.homeTask.hint'),
      },
      // CON-01: the strategy board, its members, meetings and measures.
      can(p, 'consultation.view') && {
        order: 200,
        href: boardPaths.board,
        text: t('consultation:board.homeTask.text'),
        hint: t('consultation:board.homeTask.hint'),
      },
    ],
  };
}
