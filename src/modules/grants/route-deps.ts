import type { RouteDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { ApplicationsService } from './applications/service.js';
import type { AssessmentService } from './assessment/service.js';
import type { AwardService } from './award/service.js';
import type { FundsService } from './funds/service.js';
import type { LinksService } from './links/service.js';
import type { MonitoringServices } from './monitoring/services.js';
import type { GrantPaymentsService } from './payments/service.js';
import type { PublishedGrantsService } from './published/service.js';

/**
 * The grants module's own services, one entry per sub-capability (funds and rounds, applications,
 * assessment and award, payments, monitoring and evaluation), each added by its folder.
 */
export interface GrantsServices extends MonitoringServices {
  /** CON-04, CDRP-12: funds, their years' budgets, criteria and rounds. */
  grantFunds: FundsService;
  /** CON-04, CON-05: applications made online, and staff's reading of them. */
  grantApplications: ApplicationsService;
  /** CON-04: assessors and their scores. */
  grantAssessment: AssessmentService;
  /** CON-04, CON-05, LEG-06, CDRP-12: the panel's decision and the award. */
  grantAward: AwardService;
  /** CDRP-12: instalments paid in batches for the finance system. */
  grantPayments: GrantPaymentsService;
  /** CON-04, LEG-06: the meetings, recommendations and consultations a grant is tied to. */
  grantLinks: LinksService;
  /** CON-04, DP-01: the grants awarded, as anyone may read them. */
  grantsPublished: PublishedGrantsService;
}

/** What the grants module's route files are given: its services and the directory's. */
export type GrantsRouteDeps = RouteDeps<GrantsServices & { directory: DirectoryApi['directory'] }>;
