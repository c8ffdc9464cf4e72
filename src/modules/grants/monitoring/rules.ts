/**
 * Grants monitoring and evaluation (issue 26 part 4): LEG-06, every funded activity is monitored
 * and evaluated for effectiveness and value for money before the same applicant is funded again;
 * CDRP-12, money given to each borough is monitored project by project, what it was spent on and
 * what it achieved, with underspend and clawback given back to the fund; CON-04, the money is
 * seen to be spread equitably across the boroughs. Pure rules: no I/O.
 */
import { hasRole } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import {
  addCalendarDays,
  addCalendarMonths,
  type IsoDate,
} from '../../../platform/calendar/index.js';
import type { SaidRefusal } from '../../../platform/i18n/said.js';
import { formatPence, readPounds } from '../../../platform/money/pence.js';
import {
  ADJUSTMENT_KINDS,
  EVALUATION_RATINGS,
  PROGRESS_STATUSES,
  type AdjustmentKind,
  type ApplicantKind,
  type EvaluationRating,
  type ProgressStatus,
} from '../constants.js';

/** LEG-06: a return is due this many calendar days after its period ends. */
export const RETURN_DUE_DAYS = 28;
/** LEG-06: a late return is chased again this many days after it was last chased. */
export const CHASE_EVERY_DAYS = 14;
/** The longest narrative, finding or note kept. */
export const MAX_TEXT = 5000;
/** The largest amount a form reads (£10m: far beyond any grant). */
const MAX_PENCE = 10_000_000_00;

type Input = Record<string, string | string[] | undefined>;
const tidy = (value: string | string[] | undefined) =>
  (typeof value === 'string' ? value : '').trim();

export interface ReturnPeriod {
  period: number;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  dueOn: IsoDate;
  final: boolean;
}

/**
 * LEG-06, CDRP-12: the returns a grant owes, one for each interval from its start to its end (the
 * last one shorter if the grant ends part-way through an interval), each due RETURN_DUE_DAYS after
 * its period ends, the last one the final return. Periods are counted from the start date every
 * time, so 31 January plus a month is 28 February, not drifting afterwards. A grant awarded after
 * it started is given RETURN_DUE_DAYS from the day the schedule is made (`scheduledOn`) for the
 * returns already past, so none is late the moment it is written.
 */
export function returnSchedule(
  grant: {
    startsOn: IsoDate;
    endsOn: IsoDate;
    intervalMonths: number;
  },
  scheduledOn: IsoDate,
): ReturnPeriod[] {
  const { startsOn, endsOn, intervalMonths } = grant;
  const earliestDue = addCalendarDays(scheduledOn, RETURN_DUE_DAYS);
  if (!Number.isInteger(intervalMonths) || intervalMonths < 1 || intervalMonths > 12)
    throw new RangeError(`A return interval is 1 to 12 months: ${intervalMonths}`);
  const periods: ReturnPeriod[] = [];
  for (let n = 0; ; n++) {
    const periodStart = addCalendarMonths(startsOn, n * intervalMonths);
    if (periodStart > endsOn) break;
    const next = addCalendarMonths(startsOn, (n + 1) * intervalMonths);
    const end = addCalendarDays(next, -1);
    const periodEnd = end < endsOn ? end : endsOn;
    const dueOn = addCalendarDays(periodEnd, RETURN_DUE_DAYS);
    periods.push({
      period: n + 1,
      periodStart,
      periodEnd,
      dueOn: dueOn > earliestDue ? dueOn : earliestDue,
      final: false,
    });
  }
  if (periods.length) periods[periods.length - 1]!.final = true;
  return periods;
}

/** The days from one date to a later one (negative when earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** LEG-06: a return is late when it was not sent by its due date. */
export function isLate(ret: { submittedAt: Date | null; dueOn: IsoDate }, today: IsoDate): boolean {
  return !ret.submittedAt && ret.dueOn < today;
}

/** LEG-06: how many days late an unsent return is (0 when it is not late). */
export function daysLate(
  ret: { submittedAt: Date | null; dueOn: IsoDate },
  today: IsoDate,
): number {
  return isLate(ret, today) ? daysBetween(ret.dueOn, today) : 0;
}

