/**
 * Training (CDRP-11, IAG-34): the courses, their sessions held in a borough, who attended each,
 * and the training needs of police staff in deployment, coordination and partnership roles.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { isOneOf, recordVersioning, requiredRef } from '../../platform/db/columns.js';
import { organisations, people } from '../directory/schema.js';
import { ATTENDANCE, AUDIENCES, NEED_AREAS } from './rules.js';

export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    provider: text('provider').notNull(),
    description: text('description'),
    /** Who recorded it (the demo's are removed by it). */
    createdBy: uuid('created_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    index('training_courses_created_by_idx').on(t.createdBy),
    // The list is by title, filtered by audience.
    index('training_courses_title_idx').on(t.title),
    index('training_courses_audience_idx').on(t.audience, t.title),
    check('training_courses_audience', isOneOf(t.audience, AUDIENCES)),
  ],
);

export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: requiredRef('course_id', () => trainingCourses.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    /** The directory's organisation of kind borough the session is held in. */
    boroughId: requiredRef('borough_id', () => organisations.id),
    capacity: integer('capacity').notNull(),
    ...recordVersioning(),
  },
  (t) => [
    // A course's sessions by day; the numbers read a year's sessions, by borough too.
    index('training_sessions_course_idx').on(t.courseId, t.heldOn),
    index('training_sessions_held_idx').on(t.heldOn),
    index('training_sessions_borough_idx').on(t.boroughId, t.heldOn),
    check('training_sessions_capacity', sql`${t.capacity} between 1 and 500`),
  ],
);

export const trainingAttendance = pgTable(
  'training_attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: requiredRef('session_id', () => trainingSessions.id, { onDelete: 'cascade' }),
    personId: requiredRef('person_id', () => people.id),
    status: text('status', { enum: ATTENDANCE }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // CDRP-11: a person is recorded once at a session.
    uniqueIndex('training_attendance_session_person_key').on(t.sessionId, t.personId),
    index('training_attendance_person_idx').on(t.personId),
    check('training_attendance_status', isOneOf(t.status, ATTENDANCE)),
  ],
);

export const trainingNeeds = pgTable(
  'training_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    area: text('area', { enum: NEED_AREAS }).notNull(),
    /** The person whose need it is; null for a need of the role as a whole. */
    personId: uuid('person_id').references(() => people.id),
    courseId: requiredRef('course_id', () => trainingCourses.id),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    dueBy: date('due_by', { mode: 'string' }).notNull(),
    notes: text('notes'),
    raisedBy: uuid('raised_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    // The needs page lists by date due, filtered by role or course; a person's are theirs.
    index('training_needs_due_idx').on(t.dueBy),
    index('training_needs_area_idx').on(t.area, t.dueBy),
    index('training_needs_course_idx').on(t.courseId, t.dueBy),
    index('training_needs_person_idx').on(t.personId),
    check('training_needs_area', isOneOf(t.area, NEED_AREAS)),
    check('training_needs_dates_order', sql`${t.dueBy} >= ${t.raisedOn}`),
  ],
);
