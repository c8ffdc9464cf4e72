/**
 * Freedom of Information (issue 28 part 1; FOI-01, Rec 10): the coordination unit logs the
 * requests made for the advisory groups, Bridge gives each its due date (the twentieth working
 * day after receipt, moved by fee and clarification stops and by extensions), the answer is
 * recorded part by part with the exemptions relied on, then any internal review and complaint
 * to the Information Commissioner. Answered requests are published in a public disclosure log
 * with their released documents. Its one public face (ADR 0014).
 */
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import { registerDisclosureRoutes } from './disclosure/routes.js';
import { createDisclosureService } from './disclosure/service.js';
import { answeredOnTimeMeasure } from './measures/answered-on-time.js';
import { foiPaths } from './paths.js';
import { registerRequestRoutes } from './requests/routes.js';
import { foiRequesterRetention } from './retention.js';
import { createLinkedRecordsService, type LinkedRecordSources } from './requests/linked-records.js';
import { createRecordNote } from './requests/record-note.js';
import { createRequestsService } from './requests/service.js';
import type { FoiServices } from './route-deps.js';

export { foiPaths } from './paths.js';
export { readFoiSettings, type FoiSettings } from './settings.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export { loadFoiDemo, removeFoiDemo } from './demo.js';

export interface FoiModule extends BridgeModule<Record<string, never>> {
  services: FoiServices;
}

export function createFoiModule(deps: ModuleDeps & LinkedRecordSources): FoiModule {
  const { platform } = deps;
  const { db, t, config } = platform;
  const now = deps.now ?? (() => new Date());
  const services: FoiServices = {
    foiRequests: createRequestsService({
      db,
      t,
      now,
      officeCloses: config.foi.officeCloses,
      exemptions: config.foi.exemptions,
    }),
    foiDisclosure: createDisclosureService({
      db,
      t,
      now,
      files: platform.files,
      maxBytes: config.files.maxBytes,
    }),
    foiLinkedRecords: createLinkedRecordsService({
      db,
      t,
      now,
      sources: { groups: deps.groups, meetings: deps.meetings, advice: deps.advice },
    }),
  };
  return {
    name: 'foi',
    api: {},
    services,
    measures: [answeredOnTimeMeasure],
    // Issue 28 part 2: the pages of the records a request touches show that it concerns them.
    recordNote: createRecordNote({ db, advice: deps.advice }),
    // DP-03: requesters' details on the retention schedule.
    retention: [foiRequesterRetention(now)],
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config,
        now,
        services: { ...platform, ...services },
      };
      registerRequestRoutes(routeDeps);
      registerDisclosureRoutes(routeDeps);
    },
    navigation: [
      {
        order: 90,
        textKey: 'foi:nav.requests',
        href: foiPaths.register,
        visible: (p) => can(p, 'foi.view'),
      },
    ],
    publicTasks: (t) => [
      {
        order: 52,
        href: foiPaths.disclosureLog,
        text: t('foi:homeTasks.public.text'),
        hint: t('foi:homeTasks.public.hint'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'foi.view') && {
        order: 95,
        href: foiPaths.register,
        text: t('foi:homeTasks.staff.text'),
        hint: t('foi:homeTasks.staff.hint'),
      },
    ],
  };
}
