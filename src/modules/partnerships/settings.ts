/** Partnerships: settings checked at start-up with the platform's (config.ts). */
import { ConfigError, type Env } from '../../platform/settings.js';

export interface PartnershipsSettings {
  /**
   * CDRP-01: months after its last confirmation that a register entry is stale, shown as stale
   * and chased with the borough's partnership officer (default six).
   */
  staleMonths: number;
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    partnerships: PartnershipsSettings;
  }
}

export function readPartnershipsSettings(env: Env): PartnershipsSettings {
  const name = 'PARTNERSHIPS_STALE_MONTHS';
  const raw = env[name];
  if (raw === undefined || raw === '') return { staleMonths: 6 };
  const value = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= 60))
    throw new ConfigError(`${name} must be a whole number from 1 to 60, got "${raw}"`);
  return { staleMonths: value };
}
