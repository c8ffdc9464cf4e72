/**
 * CON-02: the policing-plan consultation runs through dated stages (seed 002 para 26: brief to
 * the planning panel in March, the programme approved in May, fieldwork, analysis with the
 * partnership audits in September, results to the board and feedback stage 1 in October,
 * priorities drafted in November, feedback stage 2 in February and March, publication in May and
 * June). A stage that slips is visible, and so is fieldwork drifting into the summer peak
 * (para 27: a slip means "the need to consult with Londoners during the peak summer period").
 */
import { addCalendarDays, addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';

/** A stage of the shipped template, its months counted from the April its plan year starts. */
export interface TemplateStage {
  name: string;
  /** The month it starts: 0 is April of the plan's first year, -13 the March a year before. */
  fromMonth: number;
  /** The month it ends, in the same count (its last day is the month's last). */
  toMonth: number;
  fieldwork: boolean;
}

/**
 * The seed's timetable for the 2003/04 plan, which began in March 2002. The seed's fieldwork ran
 * June to August; the template keeps it to June, as para 27 asks that the timetable not drift
 * into the summer peak (July and August by default), so that a slip is what the flag shows.
 */
export const POLICING_PLAN_TEMPLATE: readonly TemplateStage[] = [
  { name: 'Brief to the planning panel', fromMonth: -13, toMonth: -13, fieldwork: false },
  { name: 'Approval of the programme', fromMonth: -11, toMonth: -11, fieldwork: false },
  { name: 'Fieldwork', fromMonth: -10, toMonth: -10, fieldwork: true },
  {
    name: 'Analysis of results with partnership audits',
    fromMonth: -7,
    toMonth: -7,
    fieldwork: false,
  },
  {
    name: 'Results to the board and feedback stage 1',
    fromMonth: -6,
    toMonth: -6,
    fieldwork: false,
  },
  { name: 'Priorities drafted', fromMonth: -5, toMonth: -5, fieldwork: false },
  { name: 'Feedback stage 2', fromMonth: -2, toMonth: -1, fieldwork: false },
  { name: 'Publication', fromMonth: 1, toMonth: 2, fieldwork: false },
];

/** The earliest and latest plan years a programme may serve. */
export const PLAN_YEAR_MIN = 2000;
export const PLAN_YEAR_MAX = 2100;
export const MAX_STAGES = 30;
export const MAX_NAME = 200;
export const MAX_NOTE = 1000;

/** The plan a programme serves, named by its first year: 2027 is "2027/28". */
export const planYearLabel = (planYear: number): string =>
  `${planYear}/${String((planYear + 1) % 100).padStart(2, '0')}`;

/** A stage's dates as the rules read them. */
export interface StageDates {
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  actualStart: IsoDate | null;
  actualEnd: IsoDate | null;
  fieldwork: boolean;
}

/** A stage planned from the template, with no actual dates. */
export interface PlannedStage {
  position: number;
  name: string;
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  fieldwork: boolean;
}

/** CON-02: the template's stages for a plan year, their planned dates filled from its months. */
export function templateStages(
  planYear: number,
  template: readonly TemplateStage[] = POLICING_PLAN_TEMPLATE,
): PlannedStage[] {
  const april = `${String(planYear).padStart(4, '0')}-04-01`;
  return template.map((s, i) => ({
    position: i + 1,
    name: s.name,
    plannedStart: addCalendarMonths(april, s.fromMonth),
    plannedEnd: addCalendarDays(addCalendarMonths(april, s.toMonth + 1), -1),
    fieldwork: s.fieldwork,
  }));
}

/** Days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type StageProgress = 'notStarted' | 'underway' | 'done';

export interface StageSlip {
  progress: StageProgress;
  /** Days late: 0 when on time. */
  daysLate: number;
}

/**
 * CON-02: a stage slips when it ends after its planned end (one unfinished, when today is past
 * its planned end) or it did not start by its planned start (one not yet started, when today is
 * past it). How late is the larger of the two.
 */
export function stageSlip(stage: StageDates, today: IsoDate): StageSlip {
  const progress: StageProgress = stage.actualEnd
    ? 'done'
    : stage.actualStart
      ? 'underway'
      : 'notStarted';
  const endedOrToday = stage.actualEnd ?? today;
  const endLate = daysBetween(stage.plannedEnd, endedOrToday);
  const startedOrToday = stage.actualStart ?? today;
  const startLate = daysBetween(stage.plannedStart, startedOrToday);
  return { progress, daysLate: Math.max(0, endLate, startLate) };
}

/** A span of days in weeks and days: 17 days is two weeks and three days. */
export function weeksAndDays(days: number): { weeks: number; days: number } {
  return { weeks: Math.floor(days / 7), days: days % 7 };
}

