/**
 * Issue 28 part 5: requests to erase or to correct what Bridge holds about a person, logged by the
 * coordination unit or an administrator, decided with reasons (what must be kept and why), and
 * carried out: an erasure across every module at once, through the same interface as subject
 * access (`erasePersonEverywhere`); a correction by the officer in the modules that own the
 * records, with the person's archive to see them all, and what was corrected recorded.
 */
import { and, asc, count, desc, eq, gt, gte, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import { addCalendarDays, todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import type { FileStore } from '../../../platform/files/store.js';
import { dateField, text } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { BridgeModule } from '../../../platform/modules.js';
import { erasePersonEverywhere } from '../../../platform/person-data.js';
import { buildPersonArchive } from '../../../platform/person-data/archive.js';
import { holdsOnPerson } from '../../../platform/retention/holds.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  DUE_SOON_DAYS,
  ERASURE_STATUSES,
  correctionRefusal,
  dueDate,
  erasureRefusal,
  erasureStatus,
  validateDecision,
  validateErasureRequest,
  validateCorrections,
  validateExtension,
  validateReceived,
  type ErasureStatus,
} from '../rules.js';
import { erasureRequests as requests } from '../schema.js';

export type ErasureRequestsService = ReturnType<typeof createErasureRequestsService>;
type Input = Record<string, string | string[] | undefined>;

const logger = alias(users, 'logger');
const decider = alias(users, 'decider');
const doer = alias(users, 'doer');

export function createErasureRequestsService(deps: {
  db: Db;
  directory: DirectoryApi;
  files: FileStore;
  modules: () => readonly BridgeModule[];
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, files, modules, now, t } = deps;
  const today = () => todayInLondon(now());
  const ACTION = 'subject-access.manage' as const;
  const retentionParts = () =>
    modules().flatMap((m) => (m.retention ?? []).flatMap((r) => r.schedule ?? []));

  function statusWhere(filter: ErasureStatus | undefined, day: IsoDate) {
    const soon = addCalendarDays(day, DUE_SOON_DAYS);
    switch (filter) {
      case 'closed':
        return isNotNull(requests.closedAt);
      case 'overdue':
        return and(isNull(requests.closedAt), lt(requests.dueOn, day));
      case 'dueSoon':
        return and(isNull(requests.closedAt), gte(requests.dueOn, day), lte(requests.dueOn, soon));
      case 'open':
        return and(isNull(requests.closedAt), gt(requests.dueOn, soon));
      default:
        return undefined;
    }
  }

  /** The request, locked for a change, checked for its version. */
  async function forChange(tx: Executor, id: string, version: unknown) {
    const [row] = isUuid(id)
      ? await tx.select().from(requests).where(eq(requests.id, id)).for('update')
      : [];
    if (!row) throw new NotFoundError();
    if (String(row.version) !== text(version))
      throw new ConflictError(t('information-rights:errors.stale'));
    return row;
  }

  const refuse = (key: string) => new ConflictError(t(key));

  return {
    /** The register, soonest due first among the open, a page at a time, filtered by standing. */
    async list(principal: Principal, filter: { status?: string | undefined }, page: PageRequest) {
      requireUser(principal, ACTION);
      const chosen = ERASURE_STATUSES.find((s) => s === filter.status);
      const day = today();
      const where = statusWhere(chosen, day);
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: requests.id,
            kind: requests.kind,
            person: directory.personNameSql(requests.personId),
            receivedOn: requests.receivedOn,
            dueOn: requests.dueOn,
            decision: requests.decision,
            closedAt: requests.closedAt,
          })
          .from(requests)
          .where(where)
          .orderBy(
            sql`${requests.closedAt} is not null`,
            asc(requests.dueOn),
            desc(requests.closedAt),
            asc(requests.id),
          )
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(requests).where(where),
      ]);
      return {
        items: items.map((r) => ({ ...r, status: erasureStatus(r, day) })),
        total: Number(total?.n ?? 0),
        status: chosen ?? null,
      };
    },

    /** One request, with who logged, decided and carried it out. */
    async get(principal: Principal, id: string) {
      requireUser(principal, ACTION);
      const [row] = isUuid(id)
        ? await db
            .select({
              request: requests,
              person: directory.personNameSql(requests.personId),
              loggedBy: logger.displayName,
              decidedBy: decider.displayName,
              carriedOutBy: doer.displayName,
            })
            .from(requests)
            .innerJoin(logger, eq(logger.id, requests.loggedBy))
            .leftJoin(decider, eq(decider.id, requests.decidedBy))
            .leftJoin(doer, eq(doer.id, requests.carriedOutBy))
            .where(eq(requests.id, id))
        : [];
      if (!row) throw new NotFoundError();
      return { ...row, status: erasureStatus(row.request, today()) };
    },

    /** A request logged for a person in the directory, due one month after receipt (DP-02's rule). */
    async log(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const errors: FieldError[] = [];
      const { refusals, kind } = validateErasureRequest({
        kind: text(input.kind) ?? '',
        asked: text(input.asked) ?? '',
      });
      const receivedOn = dateField(
        t,
        input,
        'receivedOn',
        t('information-rights:requests.receivedOnLabel'),
        errors,
      );
      errors.push(...fieldErrors(t, validateReceived(receivedOn, today())));
      const personId = text(input.personId) ?? '';
      return db.transaction(async (tx) => {
        const person = isUuid(personId)
          ? (await directory.directory.lookups.people(tx, [personId])).get(personId)
          : undefined;
        // In the form's order: the person, the kind, the date, what is asked.
        const ordered: FieldError[] = [
          ...(person
            ? []
            : [{ field: 'personId', message: t('information-rights:errors.personMissing') }]),
          ...fieldErrors(
            t,
            refusals.filter((r) => r.field === 'kind'),
          ),
          ...errors,
          ...fieldErrors(
            t,
            refusals.filter((r) => r.field !== 'kind'),
          ),
        ];
        if (ordered.length || !receivedOn || !kind) throw new ValidationError(ordered);
        const [row] = await tx
          .insert(requests)
          .values({
            kind,
            personId,
            receivedOn,
            dueOn: dueDate(receivedOn),
            asked: text(input.asked),
            loggedBy: user.userId,
            loggedAt: now(),
          })
          .returning();
        // Ids, the kind and dates only: the trail keeps nothing of what the person asked.
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'erasure-request.logged',
          recordType: 'erasure_request',
          recordId: row!.id,
          after: { kind, receivedOn: row!.receivedOn, dueOn: row!.dueOn },
        });
        return row!;
      });
    },

    /** The answer put off by one or two further months in all, with the reason (DP-02's rule). */
    async extend(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const reason = text(input.reason) ?? '';
      return db.transaction(async (tx) => {
        const row = await forChange(tx, id, input.version);
        if (row.closedAt) throw refuse('information-rights:errors.alreadyClosed');
        const { refusals, months } = validateExtension(
          row,
          { months: text(input.months) ?? '', reason },
          today(),
        );
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        const dueOn = dueDate(row.receivedOn, months);
        await tx
          .update(requests)
          .set({
            extensionMonths: months,
            extensionReason: reason,
            extendedAt: now(),
            dueOn,
            version: row.version + 1,
          })
          .where(eq(requests.id, row.id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'erasure-request.extended',
          recordType: 'erasure_request',
          recordId: row.id,
          before: { dueOn: row.dueOn },
          after: { dueOn, extensionMonths: months },
        });
      });
    },

    /** DP-03: decided, with the reasons (what must be kept and why); a refusal closes it. */
    async decide(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const reasons = text(input.reasons) ?? '';
      return db.transaction(async (tx) => {
        const row = await forChange(tx, id, input.version);
        const { refusals, decision } = validateDecision(row, {
          decision: text(input.decision) ?? '',
          reasons,
        });
        if (refusals.some((r) => r.key === 'information-rights:errors.alreadyDecided'))
          throw refuse('information-rights:errors.alreadyDecided');
        if (refusals.length || !decision) throw new ValidationError(fieldErrors(t, refusals));
        const at = now();
        await tx
          .update(requests)
          .set({
            decision,
            decisionReasons: reasons,
            decidedBy: user.userId,
            decidedAt: at,
            closedAt: decision === 'refused' ? at : null,
            version: row.version + 1,
          })
          .where(eq(requests.id, row.id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'erasure-request.decided',
          recordType: 'erasure_request',
          recordId: row.id,
          after: { decision },
        });
      });
    },

    /**
     * DP-03: an agreed erasure carried out in every module at once, in one transaction: refused,
     * changing nothing, while a legal hold stands on the person or any record about them. The
     * request keeps what each module did, by kind and count (never who), and the person's
     * directory entry stays, anonymised, so that the register still refers to it.
     */
    async carryOut(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      return db.transaction(
        async (tx) => {
          const row = await forChange(tx, id, input.version);
          const holds =
            row.kind === 'erase' && !row.carriedOutAt
              ? await holdsOnPerson(tx, retentionParts(), row.personId)
              : 0;
          const refusal = erasureRefusal(row, holds);
          if (refusal) throw refuse(refusal);
          const person = (await directory.directory.lookups.people(tx, [row.personId])).get(
            row.personId,
          );
          // The subject as subject access builds it for the archive.
          const done = await erasePersonEverywhere(
            modules(),
            tx,
            { personId: row.personId, userId: person?.userId ?? null },
            actorOf(user, requestId),
          );
          const erasedCounts = done.map((m) => ({
            module: m.module,
            parts: m.parts.map((p) => ({ kind: p.kind, records: p.records, how: p.how })),
          }));
          const at = now();
          // After the module's own part (which anonymised this row with the rest of theirs).
          await tx
            .update(requests)
            .set({
              erasedCounts,
              carriedOutBy: user.userId,
              carriedOutAt: at,
              closedAt: at,
              version: sql`${requests.version} + 1`,
            })
            .where(eq(requests.id, row.id));
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'erasure-request.carried-out',
            recordType: 'erasure_request',
            recordId: row.id,
            after: { erased: erasedCounts },
          });
          return erasedCounts;
        },
        // Read committed, as every audited write: the chain's last event must be read after
        // its lock is taken, which a snapshot taken earlier (repeatable read) would not see.
      );
    },

    /** DP-03: an agreed correction closed with what the officer corrected, and where. */
    async recordCorrection(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const corrections = text(input.corrections) ?? '';
      return db.transaction(async (tx) => {
        const row = await forChange(tx, id, input.version);
        const refusal = correctionRefusal(row);
        if (refusal) throw refuse(refusal);
        const refusals = validateCorrections(corrections);
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        const at = now();
        await tx
          .update(requests)
          .set({
            corrections,
            carriedOutBy: user.userId,
            carriedOutAt: at,
            closedAt: at,
            version: row.version + 1,
          })
          .where(eq(requests.id, row.id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'erasure-request.corrected',
          recordType: 'erasure_request',
          recordId: row.id,
        });
      });
    },

    /**
     * What Bridge holds about the person of a correction request, as the subject-access archive
     * (built now, not kept), so that the officer can see every record to correct.
     */
    async archive(principal: Principal, id: string, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const archive = await db.transaction(
        async (tx) => {
          const [row] = isUuid(id)
            ? await tx
                .select({ personId: requests.personId, kind: requests.kind })
                .from(requests)
                .where(eq(requests.id, id))
            : [];
          if (row?.kind !== 'correct') throw new NotFoundError();
          const person = (await directory.directory.lookups.people(tx, [row.personId])).get(
            row.personId,
          );
          return buildPersonArchive(
            { modules: modules(), files, t, now },
            tx,
            { personId: row.personId, userId: person?.userId ?? null },
            person?.fullName ?? '',
          );
        },
        // Every module's part read at the same moment; the audit event written after, on its
        // own (the chain cannot be written from an older snapshot).
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      await db.transaction((tx) =>
        recordAudit(tx, actorOf(user, requestId), {
          action: 'erasure-request.archive-downloaded',
          recordType: 'erasure_request',
          recordId: id,
        }),
      );
      return archive.bytes;
    },
  };
}
