/** Consultation: settings checked at start-up with the platform's (config.ts). */
import { ConfigError, type Env } from '../../platform/settings.js';

export interface ConsultationSettings {
  /**
   * CON-02: the months of the summer peak (1 to 12), when fieldwork reaches too few people;
   * a programme's fieldwork stage that runs into one of them is flagged (London: July, August).
   */
  summerPeakMonths: readonly number[];
  /**
   * DP-03: days a submitted response's personal data (a contact address, the respondent's own
   * monitoring answers) is kept after its consultation closes; then it is anonymised.
   */
  responseRetentionDays: number;
  /**
   * CON-06: months without an answer to any wave after which a panel member is asked whether
   * they wish to stay on the panel (default twelve).
   */
  panelQuietMonths: number;
  /** Responses an hour one address may begin on one public consultation before it is refused. */
  responsesPerAddressPerHour: number;
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    consultation: ConsultationSettings;
  }
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max))
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** Months as numbers separated by commas ("7,8"); an empty value is no summer peak at all. */
function months(env: Env, name: string, fallback: readonly number[]): readonly number[] {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') return [];
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map((part) => (/^\d{1,2}$/.test(part) ? Number(part) : NaN));
  if (values.some((m) => !(m >= 1 && m <= 12)))
    throw new ConfigError(
      `${name} must be months from 1 to 12 separated by commas (such as "7,8"), got "${raw}"`,
    );
  return [...new Set(values)].sort((a, b) => a - b);
}

export function readConsultationSettings(env: Env): ConsultationSettings {
  return {
    summerPeakMonths: months(env, 'CONSULTATION_SUMMER_PEAK_MONTHS', [7, 8]),
    responseRetentionDays: wholeNumber(env, 'CONSULTATION_RESPONSE_RETENTION_DAYS', 730, 30, 3650),
    panelQuietMonths: wholeNumber(env, 'CONSULTATION_PANEL_QUIET_MONTHS', 12, 1, 60),
    responsesPerAddressPerHour: wholeNumber(
      env,
      'CONSULTATION_RESPONSES_PER_ADDRESS_PER_HOUR',
      20,
      1,
      10000,
    ),
  };
}
