/**
 * Training (issue 26 part 7, CDRP-11, IAG-34): courses with their audience and provider, their
 * sessions in a borough and who attended, the numbers trained by course, borough and reporting
 * year, and the training needs of police staff in deployment and coordination roles and in
 * partnership work, shown against what was delivered. Its one public face (ADR 0014).
 */
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import { registerCourseRoutes } from './courses/routes.js';
import { createCoursesService } from './courses/service.js';
import { registerNeedRoutes } from './needs/routes.js';
import { createNeedsService } from './needs/service.js';
import { registerNumbersRoutes } from './numbers/routes.js';
import { createNumbersService } from './numbers/service.js';
import { trainingPaths } from './paths.js';
import { eraseTrainingPerson } from './erasure.js';
import { trainingPersonData } from './person-data.js';
import type { TrainingServices } from './route-deps.js';

export { trainingPaths } from './paths.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export {
  DEMO_TRAINING_BOROUGHS,
  DEMO_TRAINING_PEOPLE,
  loadTrainingDemo,
  removeTrainingDemo,
} from './demo.js';

/** What other parts of Bridge ask of training (nothing yet). */
export type TrainingApi = Record<string, never>;

export interface TrainingModule extends BridgeModule<TrainingApi> {
  services: TrainingServices;
}

export function createTrainingModule(
  deps: ModuleDeps & { directory: DirectoryApi },
): TrainingModule {
  const { platform, directory } = deps;
  const { db, config, t } = platform;
  const now = deps.now ?? (() => new Date());
  const services: TrainingServices = {
    trainingCourses: createCoursesService({ db, directory, now, t }),
    trainingNumbers: createNumbersService({ db, directory, now }),
    trainingNeeds: createNeedsService({ db, directory, now, t }),
  };
  return {
    name: 'training',
    api: {},
    services,
    personData: (executor, subject) => trainingPersonData(executor, subject, t),
    erasePerson: eraseTrainingPerson,
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config,
        services: { ...platform, ...services, directory: directory.directory },
      };
      registerCourseRoutes(routeDeps);
      registerNumbersRoutes(routeDeps);
      registerNeedRoutes(routeDeps);
    },
    navigation: [
      {
        order: 85,
        textKey: 'training:nav.training',
        href: trainingPaths.courses,
        visible: (p) => can(p, 'training.view'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'training.view') && {
        order: 145,
        href: trainingPaths.courses,
        text: t('training:homeTasks.courses.text'),
        hint: t('training:homeTasks.courses.hint'),
      },
      // A person with training recorded (attended, or a need) is offered their own.
      (await services.trainingNeeds.hasOwn(p)) && {
        order: 146,
        href: trainingPaths.yours,
        text: t('training:homeTasks.yours.text'),
        hint: t('training:homeTasks.yours.hint'),
        // Their own record, not staff work: their home still offers the public pages beside it.
        volunteer: !can(p, 'training.view'),
      },
    ],
  };
}
