import type { RouteDeps } from '../../platform/modules.js';
import type { DeploymentsService } from './deployments/service.js';
import type { DisclosuresService } from './disclosures/service.js';
import type { AdviceDocumentsService } from './documents/service.js';
import type { EquityService } from './equity/service.js';
import type { OffersService } from './offers/service.js';
import type { AdviceService } from './requests/service.js';

/** The advice module's own services. */
export interface AdviceServices {
  advice: AdviceService;
  deployments: DeploymentsService;
  offers: OffersService;
  equity: EquityService;
  disclosures: DisclosuresService;
  adviceDocuments: AdviceDocumentsService;
}

/** What the advice module's route files are given. */
export type AdviceRouteDeps = RouteDeps<AdviceServices>;
