/**
 * DP-03: the daily retention sweep. For each kind on the schedule: warns the owner of each record
 * whose period ends within the warning period (once: retention_warnings remembers it), then
 * deletes or anonymises the records whose period has ended and whose owner was warned long
 * enough before, in one transaction per batch with one audit event that names the kind, how many
 * and the record ids (uuids), never a person's data. Held records are left alone. Safe on two
 * instances at once: each kind is worked under its own transaction lock, and a warning is sent
 * only by the transaction that wrote its row.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.js';
import { SYSTEM_ACTOR } from '../auth/principal.js';
import { roleAssignments, users } from '../auth/schema.js';
import { addCalendarDays, todayInLondon } from '../calendar/index.js';
import type { Db, Tx } from '../db/database.js';
import type { Translate } from '../i18n/messages.js';
import type { MailService } from '../mail/service.js';
import type { RetentionRecord, RetentionSchedulePart, Sweep } from '../modules.js';
import { actionWord } from './words.js';
import { removedOn, retentionStep, startedByFor } from './rules.js';
import { retentionActions, retentionHolds, retentionWarnings } from './schema.js';
import type { RetentionService } from './service.js';

/** Records warned or removed per kind and run, at most: the next run takes the rest. */
export const RETENTION_BATCH = 200;
/** Pages of due records read per kind and run, at most (records waiting are passed over). */
const RETENTION_PAGES = 50;
const DAY_MS = 24 * 60 * 60_000;

export interface RetentionRunResult {
  warned: number;
  removed: number;
}

