/**
 * DP-02: the meetings module's part of what Bridge holds about a person: the meetings they were
 * recorded at, the agenda items they tabled, the actions given to them, and their calendar feed.
 * (A meeting's invitations go to bodies, not people, so none is theirs.)
 */
import { eq, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
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
): Promise<PersonDataSection[]> {
  const { personId, userId } = subject;
  const tabledByThem = userId
    ? or(eq(agendaItems.tabledByPersonId, personId), eq(agendaItems.tabledByUserId, userId))
    : eq(agendaItems.tabledByPersonId, personId);
  const [attended, tabled, actions, feeds] = await Promise.all([
    executor
      .select({
        Meeting: meetings.title,
        'Starts at': meetings.startsAt,
        'Attended as': meetingAttendance.kind,
        Attendance: meetingAttendance.status,
        Capacity: meetingAttendance.capacity,
        'Recorded at': meetingAttendance.recordedAt,
      })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .where(eq(meetingAttendance.personId, personId))
      .orderBy(meetings.startsAt),
    executor
      .select({
        Meeting: meetings.title,
        'Meeting starts at': meetings.startsAt,
        Item: agendaItems.title,
        Details: agendaItems.details,
        'Tabled as': agendaItems.tabledAs,
        Status: agendaItems.status,
        'Tabled at': agendaItems.createdAt,
      })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(tabledByThem)
      .orderBy(agendaItems.createdAt),
    executor
      .select({
        Meeting: meetings.title,
        'Meeting starts at': meetings.startsAt,
        Action: meetingActions.description,
        'Owner named as': meetingActions.ownerName,
        'Due on': meetingActions.dueOn,
        Status: meetingActions.status,
        'Note on closing': meetingActions.closedNote,
      })
      .from(meetingActions)
      .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
      .where(eq(meetingActions.ownerPersonId, personId))
      .orderBy(meetingActions.createdAt),
    userId
      ? executor
          .select({
            'Made at': calendarFeeds.createdAt,
            'Stopped at': calendarFeeds.revokedAt,
            'Last read at': calendarFeeds.lastReadAt,
          })
          .from(calendarFeeds)
          .where(eq(calendarFeeds.userId, userId))
          .orderBy(calendarFeeds.createdAt)
      : [],
  ]);
  return [
    personDataSection('Meetings attended', attended),
    personDataSection('Agenda items tabled', tabled),
    personDataSection('Actions from meetings', actions),
    personDataSection('Calendar feeds', feeds),
  ];
}
