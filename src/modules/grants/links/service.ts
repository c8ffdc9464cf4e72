/**
 * CON-04, LEG-06: an awarded grant tied to the engagement it served: the meetings it paid for,
 * the tracker recommendations it carried out, the consultations it supported. Each record is
 * read through its own module's face (ADR 0014); tying and untying are each one transaction
 * with one audit event.
 */
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusal } from '../../../platform/i18n/said.js';
import type { ConsultationApi } from '../../consultation/index.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { MeetingsApi } from '../../meetings/index.js';
import type { TrackerApi } from '../../tracker/index.js';
import { LINK_KINDS, type LinkKind } from '../constants.js';
import { findGrant } from '../monitoring/grant-access.js';
import { grantLinks } from '../schema.js';
import { validateLink } from './rules.js';

/** Records of one kind named by id, each with its title and page, from the owning module. */
type LinkTargets = Record<
  LinkKind,
  (
    executor: Executor,
    ids: readonly string[],
  ) => Promise<Map<string, { title: string; href: string }>>
>;

export type LinksService = ReturnType<typeof createLinksService>;
type Input = Record<string, string | string[] | undefined>;

export function createLinksService(deps: {
  db: Db;
  directory: DirectoryApi;
  meetings: Pick<MeetingsApi, 'meetingTitles'>;
  tracker: Pick<TrackerApi, 'recommendationTitles'>;
  consultation: Pick<ConsultationApi, 'consultationTitles'>;
  t: Translate;
}) {
  const { db, directory, t } = deps;
  // Each kind of record read through its own module's face (ADR 0014).
  const targets: LinkTargets = {
    meeting: deps.meetings.meetingTitles,
    recommendation: deps.tracker.recommendationTitles,
    consultation: deps.consultation.consultationTitles,
  };

  return {
    /** The awarded grant an officer ties to a record (its add page). */
    async grant(principal: Principal, applicationId: string) {
      requireUser(principal, 'grants.manage');
      return findGrant(db, directory, applicationId);
    },

    /**
     * The records an awarded grant is tied to, oldest first, each with its title and page read
     * through its module (one query per kind); a record since removed keeps a null title.
     */
    async linksOf(principal: Principal, applicationId: string) {
      requireUser(principal, 'grants.view');
      const rows = await db
        .select()
        .from(grantLinks)
        .where(eq(grantLinks.applicationId, applicationId))
        .orderBy(asc(grantLinks.createdAt), asc(grantLinks.id));
      const found = new Map(
        await Promise.all(
          LINK_KINDS.map(async (kind) => {
            const ids = rows.filter((r) => r.kind === kind).map((r) => r.targetId);
            return [kind, ids.length ? await targets[kind](db, ids) : new Map()] as const;
          }),
        ),
      );
      return rows.map((r) => {
        const target = found.get(r.kind as LinkKind)?.get(r.targetId);
        return {
          id: r.id,
          kind: r.kind as LinkKind,
          targetId: r.targetId,
          note: r.note,
          title: target?.title ?? null,
          href: target?.href ?? null,
        };
      });
    },

    /**
     * CON-04: ties an awarded grant to the record its address names: the record must exist, and
     * a grant is tied to a record once.
     */
    async add(principal: Principal, applicationId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      const { refusals, value } = validateLink(input);
      if (refusals.length || !value.target) throw new ValidationError(fieldErrors(t, refusals));
      const { kind, id: targetId } = value.target;
      return db.transaction(async (tx) => {
        await findGrant(tx, directory, applicationId, true);
        const target = (await targets[kind](tx, [targetId])).get(targetId);
        if (!target) throw refusal(t, 'address', 'grants:links.errors.notFound');
        const [row] = await tx
          .insert(grantLinks)
          .values({ applicationId, kind, targetId, note: value.note, createdBy: user.userId })
          .onConflictDoNothing()
          .returning();
        if (!row) throw refusal(t, 'address', 'grants:links.errors.duplicate');
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-link.added',
          recordType: 'grant-application',
          recordId: applicationId,
          after: { ...row, title: target.title },
        });
        return { ...row, title: target.title };
      });
    },

    /** CON-04: unties a record from the grant. */
    async remove(principal: Principal, applicationId: string, linkId: string, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      if (!isUuid(linkId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        await findGrant(tx, directory, applicationId, true);
        const [row] = await tx
          .delete(grantLinks)
          .where(and(eq(grantLinks.id, linkId), eq(grantLinks.applicationId, applicationId)))
          .returning();
        if (!row) throw new NotFoundError();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-link.removed',
          recordType: 'grant-application',
          recordId: applicationId,
          before: row,
        });
        return row;
      });
    },
  };
}
