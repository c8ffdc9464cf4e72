/**
 * Training (issue 26 part 7): CDRP-11, the training delivered (courses, their sessions and who
 * attended, numbers trained) is recorded; IAG-34, the training needs of police staff in
 * deployment and coordination roles (and, from seed 004, in partnership work) are recorded and
 * shown against what was delivered. Pure rules: no I/O.
 */
import {
  addCalendarDays,
  reportingYearOf,
  type IsoDate,
  type ReportingYear,
} from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';

/**
 * Who a course is for, from the seeds: police staff in IAG deployment and coordination roles
 * (seed 000, recommendation 34), officers and staff in partnership work (seed 004,
 * recommendations 5 and 11), probationary officers (recommendation 13), Safer Neighbourhoods
 * teams (seed 004, paragraph 11), independent advisors (seed 000), and others.
 */
export const AUDIENCES = [
  'deployment',
  'coordination',
  'partnership',
  'probationers',
  'neighbourhood',
  'advisors',
  'other',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/** IAG-34 (and seed 004's partnership training needs analysis): the roles a need is for. */
export const NEED_AREAS = ['deployment', 'coordination', 'partnership'] as const;
export type NeedArea = (typeof NEED_AREAS)[number];

export const ATTENDANCE = ['attended', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** The largest session Bridge records (a lecture theatre). */
export const MAX_CAPACITY = 500;

type Input = Record<string, string | string[] | undefined>;

/** A form's text, trimmed with its runs of spaces made one. */
export function tidy(value: string | string[] | undefined): string {
  return (typeof value === 'string' ? value : '').trim().replace(/\s+/g, ' ');
}

function required(refusals: SaidRefusal[], input: Input, field: string, max: number): string {
  const value = tidy(input[field]);
  if (!value) refusals.push({ field, key: `training:errors.${field}Missing` });
  else if (value.length > max)
    refusals.push({ field, key: 'training:errors.tooLong', values: { max } });
  return value;
}

export interface CourseValue {
  title: string;
  audience: Audience;
  provider: string;
  description: string | null;
}

/** CDRP-11: a course has a title, who it is for (from the list), its provider, and a description. */
export function validateCourse(input: Input): { refusals: SaidRefusal[]; value: CourseValue } {
  const refusals: SaidRefusal[] = [];
  const title = required(refusals, input, 'title', 200);
  const audience = AUDIENCES.find((a) => a === input.audience);
  if (!audience) refusals.push({ field: 'audience', key: 'training:errors.audienceMissing' });
  const provider = required(refusals, input, 'provider', 200);
  const description = (typeof input.description === 'string' ? input.description : '').trim();
  if (description.length > 2000)
    refusals.push({ field: 'description', key: 'training:errors.tooLong', values: { max: 2000 } });
  return {
    refusals,
    value: { title, audience: audience ?? 'other', provider, description: description || null },
  };
}

export interface SessionValue {
  heldOn: IsoDate;
  place: string;
  boroughId: string;
  capacity: number;
}

/** CDRP-11: a session has its day, its place, the borough it is held in, and how many it takes. */
export function validateSession(
  input: Input,
  heldOn: IsoDate | null,
): { refusals: SaidRefusal[]; value: SessionValue } {
  const refusals: SaidRefusal[] = [];
  const place = required(refusals, input, 'place', 200);
  const boroughId = tidy(input.boroughId);
  if (!boroughId) refusals.push({ field: 'boroughId', key: 'training:errors.boroughIdMissing' });
  const capacityText = tidy(input.capacity);
  const capacity = /^\d{1,4}$/.test(capacityText) ? Number(capacityText) : NaN;
  if (!capacityText) refusals.push({ field: 'capacity', key: 'training:errors.capacityMissing' });
  else if (!(capacity >= 1 && capacity <= MAX_CAPACITY))
    refusals.push({
      field: 'capacity',
      key: 'training:errors.capacityRange',
      values: { max: MAX_CAPACITY },
    });
  return { refusals, value: { heldOn: heldOn ?? '', place, boroughId, capacity } };
}

/** What a session holds when a person's attendance is recorded at it. */
export interface SessionPlaces {
  heldOn: IsoDate;
  capacity: number;
  /** People recorded as having attended so far. */
  attended: number;
  /** Whether this person is already recorded at the session (either way). */
  alreadyRecorded: boolean;
}

/**
 * CDRP-11: a person is recorded once at a session; only a session that has been held can have
 * been attended; and no more people attend than the session takes (its capacity).
 */
export function attendanceRefusal(
  session: SessionPlaces,
  status: Attendance,
  today: IsoDate,
): SaidRefusal | null {
  if (session.alreadyRecorded) return { field: 'personId', key: 'training:errors.alreadyRecorded' };
  if (session.heldOn > today)
    return {
      field: 'status',
      key: 'training:errors.notHeldYet',
      values: { heldOn: { date: session.heldOn } },
    };
  if (status === 'attended' && session.attended >= session.capacity)
    return {
      field: 'personId',
      key: 'training:errors.full',
      values: { capacity: session.capacity },
    };
  return null;
}

/** One person's attendance at a session, as the numbers are counted from it. */
export interface Attended {
  personId: string;
  courseId: string;
  boroughId: string;
  heldOn: IsoDate;
}

export interface TrainedCount {
  courseId: string;
  boroughId: string;
  /** The reporting year's start (1 April), as '2026-04-01'. */
  yearStart: IsoDate;
  people: number;
}

/**
 * CDRP-11: the numbers trained by course, borough and reporting year (1 April to 31 March). A
 * person is counted once per course per year, however many of its sessions they attended, in the
 * borough of the first session of it they attended that year; so a course's boroughs add up to
 * the course's total. In course, year, then borough order as given by their ids.
 */
export function numbersTrained(attended: readonly Attended[]): TrainedCount[] {
  const first = new Map<string, Attended & { year: ReportingYear }>();
  for (const a of attended) {
    const year = reportingYearOf(a.heldOn);
    const key = `${a.courseId}|${year.start}|${a.personId}`;
    const seen = first.get(key);
    if (!seen || a.heldOn < seen.heldOn) first.set(key, { ...a, year });
  }
  const counts = new Map<string, TrainedCount>();
  for (const a of first.values()) {
    const key = `${a.courseId}|${a.year.start}|${a.boroughId}`;
    const count = counts.get(key);
    if (count) count.people += 1;
    else
      counts.set(key, {
        courseId: a.courseId,
        boroughId: a.boroughId,
        yearStart: a.year.start,
        people: 1,
      });
  }
  return [...counts.values()];
}

export type NeedStatus = 'met' | 'open' | 'overdue';

/**
 * IAG-34: a need is met when the course that meets it was attended after the need was raised (by
 * its person; for a need of a role as a whole, by anyone), on a day that has come; otherwise it
 * is open, and overdue once its date has passed. `attendedOn` are the days the course was
 * attended, in any order.
 */
export function needStatus(
  need: { raisedOn: IsoDate; dueBy: IsoDate },
  attendedOn: readonly IsoDate[],
  today: IsoDate,
): { status: NeedStatus; metOn: IsoDate | null } {
  const metOn =
    attendedOn
      .filter((d) => d >= need.raisedOn && d <= today)
      .sort()
      .at(0) ?? null;
  if (metOn) return { status: 'met', metOn };
  return { status: today > need.dueBy ? 'overdue' : 'open', metOn: null };
}

export interface NeedValue {
  area: NeedArea;
  personId: string | null;
  courseId: string;
  dueBy: IsoDate;
  notes: string | null;
}

/**
 * IAG-34: a need names the role it is for (deployment, coordination, partnership work), whom:
 * a person or the role as a whole, the course that meets it, and a date by which it is to be met,
 * not before the day it is raised (and not more than five years on).
 */
export function validateNeed(
  input: Input,
  dueBy: IsoDate | null,
  today: IsoDate,
): { refusals: SaidRefusal[]; value: NeedValue } {
  const refusals: SaidRefusal[] = [];
  const area = NEED_AREAS.find((a) => a === input.area);
  if (!area) refusals.push({ field: 'area', key: 'training:errors.areaMissing' });
  const whom = input.whom;
  const personId = tidy(input.personId) || null;
  if (whom !== 'person' && whom !== 'role')
    refusals.push({ field: 'whom', key: 'training:errors.whomMissing' });
  else if (whom === 'person' && !personId)
    refusals.push({ field: 'personId', key: 'training:errors.personIdMissing' });
  const courseId = tidy(input.courseId);
  if (!courseId) refusals.push({ field: 'courseId', key: 'training:errors.courseIdMissing' });
  if (dueBy && dueBy < today)
    refusals.push({ field: 'dueBy-day', key: 'training:errors.dueByPast' });
  else if (dueBy && dueBy > addCalendarDays(today, 5 * 366))
    refusals.push({ field: 'dueBy-day', key: 'training:errors.dueByFar' });
  const notes = (typeof input.notes === 'string' ? input.notes : '').trim();
  if (notes.length > 1000)
    refusals.push({ field: 'notes', key: 'training:errors.tooLong', values: { max: 1000 } });
  return {
    refusals,
    value: {
      area: area ?? 'deployment',
      personId: whom === 'person' ? personId : null,
      courseId,
      dueBy: dueBy ?? '',
      notes: notes || null,
    },
  };
}
