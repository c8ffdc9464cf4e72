import type { RouteDeps } from '../../platform/modules.js';
import type { AnalysisService } from './analysis/service.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
  consultationAnalysis: AnalysisService;
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
