import type { RouteDeps } from '../../platform/modules.js';
import type { FiguresService } from './figures/service.js';
import type { ImportsService } from './imports/service.js';
import type { ReferenceService } from './reference/service.js';

/** The stop-and-search module's own services. */
export interface StopSearchServices {
  /** LEG-04: months brought in from police.uk. */
  stopSearchImports: ImportsService;
  /** LEG-04: a year's figures. */
  stopSearchFigures: FiguresService;
  /** LEG-04: the boroughs' boundaries and population. */
  stopSearchReference: ReferenceService;
}

export type StopSearchRouteDeps = RouteDeps<StopSearchServices>;
