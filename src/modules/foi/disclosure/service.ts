/**
 * FOI-01: the public disclosure log. Staff publish an answered request with a summary written
 * for the public (the requester is never named there) and attach the documents released, each
 * only once the person attaching it confirms personal data has been removed. Anyone reads the
 * published entries and downloads their documents.
 */
import { and, asc, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import type { FileStore } from '../../../platform/files/store.js';
import { checkUploadedFile, keepFile } from '../../../platform/files/upload.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { FormFile } from '../../../platform/http/multipart.js';
import type { FormBody } from '../../../platform/http/render.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { foiAnswerParts, foiDocuments, foiRequests } from '../schema.js';

const MAX_SUMMARY = 3000;

export type DisclosureService = ReturnType<typeof createDisclosureService>;

export function createDisclosureService(deps: {
  db: Db;
  t: Translate;
  now: () => Date;
  files: FileStore;
  maxBytes: number;
}) {
  const { db, t, now, files, maxBytes } = deps;

  const answered = async (executor: Executor, id: string, lock = false) => {
    const query = executor.select().from(foiRequests).where(eq(foiRequests.id, id));
    const [row] = isUuid(id) ? await (lock ? query.for('update') : query) : [];
    if (!row) throw new NotFoundError();
    if (!row.answeredOn) throw new ConflictError(t('foi:errors.notAnswered'));
    return row;
  };

  /** Published entries' parts and documents, for a page of them: two queries in all. */
  const detailsOf = async (executor: Executor, ids: string[]) => {
    if (!ids.length) return { parts: [], documents: [] };
    const [parts, documents] = await Promise.all([
      executor
        .select({
          requestId: foiAnswerParts.requestId,
          outcome: foiAnswerParts.outcome,
          exemption: foiAnswerParts.exemption,
          exemptionName: foiAnswerParts.exemptionName,
        })
        .from(foiAnswerParts)
        .where(inArray(foiAnswerParts.requestId, ids))
        .orderBy(asc(foiAnswerParts.position)),
      executor
        .select({
          id: foiDocuments.id,
          requestId: foiDocuments.requestId,
          fileName: foiDocuments.fileName,
          mediaType: foiDocuments.mediaType,
          sizeBytes: foiDocuments.sizeBytes,
        })
        .from(foiDocuments)
        .where(inArray(foiDocuments.requestId, ids))
        .orderBy(asc(foiDocuments.uploadedAt)),
    ]);
    return { parts, documents };
  };

  return {
    maxMb: Math.round(maxBytes / (1024 * 1024)),

    /** The documents attached to a request, for its staff page. */
    async documentsOf(principal: Principal, id: string) {
      requireUser(principal, 'foi.view');
      return (await detailsOf(db, [id])).documents;
    },

    /** FOI-01: a request published in the disclosure log with its public summary. */
    async publish(principal: Principal, id: string, input: FormBody, requestId?: string) {
      const user = requireUser(principal, 'foi.manage');
      const errors: FieldError[] = [];
      const summary = text(input.publicSummary);
      if (!summary) errors.push({ field: 'publicSummary', message: t('foi:errors.publicSummary') });
      tooLong(t, errors, 'publicSummary', t('foi:labels.publicSummary'), summary, MAX_SUMMARY);
      if (input.confirmNoPersonalData !== 'yes')
        errors.push({ field: 'confirmNoPersonalData', message: t('foi:errors.confirm') });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const row = await answered(tx, id, true);
        if (String(row.version) !== input.version) throw new ConflictError(t('foi:errors.stale'));
        const at = row.publishedAt ?? now();
        await tx
          .update(foiRequests)
          .set({
            publicSummary: summary,
            publishedAt: at,
            publishedBy: user.userId,
            version: sql`${foiRequests.version} + 1`,
            updatedAt: now(),
          })
          .where(eq(foiRequests.id, id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: row.publishedAt ? 'foi.summary-changed' : 'foi.published',
          recordType: 'foi-request',
          recordId: id,
          after: { publishedAt: at.toISOString() },
        });
        return { publishedAt: at };
      });
    },

    /**
     * FOI-01: a released document attached, once the person attaching it confirms that personal
     * data has been removed from it. Shown publicly while the request is published.
     */
    async attach(
      principal: Principal,
      id: string,
      input: { fields: Record<string, string>; file: FormFile | null },
      requestId?: string,
    ) {
      const user = requireUser(principal, 'foi.manage');
      await answered(db, id);
      const errors: FieldError[] = [];
      if (input.fields.confirmNoPersonalData !== 'yes')
        errors.push({ field: 'confirmNoPersonalData', message: t('foi:errors.confirm') });
      const file = await checkUploadedFile(t, errors, input.file, maxBytes);
      if (errors.length || !file) throw new ValidationError(errors);
      return keepFile(files, file.bytes, (stored) =>
        db.transaction(async (tx) => {
          await answered(tx, id, true);
          const [doc] = await tx
            .insert(foiDocuments)
            .values({
              requestId: id,
              fileName: file.fileName,
              mediaType: file.mime,
              sizeBytes: stored.sizeBytes,
              sha256: stored.sha256,
              storageKey: stored.key,
              confirmedBy: user.userId,
              uploadedAt: now(),
            })
            .returning({ id: foiDocuments.id, fileName: foiDocuments.fileName });
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'foi.document-attached',
            recordType: 'foi-request',
            recordId: id,
            after: { fileName: file.fileName, sha256: stored.sha256, personalDataRemoved: true },
          });
          return doc!;
        }),
      );
    },

    /**
     * An entry taken out of the disclosure log at once (published by mistake, or personal data
     * found in it): the public page and its documents are gone; staff keep the summary and the
     * documents, and may publish it again.
     */
    async unpublish(principal: Principal, id: string, input: FormBody, requestId?: string) {
      const user = requireUser(principal, 'foi.manage');
      await db.transaction(async (tx) => {
        const row = await answered(tx, id, true);
        if (String(row.version) !== input.version) throw new ConflictError(t('foi:errors.stale'));
        if (!row.publishedAt) throw new ConflictError(t('foi:errors.notPublished'));
        await tx
          .update(foiRequests)
          .set({
            publishedAt: null,
            publishedBy: null,
            version: sql`${foiRequests.version} + 1`,
            updatedAt: now(),
          })
          .where(eq(foiRequests.id, id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'foi.unpublished',
          recordType: 'foi-request',
          recordId: id,
          before: { publishedAt: row.publishedAt.toISOString() },
        });
      });
    },

    /**
     * A document removed from the request, and so from the disclosure log (attached by mistake,
     * or with personal data left in it); its file is deleted once the removal is committed.
     */
    async removeDocument(
      principal: Principal,
      id: string,
      documentId: string,
      requestId?: string,
    ): Promise<{ fileName: string }> {
      const user = requireUser(principal, 'foi.manage');
      if (!isUuid(id) || !isUuid(documentId)) throw new NotFoundError();
      const removed = await db.transaction(async (tx) => {
        const [doc] = await tx
          .delete(foiDocuments)
          .where(and(eq(foiDocuments.id, documentId), eq(foiDocuments.requestId, id)))
          .returning({
            fileName: foiDocuments.fileName,
            sha256: foiDocuments.sha256,
            storageKey: foiDocuments.storageKey,
          });
        if (!doc) throw new NotFoundError();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'foi.document-removed',
          recordType: 'foi-request',
          recordId: id,
          before: { fileName: doc.fileName, sha256: doc.sha256 },
        });
        return doc;
      });
      await files.remove(removed.storageKey);
      return { fileName: removed.fileName };
    },

    /** A document for staff, published or not. */
    async download(principal: Principal, id: string, documentId: string) {
      requireUser(principal, 'foi.view');
      return fetchDocument(id, documentId, false);
    },

    /** A document of a published entry, for anyone. */
    async publicDownload(id: string, documentId: string) {
      return fetchDocument(id, documentId, true);
    },

    /** The disclosure log: published entries, newest first, with outcomes and documents. */
    async publicLog(page: PageRequest) {
      const published = isNotNull(foiRequests.publishedAt);
      const [entries, [total]] = await Promise.all([
        db
          .select({
            id: foiRequests.id,
            number: foiRequests.number,
            answeredOn: foiRequests.answeredOn,
            publishedAt: foiRequests.publishedAt,
            publicSummary: foiRequests.publicSummary,
          })
          .from(foiRequests)
          .where(published)
          .orderBy(desc(foiRequests.publishedAt), desc(foiRequests.number))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(foiRequests).where(published),
      ]);
      const { parts, documents } = await detailsOf(
        db,
        entries.map((e) => e.id),
      );
      return {
        total: Number(total?.n ?? 0),
        items: entries.map((e) => ({
          ...e,
          parts: parts.filter((p) => p.requestId === e.id),
          documents: documents.filter((d) => d.requestId === e.id),
        })),
      };
    },
  };

  async function fetchDocument(id: string, documentId: string, publishedOnly: boolean) {
    if (!isUuid(id) || !isUuid(documentId)) throw new NotFoundError();
    const [row] = await db
      .select({
        fileName: foiDocuments.fileName,
        mediaType: foiDocuments.mediaType,
        storageKey: foiDocuments.storageKey,
      })
      .from(foiDocuments)
      .innerJoin(foiRequests, eq(foiRequests.id, foiDocuments.requestId))
      .where(
        and(
          eq(foiDocuments.id, documentId),
          eq(foiDocuments.requestId, id),
          publishedOnly ? isNotNull(foiRequests.publishedAt) : undefined,
        ),
      );
    if (!row) throw new NotFoundError();
    return { document: row, bytes: await files.read(row.storageKey) };
  }
}
