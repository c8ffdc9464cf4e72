/**
 * The partnerships register (seed 004, CDRP-01, CDRP-10, CDRP-15): one entry per borough for its
 * community safety partnership, with its nominated officer and deputy (directory people, their
 * ranks recorded here: the directory keeps no ranks), when the entry was last confirmed, its
 * information-sharing protocol, and the audits, strategies, targets and performance kept by year.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { isOneOf, recordVersioning, requiredRef } from '../../platform/db/columns.js';
import { organisations, people } from '../directory/schema.js';
import { COMPLIANCE_LEVELS, POLICE_RANKS, RECORD_KINDS } from './rules.js';

export const partnerships = pgTable(
  'partnerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The borough (a directory organisation of the borough kind): one entry each. */
    boroughId: requiredRef('borough_id', () => organisations.id),
    /** "Camden Community Safety Partnership". */
    name: text('name').notNull(),
    /** CDRP-01: the officer dedicated to partnership matters, inspector or above. */
    officerId: requiredRef('officer_id', () => people.id),
    officerRank: text('officer_rank').notNull(),
    /** CDRP-01: the superintendent who deputises for the borough commander. */
    deputyId: requiredRef('deputy_id', () => people.id),
    deputyRank: text('deputy_rank').notNull(),
    /** CDRP-01: when someone last confirmed the entry current, and who (none for the demo's). */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    /** CDRP-15: the information-sharing protocol, once recorded. */
    protocolAgreedOn: date('protocol_agreed_on', { mode: 'string' }),
    protocolReviewOn: date('protocol_review_on', { mode: 'string' }),
    protocolCompliance: text('protocol_compliance'),
    /** Why it is partly or not compliant: for staff, not published. */
    protocolComplianceNote: text('protocol_compliance_note'),
    protocolAssessedOn: date('protocol_assessed_on', { mode: 'string' }),
    ...recordVersioning(),
  },
  (t) => [
    uniqueIndex('partnerships_borough_idx').on(t.boroughId),
    // The register's stale and current filters, and the sweep's search for stale entries.
    index('partnerships_confirmed_idx').on(t.confirmedAt),
    index('partnerships_officer_idx').on(t.officerId),
    index('partnerships_deputy_idx').on(t.deputyId),
    check('partnerships_officer_rank', isOneOf(t.officerRank, POLICE_RANKS)),
    check('partnerships_deputy_rank', isOneOf(t.deputyRank, POLICE_RANKS)),
    check('partnerships_protocol_compliance', isOneOf(t.protocolCompliance, COMPLIANCE_LEVELS)),
    check(
      'partnerships_protocol_whole',
      sql`(${t.protocolAgreedOn} is null) = (${t.protocolCompliance} is null)`,
    ),
  ],
);

/** CDRP-10: an audit, strategy, target or performance figure kept for a partnership's year. */
export const partnershipRecords = pgTable(
  'partnership_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id, { onDelete: 'cascade' }),
    /** The reporting year, by the calendar year it starts in (2025 for 2025-26). */
    startYear: integer('start_year').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** A target's or performance's figure, as the partnership states it ("Down 8%"). */
    figure: text('figure'),
    /** Where the document is published. */
    link: text('link'),
    createdBy: uuid('created_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    index('partnership_records_year_idx').on(t.partnershipId, t.startYear),
    check('partnership_records_kind', isOneOf(t.kind, RECORD_KINDS)),
  ],
);

/**
 * CDRP-01: each time an entry went stale, chased once: keyed by the entry and the confirmation
 * that went stale, so a sweep on two instances, or an hour later, sends nothing more.
 */
export const partnershipStaleReminders = pgTable(
  'partnership_stale_reminders',
  {
    partnershipId: requiredRef('partnership_id', () => partnerships.id, { onDelete: 'cascade' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.confirmedAt] })],
);
