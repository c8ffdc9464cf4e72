/**
 * Issue 28 part 2: the Bridge records a request touches (advisory groups, meetings, requests for
 * advice), named on the request's page and read through their modules' public APIs. IAG-35: a
 * request for advice with documents disclosed to advisors is flagged, so the disclosure
 * protocol's terms are considered before anything is released.
 */
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { FormBody } from '../../../platform/http/render.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { AdviceApi } from '../../advice/index.js';
import { groupPaths, type GroupsApi } from '../../groups/index.js';
import type { MeetingsApi } from '../../meetings/index.js';
import { LINKED_RECORD_TYPES, type LinkedRecordType } from '../rules.js';
import { foiLinkedRecords, foiRequests } from '../schema.js';

/** What the FOI module reads of the modules whose records a request may touch. */
export interface LinkedRecordSources {
  groups: Pick<GroupsApi, 'groupsByIds' | 'workingGroups'>;
  meetings: Pick<MeetingsApi, 'meetingTitles'>;
  advice: Pick<AdviceApi, 'foiLinks'>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export type LinkedRecordsService = ReturnType<typeof createLinkedRecordsService>;

export function createLinkedRecordsService(deps: {
  db: Db;
  t: Translate;
  now: () => Date;
  sources: LinkedRecordSources;
}) {
  const { db, t, now, sources } = deps;

  /** The record the form names, found in its module; its field's error when not. */
  const findRecord = async (
    input: FormBody,
  ): Promise<{ type: LinkedRecordType; id: string } | FieldError> => {
    const type = text(input.recordType);
    if (!type || !(LINKED_RECORD_TYPES as readonly string[]).includes(type))
      return { field: 'recordType', message: t('foi:links.errors.type') };
    if (type === 'advisory-group') {
      const id = text(input.groupId);
      const [group] = id && isUuid(id) ? await sources.groups.groupsByIds(db, [id]) : [];
      return group
        ? { type, id: group.id }
        : { field: 'groupId', message: t('foi:links.errors.group') };
    }
    if (type === 'meeting') {
      // The meeting's page address, or its id, as copied from the browser: its last id (a
      // group's meeting page names the group first).
      const id = (text(input.meeting) ?? '').match(UUID)?.at(-1)?.toLowerCase();
      const found = id ? (await sources.meetings.meetingTitles(db, [id])).get(id) : undefined;
      return found && id
        ? { type, id }
        : { field: 'meeting', message: t('foi:links.errors.meeting') };
    }
    const reference = Number((text(input.adviceReference) ?? '').replace(/^request\s*/i, ''));
    const found = await sources.advice.foiLinks.byReference(db, reference);
    return found
      ? { type: 'advice-request', id: found.id }
      : { field: 'adviceReference', message: t('foi:links.errors.advice') };
  };

  return {
    /** The groups to choose from. */
    workingGroups: () => sources.groups.workingGroups(db),

    /** The records a request touches, each with its name and page; two queries per kind at most. */
    async linkedTo(principal: Principal, requestId: string, executor: Executor = db) {
      requireUser(principal, 'foi.view');
      const rows = await executor
        .select()
        .from(foiLinkedRecords)
        .where(eq(foiLinkedRecords.requestId, requestId))
        .orderBy(asc(foiLinkedRecords.linkedAt));
      const idsOf = (type: LinkedRecordType) =>
        rows.filter((r) => r.recordType === type).map((r) => r.recordId);
      const [groups, meetings, advice] = await Promise.all([
        sources.groups.groupsByIds(executor, idsOf('advisory-group')),
        sources.meetings.meetingTitles(executor, idsOf('meeting')),
        sources.advice.foiLinks.byIds(executor, idsOf('advice-request')),
      ]);
      return rows.map((r) => {
        if (r.recordType === 'advisory-group') {
          const g = groups.find((x) => x.id === r.recordId);
          // The group's staff page (the groups module does not export its paths).
          return {
            ...r,
            name: g?.name ?? null,
            href: g ? groupPaths.group(g.id) : null,
            disclosed: 0,
          };
        }
        if (r.recordType === 'meeting') {
          const m = meetings.get(r.recordId);
          return { ...r, name: m?.title ?? null, href: m?.href ?? null, disclosed: 0 };
        }
        const a = advice.find((x) => x.id === r.recordId);
        return {
          ...r,
          name: a
            ? t('foi:links.adviceName', { reference: a.reference, subject: a.subject })
            : null,
          href: a?.href ?? null,
          disclosed: a?.disclosed ?? 0,
        };
      });
    },

    /** Issue 28 part 2: a record named as touched by the request. */
    async link(principal: Principal, requestId: string, input: FormBody, auditId?: string) {
      const user = requireUser(principal, 'foi.manage');
      const [request] = isUuid(requestId)
        ? await db
            .select({ id: foiRequests.id })
            .from(foiRequests)
            .where(eq(foiRequests.id, requestId))
        : [];
      if (!request) throw new NotFoundError();
      const found = await findRecord(input);
      if ('field' in found) throw new ValidationError([found]);
      return db.transaction(async (tx) => {
        const [made] = await tx
          .insert(foiLinkedRecords)
          .values({
            requestId,
            recordType: found.type,
            recordId: found.id,
            linkedBy: user.userId,
            linkedAt: now(),
          })
          .onConflictDoNothing()
          .returning({ id: foiLinkedRecords.id });
        if (!made) throw new ConflictError(t('foi:links.errors.already'));
        await recordAudit(tx, actorOf(user, auditId), {
          action: 'foi.record-linked',
          recordType: 'foi-request',
          recordId: requestId,
          after: { recordType: found.type, recordId: found.id },
        });
        return found;
      });
    },

    /** A record no longer named. */
    async unlink(principal: Principal, requestId: string, linkId: string, auditId?: string) {
      const user = requireUser(principal, 'foi.manage');
      if (!isUuid(requestId) || !isUuid(linkId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const [gone] = await tx
          .delete(foiLinkedRecords)
          .where(and(eq(foiLinkedRecords.id, linkId), eq(foiLinkedRecords.requestId, requestId)))
          .returning();
        if (!gone) throw new NotFoundError();
        await recordAudit(tx, actorOf(user, auditId), {
          action: 'foi.record-unlinked',
          recordType: 'foi-request',
          recordId: requestId,
          before: { recordType: gone.recordType, recordId: gone.recordId },
        });
        return gone;
      });
    },
  };
}
