import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained record of every change. A trigger (migration) refuses UPDATE and
 * DELETE; each row carries the hash of the row before it.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    /** Who acted, as shown: a person's name, an API token, or "system". */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /**
     * Set when personal data in `actor_label`, `before` or `after` was replaced on a person's
     * erasure: the seq of the later `audit.redacted` event that vouches for this event (ADR 0002).
     * Its hash is kept as it was written, so the chain still links.
     */
    redactedBy: bigint('redacted_by', { mode: 'number' }),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_actor_idx').on(t.actorUserId, t.occurredAt),
    index('audit_events_record_idx').on(t.recordType, t.recordId, t.occurredAt),
    index('audit_events_occurred_idx').on(t.occurredAt),
  ],
);
