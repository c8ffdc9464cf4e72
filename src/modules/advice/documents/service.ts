/**
 * Files kept with a request for advice. The requester (or CTSET, or the coordination unit) adds
 * documents to share; they reach an advisor only when shared through the disclosure log, and
 * the advisor opens them only after acknowledging the terms (IAG-35). An advisor attaches
 * documents to the advice they recorded, which whoever may read the advice may download. The
 * files are checked and kept as meeting papers are.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import type { FileStore } from '../../../platform/files/store.js';
import { checkUploadedFile, keepFile, titleFromFileName } from '../../../platform/files/upload.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import type { FormFile } from '../../../platform/http/multipart.js';
import { isUuid } from '../../../platform/http/params.js';
import {
  createAdvisorAccess,
  findVisibleRequest,
  mayShareOn,
  type AdviceLookups,
} from '../access.js';
import { checkDocumentToShare, mayReadDisclosure, type AdviceDocumentPurpose } from '../rules.js';
import { adviceDocuments, adviceGiven, adviceRequestEvents, disclosures } from '../schema.js';
import type { AdviceServiceDeps } from '../shared.js';
import { say } from '../../../platform/i18n/said.js';

type Upload = { title: string | undefined; file: FormFile | null };
type AdviceDocument = typeof adviceDocuments.$inferSelect;

/** A request's documents to share that are still on its list. */
export const documentsToShare = (requestId: string) =>
  and(
    eq(adviceDocuments.requestId, requestId),
    eq(adviceDocuments.purpose, 'to_share'),
    isNull(adviceDocuments.removedAt),
  );

/** What a page lists of a document: never where it is kept. */
const listed = {
  id: adviceDocuments.id,
  adviceId: adviceDocuments.adviceId,
  title: adviceDocuments.title,
  fileName: adviceDocuments.fileName,
  mediaType: adviceDocuments.mediaType,
  sizeBytes: adviceDocuments.sizeBytes,
  uploadedAt: adviceDocuments.uploadedAt,
};

export type AdviceDocumentsService = ReturnType<typeof createAdviceDocumentsService>;

