/**
 * The recommendations tracker: every recommendation a review or inquiry makes, its key points,
 * actions and progress, until it is done; reports to committees and the public pages. Its one
 * public face (ADR 0014).
 */
import { trackerHeadline } from './public/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { GroupsApi } from '../groups/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import { registerActionRoutes } from './actions/routes.js';
import { createActionsService } from './actions/service.js';
import { registerDashboardRoutes } from './dashboard/routes.js';
import { createTrackerDashboardService } from './dashboard/service.js';
import { registerEditingRoutes } from './editing/routes.js';
import { createEditingService } from './editing/service.js';
import { createTrackerSourcesFace, type TrackerSourcesFace } from './face.js';
import { trackerPaths } from './paths.js';
import { trackerOpenData } from './public/open-data.js';
import { registerPublicTrackerRoutes } from './public/routes.js';
import { createPublicTrackerService } from './public/service.js';
import { registerRecordRoutes } from './records/routes.js';
import { createTrackerRecordsService } from './records/service.js';
import { registerReportRoutes } from './reports/routes.js';
import { createTrackerReportsService } from './reports/service.js';
import type { TrackerService, TrackerServices } from './route-deps.js';
import { registerSourceRoutes } from './sources/routes.js';
import { createSourcesService } from './sources/service.js';
import { registerStructureRoutes } from './structure/routes.js';
import { createTrackerStructureService } from './structure/service.js';
import { registerTransferRoutes } from './transfer/routes.js';
import { createTransferService } from './transfer/service.js';
import { eraseTrackerPerson } from './erasure.js';
import { trackerPersonData } from './person-data.js';
import { createRecommendationTitles, type RecommendationTitles } from './recommendation-titles.js';
import { recommendationsCompleted } from './measures/completed.js';

// Its benchmark generator, run in order by bench/data/generate.ts.
export { trackerGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export { loadDemoTrackerSource, removeDemoTrackerNames, removeDemoTrackerSources } from './demo.js';
export type { DemoTrackerSource } from './demo.js';

export type {
  TrackerActionProgress,
  TrackerSourceChoice,
  TrackerSourceProgress,
  TrackerSourcesFace,
} from './face.js';

/** What other modules read of the tracker: sources to choose from and their progress. */
export interface TrackerApi {
  /** CON-07: the source whose actions show a promised change happening, read live. */
  sources: TrackerSourcesFace;
  /** CON-04: recommendations named by id, each with its title and page (a grant tied to them). */
  recommendationTitles: RecommendationTitles;
}

export interface TrackerModule extends BridgeModule<TrackerApi> {
  services: TrackerServices;
}

export function createTrackerModule(
  deps: ModuleDeps & { directory: DirectoryApi; groups: GroupsApi; meetings: MeetingsApi },
): TrackerModule {
  const { platform, now } = deps;
  const { db, config, t } = platform;
  const { directory } = deps.directory;
  const groups = deps.groups;
  // One service for the tracker's records, made of its journeys' parts.
  const tracker: TrackerService = {
    ...createSourcesService({ db, directory, groups, t, now }),
    ...createActionsService({ db, directory, t, now }),
    ...createTransferService({ db, directory, t, now }),
    ...createPublicTrackerService({ db, directory, t, now }),
  };
  const sourcesFace = createTrackerSourcesFace(t);
  const services: TrackerServices = {
    tracker,
    trackerSourcesFace: sourcesFace,
    trackerReports: createTrackerReportsService({
      db,
      directory,
      papers: deps.meetings.meetingPapers,
      t,
      now,
    }),
    trackerRecords: createTrackerRecordsService({ db, directory, t, now }),
    trackerStructure: createTrackerStructureService({ db, directory, t, now }),
    trackerEditing: createEditingService({ db, directory, t, now }),
    trackerDashboard: createTrackerDashboardService({
      db,
      directory,
      groups,
      t,
      now,
      personInOrganisationSql: deps.directory.personInOrganisationSql,
    }),
  };
  return {
    name: 'tracker',
    // Issue 27 part 1: figures it counts, offered to indicators.
    measures: [recommendationsCompleted],
    personData: (executor, subject) => trackerPersonData(t, executor, subject),
    erasePerson: eraseTrackerPerson,
    openData: [trackerOpenData(t)],
    api: { sources: sourcesFace, recommendationTitles: createRecommendationTitles(t) },
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerSourceRoutes(routeDeps);
      registerTransferRoutes(routeDeps);
      registerRecordRoutes(routeDeps);
      registerStructureRoutes(routeDeps);
      registerActionRoutes(routeDeps);
      registerReportRoutes(routeDeps);
      registerPublicTrackerRoutes(routeDeps);
      registerDashboardRoutes(routeDeps);
      registerEditingRoutes(routeDeps);
    },
    navigation: [
      {
        order: 80,
        textKey: 'tracker:home.nav',
        href: trackerPaths.sources,
        visible: (p) => can(p, 'tracker.view'),
      },
    ],
    // Offered in the default language: a module's public tasks are given once, not per request.
    publicHeadline: (t) => trackerHeadline(db, t),
    publicTasks: (t) => [
      {
        order: 20,
        href: trackerPaths.publicSources,
        text: t('tracker:home.public.text'),
        hint: t('tracker:home.public.hint'),
      },
    ],
    async homeTasks(p, t) {
      const ownActions = await tracker.myActions(p, { page: 1, limit: 1, offset: 0 });
      return [
        can(p, 'tracker.view') && {
          order: 100,
          href: trackerPaths.sources,
          text: t('tracker:home.tracker.text'),
          hint: t('tracker:home.tracker.hint'),
        },
        ownActions.total > 0 && {
          order: 110,
          href: trackerPaths.myActions,
          text: t('tracker:home.myActions.text'),
          hint: t('tracker:home.myActions.hint'),
        },
      ];
    },
  };
}
