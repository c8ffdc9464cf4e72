import type { RouteDeps } from '../../platform/modules.js';
import type { QuestionnaireService } from './consultations/questionnaire.js';
import type { ConsultationsService } from './consultations/service.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
  consultations: ConsultationsService;
  questionnaire: QuestionnaireService;
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
