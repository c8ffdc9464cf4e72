import type { RouteDeps } from '../../platform/modules.js';
import type { AnalysisService } from './analysis/service.js';
import type { BoardCostsService } from './board/costs-service.js';
import type { BoardDecisionsService } from './board/decisions-service.js';
import type { BoardMeasuresService } from './board/measures-service.js';
import type { BoardService } from './board/service.js';
import type { QuestionnaireService } from './consultations/questionnaire.js';
import type { ConsultationsService } from './consultations/service.js';
import type { ChoiceService } from './consultees/choice-service.js';
import type { ConsulteesService } from './consultees/service.js';
import type { OutcomesService } from './outcomes/service.js';
import type { PanelSweep } from './panel/quiet-sweep.js';
import type { PanelService } from './panel/service.js';
import type { PopulationService } from './panel/population-service.js';
import type { WavesService } from './panel/waves-service.js';
import type { ProgrammesService } from './programmes/service.js';
import type { PublicConsultationsService } from './responding/public-service.js';
import type { ResponseRetentionService } from './responding/retention.js';
import type { RespondingService } from './responding/service.js';
import type { ResponsesService } from './responding/staff-service.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
  /** The consultations: details, launch and close (CON-01). */
  consultations: ConsultationsService;
  /** A consultation's questionnaire, in versions. */
  questionnaire: QuestionnaireService;
  /** CON-02: programmes with dated stages. */
  consultationProgrammes: ProgrammesService;
  /** CON-01: the strategy board and its members. */
  consultationBoard: BoardService;
  /** CON-01: the board's approval of major consultations and review of results. */
  consultationBoardDecisions: BoardDecisionsService;
  /** CON-01: the board's performance measures and targets. */
  consultationBoardMeasures: BoardMeasuresService;
  /** CON-01: borough consultation and its cost. */
  consultationBoardCosts: BoardCostsService;
  /** CON-07: "you said, we did". */
  consultationOutcomes: OutcomesService;
  /** A consultation's analysis: figures, breakdowns, code frames, exports and open data. */
  consultationAnalysis: AnalysisService;
  /** CON-03: the consultee database. */
  consultees: ConsulteesService;
  /** CON-07: the consultees chosen for a consultation, their invitations and unsubscribing. */
  consulteeChoice: ChoiceService;
  /** CON-06: the citizens' panel's members, joining and leaving. */
  consultationPanel: PanelService;
  /** CON-06: waves sent to the panel, their response rates, and the panel's balance. */
  consultationPanelWaves: WavesService;
  /** CON-06: the population figures the panel is read against, replaced by officers. */
  consultationPanelPopulation: PopulationService;
  /** CON-06, DP-03: the panel's sweep (quiet members asked to stay; old sign-ups removed). */
  consultationPanelSweep: PanelSweep;
  /** What anyone may read of consultations. */
  consultationPublic: PublicConsultationsService;
  /** The public answering a consultation (DP-01, DP-03). */
  consultationResponding: RespondingService;
  /** Staff reading a consultation's responses and setting some aside. */
  consultationResponses: ResponsesService;
  /** DP-03: responses anonymised after the retention period, run by the module's sweep. */
  consultationResponseRetention: ResponseRetentionService;
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
