/**
 * CON-01: the consultation strategy board (seed 002, para 7 and Appendix 3): members from the
 * authority and the police, chaired by the authority; it approves major consultations and
 * reviews results before they go to the planning panel, each naming the board's minute; and it
 * agrees performance measures and targets for consultation. Pure functions, named by rule id.
 */
import type { IsoDate } from '../../platform/calendar/index.js';
import { readPounds } from '../../platform/money/pence.js';
import type { Said, SaidRefusal } from '../../platform/i18n/said.js';

export const BOARD_SIDES = ['authority', 'police'] as const;
export type BoardSide = (typeof BOARD_SIDES)[number];

export const BOARD_ROLES = ['chair', 'member'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

/** The body type the board's meetings are kept under (ADR 0005). */
export const BOARD_BODY_TYPE = 'consultation_board';

const E = 'consultation:board.errors';

/** CON-01: a member serves from their first day to their last inclusive (none: still serving). */
export function servesOn(member: { fromOn: IsoDate; toOn: IsoDate | null }, day: IsoDate): boolean {
  return member.fromOn <= day && (member.toOn === null || member.toOn >= day);
}

export interface MembershipInput {
  side?: string | undefined;
  role?: string | undefined;
}

/**
 * CON-01: a membership added: a person found in the directory, their side (authority or police),
 * chair or member, from a day; not one already serving then; and one chair at a time, from the
 * authority (the board is chaired by the authority, seed 002 para 8).
 */
export function validateMembership(
  input: MembershipInput,
  fromOn: IsoDate | null,
  context: {
    personFound: boolean;
    /** The memberships of the same person, and the board's chairs, current or to come. */
    personMemberships: readonly { fromOn: IsoDate; toOn: IsoDate | null }[];
    chairs: readonly { fromOn: IsoDate; toOn: IsoDate | null }[];
  },
): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  const side = BOARD_SIDES.find((s) => s === input.side);
  const role = BOARD_ROLES.find((r) => r === input.role);
  if (!side) refusals.push({ field: 'side', key: `${E}.sideMissing` });
  if (!role) refusals.push({ field: 'role', key: `${E}.roleMissing` });
  if (role === 'chair' && side === 'police')
    refusals.push({ field: 'role', key: `${E}.chairFromAuthority` });
  if (!fromOn) return refusals;
  const overlaps = (m: { fromOn: IsoDate; toOn: IsoDate | null }) =>
    m.toOn === null || m.toOn >= fromOn;
  if (context.personFound && context.personMemberships.some(overlaps))
    refusals.push({ field: 'email', key: `${E}.alreadyMember` });
  if (role === 'chair' && context.chairs.some(overlaps))
    refusals.push({ field: 'role', key: `${E}.chairTaken` });
  return refusals;
}

/** CON-01: a membership ends on a day not before it began, and only once. */
export function endMembershipRefusal(
  member: { fromOn: IsoDate; toOn: IsoDate | null },
  toOn: IsoDate,
): SaidRefusal | null {
  if (member.toOn !== null) return { field: 'toOn-day', key: `${E}.alreadyEnded` };
  if (toOn < member.fromOn)
    return {
      field: 'toOn-day',
      key: `${E}.endBeforeStart`,
      values: { date: { date: member.fromOn } },
    };
  return null;
}

/** A minute as the board's rules read it (from the meetings module's MinuteReference). */
export interface CitedMinute {
  bodyType: string;
  bodyId: string;
  startsAt: Date;
}

/**
 * CON-01: the minute named must be one of the board's own, of a meeting already held (it began
 * before now).
 */
export function minuteRefusal(
  minute: CitedMinute | null | undefined,
  boardId: string,
  now: Date,
): SaidRefusal | null {
  if (!minute) return { field: 'minuteItemId', key: `${E}.minuteMissing` };
  if (minute.bodyType !== BOARD_BODY_TYPE || minute.bodyId !== boardId)
    return { field: 'minuteItemId', key: `${E}.minuteNotBoards` };
  if (minute.startsAt.getTime() > now.getTime())
    return { field: 'minuteItemId', key: `${E}.meetingNotHeld` };
  return null;
}

/**
 * CON-01: the board approves a major consultation before it is launched, naming its minute.
 * Only a major consultation needs it; a launched one is past approving.
 */
export function approvalRefusal(
  consultation: { major: boolean; launchedAt: Date | null },
  minute: CitedMinute | null | undefined,
  boardId: string,
  now: Date,
): SaidRefusal | null {
  if (!consultation.major) return { field: 'minuteItemId', key: `${E}.notMajor` };
  if (consultation.launchedAt) return { field: 'minuteItemId', key: `${E}.alreadyLaunched` };
  return minuteRefusal(minute, boardId, now);
}

/** CON-01: an approval is withdrawn only before the consultation is launched. */
export function withdrawalRefusal(consultation: {
  launchedAt: Date | null;
  approvalMinuteItemId: string | null;
}): Said | null {
  if (!consultation.approvalMinuteItemId) return { key: `${E}.notApproved` };
  if (consultation.launchedAt) return { key: `${E}.withdrawLaunched` };
  return null;
}

