/**
 * Lay visitors' rules (ICV-01, ICV-02) as pure functions: appointment, vetting, probation,
 * renewal, suspension and leaving, and who may go on the rota. Refusals are `Said` (ADR 0015).
 */
import { type IsoDate, addCalendarMonths } from '../../platform/calendar/index.js';
import { type Said, type SaidRefusal } from '../../platform/i18n/said.js';
import { required } from './rules.js';

/** About six months' probation from the appointment (ICV-02). */
export const PROBATION_MONTHS = 6;

export type InterviewOutcome = 'suitable' | 'unsuitable';
export type VettingResult = 'cleared' | 'refused';

/** What a visitor's record holds that the rules read: the latest of each step. */
export interface VisitorRecord {
  interviewOutcome: InterviewOutcome | null;
  vettingResult: VettingResult | null;
  vettingExpiresOn: IsoDate | null;
  appointedOn: IsoDate | null;
  termEndsOn: IsoDate | null;
  probationSignedOffOn: IsoDate | null;
  suspendedFrom: IsoDate | null;
  /** ICV-02: the day they left the scheme, if they have. */
  leftOn?: IsoDate | null;
  /** The courses done; the induction course is the one that makes a visitor trained. */
  courses: readonly { induction: boolean; completedOn: IsoDate }[];
}

/**
 * ICV-01: a visitor declares they are not a serving police officer or member of police staff,
 * nor otherwise directly involved in the criminal justice system. Each question must be
 * answered; a "yes" refuses the appointment, saying why.
 */
export function independenceRefusals(answers: {
  policeOfficerOrStaff?: string | undefined;
  criminalJustice?: string | undefined;
}): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  for (const field of ['policeOfficerOrStaff', 'criminalJustice'] as const) {
    const answer = answers[field];
    if (answer !== 'yes' && answer !== 'no')
      refusals.push({ field, key: `custody-visiting:visitors.errors.${field}Missing` });
    else if (answer === 'yes')
      refusals.push({ field, key: `custody-visiting:visitors.errors.${field}Refused` });
  }
  return refusals;
}

/** A date that has to have happened already (an interview, a vetting, a course). */
export function notAfterToday(field: string, on: IsoDate | null, today: IsoDate): SaidRefusal[] {
  return on && on > today
    ? [{ field: `${field}-day`, key: 'custody-visiting:visitors.errors.inFuture' }]
    : [];
}

/** The end of a term of `years` begun on `start`: its anniversary, the first day out of term. */
export function termEnd(start: IsoDate, years: number): IsoDate {
  return addCalendarMonths(start, years * 12);
}

/** When about six months' probation from the appointment comes to an end. */
export function probationDueOn(appointedOn: IsoDate): IsoDate {
  return addCalendarMonths(appointedOn, PROBATION_MONTHS);
}

const vettedOn = (v: VisitorRecord, on: IsoDate) =>
  v.vettingResult === 'cleared' && v.vettingExpiresOn !== null && on < v.vettingExpiresOn;

/**
 * ICV-02: appointment follows the compulsory interview (found suitable) and vetting (cleared,
 * in force on the day); a visitor is appointed once, and renewed after.
 */
export function appointmentRefusal(v: VisitorRecord, appointedOn: IsoDate): SaidRefusal | null {
  const field = 'appointedOn-day';
  if (v.appointedOn) return { field, key: 'custody-visiting:visitors.errors.alreadyAppointed' };
  if (v.interviewOutcome !== 'suitable')
    return { field, key: 'custody-visiting:visitors.errors.notInterviewed' };
  if (!vettedOn(v, appointedOn))
    return { field, key: 'custody-visiting:visitors.errors.notVettedForAppointment' };
  return null;
}

/**
 * ICV-02: a term renewed runs for a full term from the end of the current one, or from the day
 * of renewal when the current one has already ended. Only an appointed visitor is renewed.
 */
export function renewal(
  v: VisitorRecord,
  renewedOn: IsoDate,
  years: number,
): { refusal: SaidRefusal } | { termEndsOn: IsoDate } {
  if (!v.appointedOn || !v.termEndsOn)
    return {
      refusal: { field: 'renewedOn-day', key: 'custody-visiting:visitors.errors.notAppointed' },
    };
  if (renewedOn < v.appointedOn)
    return {
      refusal: {
        field: 'renewedOn-day',
        key: 'custody-visiting:visitors.errors.beforeAppointment',
      },
    };
  return { termEndsOn: termEnd(renewedOn < v.termEndsOn ? v.termEndsOn : renewedOn, years) };
}

/** ICV-02: probation is signed off once, for an appointed visitor, not before they began. */
export function probationSignOffRefusal(v: VisitorRecord, on: IsoDate): SaidRefusal | null {
  const field = 'signedOffOn-day';
  if (!v.appointedOn) return { field, key: 'custody-visiting:visitors.errors.notAppointed' };
  if (v.probationSignedOffOn)
    return { field, key: 'custody-visiting:visitors.errors.alreadySignedOff' };
  if (on < v.appointedOn)
    return { field, key: 'custody-visiting:visitors.errors.beforeAppointment' };
  return null;
}