export function createAdviceDocumentsService(
  deps: AdviceServiceDeps & { files: FileStore; maxBytes: number; lookups: AdviceLookups },
) {
  const { db, files, now, t } = deps;
  const people = deps.lookups.personColumns;
  const { ownDeployment } = createAdvisorAccess(deps.lookups);
  const maxMb = Math.round(deps.maxBytes / (1024 * 1024));

  /** The request's documents to share, for those who may share on it. */
  async function requestToShareOn(executor: Executor, user: UserPrincipal, requestId: string) {
    const request = await findVisibleRequest(executor, user, requestId);
    if (!mayShareOn(user, request)) throw new ForbiddenError();
    return request;
  }

  /** The advisor's own recorded advice on one of their deployments. */
  async function ownAdvice(executor: Executor, user: UserPrincipal, deploymentId: string) {
    const found = await ownDeployment(executor, user, deploymentId);
    const [advice] = await executor
      .select({ id: adviceGiven.id, givenOn: adviceGiven.givenOn })
      .from(adviceGiven)
      .where(eq(adviceGiven.deploymentId, deploymentId));
    if (!advice) throw new ConflictError(t('advice:documents.refusals.recordAdviceFirst'));
    return { ...found, advice };
  }

  async function findDocument(
    executor: Executor,
    requestId: string,
    documentId: string,
    lock = false,
  ) {
    if (!isUuid(documentId)) throw new NotFoundError();
    const query = executor
      .select()
      .from(adviceDocuments)
      .where(
        and(
          eq(adviceDocuments.id, documentId),
          eq(adviceDocuments.requestId, requestId),
          isNull(adviceDocuments.removedAt),
        ),
      );
    const [document] = lock ? await query.for('update') : await query;
    if (!document) throw new NotFoundError();
    return document;
  }

  /** Checks the title and the file; the file's bytes and type when they pass. */
  async function checkUpload(input: Upload) {
    const errors: FieldError[] = [];
    const title = text(input.title);
    tooLong(t, errors, 'title', t('advice:documents.form.title.name'), title, 200);
    const file = await checkUploadedFile(t, errors, input.file, deps.maxBytes);
    if (errors.length || !file) throw new ValidationError(errors);
    return { title: title ?? titleFromFileName(file.fileName), file };
  }

  /**
   * Keeps the file and records it, with its audit event, in one transaction; alsoInTransaction
   * checks again what allowed the upload (it may have changed while the file arrived).
   */
  async function store(
    user: UserPrincipal,
    auditRequestId: string | undefined,
    upload: Awaited<ReturnType<typeof checkUpload>>,
    target: { requestId: string; purpose: AdviceDocumentPurpose; adviceId: string | null },
    alsoInTransaction: (tx: Executor) => Promise<unknown>,
  ) {
    return keepFile(files, upload.file.bytes, (stored) =>
      db.transaction(async (tx) => {
        await alsoInTransaction(tx);
        const at = now();
        const [document] = await tx
          .insert(adviceDocuments)
          .values({
            ...target,
            title: upload.title,
            fileName: upload.file.fileName,
            mediaType: upload.file.mime,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            storageKey: stored.key,
            uploadedBy: user.userId,
            uploadedAt: at,
          })
          .returning();
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advice-document.added',
          recordType: 'advice-request',
          recordId: target.requestId,
          after: { ...document, storageKey: undefined },
        });
        return document!;
      }),
    );
  }

  return {
    maxMb,

    /**
     * The documents on a request's page, for a person who may read the request (found by the
     * caller): its documents to share, or null when they may not see them, and those attached
     * to each piece of advice the page shows.
     */
    async forRequestPage(
      principal: Principal,
      request: { id: string; requestedBy: string },
      adviceIds: readonly string[],
    ) {
      const user = requireUser(principal);
      const toShare = mayShareOn(user, request)
        ? await db
            .select(listed)
            .from(adviceDocuments)
            .where(documentsToShare(request.id))
            .orderBy(asc(adviceDocuments.uploadedAt))
            .limit(100)
        : null;
      const ofAdvice = adviceIds.length
        ? await db
            .select(listed)
            .from(adviceDocuments)
            .where(
              and(
                eq(adviceDocuments.requestId, request.id),
                inArray(adviceDocuments.adviceId, [...adviceIds]),
                isNull(adviceDocuments.removedAt),
              ),
            )
            .orderBy(asc(adviceDocuments.uploadedAt))
            .limit(500)
        : [];
      return { toShare, ofAdvice };
    },

    /** The documents the advisor attached to their advice, for their deployment page. */
    async ofOwnAdvice(adviceId: string) {
      return db
        .select(listed)
        .from(adviceDocuments)
        .where(and(eq(adviceDocuments.adviceId, adviceId), isNull(adviceDocuments.removedAt)))
        .orderBy(asc(adviceDocuments.uploadedAt))
        .limit(100);
    },

    async toShareForm(principal: Principal, requestId: string) {
      const user = requireUser(principal);
      const request = await requestToShareOn(db, user, requestId);
      const refusal = checkDocumentToShare(request.status);
      if (refusal) throw new ConflictError(say(t, refusal));
      return { request };
    },

    /** Adds a document to share with advisors; it reaches one only through disclosure (IAG-35). */
    async addToShare(
      principal: Principal,
      requestId: string,
      input: Upload,
      auditRequestId?: string,
    ) {
      const user = requireUser(principal);
      // Who may add is checked before the file is looked at or kept.
      const request = await requestToShareOn(db, user, requestId);
      const refusal = checkDocumentToShare(request.status);
      if (refusal) throw new ConflictError(say(t, refusal), 'file');
      const upload = await checkUpload(input);
      return store(
        user,
        auditRequestId,
        upload,
        { requestId, purpose: 'to_share', adviceId: null },
        async (tx) => {
          const again = await requestToShareOn(tx, user, requestId);
          const late = checkDocumentToShare(again.status);
          if (late) throw new ConflictError(say(t, late), 'file');
          await tx.insert(adviceRequestEvents).values({
            requestId,
            kind: 'document_added',
            at: now(),
            actorUserId: user.userId,
            // The timeline is read more widely than the documents: say only that one was added.
            text: t('advice:documents.event.added'),
          });
        },
      );
    },

    async adviceForm(principal: Principal, deploymentId: string) {
      const user = requireUser(principal);
      return ownAdvice(db, user, deploymentId);
    },

    /** The advisor attaches a document to the advice they recorded. */
    async addToAdvice(
      principal: Principal,
      deploymentId: string,
      input: Upload,
      auditRequestId?: string,
    ) {
      const user = requireUser(principal);
      const { request, advice } = await ownAdvice(db, user, deploymentId);
      const upload = await checkUpload(input);
      return store(
        user,
        auditRequestId,
        upload,
        { requestId: request.id, purpose: 'advice', adviceId: advice.id },
        (tx) => ownAdvice(tx, user, deploymentId),
      );
    },

    /**
     * A document of a request: one to share, for those who may share on it; one attached to
     * advice, for whoever may read the request.
     */
    async download(principal: Principal, requestId: string, documentId: string) {
      const user = requireUser(principal);
      const request = await findVisibleRequest(db, user, requestId);
      const document = await findDocument(db, requestId, documentId);
      if (document.purpose === 'to_share' && !mayShareOn(user, request)) throw new NotFoundError();
      return { document, bytes: await files.read(document.storageKey) };
    },

    /** A document the advisor attached to their own advice. */
    async downloadOwnAdvice(principal: Principal, deploymentId: string, documentId: string) {
      const user = requireUser(principal);
      const { request, advice } = await ownAdvice(db, user, deploymentId);
      const document = await findDocument(db, request.id, documentId);
      if (document.adviceId !== advice.id) throw new NotFoundError();
      return { document, bytes: await files.read(document.storageKey) };
    },

    /** IAG-35: a document shared with the advisor, once they have acknowledged its terms. */
    async downloadDisclosed(principal: Principal, deploymentId: string, disclosureId: string) {
      const user = requireUser(principal);
      if (!isUuid(deploymentId) || !isUuid(disclosureId)) throw new NotFoundError();
      const [row] = await db
        .select({ disclosure: disclosures, document: adviceDocuments })
        .from(disclosures)
        .innerJoin(adviceDocuments, eq(adviceDocuments.id, disclosures.documentId))
        .where(
          and(
            eq(disclosures.id, disclosureId),
            eq(disclosures.deploymentId, deploymentId),
            eq(disclosures.personId, people.idOfUser(user.userId)),
          ),
        );
      if (!row) throw new NotFoundError();
      if (!mayReadDisclosure(row.disclosure))
        throw new ForbiddenError(t('advice:documents.refusals.acknowledgeFirst'));
      return { document: row.document, bytes: await files.read(row.document.storageKey) };
    },

    /** Takes a document to share off the request, for those who may share on it. */
    async removeToShare(
      principal: Principal,
      requestId: string,
      documentId: string,
      auditRequestId?: string,
    ) {
      const user = requireUser(principal);
      return db.transaction(async (tx) => {
        await requestToShareOn(tx, user, requestId);
        const document = await findDocument(tx, requestId, documentId, true);
        if (document.purpose !== 'to_share') throw new NotFoundError();
        return takeOff(tx, user, document, auditRequestId);
      });
    },

    /** The advisor takes a document off their own advice. */
    async removeFromOwnAdvice(
      principal: Principal,
      deploymentId: string,
      documentId: string,
      auditRequestId?: string,
    ) {
      const user = requireUser(principal);
      return db.transaction(async (tx) => {
        const { request, advice } = await ownAdvice(tx, user, deploymentId);
        const document = await findDocument(tx, request.id, documentId, true);
        if (document.adviceId !== advice.id) throw new NotFoundError();
        return takeOff(tx, user, document, auditRequestId);
      });
    },
  };

  /** The file is kept for the record, and for anything already disclosed. */
  async function takeOff(
    tx: Executor,
    user: UserPrincipal,
    document: AdviceDocument,
    auditRequestId: string | undefined,
  ) {
    await tx
      .update(adviceDocuments)
      .set({ removedAt: now() })
      .where(eq(adviceDocuments.id, document.id));
    await recordAudit(tx, actorOf(user, auditRequestId), {
      action: 'advice-document.removed',
      recordType: 'advice-request',
      recordId: document.requestId,
      before: { ...document, storageKey: undefined },
    });
    return document;
  }
}
