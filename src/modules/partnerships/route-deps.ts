import type { RouteDeps } from '../../platform/modules.js';
import type { PublicPartnershipsService } from './public/service.js';
import type { RegisterService } from './register/service.js';
import type { StaleRemindersService } from './reminders-service.js';

/** The partnerships module's own services. */
export interface PartnershipsServices {
  /** CDRP-01, CDRP-10, CDRP-15: the register, kept by staff. */
  partnershipRegister: RegisterService;
  /** CDRP-10: what the register publishes for inspection. */
  partnershipsPublic: PublicPartnershipsService;
  /** CDRP-01: stale entries chased, run by the module's sweep. */
  partnershipStaleReminders: StaleRemindersService;
}

/** What the partnerships module's route files are given. */
export type PartnershipsRouteDeps = RouteDeps<PartnershipsServices>;
