import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers. */
export interface HashedEventFields {
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  recordType: string;
  recordId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
}

/** SHA-256 over a canonical (key-sorted) JSON form, so jsonb's key reordering cannot matter. */
export function hashEvent(fields: HashedEventFields): string {
  const canonical = stringify({
    ...fields,
    occurredAt: fields.occurredAt.toISOString(),
    before: fields.before ?? null,
    after: fields.after ?? null,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

/** A row of the trail as the database gives it (snake_case, dates as read). */
export interface AuditEventRow {
  seq: number | string;
  occurred_at: string | Date;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string;
}

/**
 * The hash of a row as read, or as it would be with another label and snapshots: what a
 * redaction's voucher vouches for.
 */
export function hashEventRow(
  row: AuditEventRow,
  content: { actorLabel: string; before: unknown; after: unknown } = {
    actorLabel: row.actor_label,
    before: row.before,
    after: row.after,
  },
): string {
  return hashEvent({
    occurredAt: new Date(row.occurred_at),
    actorUserId: row.actor_user_id,
    actorLabel: content.actorLabel,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    before: content.before,
    after: content.after,
    requestId: row.request_id,
    prevHash: row.prev_hash,
  });
}
