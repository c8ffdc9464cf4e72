/** The advisory groups' settings, checked at start-up with the platform's (config.ts). */
import { isoDate, type Env } from '../../platform/settings.js';

export interface GroupsSettings {
  /**
   * IAG-19: the date the term rules were agreed (for London, by the MPS Diversity Board in
   * April 2007). Imported appointments the rules would end by six months after it run a year
   * past it.
   */
  rulesAgreedOn: string;
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    groups: GroupsSettings;
  }
}

export function readGroupsSettings(env: Env): GroupsSettings {
  return { rulesAgreedOn: isoDate(env, 'IAG_RULES_AGREED_ON', '2007-04-30') };
}
