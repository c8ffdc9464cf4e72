import type { RouteDeps } from '../../platform/modules.js';
import type { FiguresService } from './figures/service.js';
import type { ImportsService } from './imports/service.js';

/** The stop-and-search module's own services. */
export interface StopSearchServices {
  /** LEG-04: months brought in from police.uk. */
  stopSearchImports: ImportsService;
  /** LEG-04: a year's figures. */
  stopSearchFigures: FiguresService;
}

export type StopSearchRouteDeps = RouteDeps<StopSearchServices>;
