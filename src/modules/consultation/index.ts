/**
 * Consultation (issue 25, CON-01 to CON-03, CON-06, CON-07): the strategy board, programmes with
 * dated stages, the consultee database, online consultations with their questionnaires and
 * responses, their analysis, "you said, we did", and the citizens' panel. Its one public face
 * (ADR 0014).
 */
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { GroupsApi } from '../groups/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import type { TrackerApi } from '../tracker/index.js';
import { panelLinks } from './panel/links.js';
import { panelPaths } from './panel/paths.js';
import { registerPanelPublicRoutes } from './panel/public-routes.js';
import { createPanelSweep, UNCONFIRMED_DAYS } from './panel/quiet-sweep.js';
import { registerPanelRoutes } from './panel/routes.js';
import { createPanelService } from './panel/service.js';
import { createWavesService } from './panel/waves-service.js';
import type { ConsultationServices } from './route-deps.js';

export { readConsultationSettings, type ConsultationSettings } from './settings.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export {
  DEMO_PANEL_BOROUGHS,
  loadConsultationPanelDemo,
  removeConsultationPanelDemo,
} from './panel/demo.js';

/** What other parts of Bridge ask of consultation (nothing yet). */
export type ConsultationApi = Record<string, never>;

export interface ConsultationModule extends BridgeModule<ConsultationApi> {
  services: ConsultationServices;
}

export function createConsultationModule(
  deps: ModuleDeps & {
    directory: DirectoryApi;
    groups: GroupsApi;
    meetings: MeetingsApi;
    tracker: TrackerApi;
  },
): ConsultationModule {
  const { platform, directory } = deps;
  const { config, db, mail, t } = platform;
  const now = deps.now ?? (() => new Date());
  const links = panelLinks(config.secret, config.publicUrl);
  const panel = createPanelService({ db, directory, mail, links, now, t });
  const services: ConsultationServices = {
    consultationPanel: panel,
    consultationPanelWaves: createWavesService({
      db,
      directory,
      mail,
      links,
      members: panel,
      publicUrl: config.publicUrl,
      now,
      t,
    }),
    consultationPanelSweep: createPanelSweep({
      db,
      mail,
      links,
      now,
      t,
      quietMonths: config.consultation.panelQuietMonths,
    }),
  };
  return {
    name: 'consultation',
    api: {},
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerPanelPublicRoutes(routeDeps);
      registerPanelRoutes(routeDeps);
    },
    homeTasks: async (p, t) => [
      // CON-06: the citizens' panel, its balance readable by all who read consultation.
      can(p, 'consultation.view') && {
        order: 200,
        href: can(p, 'consultation.manage') ? panelPaths.home : panelPaths.balance,
        text: t('consultation:panel.homeTask.text'),
        hint: t('consultation:panel.homeTask.hint'),
      },
    ],
    sweeps: [
      // CON-06, DP-03: quiet members asked once whether to stay; unconfirmed sign-ups removed.
      {
        name: 'consultation panel',
        everyMs: 60 * 60_000,
        run: () => services.consultationPanelSweep.run(),
      },
    ],
    retention: [
      {
        kind: 'consultation panel member',
        describe:
          "A citizens' panel member's name, e-mail address, borough and monitoring answers: removed at once when they leave (by the link every e-mail carries); the row stays, anonymised, so waves' response rates still count them.",
      },
      {
        kind: 'consultation panel sign-up',
        describe: `A sign-up or invitation never confirmed: deleted ${UNCONFIRMED_DAYS} days after it was made, by the panel's hourly sweep.`,
      },
    ],
  };
}
