import type { RouteDeps } from '../../platform/modules.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
  [name: string]: never;
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
