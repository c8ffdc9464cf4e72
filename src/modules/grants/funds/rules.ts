/**
 * Funds and rounds (CON-04, CON-05, LEG-06, CDRP-12): a fund's published description, conditions
 * and who may apply; a reporting year's budget in integer pence, never below what is committed;
 * weighted criteria, which a round keeps as they stood once it is fixed; a round's dates; a fund
 * closed for new rounds. Pure rules.
 */
import { reportingYear, type IsoDate } from '../../../platform/calendar/index.js';
import type { Said, SaidRefusal } from '../../../platform/i18n/said.js';
import { APPLICANT_KINDS, FUND_KINDS, type ApplicantKind, type FundKind } from '../constants.js';

type Input = Record<string, string | string[] | undefined>;

/** The most one amount (a budget line, a year's budget aside) may be: £1,000,000. */
export const MAX_AMOUNT_PENCE = 1_000_000_00;
/**
 * A year's budget may be larger (the engagement groups' fund is about £1m a year in all), up to
 * £20m: the pence are kept in a 32-bit integer column.
 */
export const MAX_BUDGET_PENCE = 20_000_000_00;
export const MAX_WEIGHT = 10;

export function tidy(value: string | string[] | undefined): string {
  return (typeof value === 'string' ? value : '').trim().replace(/[ \t]+/g, ' ');
}

export function requiredText(
  refusals: SaidRefusal[],
  input: Input,
  field: string,
  max: number,
): string {
  const value = tidy(input[field]);
  if (!value) refusals.push({ field, key: `grants:funds.errors.${field}Missing` });
  else if (value.length > max)
    refusals.push({ field, key: 'grants:funds.errors.tooLong', values: { max } });
  return value;
}

/**
 * CDRP-12: money typed in pounds and pence ("£1,250.50") read as integer pence; refused when
 * empty, negative, not money, with more than two decimal places, zero, or over the limit.
 */
export function parseMoney(
  typed: string | string[] | undefined,
  field: string,
  maxPence = MAX_AMOUNT_PENCE,
  allowZero = false,
): { pence: number } | { refusal: SaidRefusal } {
  const text = tidy(typed).replace(/^£\s*/, '').replace(/,/g, '');
  const refuse = (key: string, values?: SaidRefusal['values']) => ({
    refusal: { field, key: `grants:funds.errors.money.${key}`, ...(values && { values }) },
  });
  if (!text) return refuse('missing');
  if (/^-/.test(text) || /^£?\s*-/.test(tidy(typed))) return refuse('negative');
  if (/^\d+\.\d{3,}$/.test(text)) return refuse('decimals');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return refuse('notMoney');
  const pounds = match[1]!.replace(/^0+(?=\d)/, '');
  if (pounds.length > 12) return refuse('tooLarge', { max: formatPounds(maxPence) });
  const pence = Number(pounds) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (pence > maxPence) return refuse('tooLarge', { max: formatPounds(maxPence) });
  if (pence === 0 && !allowZero) return refuse('zero');
  return { pence };
}

/** £1,000,000 for a limit named in a sentence (whole pounds). */
function formatPounds(pence: number): string {
  return `£${Math.floor(pence / 100).toLocaleString('en-GB')}`;
}

export interface FundValue {
  name: string;
  kind: FundKind;
  description: string;
  conditions: string;
  applicantKinds: ApplicantKind[];
  returnIntervalMonths: number;
}

