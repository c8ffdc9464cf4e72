/** Custody visiting: settings checked at start-up with the platform's (config.ts). */
import { ConfigError, type Env } from '../../platform/settings.js';
import { MAX_VISITS_PER_WEEK } from './rules.js';

export interface CustodyVisitingSettings {
  /** ICV-03: the visits a week a new suite aims for unless given (London: weekly, 1). */
  defaultVisitsPerWeek: number;
  /** ICV-02: the years of a visitor's fixed term, from appointment or renewal (default three). */
  visitorTermYears: number;
  /** ICV-08: working days after a report is sent before its review is overdue (default five). */
  reviewOverdueWorkingDays: number;
  /** ICV-08: working days an issue may stay unanswered before it goes to the chief inspector. */
  issueEscalationWorkingDays: number;
  /** ICV-08: the chief inspector for custody's address, e-mailed an escalated issue (optional). */
  chiefInspectorEmail: string | null;
  /**
   * ICV-09: where a terrorism report's copy to the authority is e-mailed (a link, never a
   * custody record number). Unset, the copy waits on the report for the scheme manager to send
   * and record as sent, as the Independent Reviewer's copy always does.
   */
  authorityEmail: string | null;
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    custodyVisiting: CustodyVisitingSettings;
  }
}

/** Visits a week, in hundredths at most (0.5 is fortnightly). */
function visitsPerWeek(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d{1,2}(\.\d{1,2})?$/.test(raw) ? Number(raw) : NaN;
  if (!(value > 0 && value <= MAX_VISITS_PER_WEEK))
    throw new ConfigError(
      `${name} must be a number of visits a week above 0 and at most ${MAX_VISITS_PER_WEEK}, got "${raw}"`,
    );
  return value;
}

/** Whole years, one to ten. */
function termYears(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= 10))
    throw new ConfigError(`${name} must be a whole number of years from 1 to 10, got "${raw}"`);
  return value;
}

/** Whole working days, one to sixty. */
function workingDays(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= 60))
    throw new ConfigError(
      `${name} must be a whole number of working days from 1 to 60, got "${raw}"`,
    );
  return value;
}

/** An e-mail address, or none when unset. */
function emailAddress(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw))
    throw new ConfigError(`${name} must be an e-mail address, got "${raw}"`);
  return raw.toLowerCase();
}

export function readCustodyVisitingSettings(env: Env): CustodyVisitingSettings {
  return {
    defaultVisitsPerWeek: visitsPerWeek(env, 'CUSTODY_DEFAULT_VISITS_PER_WEEK', 1),
    visitorTermYears: termYears(env, 'CUSTODY_VISITOR_TERM_YEARS', 3),
    reviewOverdueWorkingDays: workingDays(env, 'CUSTODY_REVIEW_OVERDUE_WORKING_DAYS', 5),
    issueEscalationWorkingDays: workingDays(env, 'CUSTODY_ISSUE_ESCALATION_WORKING_DAYS', 10),
    chiefInspectorEmail: emailAddress(env, 'CUSTODY_CHIEF_INSPECTOR_EMAIL'),
    authorityEmail: emailAddress(env, 'CUSTODY_AUTHORITY_EMAIL'),
  };
}