/** LEG-06: a late return is chased when never chased, then every CHASE_EVERY_DAYS. */
export function chaseDue(chasedAt: Date | null, now: Date): boolean {
  return !chasedAt || now.getTime() - chasedAt.getTime() >= CHASE_EVERY_DAYS * 86_400_000;
}

/** The state a return is in, as its list and the grant's page show it. */
export type ReturnState = 'accepted' | 'sent' | 'late' | 'open' | 'upcoming';

export function returnState(
  ret: { submittedAt: Date | null; acceptedAt: Date | null; dueOn: IsoDate; periodStart: IsoDate },
  today: IsoDate,
): ReturnState {
  if (ret.acceptedAt) return 'accepted';
  if (ret.submittedAt) return 'sent';
  if (ret.dueOn < today) return 'late';
  return ret.periodStart <= today ? 'open' : 'upcoming';
}

/**
 * LEG-06: the return the applicant may send now: the earliest not yet sent, once its period has
 * started (returns are sent in order, so spend to date reads true).
 */
export function nextSendable<
  R extends { id: string; period: number; submittedAt: Date | null; periodStart: IsoDate },
>(returns: readonly R[], today: IsoDate): R | null {
  const next = [...returns].filter((r) => !r.submittedAt).sort((a, b) => a.period - b.period)[0];
  return next && next.periodStart <= today ? next : null;
}

/**
 * Who acts for an application's applicant: for an engagement group, its engagement officers; for a
 * partnership or a borough, that borough's partnership officers; for a community organisation,
 * the people the directory has in it (`personOrganisationId`, the organisation of the person's
 * own directory entry).
 */
export function mayActForApplicant(
  principal: Principal,
  application: {
    applicantKind: ApplicantKind | string;
    engagementGroupId: string | null;
    organisationId: string | null;
  },
  personOrganisationId: string | null | undefined,
): boolean {
  if (principal?.kind !== 'user') return false;
  const { applicantKind, engagementGroupId, organisationId } = application;
  if (applicantKind === 'engagement_group')
    return (
      !!engagementGroupId &&
      hasRole(principal, 'engagement_officer', { type: 'engagement_group', id: engagementGroupId })
    );
  if (applicantKind === 'partnership' || applicantKind === 'borough')
    return (
      !!organisationId &&
      hasRole(principal, 'partnership_officer', { type: 'borough', id: organisationId })
    );
  return !!organisationId && personOrganisationId === organisationId;
}

export interface ReturnValue {
  progress: string;
  spend: { budgetLineId: string; spentPence: number }[];
  outcomes: { outcomeId: string; status: ProgressStatus; note: string | null }[];
}

/**
 * LEG-06, CDRP-12: a monitoring return as sent: the spend in the period on each budget line in
 * pounds (blank is nothing; never negative), each outcome's progress (a status, a note), and a
 * narrative of what was done. Spending a line past its budget is allowed but warned of
 * (`overBudget`): the authority decides, by accepting the return or asking money back.
 */
export function validateReturn(
  input: Input,
  lines: readonly { id: string; description: string; amountPence: number; spentPence: number }[],
  outcomes: readonly { id: string; outcome: string }[],
): { refusals: SaidRefusal[]; value: ReturnValue; overBudget: string[] } {
  const refusals: SaidRefusal[] = [];
  const spend: ReturnValue['spend'] = [];
  const overBudget: string[] = [];
  for (const line of lines) {
    const field = `spend-${line.id}`;
    const typed = tidy(input[field]);
    const pence = typed ? readPounds(typed, MAX_PENCE) : 0;
    if (pence === null || pence === 'too-large') {
      refusals.push({
        field,
        key: 'grants:monitoring.errors.spend',
        values: { line: line.description },
      });
      continue;
    }
    spend.push({ budgetLineId: line.id, spentPence: pence });
    if (line.spentPence + pence > line.amountPence) overBudget.push(line.description);
  }
  const progressOf: ReturnValue['outcomes'] = [];
  for (const o of outcomes) {
    const status = PROGRESS_STATUSES.find((s) => s === input[`status-${o.id}`]);
    const note = tidy(input[`note-${o.id}`]);
    if (!status)
      refusals.push({
        field: `status-${o.id}`,
        key: 'grants:monitoring.errors.status',
        values: { outcome: o.outcome },
      });
    else if (note.length > MAX_TEXT)
      refusals.push({
        field: `note-${o.id}`,
        key: 'grants:monitoring.errors.tooLong',
        values: { max: MAX_TEXT },
      });
    else progressOf.push({ outcomeId: o.id, status, note: note || null });
  }
  const progress = tidy(input.progress);
  if (!progress) refusals.push({ field: 'progress', key: 'grants:monitoring.errors.progress' });
  else if (progress.length > MAX_TEXT)
    refusals.push({
      field: 'progress',
      key: 'grants:monitoring.errors.tooLong',
      values: { max: MAX_TEXT },
    });
  return { refusals, value: { progress, spend, outcomes: progressOf }, overBudget };
}