/** CON-04, LEG-06: a fund's published description and conditions, who may apply, and how often it hears back. */
export function validateFund(input: Input): { value: FundValue; refusals: SaidRefusal[] } {
  const refusals: SaidRefusal[] = [];
  const name = requiredText(refusals, input, 'name', 200);
  const kind = FUND_KINDS.find((k) => k === input.kind);
  if (!kind) refusals.push({ field: 'kind', key: 'grants:funds.errors.kindMissing' });
  const description = requiredText(refusals, input, 'description', 5000);
  const conditions = requiredText(refusals, input, 'conditions', 5000);
  const chosen = Array.isArray(input.applicantKinds)
    ? input.applicantKinds
    : input.applicantKinds
      ? [input.applicantKinds]
      : [];
  const applicantKinds = APPLICANT_KINDS.filter((k) => chosen.includes(k));
  if (!applicantKinds.length || applicantKinds.length !== new Set(chosen).size)
    refusals.push({ field: 'applicantKinds', key: 'grants:funds.errors.applicantKindsMissing' });
  const interval = tidy(input.returnIntervalMonths);
  const months = /^\d{1,2}$/.test(interval) ? Number(interval) : NaN;
  if (!(months >= 1 && months <= 12))
    refusals.push({
      field: 'returnIntervalMonths',
      key: 'grants:funds.errors.returnIntervalMonths',
    });
  return {
    value: {
      name,
      kind: kind ?? 'engagement',
      description,
      conditions,
      applicantKinds,
      returnIntervalMonths: months,
    },
    refusals,
  };
}

/**
 * CDRP-12: a reporting year's budget, typed in pounds; refused below what is already committed
 * against it (awards made stand).
 */
export function validateBudget(
  input: Input,
  committedPence: number,
): { value: { startYear: number; budgetPence: number }; refusals: SaidRefusal[] } {
  const refusals: SaidRefusal[] = [];
  const year = tidy(input.startYear);
  const startYear = /^\d{4}$/.test(year) ? Number(year) : NaN;
  if (!(startYear >= 2000 && startYear <= 2100))
    refusals.push({ field: 'startYear', key: 'grants:funds.errors.startYear' });
  const money = parseMoney(input.budget, 'budget', MAX_BUDGET_PENCE, true);
  let budgetPence = 0;
  if ('refusal' in money) refusals.push(money.refusal);
  else {
    budgetPence = money.pence;
    const below = budgetBelowCommitted(budgetPence, committedPence);
    if (below) refusals.push(below);
  }
  return { value: { startYear, budgetPence }, refusals };
}

/**
 * CDRP-12: a new year's budget (the blank form, which carries no version) is refused for a year
 * that already has one: that year is changed only from its own row's form, which carries the
 * version it read, so one officer's change never silently overwrites another's.
 */
export function yearTakenRefusal(
  existing: { startYear: number; budgetPence: number } | undefined,
  version: string | string[] | undefined,
): SaidRefusal | null {
  return existing && !tidy(version)
    ? {
        field: 'startYear',
        key: 'grants:funds.errors.yearHasBudget',
        values: {
          year: reportingYear(existing.startYear).label,
          budget: formatMoney(existing.budgetPence),
        },
      }
    : null;
}

/** CDRP-12: a budget may not be set below what awards have already committed against it. */
export function budgetBelowCommitted(
  budgetPence: number,
  committedPence: number,
): SaidRefusal | null {
  return budgetPence < committedPence
    ? {
        field: 'budget',
        key: 'grants:funds.errors.budgetBelowCommitted',
        values: { committed: formatMoney(committedPence) },
      }
    : null;
}

/** £1,234.50, for a figure a refusal names. */
export function formatMoney(pence: number): string {
  const pounds = Math.floor(pence / 100).toLocaleString('en-GB');
  return `£${pounds}.${String(pence % 100).padStart(2, '0')}`;
}

/** CDRP-12: what is left of a year's budget to award. */
export const remainingPence = (year: { budgetPence: number; committedPence: number }) =>
  year.budgetPence - year.committedPence;

