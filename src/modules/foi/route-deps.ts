import type { RouteDeps } from '../../platform/modules.js';
import type { DisclosureService } from './disclosure/service.js';
import type { LinkedRecordsService } from './requests/linked-records.js';
import type { RequestsService } from './requests/service.js';

/** The Freedom of Information module's own services. */
export interface FoiServices {
  /** FOI-01: the register of requests, their clocks, answers and later stages. */
  foiRequests: RequestsService;
  /** FOI-01: the public disclosure log and its documents. */
  foiDisclosure: DisclosureService;
  /** Issue 28 part 2: the Bridge records a request touches. */
  foiLinkedRecords: LinkedRecordsService;
}

/** What its route files are given: its services, and the clock (for today's due dates). */
export type FoiRouteDeps = RouteDeps<FoiServices> & { now: () => Date };
