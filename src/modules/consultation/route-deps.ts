import type { RouteDeps } from '../../platform/modules.js';
import type { PanelSweep } from './panel/quiet-sweep.js';
import type { PanelService } from './panel/service.js';
import type { WavesService } from './panel/waves-service.js';

/** The consultation module's own services (each sub-capability adds its line). */
export interface ConsultationServices {
  /** CON-06: the citizens' panel's members, joining and leaving. */
  consultationPanel: PanelService;
  /** CON-06: waves sent to the panel, their response rates, and the panel's balance. */
  consultationPanelWaves: WavesService;
  /** CON-06, DP-03: the panel's sweep (quiet members asked to stay; old sign-ups removed). */
  consultationPanelSweep: PanelSweep;
}

/** What the consultation module's route files are given. */
export type ConsultationRouteDeps = RouteDeps<ConsultationServices>;
