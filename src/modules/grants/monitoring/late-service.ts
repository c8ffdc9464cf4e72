/**
 * LEG-06: late returns. Staff read the returns not sent by their due date, of grants not yet
 * evaluated, most overdue first; on a timer, each is chased by e-mail to those who act for the
 * applicant now: once when late, then again every CHASE_EVERY_DAYS while it stays late. The rows
 * are claimed FOR UPDATE SKIP LOCKED and `chased_at` set in the transaction that queues the
 * e-mail, so two instances sweeping at once never chase one return twice. */
import { and, asc, count, eq, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { SYSTEM_ACTOR, type Principal } from '../../../platform/auth/principal.js';
import { roleAssignments, users } from '../../../platform/auth/schema.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { grantApplications, grantEvaluations, grantReturns } from '../schema.js';
import { monitoringPaths as paths } from './paths.js';
import { CHASE_EVERY_DAYS, daysBetween } from './rules.js';

export type LateReturnsService = ReturnType<typeof createLateReturnsService>;

export function createLateReturnsService(deps: {
  db: Db;
  directory: DirectoryApi;
  mail: MailService;
  now: () => Date;
  t: Translate;
  publicUrl: string;
}) {
  const { db, directory, mail, now, t, publicUrl } = deps;
  // A grant evaluated is closed: a return it never sent is no longer listed or chased.
  const lateWhere = (today: string) =>
    and(
      isNull(grantReturns.submittedAt),
      lt(grantReturns.dueOn, today),
      eq(grantApplications.status, 'awarded'),
      notExists(
        db
          .select({ one: sql`1` })
          .from(grantEvaluations)
          .where(eq(grantEvaluations.applicationId, grantApplications.id)),
      ),
    );

  return {
    /** LEG-06: the late returns, most overdue first, a page at a time, with the days late. */
    async list(principal: Principal, page: PageRequest) {
      requireUser(principal, 'grants.view');
      const today = todayInLondon(now());
      const where = lateWhere(today);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: grantReturns.id,
            applicationId: grantApplications.id,
            reference: grantApplications.reference,
            projectTitle: grantApplications.projectTitle,
            applicantName: grantApplications.applicantName,
            borough: directory.organisationNameSql(grantApplications.boroughId),
            period: grantReturns.period,
            final: grantReturns.final,
            dueOn: grantReturns.dueOn,
            chasedAt: grantReturns.chasedAt,
          })
          .from(grantReturns)
          .innerJoin(grantApplications, eq(grantApplications.id, grantReturns.applicationId))
          .where(where)
          .orderBy(asc(grantReturns.dueOn), asc(grantReturns.id))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ n: count() })
          .from(grantReturns)
          .innerJoin(grantApplications, eq(grantApplications.id, grantReturns.applicationId))
          .where(where),
      ]);
      return {
        items: rows.map((r) => ({ ...r, daysLate: daysBetween(r.dueOn, today) })),
        total: Number(total?.n ?? 0),
      };
    },

    /**
     * LEG-06: chases the late returns due a chase; returns how many were marked chased (those
     * with nobody to e-mail among them).
     */
    async sendChasers(batch = 100): Promise<number> {
      const at = now();
      const today = todayInLondon(at);
      const again = new Date(at.getTime() - CHASE_EVERY_DAYS * 86_400_000);
      return db.transaction(async (tx) => {
        const due = await tx
          .select({
            id: grantReturns.id,
            applicationId: grantApplications.id,
            reference: grantApplications.reference,
            projectTitle: grantApplications.projectTitle,
            applicantKind: grantApplications.applicantKind,
            engagementGroupId: grantApplications.engagementGroupId,
            organisationId: grantApplications.organisationId,
            period: grantReturns.period,
            dueOn: grantReturns.dueOn,
          })
          .from(grantReturns)
          .innerJoin(grantApplications, eq(grantApplications.id, grantReturns.applicationId))
          .where(
            and(
              lateWhere(today),
              or(isNull(grantReturns.chasedAt), lte(grantReturns.chasedAt, again)),
            ),
          )
          .orderBy(asc(grantReturns.dueOn), asc(grantReturns.id))
          .limit(batch)
          .for('update', { of: grantReturns, skipLocked: true });
        if (!due.length) return 0;
        // Every row claimed is marked chased, even one with nobody to e-mail, so the next sweep
        // moves on to the next returns rather than picking the same ones for ever. Claimed again
        // on the condition, should another sweep have chased one meanwhile.
        const claimed = await tx
          .update(grantReturns)
          .set({ chasedAt: at })
          .where(
            and(
              inArray(
                grantReturns.id,
                due.map((r) => r.id),
              ),
              or(isNull(grantReturns.chasedAt), lte(grantReturns.chasedAt, again)),
            ),
          )
          .returning({ id: grantReturns.id });
        const ids = new Set(claimed.map((c) => c.id));
        const chased = due.filter((r) => ids.has(r.id));
        if (!chased.length) return 0;
        const contacts = await contactsOf(tx, directory, chased);
        await mail.queueMany(
          tx,
          chased.flatMap((r) => {
            const values = {
              reference: `G-${r.reference}`,
              title: r.projectTitle,
              period: r.period,
              due: formatDate(t, r.dueOn),
              days: daysBetween(r.dueOn, today),
              link: `${publicUrl}${paths.grant(r.applicationId)}`,
            };
            const subject = t('grants:monitoring.chase.subject', values);
            const text = t('grants:monitoring.chase.text', values);
            return (contacts.get(r.applicationId) ?? []).map((to) => ({ to, subject, text }));
          }),
        );
        // One audit event per grant chased, saying which returns and how many were e-mailed.
        const byGrant = new Map<string, string[]>();
        for (const r of chased)
          byGrant.set(r.applicationId, [...(byGrant.get(r.applicationId) ?? []), r.id]);
        for (const [applicationId, returns] of byGrant)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'grant-return.chased',
            recordType: 'grant-application',
            recordId: applicationId,
            after: { returns, emailed: (contacts.get(applicationId) ?? []).length },
          });
        return chased.length;
      });
    },
  };
}

