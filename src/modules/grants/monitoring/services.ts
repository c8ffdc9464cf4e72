/** Grants monitoring's services, as the grants module's GrantsServices holds them. */
import type { ClosingService } from './closing-service.js';
import type { LateReturnsService } from './late-service.js';
import type { MonitoringService } from './service.js';
import type { SpendingService } from './spending-service.js';

export interface MonitoringServices {
  /** LEG-06, CDRP-12: a grant's monitoring page and its returns. */
  grantsMonitoring: MonitoringService;
  /** CDRP-12, LEG-06: underspend and clawback, and the evaluation. */
  grantsClosing: ClosingService;
  /** LEG-06: late returns, listed and chased by the sweep. */
  grantsLateReturns: LateReturnsService;
  /** CON-04, CDRP-12: spending per borough. */
  grantsSpending: SpendingService;
}