/** The months (1 to 12) from one date to another, both included, at most a year's twelve. */
function monthsTouched(from: IsoDate, to: IsoDate): Set<number> {
  const months = new Set<number>();
  if (to < from) return months;
  let month = `${from.slice(0, 7)}-01`;
  for (let i = 0; i < 12 && month <= to; i += 1) {
    months.add(Number(month.slice(5, 7)));
    month = addCalendarMonths(month, 1);
  }
  return months;
}

/**
 * CON-02: the summer-peak months a fieldwork stage runs into, by its planned dates or its actual
 * ones (one underway runs to today, or to its planned end if that is later); none for any other
 * stage. `peakMonths` is config.consultation.summerPeakMonths.
 */
export function summerPeakMonths(
  stage: StageDates,
  peakMonths: readonly number[],
  today: IsoDate,
): number[] {
  if (!stage.fieldwork || !peakMonths.length) return [];
  const touched = monthsTouched(stage.plannedStart, stage.plannedEnd);
  if (stage.actualStart) {
    const runsTo = stage.actualEnd ?? (today > stage.plannedEnd ? today : stage.plannedEnd);
    for (const m of monthsTouched(stage.actualStart, runsTo)) touched.add(m);
  }
  return peakMonths.filter((m) => touched.has(m)).sort((a, b) => a - b);
}

/** A stage copied into the next year's programme. */
export interface CopiedStage extends PlannedStage {
  ownerId: string | null;
}

/**
 * CON-02: next year's programme starts as a copy of this year's: the same stages in the same
 * order with the same owners, each planned a year later; nothing of this year's actual dates,
 * notes or fieldwork consultation is carried over.
 */
export function stagesForNextYear(
  stages: readonly (PlannedStage & { ownerId: string | null })[],
): CopiedStage[] {
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .map((s, i) => ({
      position: i + 1,
      name: s.name,
      ownerId: s.ownerId,
      plannedStart: addCalendarMonths(s.plannedStart, 12),
      plannedEnd: addCalendarMonths(s.plannedEnd, 12),
      fieldwork: s.fieldwork,
    }));
}

/** A plan year typed: a whole year from PLAN_YEAR_MIN to PLAN_YEAR_MAX, or a refusal. */
export function parsePlanYear(
  text: string | undefined,
): { planYear: number } | { refusal: SaidRefusal } {
  const value = (text ?? '').trim();
  if (!value)
    return { refusal: { field: 'planYear', key: 'consultation:programmes.errors.yearMissing' } };
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= PLAN_YEAR_MIN && year <= PLAN_YEAR_MAX))
    return {
      refusal: {
        field: 'planYear',
        key: 'consultation:programmes.errors.yearInvalid',
        values: { min: PLAN_YEAR_MIN, max: PLAN_YEAR_MAX },
      },
    };
  return { planYear: year };
}

export interface StageInput {
  name?: string | undefined;
  note?: string | undefined;
}

export interface StageChecked {
  name: string;
  note: string | null;
}

/**
 * CON-02: a stage as typed: its name (at most 200 characters), its planned start and end (the
 * end not before the start), its actual end only once it has an actual start and not before it,
 * and an optional note. Each refusal names its field.
 */
export function validateStage(
  input: StageInput,
  dates: {
    plannedStart: IsoDate | null;
    plannedEnd: IsoDate | null;
    actualStart: IsoDate | null;
    actualEnd: IsoDate | null;
  },
): { refusals: SaidRefusal[]; value: StageChecked } {
  const refusals: SaidRefusal[] = [];
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) refusals.push({ field: 'name', key: 'consultation:programmes.errors.nameMissing' });
  else if (name.length > MAX_NAME)
    refusals.push({
      field: 'name',
      key: 'consultation:programmes.errors.nameTooLong',
      values: { max: MAX_NAME },
    });
  const note = (input.note ?? '').trim();
  if (note.length > MAX_NOTE)
    refusals.push({
      field: 'note',
      key: 'consultation:programmes.errors.noteTooLong',
      values: { max: MAX_NOTE },
    });
  const { plannedStart, plannedEnd, actualStart, actualEnd } = dates;
  if (plannedStart && plannedEnd && plannedEnd < plannedStart)
    refusals.push({
      field: 'plannedEnd-day',
      key: 'consultation:programmes.errors.plannedEndBeforeStart',
    });
  if (actualEnd && !actualStart)
    refusals.push({
      field: 'actualStart-day',
      key: 'consultation:programmes.errors.actualStartMissing',
    });
  else if (actualStart && actualEnd && actualEnd < actualStart)
    refusals.push({
      field: 'actualEnd-day',
      key: 'consultation:programmes.errors.actualEndBeforeStart',
    });
  return { refusals, value: { name, note: note || null } };
}

/**
 * A stage moved up or down the programme: the ids in their new order, or null when it cannot
 * move that way (the first up, the last down, or a stage not in it).
 */
export function reorderedIds(
  ids: readonly string[],
  id: string,
  direction: 'up' | 'down',
): string[] | null {
  const at = ids.indexOf(id);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}
