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
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/schema.js';
import { recordVersioning } from '../db/columns.js';

/**
 * DP-03: a period an administrator set on the retention schedule in place of the shipped default
 * (the module's), by the kind's key. No row: the default is in use.
 */
export const retentionPeriods = pgTable(
  'retention_periods',
  {
    kindKey: text('kind_key').primaryKey(),
    count: integer('count').notNull(),
    unit: text('unit').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    ...recordVersioning(),
  },
  (t) => [
    check('retention_periods_unit_check', sql`${t.unit} in ('months', 'days')`),
    check('retention_periods_count_check', sql`${t.count} >= 0`),
  ],
);

/**
 * DP-03: a legal hold stops the clock for a record (its kind and id) or for everything about a
 * person (a directory id), for a request, complaint or case. Lifted, not deleted: the schedule
 * shows what was held and when.
 */
export const retentionHolds = pgTable(
  'retention_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kindKey: text('kind_key'),
    recordId: uuid('record_id'),
    personId: uuid('person_id'),
    reason: text('reason').notNull(),
    /** The request, complaint or case that needs it (its reference). */
    requestedBy: text('requested_by').notNull(),
    placedBy: uuid('placed_by').references(() => users.id, { onDelete: 'set null' }),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
    liftedBy: uuid('lifted_by').references(() => users.id, { onDelete: 'set null' }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
  },
  (t) => [
    index('retention_holds_active_idx')
      .on(t.kindKey, t.recordId)
      .where(sql`${t.liftedAt} is null`),
    check(
      'retention_holds_target_check',
      sql`(${t.kindKey} is not null and ${t.recordId} is not null and ${t.personId} is null)
          or (${t.personId} is not null and ${t.kindKey} is null and ${t.recordId} is null)`,
    ),
  ],
);

/** DP-03: the owner was warned about this record (once: the key stops a second warning). */
export const retentionWarnings = pgTable(
  'retention_warnings',
  {
    kindKey: text('kind_key').notNull(),
    recordId: uuid('record_id').notNull(),
    warnedOn: date('warned_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kindKey, t.recordId] })],
);

/** DP-03: what the sweep did under the schedule: how many of a kind, how, and when. No ids. */
export const retentionActions = pgTable(
  'retention_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The sweep's run: one run may act on several kinds. */
    runId: uuid('run_id').notNull(),
    kindKey: text('kind_key').notNull(),
    action: text('action').notNull(),
    records: integer('records').notNull(),
    /** Records whose clock started on or before this day were due. */
    startedBy: date('started_by', { mode: 'string' }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('retention_actions_done_idx').on(t.doneAt),
    check('retention_actions_action_check', sql`${t.action} in ('deleted', 'anonymised')`),
  ],
);
