/** IAG-24: the guides for advisory groups, each reviewed every year. */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { nextNumber } from '../../../platform/db/next-number.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { guideReviewDue, guideReviewOverdue } from './rules.js';
import { groupDocuments, groupDocumentVersions } from '../schema.js';
import type { GroupsPartDeps } from '../service.js';
import { validateDocumentVersion } from '../validation.js';
import { requireAction, requireUser, type Input } from '../access.js';

export type GuidesService = ReturnType<typeof createGuidesService>;

export function createGuidesService(deps: GroupsPartDeps) {
  const { db, groups, directory, t } = deps;

  return {
    /** IAG-24: the guides and other documents every group works to, with reviews due. */
    async guides(principal: Principal) {
      requireUser(principal);
      const today = groups.today();
      const rows = await db
        .select({
          id: groupDocuments.id,
          title: groupDocuments.title,
          reviewDue: groupDocuments.reviewDue,
          ownerId: groupDocuments.ownerId,
          versions: sql<number>`(select count(*)::int from ${groupDocumentVersions} v where v.document_id = ${groupDocuments}.id)`,
        })
        .from(groupDocuments)
        .where(isNull(groupDocuments.groupId))
        .orderBy(asc(groupDocuments.title));
      const owners = await directory.lookups.organisations(
        db,
        rows.map((r) => r.ownerId).filter((o): o is string => !!o),
      );
      return rows.map((r) => ({
        ...r,
        ownerName: r.ownerId ? (owners.get(r.ownerId)?.name ?? null) : null,
        overdue: guideReviewOverdue(r.reviewDue, today),
      }));
    },

    async guide(principal: Principal, documentId: string) {
      requireUser(principal);
      if (!isUuid(documentId)) throw new NotFoundError();
      const [document] = await db
        .select()
        .from(groupDocuments)
        .where(and(eq(groupDocuments.id, documentId), isNull(groupDocuments.groupId)));
      if (!document) throw new NotFoundError();
      const versions = await db
        .select()
        .from(groupDocumentVersions)
        .where(eq(groupDocumentVersions.documentId, documentId))
        .orderBy(desc(groupDocumentVersions.number));
      return {
        document,
        versions,
        overdue: guideReviewOverdue(document.reviewDue, groups.today()),
      };
    },

    /** IAG-24: a reviewed version of a guide; the next review falls a year after it was agreed. */
    async reviseGuide(principal: Principal, documentId: string, input: Input, requestId?: string) {
      const user = requireAction(principal, 'groups.manage');
      const { errors, value } = validateDocumentVersion(t, input, {
        missing: 'groups:guides.form.error.body',
        name: 'groups:guides.list.guide',
        agreedOn: 'groups:guides.form.error.agreedOn',
        max: 100_000,
      });
      const { body, changeSummary, agreedOn } = value;
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [document] = await tx
          .select()
          .from(groupDocuments)
          .where(and(eq(groupDocuments.id, documentId), isNull(groupDocuments.groupId)))
          .for('update');
        if (!document) throw new NotFoundError();
        const [version] = await tx
          .insert(groupDocumentVersions)
          .values({
            documentId,
            number: await nextNumber(
              tx,
              groupDocumentVersions,
              groupDocumentVersions.number,
              eq(groupDocumentVersions.documentId, documentId),
            ),
            body,
            changeSummary,
            agreedOn,
            createdBy: user.userId,
          })
          .returning();
        const reviewDue = guideReviewDue(agreedOn);
        await tx.update(groupDocuments).set({ reviewDue }).where(eq(groupDocuments.id, documentId));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'guide.revised',
          recordType: 'group-document',
          recordId: documentId,
          before: { reviewDue: document.reviewDue },
          after: { version: version!.number, agreedOn, reviewDue },
        });
        return version!;
      });
    },
  };
}
