import type { RouteDeps } from '../../platform/modules.js';
import type { OutcomesService } from './outcomes/service.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
  /** CON-07: "you said, we did". */
  consultationOutcomes: OutcomesService;
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
