import type { RouteDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { CoursesService } from './courses/service.js';
import type { NeedsService } from './needs/service.js';
import type { NumbersService } from './numbers/service.js';

/** The training module's own services. */
export interface TrainingServices {
  /** CDRP-11: courses, sessions and attendance. */
  trainingCourses: CoursesService;
  /** CDRP-11: numbers trained. */
  trainingNumbers: NumbersService;
  /** IAG-34: training needs; a person's own training. */
  trainingNeeds: NeedsService;
}

/** What the training module's route files are given: its services and the directory's. */
export type TrainingRouteDeps = RouteDeps<
  TrainingServices & { directory: DirectoryApi['directory'] }
>;
