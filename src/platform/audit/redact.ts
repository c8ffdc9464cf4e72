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
import { hashEventRow, type AuditEventRow } from './hash.js';

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

/** How many events one statement of the search reads: each well inside the statement timeout. */
const SCAN_CHUNK = 20_000;

/**
 * The person's words as a JavaScript pattern matching each as a whole word (not inside another:
 * "May" is not found in "Mayor"), whatever its case; null when they have none.
 */
export function wordsRegExp(words: readonly string[]): RegExp | null {
  const pattern = mentionPattern(words);
  return pattern ? new RegExp(`(?<![\\p{L}\\p{N}_])${pattern}(?![\\p{L}\\p{N}_])`, 'giu') : null;
}

/**
 * Replaces the person's data in every event that holds any, on the caller's transaction, and
 * returns how many events were changed. The trail is searched a chunk at a time before the
 * chain's lock is taken (a name inside a snapshot has no index, and every audited write waits
 * on that lock); under the lock, the events found are read again, with any written since, so
 * that what is written is made from what is there now.
 */
export async function redactAuditTrail(
  executor: Executor,
  subject: RedactionSubject,
  actor: Actor,
): Promise<number> {
  const ids = new Set([subject.personId, ...(subject.userId ? [subject.userId] : [])]);
  const mention = wordsRegExp(subject.words);
  // The search is broad (any substring, and as each word is written inside JSON text, where a
  // line break is "\n"); what is changed is decided on the values, word by word.
  const inJson = subject.words.map((w) => JSON.stringify(w).slice(1, -1));
  const anywhere = mentionPattern([...subject.words, ...inJson, ...ids])!;
  const holding = sql`(actor_user_id = ${subject.userId}
    or record_id in (${sql.join(
      [...ids].map((id) => sql`${id}`),
      sql`, `,
    )})
    or before::text ~* ${anywhere} or after::text ~* ${anywhere})`;
  const [last] = await queryRows<{ seq: number | string }>(
    executor,
    sql`select coalesce(max(seq), 0) as seq from audit_events`,
  );
  const searched = Number(last?.seq ?? 0);
  const found: number[] = [];
  for (let from = 0; from < searched; from += SCAN_CHUNK) {
    const rows = await queryRows<{ seq: number | string }>(
      executor,
      sql`select seq from audit_events
        where seq > ${from} and seq <= ${Math.min(from + SCAN_CHUNK, searched)} and ${holding}`,
    );
    for (const r of rows) found.push(Number(r.seq));
  }
  await lockAuditChain(executor);
  const candidates = await queryRows<AuditEventRow>(
    executor,
    sql`select seq, occurred_at, actor_user_id, actor_label, action, record_type, record_id,
        before, after, request_id, prev_hash
      from audit_events
      where seq in (select unnest(${`{${found.join(',')}}`}::bigint[]))
        or (seq > ${searched} and ${holding})
      order by seq`,
  );
  const changed = candidates.flatMap((event) => {
    const aboutThem = ids.has(event.record_id);
    // Another's name stays: only the events the person made carry theirs.
    const actorLabel =
      subject.userId && event.actor_user_id === subject.userId ? ERASED_NAME : event.actor_label;
    const before = redactSnapshot(event.before, mention, aboutThem || isTheirs(event.before, ids));
    const after = redactSnapshot(event.after, mention, aboutThem || isTheirs(event.after, ids));
    if (
      actorLabel === event.actor_label &&
      isDeepStrictEqual(before, event.before) &&
      isDeepStrictEqual(after, event.after)
    )
      return [];
    const content = { actorLabel, before, after };
    return [{ seq: Number(event.seq), content, hash: hashEventRow(event, content) }];
  });
  if (!changed.length) return 0;
  // The voucher first (it must exist for the trigger to let an event change): which events and
  // the hash of each one's new content, never whose data.
  const voucher = await recordAudit(executor, actor, {
    action: REDACTION_ACTION,
    recordType: REDACTION_RECORD_TYPE,
    recordId: randomUUID(),
    after: {
      reason: 'erasure',
      events: changed.map((e) => e.seq),
      contents: changed.map((e) => e.hash),
    },
  });
  for (let i = 0; i < changed.length; i += 500) {
    const batch = changed
      .slice(i, i + 500)
      .map(({ seq, content }) => ({ seq, actor_label: content.actorLabel, ...content }));
    await executor.execute(sql`update audit_events a
      set actor_label = r.actor_label, before = r.before, after = r.after, redacted_by = ${voucher}
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as r(seq bigint, actor_label text, before jsonb, after jsonb)
      where a.seq = r.seq`);
  }
  return changed.length;
}
