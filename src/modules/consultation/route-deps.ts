import type { RouteDeps } from '../../platform/modules.js';
import type { PublicConsultationsService } from './responding/public-service.js';
import type { ResponseRetentionService } from './responding/retention.js';
import type { RespondingService } from './responding/service.js';
import type { ResponsesService } from './responding/staff-service.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
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
