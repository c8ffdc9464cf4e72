/** How meetings read on a page. */
import { formatDate, formatTime, toLondonDate } from '../../platform/calendar/index.js';
import type { Body, BodyProvider } from './bodies.js';
import { meetingPaths } from './paths.js';
import type { Meeting } from './access.js';
import {
  ACTION_STATUS_LABELS,
  ATTENDANCE_LABELS,
  MEETING_FORMAT_LABELS,
  MEETING_STATUS_LABELS,
} from './rules.js';

/** '8 December 2026, 6:30pm to 8:30pm' (London time). */
export function meetingWhen(meeting: Pick<Meeting, 'startsAt' | 'endsAt'>): string {
  const day = formatDate(toLondonDate(meeting.startsAt));
  const start = formatTime(meeting.startsAt);
  return meeting.endsAt ? `${day}, ${start} to ${formatTime(meeting.endsAt)}` : `${day}, ${start}`;
}

/** The breadcrumbs down to a meeting: home, its body, the body's meetings, the meeting. */
export function meetingBreadcrumbs(
  providers: readonly Pick<BodyProvider, 'type' | 'pathPrefix'>[],
  body: Body,
  meeting?: Meeting,
): { text: string; href?: string }[] {
  const prefix = providers.find((p) => p.type === body.type)?.pathPrefix ?? '';
  return [
    { text: 'Home', href: '/' },
    { text: body.name, href: body.href },
    { text: 'Meetings', href: meetingPaths.bodyMeetings(prefix, body.id) },
    ...(meeting ? [{ text: meetingWhen(meeting), href: meetingPaths.meeting(meeting.id) }] : []),
  ];
}

/** The labels the meeting pages give their values. */
export const meetingLabels = {
  formats: MEETING_FORMAT_LABELS,
  statuses: MEETING_STATUS_LABELS,
  attendance: ATTENDANCE_LABELS,
  actions: ACTION_STATUS_LABELS,
};
