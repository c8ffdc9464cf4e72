import { index, integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema.js';

/**
 * Bank-holiday files an administrator uploaded (GOV.UK's bank-holidays.json), newest in use: the
 * data a release shipped is extended without a new release. Kept, not replaced, so the audit
 * trail can say what was in use when.
 */
export const bankHolidayUploads = pgTable(
  'bank_holiday_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The file as GOV.UK lays it out, checked before it was kept. */
    data: jsonb('data').notNull(),
    firstYear: integer('first_year').notNull(),
    lastYear: integer('last_year').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('bank_holiday_uploads_at_idx').on(t.uploadedAt)],
);