/** Suspended on `today`: a suspension from a later day has not begun. */
export function isSuspended(v: Pick<VisitorRecord, 'suspendedFrom'>, today: IsoDate): boolean {
  return v.suspendedFrom !== null && v.suspendedFrom <= today;
}

/** ICV-02: left the scheme by `today` (a leaving recorded for a later day has not happened). */
export function hasLeft(v: Pick<VisitorRecord, 'leftOn'>, today: IsoDate): boolean {
  return Boolean(v.leftOn) && v.leftOn! <= today;
}

/** ICV-02: why a visitor leaves the scheme. */
export const LEAVING_REASONS = ['resigned', 'termEnded', 'removed', 'other'] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

/**
 * ICV-02, ICV-10: a visitor recorded as having left: once, with a reason from the list, on a day
 * not before they declared (the day itself is checked by the form).
 */
export function leavingRefusals(
  v: { declaredOn: IsoDate; leftOn: IsoDate | null },
  leftOn: IsoDate | null,
  reason: string | undefined,
): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  if (v.leftOn)
    return [{ field: 'leftOn-day', key: 'custody-visiting:visitors.errors.alreadyLeft' }];
  if (leftOn && leftOn < v.declaredOn)
    refusals.push({
      field: 'leftOn-day',
      key: 'custody-visiting:visitors.errors.leftBeforeDeclared',
    });
  if (!LEAVING_REASONS.some((r) => r === reason))
    refusals.push({
      field: 'reason',
      key: 'custody-visiting:visitors.errors.leavingReasonMissing',
    });
  return refusals;
}

/** On probation: appointed, and the probation not yet signed off. */
export function onProbation(v: VisitorRecord): boolean {
  return v.appointedOn !== null && v.probationSignedOffOn === null;
}

/**
 * ICV-02: may this visitor be put on the rota today? Only one appointed (the term running),
 * vetted (cleared, not expired), trained (the induction course done: the course every scheme
 * gives before a first visit; later courses add to it, they do not replace it) and not
 * suspended. Null when they may; otherwise why not, the first reason found. A visitor on
 * probation may be, but is to be paired with an experienced visitor (`onProbation`).
 */
export function rotaEligibility(v: VisitorRecord, today: IsoDate): Said | null {
  if (hasLeft(v, today))
    return { key: 'custody-visiting:visitors.rota.left', values: { date: { date: v.leftOn! } } };
  if (isSuspended(v, today))
    return {
      key: 'custody-visiting:visitors.rota.suspended',
      values: { date: { date: v.suspendedFrom! } },
    };
  if (!v.appointedOn || v.appointedOn > today || !v.termEndsOn)
    return { key: 'custody-visiting:visitors.rota.notAppointed' };
  if (v.termEndsOn <= today)
    return {
      key: 'custody-visiting:visitors.rota.termEnded',
      values: { date: { date: v.termEndsOn } },
    };
  if (v.vettingResult !== 'cleared' || !v.vettingExpiresOn)
    return { key: 'custody-visiting:visitors.rota.notVetted' };
  if (!vettedOn(v, today))
    return {
      key: 'custody-visiting:visitors.rota.vettingExpired',
      values: { date: { date: v.vettingExpiresOn } },
    };
  if (!v.courses.some((c) => c.induction && c.completedOn <= today))
    return { key: 'custody-visiting:visitors.rota.notTrained' };
  return null;
}

/** ICV-02: the compulsory interview: who sat on its panel, and whether the person is suitable. */
export function interviewRefusals(input: {
  interviewPanel: string;
  outcome?: string | undefined;
}): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  required(refusals, 'interviewPanel', input.interviewPanel, 500);
  if (input.outcome !== 'suitable' && input.outcome !== 'unsuitable')
    refusals.push({ field: 'outcome', key: 'custody-visiting:visitors.errors.outcomeMissing' });
  return refusals;
}

/** ICV-02: vetting's result; a clearance needs its expiry, after the day it was given. */
export function vettingRefusals(input: {
  result?: string | undefined;
  vettedOn: IsoDate | null;
  expiresOn: IsoDate | null;
}): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  if (input.result !== 'cleared' && input.result !== 'refused')
    refusals.push({ field: 'result', key: 'custody-visiting:visitors.errors.resultMissing' });
  if (input.result === 'cleared' && input.vettedOn) {
    if (!input.expiresOn)
      refusals.push({
        field: 'expiresOn-day',
        key: 'custody-visiting:visitors.errors.expiryMissing',
      });
    else if (input.expiresOn <= input.vettedOn)
      refusals.push({
        field: 'expiresOn-day',
        key: 'custody-visiting:visitors.errors.expiryBeforeVetting',
      });
  }
  return refusals;
}

/** A text a visitor's form must have (a course's name, a reason), at most `max` characters. */
export function requiredText(field: string, value: string, max: number): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  required(refusals, field, value, max);
  return refusals;
}
