/** Requests for advice: settings checked at start-up with the platform's (config.ts). */
import { int, type Env } from '../../platform/settings.js';

export interface AdviceSettings {
  /** IAG-08: how long an urgent request may wait for triage before it is flagged. */
  triageUrgentMinutes: number;
  /** IAG-08: how many working days any other request may wait. */
  triageRoutineWorkingDays: number;
  /** IAG-10: deployments in a period above which an advisor is flagged as overburdened. */
  equityThreshold: number;
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    advice: AdviceSettings;
  }
}

export function readAdviceSettings(env: Env): AdviceSettings {
  return {
    triageUrgentMinutes: int(env, 'ADVICE_TRIAGE_URGENT_MINUTES', 120, 5, 24 * 60),
    triageRoutineWorkingDays: int(env, 'ADVICE_TRIAGE_ROUTINE_WORKING_DAYS', 5, 1, 30),
    equityThreshold: int(env, 'ADVICE_EQUITY_THRESHOLD', 6, 1, 1000),
  };
}
