/** How meetings read on a page. */
import { formatDate, formatTime, toLondonDate } from '../../platform/calendar/index.js';
import type { Meeting } from './service.js';

/** '8 December 2026, 6:30pm to 8:30pm' (London time). */
export function meetingWhen(meeting: Pick<Meeting, 'startsAt' | 'endsAt'>): string {
  const day = formatDate(toLondonDate(meeting.startsAt));
  const start = formatTime(meeting.startsAt);
  return meeting.endsAt ? `${day}, ${start} to ${formatTime(meeting.endsAt)}` : `${day}, ${start}`;
}
