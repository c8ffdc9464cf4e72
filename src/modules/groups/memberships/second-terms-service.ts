/** IAG-18: second terms, proposed for a member and agreed by a chair and the Director. */
import { and, asc, count, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { checkNotOwnSecondTerm, nextTerm, secondTermAgreed, termEndDate } from '../rules.js';
import { advisoryGroups, memberships, reappointments } from '../schema.js';
import { refusal, say } from '../../../platform/i18n/said.js';
import {
  findMembership,
  nameOf,
  requireAction,
  requireUser,
  type Input,
  type GroupsServiceDeps,
} from '../access.js';
import type { Terms } from './terms.js';

export function createSecondTermsService(deps: GroupsServiceDeps & { terms: Terms }) {
  const { db, directory, t } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => todayInLondon(now());
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);
  const { startSecondTerm, tellSecondTermDeciders, agreementCapacities } = deps.terms;

  return {
    /**
     * IAG-18: records a member's application for a second term, to be agreed by a chair and the
     * Director. A third term is refused here, with the reason, and nothing is written.
     */
    async proposeSecondTerm(
      principal: Principal,
      groupId: string,
      membershipId: string,
      requestId?: string,
    ) {
      const user = requireAction(principal, 'groups.manage');
      return db.transaction(async (tx) => {
        const membership = await findMembership(tx, groupId, membershipId);
        const terms = await tx
          .select({ id: memberships.id, termNumber: memberships.termNumber })
          .from(memberships)
          .where(
            and(eq(memberships.groupId, groupId), eq(memberships.personId, membership.personId)),
          );
        const served = terms.reduce((n, t) => Math.max(n, t.termNumber), 0);
        const next = nextTerm(served);
        if (!next.allowed) throw new ConflictError(say(t, next.reason), 'second-term');
        if (membership.termNumber !== served || membership.status === 'withdrawn')
          throw new ConflictError(
            t('groups:memberships.secondTerms.error.notLatest'),
            'second-term',
          );
        const [row] = await tx
          .insert(reappointments)
          .values({ membershipId, proposedBy: user.userId, proposedAt: now() })
          .onConflictDoNothing()
          .returning();
        if (!row)
          throw new ConflictError(t('groups:memberships.secondTerms.error.waiting'), 'second-term');
        await tellSecondTermDeciders(tx, membership);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'membership.second-term-proposed',
          recordType: 'membership',
          recordId: membershipId,
          after: { reappointmentId: row.id },
        });
        return row;
      });
    },

    /** Second terms waiting for this person's agreement (as a chair, or as the Director). */
    async pendingAgreements(principal: Principal) {
      const user = requireUser(principal);
      const isDirector = can(user, 'groups.director-agreement');
      const chairGroups = user.roles
        .filter((g) => g.role === 'chair' && g.scopeType === 'group' && g.scopeId)
        .map((g) => g.scopeId!);
      const seesAll = isDirector || can(user, 'groups.manage');
      if (!seesAll && chairGroups.length === 0) throw new ForbiddenError();
      const rows = await db
        .select({
          id: reappointments.id,
          proposedAt: reappointments.proposedAt,
          chairAgreedAt: reappointments.chairAgreedAt,
          directorAgreedAt: reappointments.directorAgreedAt,
          membershipId: memberships.id,
          personId: memberships.personId,
          endsOn: memberships.endsOn,
          groupId: advisoryGroups.id,
          groupName: advisoryGroups.name,
        })
        .from(reappointments)
        .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(
          and(
            eq(reappointments.status, 'pending'),
            seesAll ? undefined : inArray(memberships.groupId, chairGroups),
          ),
        )
        .orderBy(asc(memberships.endsOn))
        .limit(200);
      const people = await personNames(
        db,
        rows.map((r) => r.personId),
      );
      return rows.map((r) => ({ ...r, name: nameOf(t, people, r.personId) }));
    },

    /**
     * IAG-18: a chair (or co-chair) of the group, or the Director, agrees a second term. When
     * both have, the second term is created, starting when the first ends.
     */
    async agreeSecondTerm(
      principal: Principal,
      groupId: string,
      reappointmentId: string,
      capacity: string,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      const capacities = agreementCapacities(user, groupId);
      if (!capacities.chair && !capacities.director) throw new ForbiddenError();
      if (capacity !== 'chair' && capacity !== 'director')
        throw refusal(t, 'second-term', 'groups:memberships.secondTerms.error.capacity');
      if (!capacities[capacity]) throw new ForbiddenError();
      if (!isUuid(reappointmentId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(reappointments)
          .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
          .where(and(eq(reappointments.id, reappointmentId), eq(memberships.groupId, groupId)))
          .for('update');
        if (!before) throw new NotFoundError();
        const r = before.reappointments;
        if (r.status !== 'pending')
          throw new ConflictError(t('groups:memberships.secondTerms.error.decided'), 'second-term');
        const approvals = {
          chairUserId: capacity === 'chair' ? user.userId : r.chairUserId,
          directorUserId: capacity === 'director' ? user.userId : r.directorUserId,
        };
        if ((capacity === 'chair' ? r.chairUserId : r.directorUserId) !== null)
          throw new ConflictError(
            t(`groups:memberships.secondTerms.error.alreadyAgreed.${capacity}`),
            'second-term',
          );
        const own = checkNotOwnSecondTerm(
          (await personNames(tx, [before.memberships.personId])).get(before.memberships.personId)
            ?.userId ?? null,
          user.userId,
          capacity,
        );
        if (own) throw new ConflictError(say(t, own), 'second-term');
        if (approvals.chairUserId !== null && approvals.chairUserId === approvals.directorUserId)
          throw new ConflictError(
            t('groups:memberships.secondTerms.error.samePerson'),
            'second-term',
          );
        const agreed = secondTermAgreed(approvals);
        // Agreed before the first term ends, the second begins when it does (the hourly sweep
        // starts it); agreed late, it begins today.
        const first = before.memberships;
        const waitsForFirstToEnd = first.status === 'current' && first.endsOn > today();
        // A second term the imported list showed already running (issue 21 item 12): it follows
        // the first without a gap, so the member's service stays within two terms (IAG-18).
        const startsOn =
          r.continuesImportedService && termEndDate(first.endsOn) > today()
            ? first.endsOn
            : today();
        const newMembershipId =
          agreed && !waitsForFirstToEnd ? await startSecondTerm(tx, first, startsOn) : null;
        const at = now();
        const [after] = await tx
          .update(reappointments)
          .set({
            ...(capacity === 'chair'
              ? { chairUserId: user.userId, chairAgreedAt: at }
              : { directorUserId: user.userId, directorAgreedAt: at }),
            ...(agreed ? { status: 'agreed' as const, newMembershipId } : {}),
          })
          .where(eq(reappointments.id, reappointmentId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: `membership.second-term-agreed-by-${capacity}`,
          recordType: 'membership',
          recordId: r.membershipId,
          before: r,
          after,
        });
        return { agreed, newMembershipId };
      });
    },

    async declineSecondTerm(
      principal: Principal,
      groupId: string,
      reappointmentId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      const capacities = agreementCapacities(user, groupId);
      if (!capacities.chair && !capacities.director) throw new ForbiddenError();
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (!reason) throw refusal(t, 'reason', 'groups:memberships.secondTerms.error.reason');
      if (reason.length > 1000)
        throw refusal(t, 'reason', 'groups:memberships.secondTerms.error.reasonTooLong');
      if (!isUuid(reappointmentId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ r: reappointments, personId: memberships.personId })
          .from(reappointments)
          .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
          .where(and(eq(reappointments.id, reappointmentId), eq(memberships.groupId, groupId)))
          .for('update');
        if (!row) throw new NotFoundError();
        if (row.r.status !== 'pending')
          throw new ConflictError(t('groups:memberships.secondTerms.error.decided'), 'second-term');
        const own = checkNotOwnSecondTerm(
          (await personNames(tx, [row.personId])).get(row.personId)?.userId ?? null,
          user.userId,
          'decline',
        );
        if (own) throw new ConflictError(say(t, own), 'reason');
        const [after] = await tx
          .update(reappointments)
          .set({
            status: 'declined',
            declinedBy: user.userId,
            declinedAt: now(),
            declinedReason: reason,
          })
          .where(eq(reappointments.id, reappointmentId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'membership.second-term-declined',
          recordType: 'membership',
          recordId: row.r.membershipId,
          before: row.r,
          after,
        });
      });
    },

    /**
     * IAG-18: how many second terms wait for this person's agreement, as a chair of the group
     * or as the Director (issue 21 item 30: shown on their home page). Their own is not theirs
     * to decide.
     */
    async secondTermsToDecide(principal: Principal): Promise<number> {
      if (principal?.kind !== 'user') return 0;
      const isDirector = can(principal, 'groups.director-agreement');
      const chairGroups = principal.roles
        .filter((g) => g.role === 'chair' && g.scopeType === 'group' && g.scopeId)
        .map((g) => g.scopeId!);
      if (!isDirector && chairGroups.length === 0) return 0;
      const personId = await directory.lookups.personIdForUser(db, principal.userId);
      const [row] = await db
        .select({ n: count() })
        .from(reappointments)
        .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
        .where(
          and(
            eq(reappointments.status, 'pending'),
            personId ? ne(memberships.personId, personId) : undefined,
            or(
              isDirector ? isNull(reappointments.directorUserId) : undefined,
              chairGroups.length
                ? and(inArray(memberships.groupId, chairGroups), isNull(reappointments.chairUserId))
                : undefined,
            ),
          ),
        );
      return Number(row?.n ?? 0);
    },
  };
}