/**
 * CON-01: the board reviews the results of a consultation once it has closed, before they go to
 * the planning panel, naming its minute.
 */
export function reviewRefusal(
  phase: 'draft' | 'upcoming' | 'open' | 'closed',
  minute: CitedMinute | null | undefined,
  boardId: string,
  now: Date,
): SaidRefusal | null {
  if (phase !== 'closed') return { field: 'minuteItemId', key: `${E}.notClosed` };
  return minuteRefusal(minute, boardId, now);
}

// Performance measures and targets (CON-01: "agreeing clear consultation performance measures
// and targets").

export const MEASURE_STANDINGS = ['met', 'notMet', 'notReported', 'noTarget'] as const;
export type MeasureStanding = (typeof MEASURE_STANDINGS)[number];

/**
 * CON-01: how a measure stands for a year: no target set; target set but no actual reported;
 * met (the actual reaches the target, up or down as the measure runs); or not met.
 */
export function measureStanding(
  measure: { higherIsBetter: boolean },
  target: number | null,
  actual: number | null,
): MeasureStanding {
  if (target === null) return 'noTarget';
  if (actual === null) return 'notReported';
  const met = measure.higherIsBetter ? actual >= target : actual <= target;
  return met ? 'met' : 'notMet';
}

/** The largest figure a target or actual may be (numeric(14, 2)). */
export const MAX_FIGURE = 999_999_999_999;

/**
 * A figure typed for a target or an actual: a number not below zero, in hundredths at most
 * (commas allowed), or nothing. Gives the number, or a refusal naming the field.
 */
export function parseFigure(
  typed: string | undefined,
  field: string,
  required: boolean,
): { value: number | null; refusal: SaidRefusal | null } {
  const text = (typed ?? '').trim().replace(/,/g, '');
  if (!text)
    return {
      value: null,
      refusal: required ? { field, key: `${E}.${field}Missing` } : null,
    };
  if (!/^\d+(\.\d{1,2})?$/.test(text) || Number(text) > MAX_FIGURE)
    return { value: null, refusal: { field, key: `${E}.${field}NotNumber` } };
  return { value: Number(text), refusal: null };
}

export interface MeasureInput {
  name?: string | undefined;
  counts?: string | undefined;
  unit?: string | undefined;
  higherIsBetter?: string | undefined;
}

/** CON-01: a measure: its name, what it counts, its unit, and whether higher is better. */
export function validateMeasure(input: MeasureInput): {
  refusals: SaidRefusal[];
  value: { name: string; counts: string; unit: string; higherIsBetter: boolean };
} {
  const refusals: SaidRefusal[] = [];
  const name = (input.name ?? '').trim();
  const counts = (input.counts ?? '').trim();
  const unit = (input.unit ?? '').trim();
  if (!name) refusals.push({ field: 'name', key: `${E}.nameMissing` });
  else if (name.length > 200)
    refusals.push({ field: 'name', key: `${E}.tooLong`, values: { max: 200 } });
  if (!counts) refusals.push({ field: 'counts', key: `${E}.countsMissing` });
  else if (counts.length > 1000)
    refusals.push({ field: 'counts', key: `${E}.tooLong`, values: { max: 1000 } });
  if (!unit) refusals.push({ field: 'unit', key: `${E}.unitMissing` });
  else if (unit.length > 50)
    refusals.push({ field: 'unit', key: `${E}.tooLong`, values: { max: 50 } });
  const direction = input.higherIsBetter;
  if (direction !== 'yes' && direction !== 'no')
    refusals.push({ field: 'higherIsBetter', key: `${E}.directionMissing` });
  return { refusals, value: { name, counts, unit, higherIsBetter: direction === 'yes' } };
}

/** The financial year a report asks for: a four-digit year it starts in, else the current one. */
export function financialYearAsked(asked: unknown, current: number): number {
  if (typeof asked !== 'string' || !/^\d{4}$/.test(asked)) return current;
  const year = Number(asked);
  return year >= 2000 && year <= 2100 ? year : current;
}

// What the board approved (CON-01): a material change before launch clears its approval.

/** How far an opening or closing day may move (or the period shorten) and the approval stand. */
export const APPROVAL_DATE_MARGIN_DAYS = 7;

/** The changes that take a consultation away from what the board approved, in the page's order. */
export const MATERIAL_CHANGES = [
  'purpose',
  'audience',
  'borough',
  'dates',
  'major',
  'questionnaire',
] as const;
export type MaterialChange = (typeof MATERIAL_CHANGES)[number];

/** A consultation's details as the board approved them. */
export interface ApprovedDetails {
  title: string;
  purpose: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  audience: string;
  boroughId: string | null;
  major: boolean;
}

const dayNumber = (day: IsoDate) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
/** Whitespace aside, the same words: re-wrapping a paragraph is no change. */
const sameWords = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

/**
 * CON-01: which changes to a consultation's details are material, so that what is launched is
 * what the board approved. Its purpose (in other words, not merely re-spaced), who may respond,
 * the borough it is for (or area-wide), whether it is major, and its dates when either day moves
 * by more than APPROVAL_DATE_MARGIN_DAYS or the period shortens by more than that. Its title is
 * not: a clearer title changes nothing the board decided.
 */
