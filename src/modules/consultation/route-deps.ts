import type { RouteDeps } from '../../platform/modules.js';
import type { BoardDecisionsService } from './board/decisions-service.js';
import type { BoardMeasuresService } from './board/measures-service.js';
import type { BoardService } from './board/service.js';
import type { QuestionnaireService } from './consultations/questionnaire.js';
import type { ConsultationsService } from './consultations/service.js';
import type { ProgrammesService } from './programmes/service.js';

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
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
