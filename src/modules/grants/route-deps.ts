import type { RouteDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { ApplicationsService } from './applications/service.js';
import type { FundsService } from './funds/service.js';

/**
 * The grants module's own services, one entry per sub-capability (funds and rounds, applications,
 * assessment and award, payments, monitoring and evaluation), each added by its folder.
 */
export interface GrantsServices {
  /** CON-04, CDRP-12: funds, their years' budgets, criteria and rounds. */
  grantFunds: FundsService;
  /** CON-04, CON-05: applications made online, and staff's reading of them. */
  grantApplications: ApplicationsService;
}

/** What the grants module's route files are given: its services and the directory's. */
export type GrantsRouteDeps = RouteDeps<GrantsServices & { directory: DirectoryApi['directory'] }>;
