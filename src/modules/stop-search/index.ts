/**
 * Stop and search (issue 27 part 2; LEG-04): the monthly files police.uk publishes for the
 * force, imported by the authority's officers and read by anyone: searches by month and by each
 * breakdown, arrest and no-further-action rates, and each ethnic group's rate per 1,000 people
 * and disproportionality against White. Its one public face (ADR 0014).
 */
import { stopSearchHeadline } from './figures/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import { registerFigureRoutes } from './figures/routes.js';
import { createFiguresService } from './figures/service.js';
import { registerImportRoutes } from './imports/routes.js';
import { createImportsService } from './imports/service.js';
import { stopSearchOpenData } from './open-data.js';
import { stopSearchPaths } from './paths.js';
import { readAreaPopulation } from './population.js';
import { placeMonth, readBoundaries } from './reference/placing.js';
import { registerReferenceRoutes } from './reference/routes.js';
import { createReferenceService } from './reference/service.js';
import type { StopSearchServices } from './route-deps.js';

export { stopSearchPaths } from './paths.js';
// Its part of the benchmark's data, run by bench/data/generate.ts.
export { stopSearchGenerator } from './bench-data.js';
export { readStopSearchSettings, type StopSearchSettings } from './settings.js';

export interface StopSearchModule extends BridgeModule<Record<string, never>> {
  services: StopSearchServices;
}

export function createStopSearchModule(
  deps: ModuleDeps & { directory: DirectoryApi },
): StopSearchModule {
  const { platform } = deps;
  const { db, t } = platform;
  const now = deps.now ?? (() => new Date());
  const population = readAreaPopulation();
  const threshold = platform.config.stopSearch.disproportionalityThreshold;
  const reference = createReferenceService({
    db,
    t,
    now,
    directory: deps.directory,
    shippedPopulation: population,
  });
  const services: StopSearchServices = {
    stopSearchImports: createImportsService({
      db,
      t,
      now,
      // A month imported before any boundaries are loaded has nothing to place.
      place: async (tx, month) => {
        const boundaries = await readBoundaries(tx);
        if (boundaries.length) await placeMonth(tx, month, boundaries);
      },
    }),
    stopSearchFigures: createFiguresService({
      db,
      population: (boroughId) => reference.population(boroughId),
      threshold: () => threshold,
    }),
    stopSearchReference: reference,
  };
  return {
    name: 'stop-search',
    api: {},
    services,
    openData: stopSearchOpenData(t, deps.directory),
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config: platform.config,
        services: { ...platform, ...services },
      };
      registerFigureRoutes(routeDeps, threshold, now);
      registerImportRoutes(routeDeps);
      registerReferenceRoutes(routeDeps);
    },
    navigation: [
      {
        order: 89,
        textKey: 'stop-search:nav.figures',
        href: stopSearchPaths.figures,
        // The public's, and the officers' who import it.
        visible: (p) => p === null || can(p, 'stop-search.import'),
      },
    ],
    publicHeadline: (t) =>
      stopSearchHeadline(
        services.stopSearchFigures,
        () => services.stopSearchImports.years(),
        threshold,
        t,
      ),
    publicTasks: (t) => [
      {
        order: 48,
        href: stopSearchPaths.figures,
        text: t('stop-search:homeTasks.figures.text'),
        hint: t('stop-search:homeTasks.figures.hint'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'stop-search.import') && {
        order: 149,
        href: stopSearchPaths.months,
        text: t('stop-search:homeTasks.months.text'),
        hint: t('stop-search:homeTasks.months.hint'),
      },
    ],
  };
}
