import type { RouteDeps } from '../../platform/modules.js';
import type { MonitoringServices } from './monitoring/services.js';

/**
 * The grants module's own services, one entry per sub-capability (funds and rounds, applications,
 * assessment and award, payments, monitoring and evaluation), each added by its folder.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- its folders add theirs
export interface GrantsServices extends MonitoringServices {}

/** What the grants module's route files are given. */
export type GrantsRouteDeps = RouteDeps<GrantsServices>;
