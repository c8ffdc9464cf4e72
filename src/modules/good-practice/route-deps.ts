import type { RouteDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { LibraryService } from './library/service.js';
import type { PublicGoodPracticeService } from './public/service.js';

/** The good-practice module's own services. */
export interface GoodPracticeServices {
  /** CDRP-08: the library, kept by staff. */
  goodPracticeLibrary: LibraryService;
  /** CDRP-08: what the library publishes. */
  goodPracticePublic: PublicGoodPracticeService;
}

/** What the module's route files are given: its services and the directory's. */
export type GoodPracticeRouteDeps = RouteDeps<
  GoodPracticeServices & { directory: DirectoryApi['directory'] }
>;
