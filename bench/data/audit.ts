/**
 * A million audit events: ten years of changes to the records the other generators made, by the
 * people who made them, hash-chained as Bridge chains its own, so `npm run audit:verify` passes on
 * the bench database. The hashes are computed here (SHA-256 over the canonical JSON Bridge uses,
 * which SQL cannot reproduce) and the rows go in through unnest() in slices of 20,000.
 */
import { hashEvent } from '../../src/platform/audit/hash.js';
import type { ModuleGenerator } from './context.js';

const SLICE = 20_000;

/** What is changed, how often (weights), and the actions recorded on it. */
const RECORDS = [
  {
    type: 'membership',
    table: 'memberships',
    weight: 15,
    actions: ['membership.appointed', 'membership.ended'],
  },
  {
    type: 'meeting',
    table: 'meetings',
    weight: 20,
    actions: ['meeting.scheduled', 'meeting.attendance_recorded', 'minutes.approved'],
  },
  {
    type: 'advice_request',
    table: 'advice_requests',
    order: 'submitted_at, subject',
    weight: 30,
    actions: ['advice.submitted', 'advice.routed', 'advice.nominated'],
  },
  {
    type: 'expense_claim',
    table: 'expense_claims',
    weight: 25,
    actions: ['expenses.claim_submitted', 'expenses.claim_decided', 'expenses.claim_paid'],
  },
  {
    type: 'tracker_action',
    table: 'tracker_actions',
    weight: 8,
    actions: ['tracker.action.updated'],
  },
  { type: 'person', table: 'people', weight: 2, actions: ['person.updated'] },
] as const;

export const auditGenerator: ModuleGenerator = {
  module: 'audit',
  tables: ['audit_events'],
  async generate({ client, scaled, asOf }) {
    const total = scaled(1_000_000);
    const ids: Record<string, string[]> = {};
    for (const record of RECORDS) {
      // Record ids are random UUIDs, so which record an event names differs between runs; how
      // many events each kind of record has, when and by whom, does not.
      const order = 'order' in record ? record.order : 'created_at';
      const { rows } = await client.query(
        `select id::text from ${record.table} order by ${order}, id`,
      );
      ids[record.type] = rows.map((r: { id: string }) => r.id);
    }
    const actors = (
      await client.query(
        `select u.id::text, u.display_name from users u
         where u.email like '%@bridge.example' or u.email like 'officer.%' or u.email like 'advisor.%'
         order by u.email`,
      )
    ).rows as { id: string; display_name: string }[];
    const last = await client.query(`select hash from audit_events order by seq desc limit 1`);
    let prevHash: string = last.rows[0]?.hash ?? '0'.repeat(64);
    const end = Date.parse(`${asOf}T00:00:00Z`);
    const start = end - 3652 * 86_400_000;
    const step = (end - start) / total;
    const weights = RECORDS.flatMap((r, i) => Array<number>(r.weight).fill(i));
    // A deterministic stream of choices (mulberry32), seeded once.
    let seed = 0x5eed;
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let from = 0; from < total; from += SLICE) {
      const columns: unknown[][] = Array.from({ length: 11 }, () => []);
      for (let i = from; i < Math.min(total, from + SLICE); i++) {
        const record = RECORDS[weights[Math.floor(next() * weights.length)]!]!;
        const list = ids[record.type]!;
        const actor = actors[Math.floor(next() * actors.length)]!;
        const event = {
          occurredAt: new Date(Math.floor(start + i * step)),
          actorUserId: actor.id,
          actorLabel: actor.display_name,
          action: record.actions[Math.floor(next() * record.actions.length)]!,
          recordType: record.type,
          recordId: list.length
            ? list[Math.floor(next() * list.length)]!
            : '00000000-0000-0000-0000-000000000000',
          before: { status: 'before', version: i % 7 },
          after: { status: 'after', version: (i % 7) + 1 },
          requestId: `bench-${i}`,
          prevHash,
        };
        const hash = hashEvent(event);
        const values = [
          event.occurredAt.toISOString(),
          event.actorUserId,
          event.actorLabel,
          event.action,
          event.recordType,
          event.recordId,
          JSON.stringify(event.before),
          JSON.stringify(event.after),
          event.requestId,
          prevHash,
          hash,
        ];
        values.forEach((v, c) => columns[c]!.push(v));
        prevHash = hash;
      }
      await client.query(
        `insert into audit_events (occurred_at, actor_user_id, actor_label, action, record_type,
           record_id, before, after, request_id, prev_hash, hash)
         select * from unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[],
           $6::text[], $7::jsonb[], $8::jsonb[], $9::text[], $10::text[], $11::text[])`,
        columns,
      );
    }
  },
};
