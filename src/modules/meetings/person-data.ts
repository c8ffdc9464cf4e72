/**
 * DP-02: the meetings module's part of what Bridge holds about a person: the meetings they were
 * recorded at, the agenda items they tabled, the actions given to them, and their calendar feed.
 * (A meeting's invitations go to bodies, not people, so none is theirs.)
 */
import { eq, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
import {
  agendaItems,
  calendarFeeds,
  meetingActions,
  meetingAttendance,
  meetings,
} from './schema.js';

export async function meetingsPersonData(
  executor: Executor,
  subject: PersonDataSubject,
  /** The default language's messages: the export is made without a request. */
  t: Translate,
): Promise<PersonDataSection[]> {
  const { personId, userId } = subject;
  const tabledByThem = userId
    ? or(eq(agendaItems.tabledByPersonId, personId), eq(agendaItems.tabledByUserId, userId))
    : eq(agendaItems.tabledByPersonId, personId);
  const [attended, tabled, actions, feeds] = await Promise.all([
    executor
      .select({
        meeting: meetings.title,
        startsAt: meetings.startsAt,
        attendedAs: meetingAttendance.kind,
        attendance: meetingAttendance.status,
        capacity: meetingAttendance.capacity,
        recordedAt: meetingAttendance.recordedAt,
      })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .where(eq(meetingAttendance.personId, personId))
      .orderBy(meetings.startsAt),
    executor
      .select({
        meeting: meetings.title,
        meetingStartsAt: meetings.startsAt,
        item: agendaItems.title,
        details: agendaItems.details,
        tabledAs: agendaItems.tabledAs,
        status: agendaItems.status,
        tabledAt: agendaItems.createdAt,
      })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(tabledByThem)
      .orderBy(agendaItems.createdAt),
    executor
      .select({
        meeting: meetings.title,
        meetingStartsAt: meetings.startsAt,
        action: meetingActions.description,
        ownerNamedAs: meetingActions.ownerName,
        dueOn: meetingActions.dueOn,
        status: meetingActions.status,
        noteOnClosing: meetingActions.closedNote,
      })
      .from(meetingActions)
      .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
      .where(eq(meetingActions.ownerPersonId, personId))
      .orderBy(meetingActions.createdAt),
    userId
      ? executor
          .select({
            madeAt: calendarFeeds.createdAt,
            stoppedAt: calendarFeeds.revokedAt,
            lastReadAt: calendarFeeds.lastReadAt,
          })
          .from(calendarFeeds)
          .where(eq(calendarFeeds.userId, userId))
          .orderBy(calendarFeeds.createdAt)
      : [],
  ]);
  // Each section titled, and each column named, in the catalogue's words (`meetings:personData`).
  const section = (name: string, rows: readonly Record<string, unknown>[]) =>
    personDataSection(t(`meetings:personData.sections.${name}`), rows, (column) =>
      t(`meetings:personData.columns.${column}`),
    );
  return [
    section('attended', attended),
    section('tabled', tabled),
    section('actions', actions),
    section('feeds', feeds),
  ];
}
