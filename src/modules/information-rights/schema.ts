/**
 * DP-02: the register of subject access requests: whose, when received and due, how the
 * requester's identity was checked and by whom, any extension with its reason, and the answer
 * (the archive sent, kept in the file store as it was sent).
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { requiredRef } from '../../platform/db/columns.js';
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
