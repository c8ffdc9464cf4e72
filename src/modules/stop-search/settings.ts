/** Stop and search: settings checked at start-up with the platform's (config.ts). */
import { ConfigError, type Env } from '../../platform/settings.js';
import { DEFAULT_DISPROPORTIONALITY_THRESHOLD } from './analysis-rules.js';

export interface StopSearchSettings {
  /**
   * LEG-04: a group's disproportionality ratio against White above this is flagged (default 2:
   * searched at more than twice White people's rate).
   */
  disproportionalityThreshold: number;
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    stopSearch: StopSearchSettings;
  }
}

export function readStopSearchSettings(env: Env): StopSearchSettings {
  const name = 'STOP_SEARCH_DISPROPORTIONALITY_THRESHOLD';
  const raw = env[name];
  if (raw === undefined || raw === '')
    return { disproportionalityThreshold: DEFAULT_DISPROPORTIONALITY_THRESHOLD };
  const value = /^\d{1,3}(\.\d{1,2})?$/.test(raw) ? Number(raw) : NaN;
  // A ratio of 1 or below would flag groups searched no more often than White people.
  if (!(value > 1 && value <= 100))
    throw new ConfigError(
      `${name} must be a number above 1 and at most 100, with up to two decimal places (such as 2 or 1.5), got "${raw}"`,
    );
  return { disproportionalityThreshold: value };
}
