/**
 * ICV-01, ICV-02: applications to be a lay visitor, made through the public form without an
 * account, until the scheme declines one or invites the applicant to interview (which makes
 * them a visitor of a panel, recorded here).
 */
import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordVersioning } from '../../../platform/db/columns.js';
import { users } from '../../../platform/auth/schema.js';
import { custodyVisitors } from '../schema.js';

export const VISITOR_APPLICATION_STATUSES = ['received', 'declined', 'invited'] as const;

export const custodyVisitorApplications = pgTable(
  'custody_visitor_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    /** The borough or custody area they live or work in, as a panel names it; null: not sure. */
    area: text('area'),
    reasons: text('reasons').notNull(),
    /** ICV-01: the day they declared their independence on the form. */
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: VISITOR_APPLICATION_STATUSES }).notNull().default('received'),
    declineReason: text('decline_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The visitor record the application became, once invited to interview. */
    visitorId: uuid('visitor_id').references(() => custodyVisitors.id),
    ...recordVersioning(),
  },
  (t) => [
    index('custody_visitor_applications_status_idx').on(t.status, t.createdAt),
    // ICV-10: the statistics count the applications received in a quarter.
    index('custody_visitor_applications_received_idx').on(t.createdAt),
    index('custody_visitor_applications_area_idx').on(sql`lower(${t.area})`, t.status, t.createdAt),
    // The visitor's page names the application they came from.
    index('custody_visitor_applications_visitor_idx').on(t.visitorId),
    // One open application an address at a time.
    uniqueIndex('custody_visitor_applications_open_email_key')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.status} = 'received'`),
  ],
);
