/**
 * Papers attached to agenda items: PDF, Office documents and images, their type read from their
 * bytes and their size checked; kept in the file store, listed with the item, and downloaded by
 * those who may see the item (and by the public, for an item on a published agenda that is not
 * confidential).
 */
import { and, asc, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import type { FormFile } from '../../../platform/http/multipart.js';
import {
  checkUploadedFile,
  keepFile,
  titleFromFileName,
  type FileContent,
} from '../../../platform/files/upload.js';
import type { FileStore } from '../../../platform/files/store.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { BodyRelation, BodyType } from '../bodies.js';
import { mayArrangeAgenda, mayAttachPaper, maySeeAgendaItem } from '../rules.js';
import { agendaItems, meetingPapers, meetings } from '../schema.js';
import type { Meeting, MeetingsAccess } from '../access.js';

type AgendaItem = typeof agendaItems.$inferSelect;

export type PapersService = ReturnType<typeof createPapersService>;

export function createPapersService(deps: {
  db: Db;
  meetings: MeetingsAccess;
  files: FileStore;
  maxBytes: number;
  t: Translate;
}) {
  const { db, meetings: meetingsService, files, t } = deps;
  const maxMb = Math.round(deps.maxBytes / (1024 * 1024));

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }

  async function findItem(executor: Executor, meetingId: string, itemId: string) {
    if (!isUuid(itemId)) throw new NotFoundError();
    const [item] = await executor
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
    if (!item || item.status === 'withdrawn') throw new NotFoundError();
    return item;
  }

  /** Those who run the meeting, and whoever tabled the item, attach its papers. */
  function mayAttach(relation: BodyRelation, user: UserPrincipal, item: AgendaItem) {
    return mayAttachPaper({ arranges: mayArrangeAgenda(relation), userId: user.userId }, item);
  }

  /** The same visibility as the item itself on the meeting page. */
  function maySeeItem(
    relation: BodyRelation,
    meeting: Meeting,
    item: Pick<AgendaItem, 'status' | 'tabledByPersonId'>,
  ) {
    const viewer = { arranges: mayArrangeAgenda(relation), personId: relation.personId };
    return maySeeAgendaItem(viewer, meeting.agendaPublishedAt !== null, item);
  }

  /** Keeps the file and records it as the item's paper, in one transaction with its audit. */
  function keepPaper(
    user: UserPrincipal,
    meetingId: string,
    itemId: string,
    file: { title: string | null; fileName: string; mime: string; bytes: FileContent },
    requestId?: string,
    /** What the caller records with it, in the same transaction. */
    alsoRecord?: (tx: Executor, paper: typeof meetingPapers.$inferSelect) => Promise<void>,
  ) {
    return keepFile(files, file.bytes, (stored) =>
      db.transaction(async (tx) => {
        // The item may have been taken off the agenda while the file was arriving.
        await findItem(tx, meetingId, itemId);
        const [paper] = await tx
          .insert(meetingPapers)
          .values({
            meetingId,
            agendaItemId: itemId,
            title: file.title ?? titleFromFileName(file.fileName),
            fileName: file.fileName,
            mediaType: file.mime,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            storageKey: stored.key,
            uploadedBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'meeting-paper.attached',
          recordType: 'meeting',
          recordId: meetingId,
          after: { ...paper, storageKey: undefined },
        });
        if (alsoRecord) await alsoRecord(tx, paper!);
        return paper!;
      }),
    );
  }

  return {
    maxMb,

    /** The papers of these items, for the meeting page. */
    async papersFor(executor: Executor, itemIds: readonly string[]) {
      if (itemIds.length === 0) return [];
      return executor
        .select({
          id: meetingPapers.id,
          agendaItemId: meetingPapers.agendaItemId,
          title: meetingPapers.title,
          fileName: meetingPapers.fileName,
          mediaType: meetingPapers.mediaType,
          sizeBytes: meetingPapers.sizeBytes,
          uploadedBy: meetingPapers.uploadedBy,
        })
        .from(meetingPapers)
        .where(
          and(inArray(meetingPapers.agendaItemId, [...itemIds]), isNull(meetingPapers.removedAt)),
        )
        .orderBy(asc(meetingPapers.uploadedAt));
    },

    async uploadForm(principal: Principal, meetingId: string, itemId: string) {
      const user = requireUser(principal);
      const { meeting, body, relation } = await meetingsService.meetingAccess(
        db,
        principal,
        meetingId,
      );
      const item = await findItem(db, meetingId, itemId);
      if (!mayAttach(relation, user, item)) throw new ForbiddenError();
      return { meeting, body, item };
    },

    async upload(
      principal: Principal,
      meetingId: string,
      itemId: string,
      input: { title: string | undefined; file: FormFile | null },
      requestId?: string,
    ) {
      const user = requireUser(principal);
      // Who may attach is checked before the file is looked at or kept.
      const { meeting, relation } = await meetingsService.meetingAccess(db, principal, meetingId);
      const item = await findItem(db, meetingId, itemId);
      if (!mayAttach(relation, user, item)) throw new ForbiddenError();
      if (meeting.status === 'cancelled')
        throw new ConflictError(t('meetings:papers.form.errors.cancelled'), 'file');
      const errors: FieldError[] = [];
      const title = text(input.title);
      tooLong(t, errors, 'title', t('meetings:papers.form.errors.titleName'), title, 200);
      const file = await checkUploadedFile(t, errors, input.file, deps.maxBytes);
      if (errors.length || !file) throw new ValidationError(errors);
      return keepPaper(user, meetingId, itemId, { ...file, title }, requestId);
    },

    /**
     * A paper another module made (a committee's progress report, say), attached with the same
     * checks as an upload: only by those who may attach papers to the item.
     */
    async attachGenerated(
      principal: Principal,
      meetingId: string,
      itemId: string,
      file: { title: string; fileName: string; mime: string; bytes: Buffer },
      requestId?: string,
      alsoRecord?: (tx: Executor, paper: typeof meetingPapers.$inferSelect) => Promise<void>,
    ) {
      const user = requireUser(principal);
      const { meeting, relation } = await meetingsService.meetingAccess(db, principal, meetingId);
      const item = await findItem(db, meetingId, itemId);
      if (!mayAttach(relation, user, item)) throw new ForbiddenError();
      if (meeting.status === 'cancelled')
        throw new ConflictError(t('meetings:papers.form.errors.cancelled'), 'item');
      return keepPaper(user, meetingId, itemId, file, requestId, alsoRecord);
    },

    /**
     * Agenda items of meetings still to come that this person may attach a paper to: those
     * they tabled, and every item for the staff who support the meetings. Attaching checks
     * again, item by item.
     */
    async attachableItems(principal: Principal, from: Date, staff: boolean) {
      const user = requireUser(principal);
      return db
        .select({
          meetingId: meetings.id,
          meetingTitle: meetings.title,
          startsAt: meetings.startsAt,
          itemId: agendaItems.id,
          itemTitle: agendaItems.title,
        })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(
          and(
            gte(meetings.startsAt, from),
            ne(meetings.status, 'cancelled'),
            ne(agendaItems.status, 'withdrawn'),
            staff ? undefined : eq(agendaItems.tabledByUserId, user.userId),
          ),
        )
        .orderBy(asc(meetings.startsAt), asc(agendaItems.position))
        .limit(100);
    },

    /** A paper, for someone who may see its item. */
    async download(principal: Principal, meetingId: string, paperId: string) {
      if (!isUuid(paperId)) throw new NotFoundError();
      const { meeting, relation } = await meetingsService.meetingAccess(db, principal, meetingId);
      const [row] = await db
        .select({ paper: meetingPapers, item: agendaItems })
        .from(meetingPapers)
        .innerJoin(agendaItems, eq(agendaItems.id, meetingPapers.agendaItemId))
        .where(
          and(
            eq(meetingPapers.id, paperId),
            eq(meetingPapers.meetingId, meetingId),
            isNull(meetingPapers.removedAt),
          ),
        );
      if (!row || !maySeeItem(relation, meeting, row.item)) throw new NotFoundError();
      return { paper: row.paper, bytes: await files.read(row.paper.storageKey) };
    },

    /** A paper of a non-confidential item on a published agenda of a public body. */
    async publicDownload(type: BodyType, bodyId: string, meetingId: string, paperId: string) {
      if (!isUuid(bodyId) || !isUuid(meetingId) || !isUuid(paperId)) throw new NotFoundError();
      const provider = meetingsService.providers.find((p) => p.type === type);
      if (!provider || !(await provider.publicFind(db, bodyId))) throw new NotFoundError();
      const [row] = await db
        .select({ paper: meetingPapers, publishedAt: meetings.agendaPublishedAt })
        .from(meetingPapers)
        .innerJoin(agendaItems, eq(agendaItems.id, meetingPapers.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, meetingPapers.meetingId))
        .where(
          and(
            eq(meetingPapers.id, paperId),
            eq(meetings.id, meetingId),
            eq(meetings.bodyType, type),
            eq(meetings.bodyId, bodyId),
            isNull(meetingPapers.removedAt),
            eq(agendaItems.status, 'accepted'),
            eq(agendaItems.confidential, false),
          ),
        );
      if (!row?.publishedAt) throw new NotFoundError();
      return { paper: row.paper, bytes: await files.read(row.paper.storageKey) };
    },

    /** Takes a paper off its item (the file is kept for the record). */
    async remove(principal: Principal, meetingId: string, paperId: string, requestId?: string) {
      const user = requireUser(principal);
      if (!isUuid(paperId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const { relation } = await meetingsService.meetingAccess(tx, principal, meetingId);
        const [paper] = await tx
          .select()
          .from(meetingPapers)
          .where(
            and(
              eq(meetingPapers.id, paperId),
              eq(meetingPapers.meetingId, meetingId),
              isNull(meetingPapers.removedAt),
            ),
          )
          .for('update');
        if (!paper) throw new NotFoundError();
        if (!mayArrangeAgenda(relation) && paper.uploadedBy !== user.userId)
          throw new ForbiddenError();
        await tx
          .update(meetingPapers)
          .set({ removedAt: new Date() })
          .where(eq(meetingPapers.id, paperId));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'meeting-paper.removed',
          recordType: 'meeting',
          recordId: meetingId,
          before: { ...paper, storageKey: undefined },
        });
        return paper;
      });
    },
  };
}
