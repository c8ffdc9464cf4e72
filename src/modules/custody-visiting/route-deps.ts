import type { RouteDeps } from '../../platform/modules.js';
import type { ApplicationsService } from './applications/service.js';
import type { CommunityService } from './community/service.js';
import type { FollowUpRemindersService } from './follow-up/reminders-service.js';
import type { FollowUpService } from './follow-up/service.js';
import type { PanelsService } from './panels/service.js';
import type { PublicSchemeService } from './public/service.js';
import type { RotaService } from './rota/service.js';
import type { StatisticsService } from './statistics/service.js';
import type { ReportsService } from './reports/service.js';
import type { SuitesService } from './suites/service.js';
import type { SurgesService } from './surges/service.js';
import type { VisitorsService } from './visitors/service.js';

/** The custody visiting module's own services. */
export interface CustodyVisitingServices {
  custodySuites: SuitesService;
  custodyPanels: PanelsService;
  /** What anyone may read about the scheme (its public pages). */
  custodyPublic: PublicSchemeService;
  custodyVisitors: VisitorsService;
  /** ICV-03: the rota. */
  custodyRota: RotaService;
  /** ICV-10: the scheme's statistics. */
  custodyStatistics: StatisticsService;
  /** ICV-07: the visit reports written at the station. */
  custodyReports: ReportsService;
  /** ICV-02: applications to be a lay visitor, through the public form. */
  custodyApplications: ApplicationsService;
  /** ICV-08: the review of reports and their issues to closure. */
  custodyFollowUp: FollowUpService;
  /** ICV-10: each panel's community activities. */
  custodyCommunity: CommunityService;
  /** ICV-10, LEG-05: surges raising suites' targets for a period. */
  custodySurges: SurgesService;
  /** ICV-08: the daily reminders to the scheme managers, run by the module's sweep. */
  custodyFollowUpReminders: FollowUpRemindersService;
}

/** What the custody visiting module's route files are given. */
export type CustodyVisitingRouteDeps = RouteDeps<CustodyVisitingServices>;