export function createRetentionSweep(deps: {
  db: Db;
  retention: RetentionService;
  mail: MailService;
  now: () => Date;
  warningDays: number;
  publicUrl: string;
  t: Translate;
}) {
  const { db, retention, mail, now, warningDays, t } = deps;

  /** Active holds: record ids of this kind, and people. */
  async function holdsFor(tx: Tx, key: string) {
    const rows = await tx
      .select({ recordId: retentionHolds.recordId, personId: retentionHolds.personId })
      .from(retentionHolds)
      .where(
        and(
          isNull(retentionHolds.liftedAt),
          sql`(${retentionHolds.kindKey} = ${key} or ${retentionHolds.personId} is not null)`,
        ),
      );
    const records = new Set(rows.flatMap((r) => (r.recordId ? [r.recordId] : [])));
    const people = new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])));
    return {
      held: (r: RetentionRecord) => records.has(r.id) || r.personIds.some((p) => people.has(p)),
    };
  }

  async function warn(
    tx: Tx,
    part: RetentionSchedulePart,
    records: RetentionRecord[],
    today: string,
  ) {
    if (!records.length) return 0;
    const written = await tx
      .insert(retentionWarnings)
      .values(records.map((r) => ({ kindKey: part.key, recordId: r.id, warnedOn: today })))
      .onConflictDoNothing()
      .returning({ recordId: retentionWarnings.recordId });
    const ids = new Set(written.map((w) => w.recordId));
    const fresh = records.filter((r) => ids.has(r.id));
    if (!fresh.length) return 0;
    // The owner: the person the record names, else everyone active in the part's role.
    const named = [...new Set(fresh.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])))];
    const [people, roleHolders] = await Promise.all([
      named.length
        ? tx
            .select({ id: users.id, email: users.email })
            .from(users)
            .where(and(inArray(users.id, named), eq(users.status, 'active')))
        : [],
      fresh.some((r) => !r.ownerUserId)
        ? tx
            .selectDistinct({ email: users.email })
            .from(users)
            .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
            .where(and(eq(roleAssignments.role, part.ownerRole), eq(users.status, 'active')))
        : [],
    ]);
    const emailOf = new Map(people.map((p) => [p.id, p.email]));
    const byAddress = new Map<string, RetentionRecord[]>();
    const unsent: string[] = [];
    for (const r of fresh) {
      const to = r.ownerUserId && emailOf.get(r.ownerUserId);
      const addresses = to ? [to] : roleHolders.map((h) => h.email);
      if (!addresses.length) unsent.push(r.id);
      for (const address of addresses)
        byAddress.set(address, [...(byAddress.get(address) ?? []), r]);
    }
    // A record nobody could be told about is not warned: it waits until someone can be, so that
    // nothing is removed without notice.
    if (unsent.length)
      await tx
        .delete(retentionWarnings)
        .where(
          and(eq(retentionWarnings.kindKey, part.key), inArray(retentionWarnings.recordId, unsent)),
        );
    const period = (await retention.entry(part.key, tx)).period;
    await mail.queueMany(
      tx,
      [...byAddress].map(([to, list]) => ({
        to,
        subject: t('admin.retention.warning.subject', { kind: part.name }),
        text: [
          t('admin.retention.warning.intro', {
            kind: part.name,
            action: actionWord(t, part.action),
            days: warningDays,
          }),
          '',
          ...list.map(
            (r) =>
              // The day it will be removed: never one already past when the period was shortened.
              `- ${r.reference}: ${removedOn(r.startedOn, period, today, warningDays)}${r.href ? ` ${deps.publicUrl}${r.href}` : ''}`,
          ),
          '',
          t('admin.retention.warning.hold'),
        ].join('\n'),
      })),
    );
    return fresh.length - unsent.length;
  }

  /** One kind: its warnings, then one batch removed, in one transaction under the kind's lock. */
  async function runKind(part: RetentionSchedulePart, runId: string): Promise<RetentionRunResult> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`retention:${part.key}`}))`);
      const { period } = await retention.entry(part.key, tx);
      const today = todayInLondon(now());
      const holds = await holdsFor(tx, part.key);
      const soon = startedByFor(addCalendarDays(today, warningDays), period);
      const step = (r: RetentionRecord, warnings: Map<string, string>) =>
        retentionStep(
          { startedOn: r.startedOn, warnedOn: warnings.get(r.id) ?? null, held: false },
          period,
          warningDays,
          today,
        );
      // Page through the due records, oldest first, until a batch's worth is to be warned or
      // removed: records warned and waiting for their day (and held ones) are passed over, so
      // that a backlog larger than a batch is worked through run by run instead of the first
      // batch's waiting records keeping the rest from ever being warned.
      const candidates: RetentionRecord[] = [];
      const held: string[] = [];
      const warnings = new Map<string, string>();
      const seen = new Set<string>();
      let actionable = 0;
      for (let page = 0; page < RETENTION_PAGES && actionable < RETENTION_BATCH; page++) {
        const due = await part.due(tx, soon, RETENTION_BATCH, page * RETENTION_BATCH);
        const fresh = due.filter((r) => !seen.has(r.id));
        for (const r of fresh) seen.add(r.id);
        const free = fresh.filter((r) => !holds.held(r));
        held.push(...fresh.filter((r) => holds.held(r)).map((r) => r.id));
        if (free.length)
          for (const w of await tx
            .select()
            .from(retentionWarnings)
            .where(
              and(
                eq(retentionWarnings.kindKey, part.key),
                inArray(
                  retentionWarnings.recordId,
                  free.map((c) => c.id),
                ),
              ),
            ))
            warnings.set(w.recordId, w.warnedOn);
        for (const r of free) {
          if (actionable >= RETENTION_BATCH || step(r, warnings) === 'wait') continue;
          candidates.push(r);
          actionable++;
        }
        // A short page is the last; a page of nothing new: a part that does not page.
        if (due.length < RETENTION_BATCH || !fresh.length) break;
      }
      // A warning given before a hold no longer stands: when the hold is lifted the owner is
      // warned again before anything is removed.
      if (held.length)
        await tx
          .delete(retentionWarnings)
          .where(
            and(eq(retentionWarnings.kindKey, part.key), inArray(retentionWarnings.recordId, held)),
          );
      const warned = await warn(
        tx,
        part,
        candidates.filter((r) => step(r, warnings) === 'warn'),
        today,
      );
      const ids = candidates.filter((r) => step(r, warnings) === 'remove').map((r) => r.id);
      if (!ids.length) return { warned, removed: 0 };
      const removed = await part.apply(tx, ids);
      await tx
        .delete(retentionWarnings)
        .where(
          and(eq(retentionWarnings.kindKey, part.key), inArray(retentionWarnings.recordId, ids)),
        );
      const action = part.action === 'delete' ? 'deleted' : 'anonymised';
      const startedBy = startedByFor(today, period);
      await tx.insert(retentionActions).values({
        runId,
        kindKey: part.key,
        action,
        records: removed,
        startedBy,
        doneAt: now(),
      });
      // No personal data: the kind, how many and the period's cutoff. Not the records' ids: some
      // kinds are kept by person (monitoring answers), and an id would say whose were removed.
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: `retention.${action}`,
        recordType: 'retention-kind',
        recordId: part.key,
        after: { kind: part.key, records: removed, startedBy, period },
      });
      return { warned, removed };
    });
  }

  return {
    /** Every kind once: what was warned and removed. */
    async run(): Promise<RetentionRunResult> {
      const runId = randomUUID();
      const total = { warned: 0, removed: 0 };
      for (const part of retention.parts) {
        const done = await runKind(part, runId);
        total.warned += done.warned;
        total.removed += done.removed;
      }
      return total;
    },
  };
}

/** Registered among the platform's sweeps: looked at hourly, it acts at most once a day per record. */
export function retentionSweep(sweep: { run(): Promise<unknown> }): Sweep {
  return { name: 'retention', everyMs: DAY_MS / 24, run: () => sweep.run() };
}
