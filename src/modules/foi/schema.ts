/**
 * FOI-01: Freedom of Information requests as the coordination unit keeps them (Rec 10): the
 * request, its clock stops and extensions, its answer part by part, the later stages (internal
 * review, complaint to the Information Commissioner), and what is published in the disclosure log.
 * `dueOn` is kept worked out (from receipt, stops and extensions) so the register's filters are
 * indexed queries.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { isOneOf, recordVersioning, requiredRef, storedFile } from '../../platform/db/columns.js';
import {
  FOI_CHANNELS,
  LINKED_RECORD_TYPES,
  PART_OUTCOMES,
  STAGE_OUTCOMES,
  STOP_REASONS,
  type StopReason,
} from './rules.js';

export const foiRequests = pgTable(
  'foi_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The unit's reference, FOI-<number>. */
    number: integer('number').generatedAlwaysAsIdentity().notNull(),
    /** When it arrived, as an instant. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** FOI-01: the day it counts as received (the next working day after hours or on a holiday). */
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** Why `receivedOn` is later than the day it arrived: 'after-hours', 'non-working-day'. */
    receiptMoved: text('receipt_moved'),
    requesterName: text('requester_name').notNull(),
    requesterContact: text('requester_contact').notNull(),
    channel: text('channel').notNull(),
    /** What is asked, in the requester's words. */
    asked: text('asked').notNull(),
    /** FOI-01: the day the answer is due; null while the clock is stopped. */
    dueOn: date('due_on', { mode: 'string' }),
    clockStopped: boolean('clock_stopped').notNull().default(false),
    answeredOn: date('answered_on', { mode: 'string' }),
    onTime: boolean('on_time'),
    answerNote: text('answer_note'),
    reviewRequestedOn: date('review_requested_on', { mode: 'string' }),
    reviewDecidedOn: date('review_decided_on', { mode: 'string' }),
    reviewOutcome: text('review_outcome'),
    complaintMadeOn: date('complaint_made_on', { mode: 'string' }),
    complaintDecidedOn: date('complaint_decided_on', { mode: 'string' }),
    complaintOutcome: text('complaint_outcome'),
    /** The disclosure log: a summary written for the public; never the requester's name. */
    publicSummary: text('public_summary'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('foi_requests_number_key').on(t.number),
    index('foi_requests_due_on_idx').on(t.dueOn),
    index('foi_requests_answered_on_idx').on(t.answeredOn),
    index('foi_requests_received_at_idx').on(t.receivedAt),
    index('foi_requests_published_at_idx').on(t.publishedAt),
    check('foi_requests_channel', isOneOf(t.channel, FOI_CHANNELS)),
    check(
      'foi_requests_review_outcome',
      sql`${t.reviewOutcome} is null or ${isOneOf(t.reviewOutcome, STAGE_OUTCOMES)}`,
    ),
    check(
      'foi_requests_complaint_outcome',
      sql`${t.complaintOutcome} is null or ${isOneOf(t.complaintOutcome, STAGE_OUTCOMES)}`,
    ),
    check(
      'foi_requests_published_answered',
      sql`${t.publishedAt} is null or ${t.answeredOn} is not null`,
    ),
  ],
);

/** FOI-01: a clock stop while a fee or clarification is awaited; open until restarted. */
export const foiClockStops = pgTable(
  'foi_clock_stops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: requiredRef('request_id', () => foiRequests.id, { onDelete: 'cascade' }),
    reason: text('reason').$type<StopReason>().notNull(),
    stoppedOn: date('stopped_on', { mode: 'string' }).notNull(),
    restartedOn: date('restarted_on', { mode: 'string' }),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [
    index('foi_clock_stops_request_idx').on(t.requestId),
    check('foi_clock_stops_reason', isOneOf(t.reason, STOP_REASONS)),
  ],
);

/** FOI-01: an extension for the public interest test: its new date and reason. */
export const foiExtensions = pgTable(
  'foi_extensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: requiredRef('request_id', () => foiRequests.id, { onDelete: 'cascade' }),
    newDate: date('new_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('foi_extensions_request_idx').on(t.requestId)],
);

/** One part of the answer: released, withheld in part or in full, with the exemption relied on. */
export const foiAnswerParts = pgTable(
  'foi_answer_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: requiredRef('request_id', () => foiRequests.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    outcome: text('outcome').notNull(),
    /** The exemption's code ('s.40'); its name as the setting had it when answered. */
    exemption: text('exemption'),
    exemptionName: text('exemption_name'),
  },
  (t) => [
    index('foi_answer_parts_request_idx').on(t.requestId),
    check('foi_answer_parts_outcome', isOneOf(t.outcome, PART_OUTCOMES)),
    check(
      'foi_answer_parts_exemption',
      sql`${t.outcome} = 'released' or ${t.exemption} is not null`,
    ),
  ],
);

/** A released document published with the request in the disclosure log. */
export const foiDocuments = pgTable(
  'foi_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: requiredRef('request_id', () => foiRequests.id, { onDelete: 'cascade' }),
    ...storedFile(),
    /** Who confirmed that personal data had been removed from it, and when. */
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('foi_documents_request_idx').on(t.requestId)],
);

/**
 * Issue 28 part 2: a Bridge record a request touches, named by its kind and id (kept in the
 * module that owns it, read through that module's public API).
 */
export const foiLinkedRecords = pgTable(
  'foi_linked_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: requiredRef('request_id', () => foiRequests.id, { onDelete: 'cascade' }),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    linkedBy: uuid('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('foi_linked_records_key').on(t.requestId, t.recordType, t.recordId),
    index('foi_linked_records_record_idx').on(t.recordType, t.recordId),
    check('foi_linked_records_type', isOneOf(t.recordType, LINKED_RECORD_TYPES)),
  ],
);
