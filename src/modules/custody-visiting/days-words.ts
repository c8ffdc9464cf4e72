/**
 * How the scheme names a span of days, "1 July 2026 to 30 September 2026", in the reader's
 * language: a quarter on the rota, in its e-mails and in the statistics, and a year's days.
 */
import { addCalendarDays, type IsoDate } from '../../platform/calendar/index.js';
import { formatDate } from '../../platform/i18n/dates.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { nextQuarter } from './rota-rules.js';

/** The days from `from` to `to`, both included. */
export const daysWords = (t: Translate, from: IsoDate, to: IsoDate): string =>
  t('custody-visiting:daysFromTo', { from: formatDate(t, from), to: formatDate(t, to) });

/** A quarter, named by its first day, as its days. */
export const quarterWords = (t: Translate, quarter: IsoDate): string =>
  daysWords(t, quarter, addCalendarDays(nextQuarter(quarter), -1));