/**
 * The addresses each grant's chase goes to: those who act for its applicant now. For an
 * engagement group its engagement officers, for a partnership or a borough that borough's
 * partnership officers (one query for the batch); for a community organisation, whose people the
 * directory keeps private, the accounts that sent the application or its returns and whose
 * directory entry is in the organisation now (whoever has left it is not written to).
 */
async function contactsOf(
  tx: Executor,
  directory: DirectoryApi,
  grants: readonly {
    applicationId: string;
    applicantKind: string;
    engagementGroupId: string | null;
    organisationId: string | null;
  }[],
): Promise<Map<string, string[]>> {
  const scopes = grants.flatMap((g) =>
    g.applicantKind === 'engagement_group' && g.engagementGroupId
      ? [{ role: 'engagement_officer', type: 'engagement_group', id: g.engagementGroupId }]
      : (g.applicantKind === 'partnership' || g.applicantKind === 'borough') && g.organisationId
        ? [{ role: 'partnership_officer', type: 'borough', id: g.organisationId }]
        : [],
  );
  const organisationGrants = [
    ...new Set(
      grants
        .filter((g) => g.applicantKind === 'organisation' && g.organisationId)
        .map((g) => g.applicationId),
    ),
  ];
  const [holders, senders] = await Promise.all([
    scopes.length
      ? tx
          .selectDistinct({
            role: roleAssignments.role,
            scopeType: roleAssignments.scopeType,
            scopeId: roleAssignments.scopeId,
            email: users.email,
          })
          .from(roleAssignments)
          .innerJoin(users, eq(users.id, roleAssignments.userId))
          .where(
            and(
              inArray(roleAssignments.role, ['engagement_officer', 'partnership_officer']),
              inArray(
                roleAssignments.scopeId,
                scopes.map((s) => s.id),
              ),
              eq(users.status, 'active'),
            ),
          )
      : Promise.resolve([]),
    organisationGrants.length
      ? tx
          .selectDistinct({
            applicationId: grantApplications.id,
            userId: users.id,
            email: users.email,
          })
          .from(grantApplications)
          .innerJoin(
            users,
            or(
              eq(users.id, grantApplications.submittedBy),
              sql`${users.id} in (select ${grantReturns.submittedBy} from ${grantReturns}
                where ${grantReturns.applicationId} = ${grantApplications.id})`,
            ),
          )
          .where(and(inArray(grantApplications.id, organisationGrants), eq(users.status, 'active')))
      : Promise.resolve([]),
  ]);
  // Each sender's organisation now (a handful of accounts per sweep: the directory offers no
  // lookup of many at once).
  const organisationOf = new Map<string, string | null>();
  for (const userId of new Set(senders.map((s) => s.userId)))
    organisationOf.set(
      userId,
      (await directory.directory.lookups.personOfUser(tx, userId))?.organisationId ?? null,
    );
  const map = new Map<string, string[]>();
  for (const g of grants) {
    const scope = scopes.find((s) =>
      g.applicantKind === 'engagement_group'
        ? s.id === g.engagementGroupId
        : s.id === g.organisationId,
    );
    const emails =
      g.applicantKind === 'organisation'
        ? senders
            .filter(
              (s) =>
                s.applicationId === g.applicationId &&
                !!g.organisationId &&
                organisationOf.get(s.userId) === g.organisationId,
            )
            .map((s) => s.email)
        : holders
            .filter(
              (h) =>
                scope &&
                h.role === scope.role &&
                h.scopeType === scope.type &&
                h.scopeId === scope.id,
            )
            .map((h) => h.email);
    map.set(g.applicationId, [...new Set(emails)].sort());
  }
  return map;
}
