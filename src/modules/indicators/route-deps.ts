import type { RouteDeps } from '../../platform/modules.js';
import type { DashboardService } from './dashboard/service.js';
import type { PublicIndicatorsService } from './public/service.js';
import type { RegisterService } from './register/service.js';
import type { BridgeValuesSweep } from './values/bridge.js';
import type { ValuesService } from './values/service.js';

/** The indicators module's own services. */
export interface IndicatorsServices {
  /** CON-01: the indicators as staff keep them. */
  indicatorsRegister: RegisterService;
  /** CON-01, CDRP-10: values, targets and files of values. */
  indicatorsValues: ValuesService;
  /** CON-01, CDRP-10: the committee's and boroughs' dashboards, and the committee pack. */
  indicatorsDashboard: DashboardService;
  /** CDRP-10, LEG-04: what is published. */
  indicatorsPublic: PublicIndicatorsService;
  /** Issue 27 part 1: the values Bridge counts, written by the system for periods ended. */
  indicatorsBridgeValues: BridgeValuesSweep;
}

export type IndicatorsRouteDeps = RouteDeps<IndicatorsServices>;
