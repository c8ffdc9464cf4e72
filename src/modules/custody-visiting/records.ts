/**
 * How the scheme's suites and panels are written: each addition and change one audit event in
 * the writing transaction, and a change refused when someone else changed the record since the
 * form was shown.
 */
import { recordAudit } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/messages.js';

type RecordType = 'custody-suite' | 'custody-panel';

/** Adds a record with `insert`, and its audit event. */
export async function addRecord<R extends { id: string }>(
  tx: Executor,
  actor: Actor,
  recordType: RecordType,
  insert: () => Promise<R>,
): Promise<R> {
  const row = await insert();
  await recordAudit(tx, actor, {
    action: `${recordType}.created`,
    recordType,
    recordId: row.id,
    after: row,
  });
  return row;
}

/**
 * Changes a record with `write`, which writes only while the record is at `before`'s version
 * (none when it has moved on), and its audit event. The form's version, when it has one, must
 * be the record's.
 */
export async function changeRecord<R extends { id: string; version: number }>(
  tx: Executor,
  change: {
    actor: Actor;
    recordType: RecordType;
    before: R;
    formVersion: string | undefined;
    t: Translate;
    write: () => Promise<R | undefined>;
  },
): Promise<R> {
  const { before } = change;
  const stale = () => new ConflictError(change.t('custody-visiting:errors.staleEdit'), 'version');
  if (Number(change.formVersion ?? before.version) !== before.version) throw stale();
  const after = await change.write();
  if (!after) throw stale();
  await recordAudit(tx, change.actor, {
    action: `${change.recordType}.updated`,
    recordType: change.recordType,
    recordId: before.id,
    before,
    after,
  });
  return after;
}
