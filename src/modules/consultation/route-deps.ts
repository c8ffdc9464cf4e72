import type { RouteDeps } from '../../platform/modules.js';
import type { ChoiceService } from './consultees/choice-service.js';
import type { ConsulteesService } from './consultees/service.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
  /** CON-03: the consultee database. */
  consultees: ConsulteesService;
  /** CON-07: the consultees chosen for a consultation, their invitations and unsubscribing. */
  consulteeChoice: ChoiceService;
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