export function materialDetailChanges(
  before: ApprovedDetails,
  after: ApprovedDetails,
): MaterialChange[] {
  const changes = new Set<MaterialChange>();
  if (!sameWords(before.purpose, after.purpose)) changes.add('purpose');
  if (before.audience !== after.audience) changes.add('audience');
  if (before.boroughId !== after.boroughId) changes.add('borough');
  if (before.major !== after.major) changes.add('major');
  const moved = (a: IsoDate, b: IsoDate) =>
    Math.abs(dayNumber(a) - dayNumber(b)) > APPROVAL_DATE_MARGIN_DAYS;
  const length = (d: ApprovedDetails) => dayNumber(d.closesOn) - dayNumber(d.opensOn);
  if (
    moved(before.opensOn, after.opensOn) ||
    moved(before.closesOn, after.closesOn) ||
    length(before) - length(after) > APPROVAL_DATE_MARGIN_DAYS
  )
    changes.add('dates');
  return MATERIAL_CHANGES.filter((c) => changes.has(c));
}

/** A question as the board's rule compares it (its choices' labels in order). */
export interface ApprovedQuestion {
  kind: string;
  text: string;
  choices: readonly string[];
  ratingScale: number | null;
  shownIfOptionId: string | null;
}

/**
 * CON-01: which questionnaire changes are material: a question added or removed, or one whose
 * wording, kind, choices, rating scale or show-if condition changed (what is asked, and of
 * whom). Its hint, whether an answer is required, and the questions' order are not.
 */
export function questionChangeIsMaterial(
  before: ApprovedQuestion | null,
  after: ApprovedQuestion | null,
): boolean {
  if (!before || !after) return before !== after;
  const sameChoices =
    before.choices.length === after.choices.length &&
    before.choices.every((c, i) => sameWords(c.toLowerCase(), after.choices[i]!.toLowerCase()));
  return (
    before.kind !== after.kind ||
    !sameWords(before.text, after.text) ||
    !sameChoices ||
    before.ratingScale !== after.ratingScale ||
    before.shownIfOptionId !== after.shownIfOptionId
  );
}

/**
 * CON-01: the board's approval is cleared by a material change while it still governs: the
 * consultation approved and not yet launched (once launched it is past approving, and the
 * launch's own rules keep its audience and major fixed).
 */
export function approvalClearedBy(
  consultation: { approvalMinuteItemId: string | null; launchedAt: Date | null },
  changes: readonly MaterialChange[],
): boolean {
  return (
    consultation.approvalMinuteItemId !== null &&
    consultation.launchedAt === null &&
    changes.length > 0
  );
}

// Borough consultation and its cost (CON-01: "oversees borough consultation including its cost").

/** The most one cost line may be: £1,000,000 (a line is one invoice or one piece of work). */
export const COST_MAX_PENCE = 100_000_000;
export const COST_WHAT_MAX = 200;

export interface CostLineInput {
  what?: string | undefined;
  amount?: string | undefined;
}

/**
 * CON-01: a consultation's cost line: what it was for, its amount in pounds and pence (more than
 * nothing, at most COST_MAX_PENCE), and the day it was spent, not after today (a cost recorded
 * is one incurred). Gives the line in pence, or a refusal naming each field.
 */
export function validateCostLine(
  input: CostLineInput,
  spentOn: IsoDate | null,
  today: IsoDate,
): { refusals: SaidRefusal[]; value: { what: string; amountPence: number; spentOn: IsoDate } } {
  const refusals: SaidRefusal[] = [];
  const what = (input.what ?? '').trim().replace(/\s+/g, ' ');
  if (!what) refusals.push({ field: 'what', key: `${E}.costWhatMissing` });
  else if (what.length > COST_WHAT_MAX)
    refusals.push({ field: 'what', key: `${E}.tooLong`, values: { max: COST_WHAT_MAX } });
  const typed = (input.amount ?? '').trim();
  const amount = typed ? readPounds(typed, COST_MAX_PENCE) : null;
  if (!typed) refusals.push({ field: 'amount', key: `${E}.costAmountMissing` });
  else if (amount === null) refusals.push({ field: 'amount', key: `${E}.costAmountNotMoney` });
  else if (amount === 'too-large')
    refusals.push({
      field: 'amount',
      key: `${E}.costAmountTooLarge`,
      values: { max: '£1,000,000' },
    });
  else if (amount === 0) refusals.push({ field: 'amount', key: `${E}.costAmountZero` });
  if (spentOn && spentOn > today) refusals.push({ field: 'spentOn-day', key: `${E}.costInFuture` });
  return {
    refusals,
    value: {
      what,
      amountPence: typeof amount === 'number' ? amount : 0,
      spentOn: spentOn ?? '',
    },
  };
}

/**
 * CON-01: what each response cost: the total over the responses, to the nearest penny; none when
 * nothing was answered (a cost with no response is shown as such, never divided by nought).
 */
export function costPerResponsePence(totalPence: number, responses: number): number | null {
  return responses > 0 ? Math.round(totalPence / responses) : null;
}
