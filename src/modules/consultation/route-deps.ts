import type { RouteDeps } from '../../platform/modules.js';
import type { ProgrammesService } from './programmes/service.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
  /** CON-02: programmes with dated stages. */
  consultationProgrammes: ProgrammesService;
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
