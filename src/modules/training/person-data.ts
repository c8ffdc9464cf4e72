/**
 * DP-02: the training module's part of what Bridge holds about a person: the sessions they were
 * recorded at (attended or not), and the training needs recorded for them.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import { trainingAttendance, trainingCourses, trainingNeeds, trainingSessions } from './schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'attendance',
    columns: {
      course: trainingCourses.title,
      heldOn: trainingSessions.heldOn,
      place: trainingSessions.place,
      attendance: trainingAttendance.status,
      recordedAt: trainingAttendance.recordedAt,
    },
    from: trainingAttendance,
    join: [
      [trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId)],
      [trainingCourses, eq(trainingCourses.id, trainingSessions.courseId)],
    ],
    where: ({ personId }) => eq(trainingAttendance.personId, personId),
    orderBy: [trainingSessions.heldOn],
  },
  {
    name: 'needs',
    columns: {
      role: trainingNeeds.area,
      course: trainingCourses.title,
      raisedOn: trainingNeeds.raisedOn,
      dueBy: trainingNeeds.dueBy,
      notes: trainingNeeds.notes,
    },
    from: trainingNeeds,
    join: [[trainingCourses, eq(trainingCourses.id, trainingNeeds.courseId)]],
    where: ({ personId }) => eq(trainingNeeds.personId, personId),
    orderBy: [trainingNeeds.raisedOn],
  },
];

export function trainingPersonData(
  executor: Executor,
  subject: PersonDataSubject,
  /** The default language's messages: the export is made without a request. */
  t: Translate,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`training:personData.sections.${name}`),
      column: (column) => t(`training:personData.columns.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
