/**
 * Information rights (issue 28 part 3): DP-02, a subject access request is answered within one
 * calendar month of receipt, extendable by up to two further months with a reason; it cannot be
 * answered before the requester's identity is checked. Pure rules: no I/O.
 */
import {
  addCalendarDays,
  addCalendarMonths,
  subjectAccessDueDate,
  type IsoDate,
} from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';

/** DP-02: the most an answer may be put off beyond the first month. */
export const MAX_EXTENSION_MONTHS = 2;
/** A request due within this many days is "due soon" on the register. */
export const DUE_SOON_DAYS = 7;
export const REASON_MAX = 2000;
export const METHOD_MAX = 500;

export const STATUSES = ['open', 'dueSoon', 'overdue', 'answered'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * DP-02: the day the answer is due: one calendar month after receipt (31 January gives 28 or 29
 * February), plus any extension in whole calendar months counted from receipt.
 */
export function dueDate(receivedOn: IsoDate, extensionMonths = 0): IsoDate {
  return extensionMonths
    ? addCalendarMonths(receivedOn, 1 + extensionMonths)
    : subjectAccessDueDate(receivedOn);
}

/** Where a request stands on `today`. */
export function status(
  request: { dueOn: IsoDate; answeredAt: Date | null },
  today: IsoDate,
): Status {
  if (request.answeredAt) return 'answered';
  if (today > request.dueOn) return 'overdue';
  if (request.dueOn <= addCalendarDays(today, DUE_SOON_DAYS)) return 'dueSoon';
  return 'open';
}

/** A request's date of receipt: given, and not after today. */
export function validateReceived(receivedOn: IsoDate | null, today: IsoDate): SaidRefusal[] {
  if (receivedOn && receivedOn > today)
    return [{ field: 'receivedOn-day', key: 'information-rights:errors.receivedInFuture' }];
  return [];
}

/**
 * DP-02: an extension of one or two further months in all (never more), with its reason, decided
 * while the request is open and no later than the first month's due date (the requester must be
 * told within that month).
 */
export function validateExtension(
  request: { receivedOn: IsoDate; extensionMonths: number },
  input: { months: string; reason: string },
  today: IsoDate,
): { refusals: SaidRefusal[]; months: number } {
  const refusals: SaidRefusal[] = [];
  const months = /^\d+$/.test(input.months) ? Number(input.months) : NaN;
  if (!Number.isInteger(months) || months < 1)
    refusals.push({ field: 'months', key: 'information-rights:errors.monthsMissing' });
  else if (months > MAX_EXTENSION_MONTHS)
    refusals.push({ field: 'months', key: 'information-rights:errors.monthsTooMany' });
  else if (months <= request.extensionMonths)
    refusals.push({ field: 'months', key: 'information-rights:errors.monthsNotLonger' });
  if (!input.reason)
    refusals.push({ field: 'reason', key: 'information-rights:errors.reasonMissing' });
  else if (input.reason.length > REASON_MAX)
    refusals.push({ field: 'reason', key: 'information-rights:errors.reasonTooLong' });
  if (!refusals.length && today > subjectAccessDueDate(request.receivedOn))
    refusals.push({ field: 'months', key: 'information-rights:errors.extensionTooLate' });
  return { refusals, months };
}

/*
 * Issue 28 part 5: requests to erase or to correct what Bridge holds about a person. Answered
 * within the same month as a subject access request (DP-02's rule, `dueDate`, extended as
 * `validateExtension` allows), decided with reasons (what must be kept and why: DP-03 keeps
 * minutes, decisions and counts, and a legal hold stops the clock), then carried out.
 */

export const ERASURE_KINDS = ['erase', 'correct'] as const;
export type ErasureKind = (typeof ERASURE_KINDS)[number];
export const DECISIONS = ['agreed', 'agreed_in_part', 'refused'] as const;
export type Decision = (typeof DECISIONS)[number];
export const ERASURE_STATUSES = ['open', 'dueSoon', 'overdue', 'closed'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];
/** What the person asks, as logged. */
export const ASKED_MAX = 2000;
/** A decision's reasons, and what a correction changed. */
export const DECISION_REASONS_MAX = 4000;

/** Where an erasure or correction request stands on `today`. */
export function erasureStatus(
  request: { dueOn: IsoDate; closedAt: Date | null },
  today: IsoDate,
): ErasureStatus {
  if (request.closedAt) return 'closed';
  const open = status({ dueOn: request.dueOn, answeredAt: null }, today);
  return open === 'answered' ? 'closed' : open;
}

/** A request to erase or correct: which, and what is asked (given, not too long). */
export function validateErasureRequest(input: { kind: string; asked: string }): {
  refusals: SaidRefusal[];
  kind: ErasureKind | null;
} {
  const refusals: SaidRefusal[] = [];
  const kind = ERASURE_KINDS.find((k) => k === input.kind) ?? null;
  if (!kind) refusals.push({ field: 'kind', key: 'information-rights:errors.kindMissing' });
  if (!input.asked)
    refusals.push({ field: 'asked', key: 'information-rights:errors.askedMissing' });
  else if (input.asked.length > ASKED_MAX)
    refusals.push({ field: 'asked', key: 'information-rights:errors.askedTooLong' });
  return { refusals, kind };
}

/**
 * DP-03: a request is decided once, while open: agreed, agreed in part or refused, always with
 * the reasons, which say what must be kept and why (minutes and decisions, records a legal hold
 * keeps, accounts kept for audit).
 */
export function validateDecision(
  request: { decision: string | null; closedAt: Date | null },
  input: { decision: string; reasons: string },
): { refusals: SaidRefusal[]; decision: Decision | null } {
  if (request.decision || request.closedAt)
    return {
      refusals: [{ field: 'decision', key: 'information-rights:errors.alreadyDecided' }],
      decision: null,
    };
  const refusals: SaidRefusal[] = [];
  const decision = DECISIONS.find((d) => d === input.decision) ?? null;
  if (!decision)
    refusals.push({ field: 'decision', key: 'information-rights:errors.decisionMissing' });
  if (!input.reasons)
    refusals.push({ field: 'reasons', key: 'information-rights:errors.reasonsMissing' });
  else if (input.reasons.length > DECISION_REASONS_MAX)
    refusals.push({ field: 'reasons', key: 'information-rights:errors.reasonsTooLong' });
  return { refusals, decision };
}

const agreed = (decision: string | null) => decision === 'agreed' || decision === 'agreed_in_part';

/**
 * DP-03: an erasure is carried out only when it was agreed (in whole or in part), only once, and
 * never while a legal hold is in place on the person or any record about them (the hold keeps
 * what a request, complaint or case needs). The refusal's catalogue key, or null when it may go.
 */
export function erasureRefusal(
  request: { kind: string; decision: string | null; carriedOutAt: Date | null },
  holds: number,
): string | null {
  if (request.kind !== 'erase') return 'information-rights:errors.notAnErasure';
  if (request.carriedOutAt) return 'information-rights:errors.alreadyCarriedOut';
  if (!agreed(request.decision)) return 'information-rights:errors.notAgreed';
  if (holds > 0) return 'information-rights:errors.personHeld';
  return null;
}

/**
 * DP-03: an agreed correction is closed by recording what was corrected (the officer corrects the
 * records in the modules that own them); only once, only when agreed. The refusal's catalogue
 * key, or null when it may be closed.
 */
export function correctionRefusal(request: {
  kind: string;
  decision: string | null;
  closedAt: Date | null;
}): string | null {
  if (request.kind !== 'correct') return 'information-rights:errors.notACorrection';
  if (request.closedAt) return 'information-rights:errors.alreadyClosed';
  if (!agreed(request.decision)) return 'information-rights:errors.notAgreed';
  return null;
}

/** What was corrected: given, and not too long. */
export function validateCorrections(corrections: string): SaidRefusal[] {
  if (!corrections)
    return [{ field: 'corrections', key: 'information-rights:errors.correctionsMissing' }];
  if (corrections.length > DECISION_REASONS_MAX)
    return [{ field: 'corrections', key: 'information-rights:errors.correctionsTooLong' }];
  return [];
}
