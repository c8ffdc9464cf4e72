/**
 * IAG-35: what is disclosed to advisors, logged under a disclosure protocol: what, to whom,
 * when, on what terms. The requester, CTSET or the coordination unit shares something with an
 * advisor who has accepted; the advisor acknowledges the terms before reading it. Each thing a
 * person does is one function here: permission, rules, one transaction, one audit event.
 */
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { MailService } from '../../../platform/mail/service.js';
import { findVisibleRequest, mayShareOn, type AdviceLookups } from '../access.js';
import { documentsToShare } from '../documents/service.js';
import { advicePaths as paths } from '../paths.js';
import {
  DISCLOSURE_KINDS,
  checkDisclosure,
  mayReadDisclosure,
  type DisclosureKind,
} from '../rules.js';
import { adviceDocuments, adviceRequestEvents, deployments, disclosures } from '../schema.js';
import type { AdviceServiceDeps, Input } from '../shared.js';
import { say } from '../../../platform/i18n/said.js';

export type DisclosuresService = ReturnType<typeof createDisclosuresService>;

export function createDisclosuresService(
  deps: AdviceServiceDeps & { mail: MailService; publicUrl: string; lookups: AdviceLookups },
) {
  const { db, mail, now, t } = deps;
  const people = deps.lookups.personColumns;

  /** The advisors who have accepted the request: the only ones anything may go to. */
  async function acceptedAdvisors(executor: Executor, requestId: string) {
    return executor
      .select({
        deploymentId: deployments.id,
        personId: deployments.personId,
        name: people.name(deployments.personId),
      })
      .from(deployments)
      .where(and(eq(deployments.requestId, requestId), eq(deployments.status, 'accepted')))
      .orderBy(asc(people.name(deployments.personId)));
  }

  /** The log for one request, as those who may disclose on it read it. */
  async function logOf(executor: Executor, requestId: string) {
    return executor
      .select({
        id: disclosures.id,
        kind: disclosures.kind,
        title: disclosures.title,
        advisor: people.name(disclosures.personId),
        protocol: disclosures.protocol,
        terms: disclosures.terms,
        disclosedAt: disclosures.disclosedAt,
        disclosedBy: users.displayName,
        acknowledgedAt: disclosures.acknowledgedAt,
        documentId: disclosures.documentId,
        fileName: adviceDocuments.fileName,
      })
      .from(disclosures)
      .leftJoin(users, eq(users.id, disclosures.disclosedBy))
      .leftJoin(adviceDocuments, eq(adviceDocuments.id, disclosures.documentId))
      .where(eq(disclosures.requestId, requestId))
      .orderBy(asc(disclosures.disclosedAt))
      .limit(200);
  }

  return {
    /**
     * IAG-35: the disclosure log of a request the person may read (found by the caller), for
     * those who may share on it; else null.
     */
    async log(principal: Principal, request: { id: string; requestedBy: string }) {
      const user = requireUser(principal);
      if (!mayShareOn(user, request)) return null;
      return logOf(db, request.id);
    },

    async discloseForm(principal: Principal, requestId: string) {
      const user = requireUser(principal);
      const request = await findVisibleRequest(db, user, requestId);
      if (!mayShareOn(user, request)) throw new ForbiddenError();
      const advisors = await acceptedAdvisors(db, requestId);
      if (!advisors.length) throw new ConflictError(t('advice:disclosures.refusals.noneAccepted'));
      const documents = await db
        .select({ id: adviceDocuments.id, title: adviceDocuments.title })
        .from(adviceDocuments)
        .where(documentsToShare(requestId))
        .orderBy(asc(adviceDocuments.uploadedAt))
        .limit(100);
      return { request, advisors, documents };
    },

    /**
     * IAG-35: shares a document or a decision's rationale with an advisor who accepted, under a
     * protocol and terms; the advisor is e-mailed to acknowledge them before reading it.
     */
    async disclose(principal: Principal, requestId: string, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const deploymentId = text(input.deploymentId);
      const kind = text(input.kind);
      if (!DISCLOSURE_KINDS.includes(kind as DisclosureKind))
        errors.push({ field: 'kind', message: t('advice:disclosures.form.kind.required') });
      const title = text(input.title);
      if (!title)
        errors.push({ field: 'title', message: t('advice:disclosures.form.title.required') });
      tooLong(t, errors, 'title', t('advice:disclosures.form.title.name'), title, 300);
      const content = text(input.content);
      tooLong(t, errors, 'content', t('advice:disclosures.form.content.name'), content, 20_000);
      const documentId = text(input.documentId);
      const protocol = text(input.protocol);
      if (!protocol)
        errors.push({ field: 'protocol', message: t('advice:disclosures.form.protocol.required') });
      tooLong(t, errors, 'protocol', t('advice:disclosures.form.protocol.name'), protocol, 300);
      const terms = text(input.terms);
      if (!terms)
        errors.push({ field: 'terms', message: t('advice:disclosures.form.terms.required') });
      tooLong(t, errors, 'terms', t('advice:disclosures.form.terms.name'), terms, 2000);
      return db.transaction(async (tx) => {
        const request = await findVisibleRequest(tx, user, requestId);
        if (!mayShareOn(user, request)) throw new ForbiddenError();
        const [target] =
          deploymentId && isUuid(deploymentId)
            ? await tx
                .select({
                  id: deployments.id,
                  status: deployments.status,
                  personId: deployments.personId,
                  name: people.name(deployments.personId),
                  email: people.email(deployments.personId),
                })
                .from(deployments)
                .where(and(eq(deployments.id, deploymentId), eq(deployments.requestId, requestId)))
            : [];
        const refusal = target ? checkDisclosure(target.status) : null;
        if (!target)
          errors.unshift({
            field: 'deploymentId',
            message: t('advice:disclosures.form.advisor.required'),
          });
        else if (refusal) errors.unshift({ field: 'deploymentId', message: say(t, refusal) });
        if (documentId) {
          const [document] = isUuid(documentId)
            ? await tx
                .select({ id: adviceDocuments.id })
                .from(adviceDocuments)
                .where(and(eq(adviceDocuments.id, documentId), documentsToShare(requestId)))
            : [];
          if (!document)
            errors.push({
              field: 'documentId',
              message: t('advice:disclosures.form.document.fromList'),
            });
        }
        if (errors.length) throw new ValidationError(errors);
        const at = now();
        const [row] = await tx
          .insert(disclosures)
          .values({
            requestId,
            deploymentId: target!.id,
            personId: target!.personId,
            kind: kind as DisclosureKind,
            title: title!,
            content,
            documentId: documentId ?? null,
            protocol: protocol!,
            terms: terms!,
            disclosedBy: user.userId,
            disclosedAt: at,
          })
          .returning();
        await tx.insert(adviceRequestEvents).values({
          requestId,
          kind: 'disclosed',
          at,
          actorUserId: user.userId,
          // Who may read the timeline is wider than who may read the log: say only that it happened.
          text: t('advice:disclosures.event.disclosed', {
            kind: t(`advice:disclosureKind.${kind as DisclosureKind}`),
          }),
        });
        const to = target!.email;
        if (to)
          await mail.queue(tx, {
            to,
            subject: t('advice:disclosures.email.subject', { reference: request.reference }),
            text: t('advice:disclosures.email.body', {
              name: target!.name,
              reference: request.reference,
              protocol,
              link: `${deps.publicUrl}${paths.deployment(target!.id)}`,
            }),
          });
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'disclosure.made',
          recordType: 'advice-request',
          recordId: requestId,
          // The log, not the content: the content is the thing kept confidential.
          after: { id: row!.id, to: target!.personId, kind, title, documentId, protocol, terms },
        });
        return { disclosure: row!, advisor: target!.name };
      });
    },

    /**
     * What has been disclosed to the advisor on one of their deployments: each item's content
     * only once they have acknowledged its terms (IAG-35).
     */
    async forAdvisor(principal: Principal, deploymentId: string) {
      const user = requireUser(principal);
      if (!isUuid(deploymentId)) throw new NotFoundError();
      const rows = await db
        .select({
          disclosure: disclosures,
          fileName: adviceDocuments.fileName,
          mediaType: adviceDocuments.mediaType,
          sizeBytes: adviceDocuments.sizeBytes,
        })
        .from(disclosures)
        .leftJoin(adviceDocuments, eq(adviceDocuments.id, disclosures.documentId))
        .where(
          and(
            eq(disclosures.deploymentId, deploymentId),
            eq(disclosures.personId, people.idOfUser(user.userId)),
          ),
        )
        .orderBy(asc(disclosures.disclosedAt))
        .limit(100);
      return rows.map(({ disclosure: d, ...file }) => {
        const readable = mayReadDisclosure(d);
        return {
          ...d,
          content: readable ? d.content : null,
          // The file itself is downloaded only once the terms are acknowledged, too.
          document: readable && d.documentId ? file : null,
        };
      });
    },

    /** IAG-35: the advisor acknowledges the terms; the acknowledgement is logged. */
    async acknowledge(
      principal: Principal,
      deploymentId: string,
      disclosureId: string,
      auditRequestId?: string,
    ) {
      const user = requireUser(principal);
      if (!isUuid(deploymentId) || !isUuid(disclosureId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ disclosure: disclosures })
          .from(disclosures)
          .where(
            and(
              eq(disclosures.id, disclosureId),
              eq(disclosures.deploymentId, deploymentId),
              eq(disclosures.personId, people.idOfUser(user.userId)),
            ),
          )
          .for('update', { of: disclosures });
        if (!row) throw new NotFoundError();
        if (row.disclosure.acknowledgedAt)
          throw new ConflictError(t('advice:disclosures.refusals.alreadyAcknowledged'));
        await tx
          .update(disclosures)
          .set({ acknowledgedAt: now() })
          .where(eq(disclosures.id, disclosureId));
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'disclosure.acknowledged',
          recordType: 'advice-request',
          recordId: row.disclosure.requestId,
          after: { disclosureId },
        });
        return row.disclosure;
      });
    },
  };
}
