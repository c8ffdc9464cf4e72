import type { TrackerSourcesFace } from './face.js';
import type { RouteDeps } from '../../platform/modules.js';
import type { ActionsService } from './actions/service.js';
import type { TrackerDashboardService } from './dashboard/service.js';
import type { EditingService } from './editing/service.js';
import type { PublicTrackerService } from './public/service.js';
import type { TrackerRecordsService } from './records/service.js';
import type { TrackerReportsService } from './reports/service.js';
import type { SourcesService } from './sources/service.js';
import type { TrackerStructureService } from './structure/service.js';
import type { TransferService } from './transfer/service.js';

/** Sources and recommendations, actions and progress, import and export, the public pages. */
export type TrackerService = SourcesService &
  ActionsService &
  TransferService &
  PublicTrackerService;

/** The tracker's own services. */
export interface TrackerServices {
  tracker: TrackerService;
  trackerReports: TrackerReportsService;
  trackerRecords: TrackerRecordsService;
  trackerDashboard: TrackerDashboardService;
  trackerStructure: TrackerStructureService;
  trackerEditing: EditingService;
  /** Its face's reads (TrackerApi.sources), by name for tests as the other services are. */
  trackerSourcesFace: TrackerSourcesFace;
}

/** What the tracker's route files are given. */
export type TrackerRouteDeps = RouteDeps<TrackerServices>;
