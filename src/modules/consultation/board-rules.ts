/**
 * CON-01: the consultation strategy board (seed 002, para 7 and Appendix 3): members from the
 * authority and the police, chaired by the authority; it approves major consultations and
 * reviews results before they go to the planning panel, each naming the board's minute; and it
 * agrees performance measures and targets for consultation. Pure functions, named by rule id.
 */
import type { IsoDate } from '../../platform/calendar/index.js';
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
