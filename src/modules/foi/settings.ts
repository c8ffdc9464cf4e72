/** Freedom of Information: settings checked at start-up with the platform's (config.ts). */
import { parseClockTime } from '../../platform/calendar/index.js';
import { ConfigError, type Env } from '../../platform/settings.js';
import {
  DEFAULT_OFFICE_CLOSES,
  FOIA_EXEMPTIONS,
  parseExemptions,
  type Exemption,
} from './rules.js';

export interface FoiSettings {
  /**
   * FOI-01: the time the office closes, in minutes after London midnight (FOI_OFFICE_CLOSES,
   * default 17:00): a request arriving at or after it counts as received the next working day.
   */
  officeCloses: number;
  /**
   * FOI-01: the exemptions an answer may rely on (FOI_EXEMPTIONS, entries `s.40=Personal
   * information` separated by `;`); by default the Act's Part II, ss.21–44.
   */
  exemptions: readonly Exemption[];
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    foi: FoiSettings;
  }
}

export function readFoiSettings(env: Env): FoiSettings {
  const closes = env.FOI_OFFICE_CLOSES;
  const officeCloses =
    closes === undefined || closes === '' ? DEFAULT_OFFICE_CLOSES : parseClockTime(closes);
  if (officeCloses === null || officeCloses === 0)
    throw new ConfigError(
      `FOI_OFFICE_CLOSES must be a time of day such as 17:00 or 5:30pm, got "${closes}"`,
    );
  const listed = env.FOI_EXEMPTIONS;
  const exemptions =
    listed === undefined || listed === '' ? FOIA_EXEMPTIONS : parseExemptions(listed);
  if (!exemptions)
    throw new ConfigError(
      `FOI_EXEMPTIONS must be entries such as "s.40=Personal information" separated by ";", got "${listed}"`,
    );
  return { officeCloses, exemptions };
}
