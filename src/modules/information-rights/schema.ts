/**
 * DP-02: the register of subject access requests: whose, when received and due, how the
 * requester's identity was checked and by whom, any extension with its reason, and the answer
 * (the archive sent, kept in the file store as it was sent).
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { requiredRef } from '../../platform/db/columns.js';
import type { ModuleErasure } from '../../platform/person-data.js';
import { people } from '../directory/schema.js';

export const subjectAccessRequests = pgTable(
  'subject_access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: requiredRef('person_id', () => people.id),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** DP-02: one month from receipt, moved on by an extension. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    loggedBy: requiredRef('logged_by', () => users.id),
    loggedAt: timestamp('logged_at', { withTimezone: true }).notNull(),
    /** How the requester was shown to be the person (documents seen, known contact...). */
    identityMethod: text('identity_method'),
    identityCheckedBy: uuid('identity_checked_by').references(() => users.id),
    identityCheckedAt: timestamp('identity_checked_at', { withTimezone: true }),
    extensionMonths: integer('extension_months').notNull().default(0),
    extensionReason: text('extension_reason'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => users.id),
    /** The archive as it was sent: its key in the file store, size and checksum. */
    archiveStorageKey: text('archive_storage_key'),
    archiveSizeBytes: integer('archive_size_bytes'),
    archiveSha256: text('archive_sha256'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The register's filters: open (unanswered) by due date; answered by when.
    index('subject_access_requests_due_idx').on(t.answeredAt, t.dueOn),
    index('subject_access_requests_person_idx').on(t.personId),
    check('subject_access_requests_extension', sql`${t.extensionMonths} between 0 and 2`),
  ],
);

/**
 * Issue 28 part 5: the register of requests to erase or to correct what Bridge holds about a
 * person: whose, what they ask, when received and due (DP-02's month, extendable with a reason),
 * the decision with its reasons (what must be kept and why), and how it was carried out: for an
 * erasure the counts of records erased or anonymised per module and kind (never who), for a
 * correction what the officer corrected. Closed when refused, carried out or corrected.
 */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'erase' or 'correct'. */
    kind: text('kind').notNull(),
    personId: requiredRef('person_id', () => people.id),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** One month from receipt (the DP-02 rule), moved on by an extension. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** What the person asks, in their words: goes when they are erased. */
    asked: text('asked'),
    loggedBy: requiredRef('logged_by', () => users.id),
    loggedAt: timestamp('logged_at', { withTimezone: true }).notNull(),
    extensionMonths: integer('extension_months').notNull().default(0),
    extensionReason: text('extension_reason'),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    /** 'agreed', 'agreed_in_part' or 'refused'. */
    decision: text('decision'),
    /** Why: what must be kept and why (minutes and decisions, records under a legal hold). */
    decisionReasons: text('decision_reasons'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** An erasure carried out: what each module did, by kind and count only. */
    erasedCounts: jsonb('erased_counts').$type<ModuleErasure[]>(),
    carriedOutBy: uuid('carried_out_by').references(() => users.id),
    carriedOutAt: timestamp('carried_out_at', { withTimezone: true }),
    /** A correction carried out: what the officer corrected, and where. */
    corrections: text('corrections'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The register's filters: open (not closed) by due date; closed by when.
    index('erasure_requests_due_idx').on(t.closedAt, t.dueOn),
    index('erasure_requests_person_idx').on(t.personId),
    check('erasure_requests_kind', sql`${t.kind} in ('erase', 'correct')`),
    check(
      'erasure_requests_decision',
      sql`${t.decision} is null or ${t.decision} in ('agreed', 'agreed_in_part', 'refused')`,
    ),
    check('erasure_requests_extension', sql`${t.extensionMonths} between 0 and 2`),
  ],
);
