import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { recordVersioning, requiredRef, storedFile } from '../../platform/db/columns.js';
import { people } from '../directory/schema.js';
import {
  ACTION_STATUSES,
  ADVICE_USES,
  AGENDA_ITEM_STATUSES,
  ATTENDANCE_STATUSES,
  MEETING_FORMATS,
  MEETING_STATUSES,
  MINUTES_KINDS,
  MINUTES_STATUSES,
} from './rules.js';
import { AGENDA_TABLERS, BODY_TYPES, ATTENDEE_KINDS } from './bodies.js';

export const meetingBodyTypeEnum = pgEnum('meeting_body_type', BODY_TYPES);
export const meetingFormatEnum = pgEnum('meeting_format', MEETING_FORMATS);
export const meetingStatusEnum = pgEnum('meeting_status', MEETING_STATUSES);
export const agendaItemStatusEnum = pgEnum('agenda_item_status', AGENDA_ITEM_STATUSES);
export const agendaTablerEnum = pgEnum('agenda_tabler', AGENDA_TABLERS);
export const attendanceStatusEnum = pgEnum('attendance_status', ATTENDANCE_STATUSES);
export const attendeeKindEnum = pgEnum('attendee_kind', ATTENDEE_KINDS);
export const minutesStatusEnum = pgEnum('minutes_status', MINUTES_STATUSES);
export const minutesKindEnum = pgEnum('minutes_kind', MINUTES_KINDS);
export const adviceUseEnum = pgEnum('advice_use', ADVICE_USES);
export const actionStatusEnum = pgEnum('meeting_action_status', ACTION_STATUSES);

/** A meeting of any body that meets: an advisory group now, boards and panels later. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyType: meetingBodyTypeEnum('body_type').notNull(),
    /** The group (or other body) that meets. */
    bodyId: uuid('body_id').notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    format: meetingFormatEnum('format').notNull(),
    venue: text('venue'),
    /** Step-free access, hearing loops, escorts (IAG-30): what advisors need to know to attend. */
    accessNotes: text('access_notes'),
    /** How to join online; shown to those invited, never published. */
    joiningDetails: text('joining_details'),
    status: meetingStatusEnum('status').notNull().default('scheduled'),
    cancelledReason: text('cancelled_reason'),
    /** Meetings scheduled together as a series at the body's interval (IAG-21d). */
    seriesId: uuid('series_id'),
    agendaPublishedAt: timestamp('agenda_published_at', { withTimezone: true }),
    attendanceRecordedAt: timestamp('attendance_recorded_at', { withTimezone: true }),
    /** When those expected were reminded of it, and when the minute-taker was reminded. */
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    minutesReminderSentAt: timestamp('minutes_reminder_sent_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    index('meetings_body_starts_idx').on(t.bodyType, t.bodyId, t.startsAt),
    index('meetings_starts_idx').on(t.startsAt),
    index('meetings_series_idx').on(t.seriesId),
    index('meetings_reminders_idx')
      .on(t.startsAt)
      .where(sql`${t.status} = 'scheduled' and ${t.reminderSentAt} is null`),
    check('meetings_times_check', sql`${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`),
  ],
);

/** IAG-21e: items tabled by members and the police service; the chair orders and accepts them. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: requiredRef('meeting_id', () => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    details: text('details'),
    /** Not published: the public page says an item was withheld, not what it was. */
    confidential: boolean('confidential').notNull().default(false),
    status: agendaItemStatusEnum('status').notNull().default('proposed'),
    tabledByPersonId: uuid('tabled_by_person_id').references(() => people.id),
    tabledByUserId: uuid('tabled_by_user_id').references(() => users.id),
    tabledAs: agendaTablerEnum('tabled_as').notNull(),
    /** Set when the chair deferred the item from an earlier meeting to this one. */
    deferredFromMeetingId: uuid('deferred_from_meeting_id').references(
      (): AnyPgColumn => meetings.id,
    ),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)],
);

/** Who was at a meeting: members present, with apologies or absent; police attendees (IAG-33). */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: requiredRef('meeting_id', () => meetings.id),
    personId: requiredRef('person_id', () => people.id),
    kind: attendeeKindEnum('kind').notNull(),
    status: attendanceStatusEnum('status').notNull(),
    /** For police attendees: the role they attend in, e.g. "Directorate manager, Inspector". */
    capacity: text('capacity'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.personId] }),
    index('meeting_attendance_person_idx').on(t.personId, t.meetingId),
  ],
);

