/**
 * CON-07 "You said, we did": what came of one closed consultation: what was heard, what the
 * authority or police did as a result, the minute of the decision it fed, and, when a change was
 * promised, the tracker source whose actions show it happening (ids only: the meetings' and the
 * tracker's own records are read live through their faces, never copied). Edits after publishing are kept in the
 * audit trail.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/auth/schema.js';
import { recordVersioning } from '../../../platform/db/columns.js';
import { consultations } from '../schema.js';

export const consultationOutcomes = pgTable(
  'consultation_outcomes',
  {
    /** One outcome per consultation. */
    consultationId: uuid('consultation_id')
      .primaryKey()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    youSaid: text('you_said').notNull(),
    weDid: text('we_did').notNull(),
    /**
     * The meeting minute (minute_items.id) recording the decision: its id only, read through the
     * meetings face (minuteReferences.find); a minute no longer there reads as none.
     */
    decisionMinuteItemId: uuid('decision_minute_item_id'),
    changePromised: boolean('change_promised').notNull().default(false),
    /** The tracker source (tracker_sources.id) whose actions carry the change promised. */
    trackerSourceId: uuid('tracker_source_id'),
    /** When it was first published; null while a draft. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    ...recordVersioning(),
  },
  (t) => [
    // The public list: published outcomes, newest first.
    index('consultation_outcomes_published_idx')
      .on(t.publishedAt)
      .where(sql`${t.publishedAt} is not null`),
    check(
      'consultation_outcomes_promised_source',
      sql`${t.changePromised} = (${t.trackerSourceId} is not null)`,
    ),
  ],
);