export interface AdjustmentValue {
  kind: AdjustmentKind;
  amountPence: number;
  reason: string;
}

/**
 * CDRP-12: an underspend or clawback: its kind, an amount in pounds no more than what is left of
 * the award after earlier adjustments, and why. An underspend is money not yet paid, so it is no
 * more than the instalments still to be paid (`unpaidPence`, those in no payment batch); a
 * clawback may be more, the rest asked back. The date is checked by the form's date field.
 */
export function validateAdjustment(
  input: Input,
  grant: { awardedPence: number; adjustedPence: number; unpaidPence: number },
): { refusals: SaidRefusal[]; value: AdjustmentValue } {
  const refusals: SaidRefusal[] = [];
  const kind = ADJUSTMENT_KINDS.find((k) => k === input.kind);
  if (!kind) refusals.push({ field: 'kind', key: 'grants:monitoring.errors.kind' });
  const left = grant.awardedPence - grant.adjustedPence;
  const amount = readPounds(tidy(input.amount), MAX_PENCE);
  if (amount === null || amount === 'too-large' || amount <= 0)
    refusals.push({ field: 'amount', key: 'grants:monitoring.errors.amount' });
  else if (amount > left)
    refusals.push({
      field: 'amount',
      key: 'grants:monitoring.errors.amountTooLarge',
      values: { left: formatPence(left) },
    });
  else if (kind === 'underspend' && amount > grant.unpaidPence)
    refusals.push({
      field: 'amount',
      key: 'grants:monitoring.errors.amountUnpaid',
      values: { unpaid: formatPence(grant.unpaidPence) },
    });
  const reason = tidy(input.reason);
  if (!reason) refusals.push({ field: 'reason', key: 'grants:monitoring.errors.reason' });
  else if (reason.length > MAX_TEXT)
    refusals.push({
      field: 'reason',
      key: 'grants:monitoring.errors.tooLong',
      values: { max: MAX_TEXT },
    });
  return {
    refusals,
    value: {
      kind: kind ?? 'underspend',
      amountPence: typeof amount === 'number' ? amount : 0,
      reason,
    },
  };
}

/** An instalment of a grant still to be paid (in no payment batch yet). */
export interface UnpaidInstalment {
  id: string;
  instalment: number;
  amountPence: number;
}

/** An instalment an adjustment cut: its amount before and after (0: it is removed). */
export interface InstalmentCut {
  id: string;
  instalment: number;
  beforePence: number;
  afterPence: number;
}

/**
 * CDRP-12: what an underspend or clawback takes off the instalments still to be paid, the last
 * instalment first (an instalment cut to nothing is removed), so money given back to the fund is
 * not paid out as well; what the instalments cannot cover (a clawback of money already paid) is
 * to be recovered.
 */
export function cutInstalments(
  unpaid: readonly UnpaidInstalment[],
  amountPence: number,
): { cuts: InstalmentCut[]; recoverPence: number } {
  let rest = amountPence;
  const cuts: InstalmentCut[] = [];
  for (const i of [...unpaid].sort((a, b) => b.instalment - a.instalment)) {
    if (rest <= 0) break;
    const cut = Math.min(rest, i.amountPence);
    cuts.push({
      id: i.id,
      instalment: i.instalment,
      beforePence: i.amountPence,
      afterPence: i.amountPence - cut,
    });
    rest -= cut;
  }
  return { cuts, recoverPence: rest };
}

/**
 * LEG-06: a grant is evaluated once its final return is sent or its end date has passed (and
 * only once).
 */
export function evaluationDue(
  grant: { endsOn: IsoDate | null; finalSent: boolean },
  today: IsoDate,
): boolean {
  return grant.finalSent || (!!grant.endsOn && grant.endsOn < today);
}

