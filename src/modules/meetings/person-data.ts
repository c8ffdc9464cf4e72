/**
 * DP-02: the meetings module's part of what Bridge holds about a person: the meetings they were
 * recorded at, the agenda items they tabled, the actions given to them, and their calendar feed.
 * (A meeting's invitations go to bodies, not people, so none is theirs.)
 */
import { eq, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import {
  agendaItems,
  calendarFeeds,
  meetingActions,
  meetingAttendance,
  meetings,
} from './schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'attended',
    columns: {
      meeting: meetings.title,
      startsAt: meetings.startsAt,
      attendedAs: meetingAttendance.kind,
      attendance: meetingAttendance.status,
      capacity: meetingAttendance.capacity,
      recordedAt: meetingAttendance.recordedAt,
    },
    from: meetingAttendance,
    join: [[meetings, eq(meetings.id, meetingAttendance.meetingId)]],
    where: ({ personId }) => eq(meetingAttendance.personId, personId),
    orderBy: [meetings.startsAt],
  },
  {
    name: 'tabled',
    columns: {
      meeting: meetings.title,
      meetingStartsAt: meetings.startsAt,
      item: agendaItems.title,
      details: agendaItems.details,
      tabledAs: agendaItems.tabledAs,
      status: agendaItems.status,
      tabledAt: agendaItems.createdAt,
    },
    from: agendaItems,
    join: [[meetings, eq(meetings.id, agendaItems.meetingId)]],
    where: ({ personId, userId }) =>
      userId
        ? or(eq(agendaItems.tabledByPersonId, personId), eq(agendaItems.tabledByUserId, userId))
        : eq(agendaItems.tabledByPersonId, personId),
    orderBy: [agendaItems.createdAt],
  },
  {
    name: 'actions',
    columns: {
      meeting: meetings.title,
      meetingStartsAt: meetings.startsAt,
      action: meetingActions.description,
      ownerNamedAs: meetingActions.ownerName,
      dueOn: meetingActions.dueOn,
      status: meetingActions.status,
      noteOnClosing: meetingActions.closedNote,
    },
    from: meetingActions,
    join: [[meetings, eq(meetings.id, meetingActions.meetingId)]],
    where: ({ personId }) => eq(meetingActions.ownerPersonId, personId),
    orderBy: [meetingActions.createdAt],
  },
  {
    name: 'feeds',
    columns: {
      madeAt: calendarFeeds.createdAt,
      stoppedAt: calendarFeeds.revokedAt,
      lastReadAt: calendarFeeds.lastReadAt,
    },
    from: calendarFeeds,
    where: ({ userId }) => (userId ? eq(calendarFeeds.userId, userId) : undefined),
    orderBy: [calendarFeeds.createdAt],
  },
];

export function meetingsPersonData(
  executor: Executor,
  subject: PersonDataSubject,
  /** The default language's messages: the export is made without a request. */
  t: Translate,
): Promise<PersonDataSection[]> {
  // Each section titled, and each column named, in the catalogue's words (`meetings:personData`).
  return personDataSections(
    {
      title: (name) => t(`meetings:personData.sections.${name}`),
      column: (column) => t(`meetings:personData.columns.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
