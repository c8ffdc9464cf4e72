/**
 * Consultation (issue 25, CON-01 to CON-03, CON-06, CON-07): the strategy board, programmes with
 * dated stages, the consultee database, online consultations with their questionnaires and
 * responses, their analysis, "you said, we did", and the citizens' panel. Its one public face
 * (ADR 0014).
 */
import { consultationHeadline } from './responding/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { EngagementApi } from '../engagement/index.js';
import type { GroupsApi } from '../groups/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import type { TrackerApi } from '../tracker/index.js';
import { registerBuilderRoutes } from './consultations/builder-routes.js';
import { createQuestionnaireService } from './consultations/questionnaire.js';
import { registerConsultationRoutes } from './consultations/routes.js';
import { createConsultationsService } from './consultations/service.js';
import { createChoiceService } from './consultees/choice-service.js';
import { consulteePaths } from './consultees/paths.js';
import { registerConsulteeRoutes } from './consultees/routes.js';
import { createConsulteesService } from './consultees/service.js';
import { registerHubRoutes } from './hub.js';
import { consultationPaths } from './paths.js';
import { consultationTitles } from './titles.js';
import { outcomePaths } from './outcomes/paths.js';
import { registerOutcomeRoutes } from './outcomes/routes.js';
import { consultationsOpenData } from './outcomes/open-data.js';
import { createOutcomesService } from './outcomes/service.js';
import { panelLinks } from './panel/links.js';
import { panelPaths } from './panel/paths.js';
import { registerPanelPublicRoutes } from './panel/public-routes.js';
import { createPanelSweep, UNCONFIRMED_DAYS } from './panel/quiet-sweep.js';
import { registerPanelRoutes } from './panel/routes.js';
import { createPopulationService } from './panel/population-service.js';
import { createPanelService } from './panel/service.js';
import { createWavesService } from './panel/waves-service.js';
import { programmePaths } from './programmes/paths.js';
import { registerPublicConsultationRoutes } from './responding/public-routes.js';
import { createPublicConsultationsService } from './responding/public-service.js';
import { registerResponseRoutes } from './responding/response-routes.js';
import { panelResponsesRetention } from './panel/retention.js';
import { createResponseRetentionService } from './responding/retention.js';
import { createRespondingService } from './responding/service.js';
import { registerResponsesRoutes } from './responding/staff-routes.js';
import { createResponsesService } from './responding/staff-service.js';
import { registerProgrammeRoutes } from './programmes/routes.js';
import { createProgrammesService } from './programmes/service.js';
import { registerAnalysisRoutes } from './analysis/routes.js';
import { createAnalysisService } from './analysis/service.js';
import { registerBoardDecisionRoutes } from './board/decisions-routes.js';
import { createBoardDecisionsService } from './board/decisions-service.js';
import { registerBoardCostRoutes } from './board/costs-routes.js';
import { createBoardCostsService } from './board/costs-service.js';
import { createBoardMeetingBody } from './board/meeting-body.js';
import { registerBoardMeasureRoutes } from './board/measures-routes.js';
import { createBoardMeasuresService } from './board/measures-service.js';
import { boardPaths } from './board/paths.js';
import { registerBoardRoutes } from './board/routes.js';
import { createBoardService } from './board/service.js';
import { createConsultationErasure } from './erasure.js';
import { consultationPersonData } from './person-data.js';
import type { ConsultationServices } from './route-deps.js';
import { responsesReceived } from './measures/responses.js';

export { readConsultationSettings, type ConsultationSettings } from './settings.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export { loadConsultationsDemo, removeConsultationsDemo } from './consultations/demo.js';
export { loadConsultationOutcomesDemo, removeConsultationOutcomesDemo } from './outcomes/demo.js';
export {
  DEMO_PANEL_BOROUGHS,
  loadConsultationPanelDemo,
  removeConsultationPanelDemo,
} from './panel/demo.js';
export { loadProgrammeDemo, removeProgrammeDemo } from './programmes/demo.js';
export {
  DEMO_CONSULTEE_BOROUGHS,
  loadConsulteesDemo,
  removeConsulteesDemo,
} from './consultees/demo.js';
export { loadRespondingDemo, removeRespondingDemo } from './responding/demo.js';

