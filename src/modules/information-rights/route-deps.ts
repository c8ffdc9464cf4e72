import type { RouteDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { ErasureRequestsService } from './erasures/service.js';
import type { SubjectAccessService } from './requests/service.js';

/** The information-rights module's own services. */
export interface InformationRightsServices {
  /** DP-02: the register of subject access requests. */
  subjectAccess: SubjectAccessService;
  /** Issue 28 part 5: the register of requests to erase or correct. */
  erasureRequests: ErasureRequestsService;
}

/** What its route files are given: its services and the directory's. */
export type InformationRightsRouteDeps = RouteDeps<
  InformationRightsServices & { directory: DirectoryApi['directory'] }
>;
