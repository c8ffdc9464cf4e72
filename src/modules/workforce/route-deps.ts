import type { RouteDeps } from '../../platform/modules.js';
import type { PublicWorkforceService } from './public/service.js';
import type { SnapshotsService } from './snapshots/service.js';

/** The workforce module's own services. */
export interface WorkforceServices {
  /** LEG-04: the snapshots as staff keep them. */
  workforceSnapshots: SnapshotsService;
  /** LEG-04, DP-01: the figures as published. */
  workforcePublic: PublicWorkforceService;
}

export type WorkforceRouteDeps = RouteDeps<WorkforceServices>;
