/**
 * Meetings as an iCalendar (RFC 5545) feed, written by ical-generator: one event per meeting,
 * with a stable UID so calendars update it in place, its version as the SEQUENCE, and a
 * cancelled meeting kept as STATUS:CANCELLED so subscribers see it struck out.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { Translate } from '../../../platform/i18n/messages.js';

export interface FeedMeeting {
  id: string;
  title: string;
  bodyName: string;
  startsAt: Date;
  endsAt: Date | null;
  status: 'scheduled' | 'held' | 'cancelled';
  version: number;
  updatedAt: Date;
  /** Where, for those invited; left out of public feeds. */
  venue?: string | null;
  accessNotes?: string | null;
  url: string;
}

/** A meeting without an end time is shown as two hours long. */
const DEFAULT_LENGTH_MS = 2 * 60 * 60 * 1000;

export function meetingsCalendar(
  name: string,
  meetings: readonly FeedMeeting[],
  t: Translate,
): string {
  const calendar = ical({
    name,
    prodId: { company: 'Bridge', product: 'Meetings', language: 'EN' },
    // Refresh hourly: agendas and cancellations change.
    ttl: 60 * 60,
  });
  for (const m of meetings) {
    calendar.createEvent({
      id: `meeting-${m.id}@bridge`,
      start: m.startsAt,
      end: m.endsAt ?? new Date(m.startsAt.getTime() + DEFAULT_LENGTH_MS),
      summary:
        m.bodyName === m.title
          ? m.title
          : t('meetings:feeds.calendar.summary', { title: m.title, body: m.bodyName }),
      description: [
        m.accessNotes ? t('meetings:common.email.access', { notes: m.accessNotes }) : null,
        m.url,
      ]
        .filter(Boolean)
        .join('\n\n'),
      location: m.venue ?? null,
      url: m.url,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: m.version,
      stamp: m.updatedAt,
    });
  }
  return calendar.toString();
}