/** CON-04: a published criterion, weighted 1 to 10 in the assessment. */
export function validateCriterion(input: Input): {
  value: { title: string; guidance: string | null; weight: number };
  refusals: SaidRefusal[];
} {
  const refusals: SaidRefusal[] = [];
  const title = requiredText(refusals, input, 'title', 300);
  const guidance = tidy(input.guidance);
  if (guidance.length > 2000)
    refusals.push({ field: 'guidance', key: 'grants:funds.errors.tooLong', values: { max: 2000 } });
  const typed = tidy(input.weight);
  const weight = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
  if (!(weight >= 1 && weight <= MAX_WEIGHT))
    refusals.push({
      field: 'weight',
      key: 'grants:funds.errors.weight',
      values: { max: MAX_WEIGHT },
    });
  return { value: { title, guidance: guidance || null, weight }, refusals };
}

/** A fund publishes at most this many criteria (its page lists them all). */
export const MAX_CRITERIA = 20;

export function tooManyCriteria(existing: number): SaidRefusal | null {
  return existing >= MAX_CRITERIA
    ? { field: 'title', key: 'grants:funds.errors.tooManyCriteria', values: { max: MAX_CRITERIA } }
    : null;
}

/** A round's dates: it closes on or after it opens; decisions come on or after it closes. */
export function roundDateRefusals(
  opensOn: IsoDate | null,
  closesOn: IsoDate | null,
  decisionsBy: IsoDate | null,
): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  if (opensOn && closesOn && closesOn < opensOn)
    refusals.push({ field: 'closesOn-day', key: 'grants:funds.errors.closesBeforeOpens' });
  if (closesOn && decisionsBy && decisionsBy < closesOn)
    refusals.push({ field: 'decisionsBy-day', key: 'grants:funds.errors.decisionsBeforeCloses' });
  return refusals;
}

export type RoundState = 'upcoming' | 'open' | 'closed';

/** CON-04: a round is open from its opening day to its closing day, both included (London dates). */
export function roundState(
  round: { opensOn: string; closesOn: string },
  today: IsoDate,
): RoundState {
  if (today < round.opensOn) return 'upcoming';
  return today > round.closesOn ? 'closed' : 'open';
}

/** How far ahead the public page shows a round as opening soon. */
export const OPENING_SOON_DAYS = 90;

/**
 * CON-04: whether a round still takes its fund's criteria as they change: only until it opens or
 * an application to it is submitted (then it keeps its own copy).
 */
export function followsFundCriteria(
  round: { opensOn: string; criteriaFixedAt: Date | null },
  today: IsoDate,
): boolean {
  return !round.criteriaFixedAt && today < round.opensOn;
}

/** Why a fund was closed: optional, up to 2,000 characters. */
export function validateCloseReason(input: Input): {
  reason: string | null;
  refusals: SaidRefusal[];
} {
  const reason = tidy(input.reason);
  return {
    reason: reason || null,
    refusals:
      reason.length > 2000
        ? [{ field: 'reason', key: 'grants:funds.errors.tooLong', values: { max: 2000 } }]
        : [],
  };
}

/**
 * A fund is closed only once none of its rounds is open or still to open: a round published to
 * applicants (open now, or listed as opening soon) is not withdrawn by closing its fund; its
 * dates are changed first, deliberately.
 */
export function closeFundRefusal(
  fund: { closedAt: Date | null },
  rounds: readonly { title: string; opensOn: string; closesOn: string }[],
  today: IsoDate,
): Said | null {
  if (fund.closedAt) return { key: 'grants:funds.errors.alreadyClosed' };
  const current = rounds.find((r) => roundState(r, today) !== 'closed');
  return current
    ? {
        key: `grants:funds.errors.closeWithRound.${roundState(current, today)}`,
        values: { title: current.title },
      }
    : null;
}

/**
 * A closed fund's round may not be moved to close today or later: it would be open or to open
 * again in a fund offered for no new round.
 */
export function closedFundRoundRefusal(
  fund: { closedAt: Date | null },
  closesOn: IsoDate,
  today: IsoDate,
): SaidRefusal | null {
  return fund.closedAt && closesOn >= today
    ? { field: 'closesOn-day', key: 'grants:funds.errors.closedFundRoundDates' }
    : null;
}