// Its benchmark generator, run in order by bench/data/generate.ts.
export { consultationGenerator } from './bench-data.js';
export {
  DEMO_BOARD_POLICE_PEOPLE,
  loadConsultationBoardDemo,
  removeConsultationBoardDemo,
} from './board/demo.js';

/** What other parts of Bridge ask of consultation. */
export interface ConsultationApi {
  /** CON-04: consultations named by id, each with its title and page (a grant tied to them). */
  consultationTitles: typeof consultationTitles;
}

export interface ConsultationModule extends BridgeModule<ConsultationApi> {
  services: ConsultationServices;
}

export function createConsultationModule(
  deps: ModuleDeps & {
    directory: DirectoryApi;
    engagement: EngagementApi;
    groups: GroupsApi;
    meetings: MeetingsApi;
    tracker: TrackerApi;
  },
): ConsultationModule {
  const { platform, directory, engagement, groups, meetings } = deps;
  const { config, db, t, mail } = platform;
  const { responseRetentionDays: retentionDays } = config.consultation;
  const now = deps.now ?? (() => new Date());
  const boardDefaults = () => ({
    name: t('consultation:board.defaultName'),
    remit: t('consultation:board.defaultRemit'),
  });
  const links = panelLinks(config.secret, config.publicUrl);
  const panel = createPanelService({ db, directory, mail, links, now, t });
  const services: ConsultationServices = {
    consultees: createConsulteesService({ db, directory, engagement, groups, now, t }),
    consulteeChoice: createChoiceService({ db, mail, now, t, publicUrl: config.publicUrl }),
    consultationPanel: panel,
    consultationPanelWaves: createWavesService({
      db,
      directory,
      mail,
      links,
      members: panel,
      publicUrl: config.publicUrl,
      now,
      t,
    }),
    consultationPanelPopulation: createPopulationService({ db, directory, now, t }),
    consultationPanelSweep: createPanelSweep({
      db,
      mail,
      links,
      now,
      t,
      quietMonths: config.consultation.panelQuietMonths,
    }),
    consultations: createConsultationsService({
      db,
      now,
      t,
      minuteReferences: meetings.minuteReferences,
      boroughs: () => directory.directory.scopeCatalogue.options('borough'),
    }),
    questionnaire: createQuestionnaireService({ db, t, now }),
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
    consultationBoardCosts: createBoardCostsService({ db, directory, now, t }),
    consultationPublic: createPublicConsultationsService({ db, now }),
    consultationAnalysis: createAnalysisService({ db, directory, now, t }),
    consultationOutcomes: createOutcomesService({
      db,
      now,
      t,
      minutes: meetings.minuteReferences,
      tracker: deps.tracker.sources,
    }),
    consultationResponding: createRespondingService({
      db,
      now,
      t,
      mail,
      directory: deps.directory,
      publicUrl: config.publicUrl,
      secret: config.secret,
      responsesPerAddressPerHour: config.consultation.responsesPerAddressPerHour,
      retentionDays,
    }),
    consultationResponses: createResponsesService({ db, now, t, retentionDays }),
    consultationResponseRetention: createResponseRetentionService({ db, now, retentionDays }),
  };
  // ADR 0005, CON-01: the strategy board is a body that meets.
  meetings.addBodies([createBoardMeetingBody({ directory, now, t })]);
  return {
    name: 'consultation',
    // Issue 27 part 1: figures it counts, offered to indicators.
    measures: [responsesReceived],
    api: { consultationTitles },
    services,
    openData: [consultationsOpenData(t, now)],
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerHubRoutes(routeDeps);
      registerConsultationRoutes(routeDeps);
      registerBuilderRoutes(routeDeps);
      registerProgrammeRoutes(routeDeps);
      registerBoardRoutes(routeDeps);
      registerBoardDecisionRoutes(routeDeps);
      registerBoardMeasureRoutes(routeDeps);
      registerBoardCostRoutes(routeDeps);
      registerPublicConsultationRoutes(routeDeps);
      registerResponseRoutes(routeDeps);
      registerResponsesRoutes(routeDeps);
      registerOutcomeRoutes(routeDeps);
      registerAnalysisRoutes(routeDeps);
      registerPanelPublicRoutes(routeDeps);
      registerPanelRoutes(routeDeps);
      registerConsulteeRoutes(routeDeps);
    },
    navigation: [
      {
        order: 78,
        textKey: 'consultation:nav.consultation',
        href: consultationPaths.staffHome,
        visible: (p) => can(p, 'consultation.view'),
      },
      {
        order: 86,
        textKey: 'consultation:responding.nav',
        href: consultationPaths.publicHome,
        visible: (p) => p === null,
      },
    ],
    // Offered in the default language: a module's public tasks are given once, not per request.
    publicHeadline: (t) =>
      consultationHeadline(services.consultationPublic, services.consultationOutcomes, t),
    publicTasks: (t) => [
      {
        order: 35,
        href: outcomePaths.publicOutcomes,
        text: t('consultation:outcomes.home.text'),
        hint: t('consultation:outcomes.home.hint'),
      },
      {
        order: 40,
        href: consultationPaths.publicHome,
        text: t('consultation:responding.homeTask.text'),
        hint: t('consultation:responding.homeTask.hint'),
      },
    ],
    personData: (executor, subject) => consultationPersonData(t, directory, executor, subject),
    erasePerson: createConsultationErasure({ directory: directory.directory }),
    sweeps: [
      // CON-06, DP-03: quiet members asked once whether to stay; unconfirmed sign-ups removed.
      {
        name: 'consultation panel',
        everyMs: 60 * 60_000,
        run: () => services.consultationPanelSweep.run(),
      },
      // DP-03: responses' personal data removed once their consultation closed long enough ago.
      {
        name: 'consultation responses anonymised',
        everyMs: 60 * 60_000,
        run: () => services.consultationResponseRetention.anonymiseDue(),
      },
    ],
    retention: [
      // DP-03: the consultee records are personal data (issue 28 sets their period and deletion).
      {
        kind: 'consultees',
        describe:
          'Consultees (people and organisations consulted): name, borough, the channels that reach them (addresses, numbers), consent to be contacted, and the consultations they were chosen for',
      },
      {
        kind: 'consultation panel member',
        describe:
          "A citizens' panel member's name, e-mail address, borough and monitoring answers: removed at once when they leave (by the link every e-mail carries); the row stays, anonymised, so waves' response rates still count them.",
      },
      {
        kind: 'consultation panel sign-up',
        describe: `A sign-up or invitation never confirmed: deleted ${UNCONFIRMED_DAYS} days after it was made, by the panel's hourly sweep.`,
      },
      // DP-03: panel responses detached from the members on the retention schedule.
      panelResponsesRetention(now, directory.directory),
      {
        kind: 'consultation responses',
        describe: `A response's contact e-mail address (removed when it is sent), its address hash, its link to finish later, the respondent's own monitoring answers and its link to the invitation it answered: removed ${retentionDays} days after the consultation closed, with the day shown to staff on its responses page beforehand (a sent response's answers and borough are kept, anonymous; a response never sent is deleted).`,
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'consultation.view') && {
        order: 130,
        href: consultationPaths.staffHome,
        text: t('consultation:homeTasks.consultation.text'),
        hint: t('consultation:homeTasks.consultation.hint'),
      },
      // CON-03: the consultee database, personal data kept by the authority's officers.
      can(p, 'consultation.manage') && {
        order: 135,
        href: consulteePaths.list,
        text: t('consultation:consultees.homeTask.text'),
        hint: t('consultation:consultees.homeTask.hint'),
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
      // CON-06: the citizens' panel, its balance readable by all who read consultation.
      can(p, 'consultation.view') && {
        order: 210,
        href: can(p, 'consultation.manage') ? panelPaths.home : panelPaths.balance,
        text: t('consultation:panel.homeTask.text'),
        hint: t('consultation:panel.homeTask.hint'),
      },
    ],
  };
}
