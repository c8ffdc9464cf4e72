/**
 * Issue 28 part 5, ADR 0002: the audit trail's part of erasing a person. An event keeps what was
 * done, to which record, when and by which account; the person's name, contact details and date
 * of birth in its actor label and snapshots are replaced. Its hash is kept as written, so the
 * chain still links, and one `audit.redacted` event, written first, lists every event changed:
 * `verifyAuditChain` accepts a changed event only when that later event vouches for it.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { queryRows, sql, type Executor } from '../db/database.js';
import type { Actor } from '../auth/principal.js';
import { ERASED_NAME, ERASED_TEXT, mentionPattern } from '../erased.js';
import { REDACTION_ACTION, REDACTION_RECORD_TYPE, lockAuditChain, recordAudit } from './service.js';

/** Whose data is taken out: their ids, and the words that identify them (name, e-mail...). */
export interface RedactionSubject {
  personId: string;
  userId: string | null;
  words: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
/** A code rather than words (`member`, `approved`, `advice.requested`): no person is named by one. */
const CODE = /^[a-z][a-z0-9_.:-]*$/;

/**
 * A snapshot about the person themselves (their directory entry, their account, a record whose
 * `personId` or `userId` is theirs) keeps its shape, its ids, numbers, dates and codes; every
 * other text goes, and any value naming them. A snapshot about anything else keeps everything but
 * the person's own words, each replaced by the erased name.
 */
export function redactSnapshot(
  value: unknown,
  mention: RegExp | null,
  aboutThem: boolean,
): unknown {
  if (typeof value === 'string') {
    const named = mention ? new RegExp(mention.source, mention.flags).test(value) : false;
    if (aboutThem) {
      const plain = UUID.test(value) || ISO_DATE.test(value) || CODE.test(value);
      return plain && !named ? value : ERASED_TEXT;
    }
    return named && mention ? value.replace(mention, ERASED_NAME) : value;
  }
  if (Array.isArray(value)) return value.map((v) => redactSnapshot(v, mention, aboutThem));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactSnapshot(v, mention, aboutThem)]),
    );
  return value;
}

/** Whether a snapshot is of one of the person's own records (by its `personId` or `userId`). */
function isTheirs(snapshot: unknown, ids: ReadonlySet<string>): boolean {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return false;
  const { personId, userId } = snapshot as Record<string, unknown>;
  return (
    (typeof personId === 'string' && ids.has(personId)) ||
    (typeof userId === 'string' && ids.has(userId))
  );
}

interface Candidate {
  seq: number | string;
  actor_user_id: string | null;
  actor_label: string;
  record_id: string;
  before: unknown;
  after: unknown;
}

/**
 * Replaces the person's data in every event that holds any, on the caller's transaction, and
 * returns how many events were changed. Reads the whole trail once (erasure is rare; an index
 * cannot find a name inside a snapshot).
 */
export async function redactAuditTrail(
  executor: Executor,
  subject: RedactionSubject,
  actor: Actor,
): Promise<number> {
  const ids = new Set([subject.personId, ...(subject.userId ? [subject.userId] : [])]);
  const words = mentionPattern(subject.words);
  const mention = words ? new RegExp(words, 'gi') : null;
  // Found in the snapshots' text by their words or their ids: both are literal in the pattern.
  const anywhere = mentionPattern([...subject.words, ...ids])!;
  // Held from the first read to the last write, so that no event is appended unseen between.
  await lockAuditChain(executor);
  const candidates = await queryRows<Candidate>(
    executor,
    sql`select seq, actor_user_id, actor_label, record_id, before, after from audit_events
      where actor_user_id = ${subject.userId}
        or record_id in (${sql.join(
          [...ids].map((id) => sql`${id}`),
          sql`, `,
        )})
        ${words ? sql`or actor_label ~* ${words}` : sql``}
        or before::text ~* ${anywhere} or after::text ~* ${anywhere}
      order by seq`,
  );
  const changed = candidates.flatMap((event) => {
    const aboutThem = ids.has(event.record_id);
    const label =
      (subject.userId && event.actor_user_id === subject.userId) ||
      (mention && new RegExp(mention.source, 'i').test(event.actor_label))
        ? ERASED_NAME
        : event.actor_label;
    const before = redactSnapshot(event.before, mention, aboutThem || isTheirs(event.before, ids));
    const after = redactSnapshot(event.after, mention, aboutThem || isTheirs(event.after, ids));
    if (
      label === event.actor_label &&
      isDeepStrictEqual(before, event.before) &&
      isDeepStrictEqual(after, event.after)
    )
      return [];
    return [{ seq: Number(event.seq), actor_label: label, before, after }];
  });
  if (!changed.length) return 0;
  // The voucher first (it must exist for the trigger to let an event change): which events,
  // never whose data.
  const voucher = await recordAudit(executor, actor, {
    action: REDACTION_ACTION,
    recordType: REDACTION_RECORD_TYPE,
    recordId: randomUUID(),
    after: { reason: 'erasure', events: changed.map((e) => e.seq) },
  });
  for (let i = 0; i < changed.length; i += 500) {
    const batch = changed.slice(i, i + 500);
    await executor.execute(sql`update audit_events a
      set actor_label = r.actor_label, before = r.before, after = r.after, redacted_by = ${voucher}
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as r(seq bigint, actor_label text, before jsonb, after jsonb)
      where a.seq = r.seq`);
  }
  return changed.length;
}
