/**
 * CON-02: how a programme's stages are shown: each stage's planned and actual dates, its status
 * in words (on time, or slipped by how long; fieldwork in the summer peak, naming the months),
 * and the timeline's geometry, which the page draws as SVG (the table says the same).
 */
import { addCalendarMonths, type IsoDate } from '../../../platform/calendar/index.js';
import { formatDate, monthNameOf } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  daysBetween,
  stageSlip,
  summerPeakMonths,
  weeksAndDays,
  type StageDates,
} from '../programme-rules.js';

const monthName = monthNameOf;

/** "July", "July and August", "June, July and August". */
export function monthsWords(t: Translate, months: readonly number[]): string {
  const names = months.map((m) => monthName(t, m));
  if (names.length < 2) return names[0] ?? '';
  return t('consultation:programmes.listAnd', {
    list: names.slice(0, -1).join(', '),
    last: names.at(-1),
  });
}

/** How late, in words: "3 days", "1 week", "2 weeks and 3 days". */
export function lateWords(t: Translate, days: number): string {
  const split = weeksAndDays(days);
  const weeks = t('consultation:programmes.weeks', { count: split.weeks });
  const rest = t('consultation:programmes.days', { count: split.days });
  if (!split.weeks) return rest;
  if (!split.days) return weeks;
  return t('consultation:programmes.weeksAndDays', { weeks, days: rest });
}

const span = (t: Translate, from: IsoDate, to: IsoDate) =>
  t('consultation:programmes.fromTo', { from: formatDate(t, from), to: formatDate(t, to) });

export interface ShownStage extends StageDates {
  id: string;
  position: number;
  name: string;
  ownerName: string | null;
  consultationTitle?: string | null;
  note: string | null;
}

/** CON-02: a stage's row: its dates, whether and how late it slipped, and the summer flag. */
export function stageRow(
  t: Translate,
  stage: ShownStage,
  today: IsoDate,
  peakMonths: readonly number[],
) {
  const slip = stageSlip(stage, today);
  const peak = summerPeakMonths(stage, peakMonths, today);
  const actual = stage.actualEnd
    ? span(t, stage.actualStart!, stage.actualEnd)
    : stage.actualStart
      ? t('consultation:programmes.startedOn', { date: formatDate(t, stage.actualStart) })
      : t('consultation:programmes.notStarted');
  return {
    ...stage,
    planned: span(t, stage.plannedStart, stage.plannedEnd),
    actual,
    slipped: slip.daysLate > 0,
    status:
      slip.daysLate > 0
        ? t('consultation:programmes.slippedBy', { late: lateWords(t, slip.daysLate) })
        : t('consultation:programmes.onTime'),
    summerPeak: peak.length
      ? t('consultation:programmes.inSummerPeak', { months: monthsWords(t, peak) })
      : null,
  };
}

export type StageRow = ReturnType<typeof stageRow>;

const LABEL_WIDTH = 300;
const CHART_WIDTH = 600;
const ROW = 34;
const BAR = 10;
const TOP = 30;

/**
 * The timeline: a row a stage, its planned bar above its actual bar (to today while it runs),
 * across the months from the first date to the last, the summer-peak months shaded.
 */
export function timeline(
  t: Translate,
  rows: readonly StageRow[],
  today: IsoDate,
  peakMonths: readonly number[],
) {
  if (!rows.length) return null;
  const ends = rows.flatMap((r) => [
    r.plannedStart,
    r.plannedEnd,
    ...(r.actualStart ? [r.actualStart, r.actualEnd ?? today] : []),
  ]);
  const first = `${ends.reduce((a, b) => (a < b ? a : b)).slice(0, 7)}-01`;
  const lastDay = ends.reduce((a, b) => (a > b ? a : b));
  const months: { start: IsoDate; month: number; year: string }[] = [];
  // At most four years of months: a programme runs over about fifteen.
  let m = first;
  for (; m <= lastDay && months.length < 48; m = addCalendarMonths(m, 1))
    months.push({ start: m, month: Number(m.slice(5, 7)), year: m.slice(0, 4) });
  const end = m;
  const total = Math.max(1, daysBetween(first, end));
  // Dates past the last month drawn (a programme over four years) stop at the chart's edge.
  const x = (d: IsoDate) =>
    Math.round(
      (LABEL_WIDTH + (CHART_WIDTH * Math.min(total, daysBetween(first, d))) / total) * 10,
    ) / 10;
  const width = (from: IsoDate, to: IsoDate) =>
    Math.max(2, Math.round(((CHART_WIDTH * (daysBetween(from, to) + 1)) / total) * 10) / 10);
  const height = TOP + rows.length * ROW + 10;
  return {
    width: LABEL_WIDTH + CHART_WIDTH + 10,
    height,
    labelWidth: LABEL_WIDTH,
    months: months.map((m, i) => ({
      x: x(m.start),
      width: x(months[i + 1]?.start ?? end) - x(m.start),
      // Initials keep the axis readable; January shows its year.
      label: monthName(t, m.month).slice(0, 3) + (m.month === 1 || i === 0 ? ` ${m.year}` : ''),
      peak: peakMonths.includes(m.month),
    })),
    today: today >= first && today < end ? x(today) : null,
    bars: rows.map((r, i) => ({
      label: r.name.length > 40 ? `${r.name.slice(0, 39)}…` : r.name,
      y: TOP + i * ROW,
      plannedX: x(r.plannedStart),
      plannedWidth: width(r.plannedStart, r.plannedEnd),
      actual: r.actualStart
        ? {
            x: x(r.actualStart),
            width: width(
              r.actualStart,
              r.actualEnd ?? (today > r.actualStart ? today : r.actualStart),
            ),
          }
        : null,
      slipped: r.slipped,
    })),
    bar: BAR,
    top: TOP,
    chartEnd: LABEL_WIDTH + CHART_WIDTH,
  };
}