export interface EvaluationValue {
  effectiveness: EvaluationRating;
  valueForMoney: EvaluationRating;
  findings: string;
  lessons: string | null;
}

/** LEG-06: the evaluation of effectiveness and value for money, with findings and lessons. */
export function validateEvaluation(input: Input): {
  refusals: SaidRefusal[];
  value: EvaluationValue;
} {
  const refusals: SaidRefusal[] = [];
  const effectiveness = EVALUATION_RATINGS.find((r) => r === input.effectiveness);
  const valueForMoney = EVALUATION_RATINGS.find((r) => r === input.valueForMoney);
  if (!effectiveness)
    refusals.push({ field: 'effectiveness', key: 'grants:monitoring.errors.effectiveness' });
  if (!valueForMoney)
    refusals.push({ field: 'valueForMoney', key: 'grants:monitoring.errors.valueForMoney' });
  const findings = tidy(input.findings);
  const lessons = tidy(input.lessons);
  if (!findings) refusals.push({ field: 'findings', key: 'grants:monitoring.errors.findings' });
  for (const [field, value] of [
    ['findings', findings],
    ['lessons', lessons],
  ] as const)
    if (value.length > MAX_TEXT)
      refusals.push({ field, key: 'grants:monitoring.errors.tooLong', values: { max: MAX_TEXT } });
  return {
    refusals,
    value: {
      effectiveness: effectiveness ?? 'adequate',
      valueForMoney: valueForMoney ?? 'adequate',
      findings,
      lessons: lessons || null,
    },
  };
}

export interface BoroughSpend {
  boroughId: string | null;
  awardedPence: number;
  adjustedPence: number;
  spentPence: number;
  grants: number;
}

export interface BoroughShare extends BoroughSpend {
  netPence: number;
  /** The borough's share of the area's net money, in tenths of a per cent. */
  sharePermille: number;
  /** Its net less an equal share of what went to the boroughs. */
  againstEqualPence: number;
  nothingAwarded: boolean;
}

/**
 * CON-04, CDRP-12: each borough's net money (awarded less underspend and clawback) and its share
 * of the whole, against an equal share of what went to the boroughs; a borough given nothing is
 * flagged. Money for no one borough (area-wide) counts in the total, not in the equal share.
 */
export function boroughShares(
  boroughIds: readonly string[],
  rows: readonly BoroughSpend[],
): {
  boroughs: BoroughShare[];
  areaWide: BoroughShare | null;
  total: BoroughShare;
  equalSharePence: number;
} {
  const share = (r: BoroughSpend, whole: number): BoroughShare => {
    const netPence = r.awardedPence - r.adjustedPence;
    return {
      ...r,
      netPence,
      sharePermille: whole > 0 ? Math.round((netPence * 1000) / whole) : 0,
      againstEqualPence: 0,
      nothingAwarded: r.awardedPence === 0,
    };
  };
  const empty = (boroughId: string | null): BoroughSpend => ({
    boroughId,
    awardedPence: 0,
    adjustedPence: 0,
    spentPence: 0,
    grants: 0,
  });
  const byId = new Map(rows.map((r) => [r.boroughId, r]));
  const sum = (list: readonly BoroughSpend[]): BoroughSpend =>
    list.reduce(
      (a, r) => ({
        boroughId: null,
        awardedPence: a.awardedPence + r.awardedPence,
        adjustedPence: a.adjustedPence + r.adjustedPence,
        spentPence: a.spentPence + r.spentPence,
        grants: a.grants + r.grants,
      }),
      empty(null),
    );
  const all = sum(rows);
  const whole = all.awardedPence - all.adjustedPence;
  const ofBoroughs = boroughIds.map((id) => byId.get(id) ?? empty(id));
  const boroughNet = ofBoroughs.reduce((a, r) => a + r.awardedPence - r.adjustedPence, 0);
  const equalSharePence = boroughIds.length ? Math.round(boroughNet / boroughIds.length) : 0;
  const boroughs = ofBoroughs.map((r) => {
    const s = share(r, whole);
    return { ...s, againstEqualPence: s.netPence - equalSharePence };
  });
  const area = byId.get(null);
  return {
    boroughs,
    areaWide: area ? share(area, whole) : null,
    total: { ...share(all, whole), nothingAwarded: false },
    equalSharePence,
  };
}
