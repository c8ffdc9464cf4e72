/**
 * The statistics' words shared by the page, the CSV and the annual report (ICV-10): a period's
 * name, and a figure that may be missing.
 */
import { addCalendarDays } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { daysWords } from '../days-words.js';
import { periodEnd, type Period } from '../statistics-rules.js';

/** "1 July 2026 to 30 September 2026", or a year's "2025 to 2026", in the page's language. */
export function periodName(t: Translate, period: Period): string {
  if (period.kind === 'year')
    return t('custody-visiting:statistics.yearName', {
      from: period.start.slice(0, 4),
      to: periodEnd(period).slice(0, 4),
    });
  return periodDays(t, period);
}

/** A period's days, "1 April 2025 to 31 March 2026". */
export const periodDays = (t: Translate, period: Period) =>
  daysWords(t, period.start, addCalendarDays(periodEnd(period), -1));

/** A figure that may be missing (a median of nothing, a share of none): "None" then. */
export const figure = (t: Translate, n: number | null) =>
  n === null ? t('custody-visiting:statistics.none') : String(n);
export const percentFigure = (t: Translate, n: number | null) =>
  n === null
    ? t('custody-visiting:statistics.none')
    : t('custody-visiting:statistics.percent', { percent: n });
