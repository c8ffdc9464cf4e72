/**
 * The board's decisions as a page shows them: the minute named, its meeting and date, with the
 * staff's link and (once the minutes are approved and the minute not withheld) the public's.
 */
import { toLondonDate } from '../../../platform/calendar/index.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { MinuteReference } from '../../meetings/index.js';
import type { MeasureStanding } from '../board-rules.js';

export function presentMinute(t: Translate, minute: MinuteReference) {
  const date = formatDate(t, toLondonDate(minute.startsAt));
  return {
    heading: minute.heading,
    meetingTitle: minute.meetingTitle,
    date,
    meetingLine: t('consultation:board.minuteOf', { meeting: minute.meetingTitle, date }),
    minutesApproved: minute.minutesApproved,
    href: minute.href,
    publicHref: minute.publicHref,
  };
}

/** A figure as the report shows it: whole numbers plain, else two places. */
export function formatFigure(value: number | null): string {
  if (value === null) return '';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The tag colour of each standing. */
export const STANDING_CLASSES: Record<MeasureStanding, string> = {
  met: 'govuk-tag--green',
  notMet: 'govuk-tag--red',
  notReported: 'govuk-tag--grey',
  noTarget: 'govuk-tag--grey',
};
