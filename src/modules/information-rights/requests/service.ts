/**
 * DP-02: subject access requests, logged by the coordination unit or an administrator: received,
 * the requester's identity checked (how, and by whom), extended with a reason when need be, and
 * answered with the archive of what Bridge holds about the person, kept as it was sent.
 */
import { and, count, desc, asc, eq, gt, isNotNull, isNull, lt, lte, gte, sql } from 'drizzle-orm';
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
import { buildPersonArchive } from '../../../platform/person-data/archive.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  DUE_SOON_DAYS,
  METHOD_MAX,
  STATUSES,
  dueDate,
  status,
  validateExtension,
  validateReceived,
  type Status,
} from '../rules.js';
import { subjectAccessRequests as requests } from '../schema.js';

export type SubjectAccessService = ReturnType<typeof createSubjectAccessService>;
type Input = Record<string, string | string[] | undefined>;

const checker = alias(users, 'identity_checker');
const logger = alias(users, 'logger');

export function createSubjectAccessService(deps: {
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

  const listColumns = {
    id: requests.id,
    personId: requests.personId,
    person: directory.personNameSql(requests.personId),
    receivedOn: requests.receivedOn,
    dueOn: requests.dueOn,
    identityCheckedAt: requests.identityCheckedAt,
    answeredAt: requests.answeredAt,
  };

  /** The register's filter as SQL (each on the index of answered and due). */
  function statusWhere(filter: Status | undefined, day: IsoDate) {
    const soon = addCalendarDays(day, DUE_SOON_DAYS);
    switch (filter) {
      case 'answered':
        return isNotNull(requests.answeredAt);
      case 'overdue':
        return and(isNull(requests.answeredAt), lt(requests.dueOn, day));
      case 'dueSoon':
        return and(
          isNull(requests.answeredAt),
          gte(requests.dueOn, day),
          lte(requests.dueOn, soon),
        );
      case 'open':
        return and(isNull(requests.answeredAt), gt(requests.dueOn, soon));
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
    if (row.answeredAt) throw new ConflictError(t('information-rights:errors.alreadyAnswered'));
    return row;
  }

  return {
    /** The register, newest due last among the open, a page at a time, filtered by standing. */
    async list(principal: Principal, filter: { status?: string | undefined }, page: PageRequest) {
      requireUser(principal, ACTION);
      const chosen = STATUSES.find((s) => s === filter.status);
      const day = today();
      const where = statusWhere(chosen, day);
      const [items, [total]] = await Promise.all([
        db
          .select(listColumns)
          .from(requests)
          .where(where)
          .orderBy(
            sql`${requests.answeredAt} is not null`,
            asc(requests.dueOn),
            desc(requests.answeredAt),
            asc(requests.id),
          )
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(requests).where(where),
      ]);
      return {
        items: items.map((r) => ({ ...r, status: status(r, day) })),
        total: Number(total?.n ?? 0),
        status: chosen ?? null,
      };
    },

    /** One request, with who logged it and who checked the identity. */
    async get(principal: Principal, id: string) {
      requireUser(principal, ACTION);
      const [row] = isUuid(id)
        ? await db
            .select({
              request: requests,
              person: directory.personNameSql(requests.personId),
              loggedBy: logger.displayName,
              identityCheckedBy: checker.displayName,
            })
            .from(requests)
            .innerJoin(logger, eq(logger.id, requests.loggedBy))
            .leftJoin(checker, eq(checker.id, requests.identityCheckedBy))
            .where(eq(requests.id, id))
        : [];
      if (!row) throw new NotFoundError();
      return { ...row, status: status(row.request, today()), today: today() };
    },

    /** DP-02: a request logged for a person in the directory, due one month after receipt. */
    async log(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const errors: FieldError[] = [];
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
        // In the form's order: the person, then the date.
        if (!person)
          errors.unshift({
            field: 'personId',
            message: t('information-rights:errors.personMissing'),
          });
        if (errors.length || !receivedOn) throw new ValidationError(errors);
        const [row] = await tx
          .insert(requests)
          .values({
            personId,
            receivedOn,
            dueOn: dueDate(receivedOn),
            loggedBy: user.userId,
            loggedAt: now(),
          })
          .returning();
        // Ids and dates only: the audit trail keeps no personal data of the requester.
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'subject-access.logged',
          recordType: 'subject_access_request',
          recordId: row!.id,
          after: { receivedOn: row!.receivedOn, dueOn: row!.dueOn },
        });
        return row!;
      });
    },

    /** How the requester's identity was checked, by the person recording it. */
    async checkIdentity(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const method = text(input.method) ?? '';
      if (!method)
        throw new ValidationError([
          { field: 'method', message: t('information-rights:errors.methodMissing') },
        ]);
      if (method.length > METHOD_MAX)
        throw new ValidationError([
          { field: 'method', message: t('information-rights:errors.methodTooLong') },
        ]);
      return db.transaction(async (tx) => {
        const row = await forChange(tx, id, input.version);
        await tx
          .update(requests)
          .set({
            identityMethod: method,
            identityCheckedBy: user.userId,
            identityCheckedAt: now(),
            version: row.version + 1,
          })
          .where(eq(requests.id, row.id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'subject-access.identity-checked',
          recordType: 'subject_access_request',
          recordId: row.id,
        });
      });
    },

    /** DP-02: the answer put off by one or two further months in all, with the reason. */
    async extend(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const reason = text(input.reason) ?? '';
      return db.transaction(async (tx) => {
        const row = await forChange(tx, id, input.version);
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
            dueOn,
            version: row.version + 1,
          })
          .where(eq(requests.id, row.id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'subject-access.extended',
          recordType: 'subject_access_request',
          recordId: row.id,
          before: { dueOn: row.dueOn },
          after: { dueOn, extensionMonths: months },
        });
      });
    },

    /**
     * DP-02: answered with the archive of everything Bridge holds about the person, kept in the
     * file store as sent (so that what was sent can be shown later, even after the records
     * change). Refused before identity is checked. The archive is read in a transaction of its
     * own, every module's part at the same moment (repeatable read); the answer is recorded in
     * another, as every audited write is (the chain cannot be written from an older snapshot).
     */
    async answer(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const archive = await db.transaction(
        async (tx) => {
          const [row] = isUuid(id)
            ? await tx.select().from(requests).where(eq(requests.id, id))
            : [];
          if (!row) throw new NotFoundError();
          if (!row.answeredAt && !row.identityCheckedAt)
            throw new ConflictError(t('information-rights:errors.identityNotChecked'));
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
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      let kept: string | undefined;
      try {
        return await db.transaction(async (tx) => {
          const row = await forChange(tx, id, input.version);
          if (!row.identityCheckedAt)
            throw new ConflictError(t('information-rights:errors.identityNotChecked'));
          const stored = await files.put(Buffer.from(archive.bytes));
          kept = stored.key;
          await tx
            .update(requests)
            .set({
              answeredAt: now(),
              answeredBy: user.userId,
              archiveStorageKey: stored.key,
              archiveSizeBytes: stored.sizeBytes,
              archiveSha256: stored.sha256,
              version: row.version + 1,
            })
            .where(eq(requests.id, row.id));
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'subject-access.answered',
            recordType: 'subject_access_request',
            recordId: row.id,
            after: { archiveSha256: stored.sha256, archiveSizeBytes: stored.sizeBytes },
          });
        });
      } catch (err) {
        // Nothing kept for an answer that was not recorded.
        if (kept) await files.remove(kept);
        throw err;
      }
    },

    /** The archive as it was sent, for the staff who answer requests. */
    async archive(principal: Principal, id: string, requestId?: string) {
      const user = requireUser(principal, ACTION);
      const [row] = isUuid(id)
        ? await db
            .select({ key: requests.archiveStorageKey })
            .from(requests)
            .where(eq(requests.id, id))
        : [];
      if (!row?.key) throw new NotFoundError();
      const bytes = await files.read(row.key).catch(() => {
        throw new NotFoundError();
      });
      await db.transaction((tx) =>
        recordAudit(tx, actorOf(user, requestId), {
          action: 'subject-access.archive-downloaded',
          recordType: 'subject_access_request',
          recordId: id,
        }),
      );
      return bytes;
    },
  };
}
