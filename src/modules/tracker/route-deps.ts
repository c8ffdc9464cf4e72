import type { RouteDeps } from '../../platform/modules.js';
import type { TrackerDashboardService } from './dashboard-service.js';
import type { TrackerRecordsService } from './records-service.js';
import type { TrackerReportsService } from './reports-service.js';
import type { TrackerService } from './service.js';

/** The tracker's own services. */
export interface TrackerServices {
  tracker: TrackerService;
  trackerReports: TrackerReportsService;
  trackerRecords: TrackerRecordsService;
  trackerDashboard: TrackerDashboardService;
}

/** What the tracker's route files are given. */
export type TrackerRouteDeps = RouteDeps<TrackerServices>;
