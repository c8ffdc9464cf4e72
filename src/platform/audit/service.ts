import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/principal.js';
import { queryRows, sql, type Db, type Executor } from '../db/database.js';
import { auditEvents } from './schema.js';
import { GENESIS_HASH, hashEvent, hashEventRow, type AuditEventRow } from './hash.js';

/** Serialises writers of the chain: each event needs the hash of the one before. */
const AUDIT_CHAIN_LOCK = 727_002;

const SECRET_KEYS = new Set(['passwordHash', 'totpSecret', 'tokenHash', 'totpLastStep']);

/** A JSON-safe copy with secrets removed: dates become ISO strings, as jsonb will hold them. */
export function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? '[redacted]' : v)),
  );
}

export interface AuditEventInput {
  action: string;
  recordType: string;
  recordId: string;
  before?: unknown;
  after?: unknown;
}

/** The action of the event that vouches for events an erasure redacted (`redact.ts`). */
export const REDACTION_ACTION = 'audit.redacted';
/** Its record type: the audit trail itself. */
export const REDACTION_RECORD_TYPE = 'audit_events';

/**
 * Serialises this transaction's writes to the chain with every other's, until it ends. Refuses a
 * transaction that reads from a snapshot older than the lock (repeatable read, serializable): it
 * would not see the event another transaction committed while it waited, and would fork the
 * chain. Such a transaction reads in one transaction and writes its audit event in another.
 */
export async function lockAuditChain(tx: Executor): Promise<void> {
  const [row] = await queryRows<{ isolation: string }>(
    tx,
    sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})::text as locked,
      current_setting('transaction_isolation') as isolation`,
  );
  if (row?.isolation !== 'read committed')
    throw new Error(
      `An audit event cannot be written in a ${row?.isolation ?? 'unknown'} transaction: it would not see the chain's last event`,
    );
}

/**
 * Writes one audit event inside the caller's transaction, so the event and the change it
 * describes commit or fail together. Returns the event's place in the chain.
 */
export async function recordAudit(
  tx: Executor,
  actor: Actor,
  event: AuditEventInput,
): Promise<number> {
  await lockAuditChain(tx);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const fields = {
    occurredAt: new Date(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: event.action,
    recordType: event.recordType,
    recordId: event.recordId,
    before: snapshot(event.before),
    after: snapshot(event.after),
    requestId: actor.requestId ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const [written] = await tx
    .insert(auditEvents)
    .values({ ...fields, hash: hashEvent(fields) })
    .returning({ seq: auditEvents.seq });
  return written!.seq;
}

export interface AuditFilter {
  actorUserId?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
}

export type AuditEvent = typeof auditEvents.$inferSelect;

/**
 * How far a search counts its matches. Counting a million events for every page of the trail cost
 * more than reading the page (measured with `npm run bench`); past this, the page says "more than"
 * and the administrator narrows the search.
 */
export const AUDIT_COUNT_LIMIT = 10_000;

export async function listAuditEvents(
  db: Db,
  filter: AuditFilter,
  page: { limit: number; offset: number },
  countLimit = AUDIT_COUNT_LIMIT,
): Promise<{ items: AuditEvent[]; total: number; more: boolean }> {
  const conditions: SQL[] = [];
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.recordType) conditions.push(eq(auditEvents.recordType, filter.recordType));
  if (filter.recordId) conditions.push(eq(auditEvents.recordId, filter.recordId));
  if (filter.from) conditions.push(gte(auditEvents.occurredAt, filter.from));
  if (filter.to) conditions.push(lt(auditEvents.occurredAt, filter.to));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.seq))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(
      db
        .select({ one: sql`1`.as('one') })
        .from(auditEvents)
        .where(where)
        .limit(countLimit + 1)
        .as('matches'),
    ),
  ]);
  const n = count?.n ?? 0;
  return { items, total: Math.min(n, countLimit), more: n > countLimit };
}

export async function findAuditEvent(db: Db, seq: number): Promise<AuditEvent | undefined> {
  const [row] = await db.select().from(auditEvents).where(eq(auditEvents.seq, seq));
  return row;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * What each redaction event vouches for (ADR 0002), by the redaction's seq: each event it
 * changed, with the hash of the content it gave it. A redaction event altered to vouch for more
 * is itself caught by its own hash when the walk reaches it.
 */
async function redactionVouchers(db: Executor): Promise<Map<number, Map<number, string>>> {
  const rows = await db
    .select({ seq: auditEvents.seq, after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordType, REDACTION_RECORD_TYPE),
        eq(auditEvents.action, REDACTION_ACTION),
      ),
    );
  const vouchers = new Map<number, Map<number, string>>();
  for (const { seq, after } of rows) {
    const { events, contents } = (after ?? {}) as { events?: unknown; contents?: unknown };
    const vouched = new Map<number, string>();
    if (Array.isArray(events) && Array.isArray(contents))
      events.forEach((event, i) => vouched.set(Number(event), String(contents[i])));
    vouchers.set(Number(seq), vouched);
  }
  return vouchers;
}

/**
 * Walks the whole chain in order, in batches, and returns the first event whose hash or link
 * does not hold, or null when the chain is whole. An event whose personal data an erasure
 * replaced no longer matches its hash: it holds when the later redaction event it names vouches
 * for its content as it is now (counted as `redacted`), and its hash still links the chain. Read
 * in one snapshot, so that an erasure committed during the walk is seen whole or not at all.
 */
export async function verifyAuditChain(
  db: Db,
  batchSize = 5000,
): Promise<{ checked: number; redacted: number; firstBreak: ChainBreak | null }> {
  return db.transaction(
    async (tx) => {
      const vouchers = await redactionVouchers(tx);
      let prevHash = GENESIS_HASH;
      let afterSeq = 0;
      let checked = 0;
      let redacted = 0;
      for (;;) {
        const rows = await queryRows<
          AuditEventRow & { redacted_by: number | string | null; hash: string }
        >(
          tx,
          sql`select * from audit_events where seq > ${afterSeq} order by seq limit ${batchSize}`,
        );
        if (rows.length === 0) return { checked, redacted, firstBreak: null };
        for (const row of rows) {
          const seq = Number(row.seq);
          if (row.prev_hash !== prevHash) {
            const reason = 'does not link to the event before it';
            return { checked, redacted, firstBreak: { seq, reason } };
          }
          const now = hashEventRow(row);
          if (row.redacted_by === null) {
            if (now !== row.hash) {
              const reason = 'its content does not match its hash';
              return { checked, redacted, firstBreak: { seq, reason } };
            }
          } else {
            const by = Number(row.redacted_by);
            if (by <= seq || vouchers.get(by)?.get(seq) !== now) {
              const reason =
                'its content was changed, and no later redaction event vouches for it as it is';
              return { checked, redacted, firstBreak: { seq, reason } };
            }
            redacted += 1;
          }
          prevHash = row.hash;
          afterSeq = seq;
          checked += 1;
        }
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
