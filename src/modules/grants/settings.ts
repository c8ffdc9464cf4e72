/**
 * Grants: settings checked at start-up with the platform's (config.ts): who the grants are
 * published as coming from in the 360Giving Data Standard.
 */
import { ConfigError, type Env } from '../../platform/settings.js';

export interface GrantsSettings {
  /**
   * What every identifier Bridge makes for 360Giving begins with: the funder's own prefix from
   * 360Giving (`360G-` and a short name), or an org-id.guide identifier, ending in `-`.
   */
  prefix360: string;
  /** The funding organisation: its identifier (org-id.guide's, such as a charity number's). */
  funderId: string;
  funderName: string;
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    grants: GrantsSettings;
  }
}

export const DEFAULT_360_PREFIX = '360G-bridge-';
/** The shipped reference data's authority (REFERENCE_DATA_FILE: London). */
export const DEFAULT_FUNDER_NAME = 'Metropolitan Police Authority';

const PREFIX = /^[A-Za-z0-9][A-Za-z0-9.]*(-[A-Za-z0-9.]+)*-$/;

export function readGrantsSettings(env: Env): GrantsSettings {
  const prefix360 = env.GRANTS_360_PREFIX || DEFAULT_360_PREFIX;
  if (!PREFIX.test(prefix360))
    throw new ConfigError(
      `GRANTS_360_PREFIX must be letters, digits and hyphens ending in a hyphen (such as 360G-bridge-), got "${prefix360}"`,
    );
  const funderId = env.GRANTS_FUNDER_ID || `${prefix360}funder`;
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(funderId))
    throw new ConfigError(
      `GRANTS_FUNDER_ID must be letters, digits and hyphens (such as GB-CHC-1234567), got "${funderId}"`,
    );
  const funderName = (env.GRANTS_FUNDER_NAME ?? '').trim() || DEFAULT_FUNDER_NAME;
  return { prefix360, funderId, funderName };
}
