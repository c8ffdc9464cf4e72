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