/**
 * For a body whose meetings are attended by delegations of other bodies (the annual conference
 * of all advisory groups, IAG-32): each body invited, when, and how many came.
 */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    meetingId: requiredRef('meeting_id', () => meetings.id),
    /** The invited body (an advisory group for the conference), named by its provider. */
    inviteeId: uuid('invitee_id').notNull(),
    /** Its name when invited, so the record reads the same if it is later renamed or closed. */
    inviteeName: text('invitee_name').notNull(),
    /** How many of its contacts (for a group, its chairs) were e-mailed the invitation. */
    contactsEmailed: integer('contacts_emailed').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    /** How many representatives came; null until attendance is recorded. */
    representatives: integer('representatives'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.inviteeId] }),
    check('meeting_invitations_representatives_check', sql`${t.representatives} >= 0`),
  ],
);

/**
 * The minutes of a meeting, or a correction to approved minutes. Approved at a later meeting of
 * the same body (which minutes the approval); once approved, never edited (IAG-27).
 */
export const minutes = pgTable(
  'minutes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: requiredRef('meeting_id', () => meetings.id),
    kind: minutesKindEnum('kind').notNull().default('minutes'),
    /** For a correction: the approved minutes it corrects. */
    correctsMinutesId: uuid('corrects_minutes_id').references((): AnyPgColumn => minutes.id),
    status: minutesStatusEnum('status').notNull().default('draft'),
    draftedBy: uuid('drafted_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedAtMeetingId: uuid('approved_at_meeting_id').references((): AnyPgColumn => meetings.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    // One set of minutes per meeting; corrections are as many as needed.
    uniqueIndex('minutes_one_per_meeting_key')
      .on(t.meetingId)
      .where(sql`${t.kind} = 'minutes'`),
    index('minutes_corrects_idx').on(t.correctsMinutesId),
    index('minutes_approved_at_meeting_idx').on(t.approvedAtMeetingId),
  ],
);

/** One minute: against an agenda item, or other business (no item). */
export const minuteItems = pgTable(
  'minute_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    minutesId: requiredRef('minutes_id', () => minutes.id),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id),
    position: integer('position').notNull(),
    heading: text('heading').notNull(),
    body: text('body').notNull(),
    /** Withheld from the public minutes, as its agenda item was. */
    confidential: boolean('confidential').notNull().default(false),
  },
  (t) => [index('minute_items_minutes_idx').on(t.minutesId, t.position)],
);

/**
 * IAG-27: each piece of advice given at or reported to the meeting, and whether the police used
 * it and why. Links to the advice request when there is one (the advice module, to come).
 */
export const minutedAdvice = pgTable(
  'minuted_advice',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    minutesId: requiredRef('minutes_id', () => minutes.id),
    summary: text('summary').notNull(),
    use: adviceUseEnum('use').notNull(),
    rationale: text('rationale'),
    adviceRequestId: uuid('advice_request_id'),
    confidential: boolean('confidential').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('minuted_advice_minutes_idx').on(t.minutesId)],
);

/** Actions arising from a meeting; outstanding ones carry to the body's next agenda. */
export const meetingActions = pgTable(
  'meeting_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: requiredRef('meeting_id', () => meetings.id),
    /** Denormalised from the meeting so a body's outstanding actions are one indexed read. */
    bodyType: meetingBodyTypeEnum('body_type').notNull(),
    bodyId: uuid('body_id').notNull(),
    description: text('description').notNull(),
    ownerName: text('owner_name').notNull(),
    ownerPersonId: uuid('owner_person_id').references(() => people.id),
    dueOn: date('due_on', { mode: 'string' }),
    status: actionStatusEnum('status').notNull().default('open'),
    /** The meeting at which it was reported done (or no longer needed). */
    closedAtMeetingId: uuid('closed_at_meeting_id').references((): AnyPgColumn => meetings.id),
    closedNote: text('closed_note'),
    createdBy: uuid('created_by').references(() => users.id),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_actions_body_status_idx').on(t.bodyType, t.bodyId, t.status, t.createdAt),
    index('meeting_actions_meeting_idx').on(t.meetingId),
  ],
);

/** A paper attached to an agenda item: its file is in the file store, under `storageKey`. */
export const meetingPapers = pgTable(
  'meeting_papers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: requiredRef('meeting_id', () => meetings.id),
    agendaItemId: requiredRef('agenda_item_id', () => agendaItems.id),
    title: text('title').notNull(),
    ...storedFile(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Taken off the item; the file is kept for the record. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('meeting_papers_item_idx').on(t.agendaItemId),
    index('meeting_papers_meeting_idx').on(t.meetingId),
  ],
);

/**
 * A person's own calendar feed of their meetings: its address holds a random token, of which
 * only a hash is kept. Making a new one stops the old one working; so does revoking it.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: requiredRef('user_id', () => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_key').on(t.tokenHash),
    uniqueIndex('calendar_feeds_one_active_key')
      .on(t.userId)
      .where(sql`${t.revokedAt} is null`),
  ],
);
