/**
 * IAG-18: the steps of a member's terms that several journeys share: a first term, a second term
 * taking over from the first, a membership closed, the deciders of a second term told.
 */
import { and, eq, sql } from 'drizzle-orm';
import { can } from '../../../platform/auth/permissions.js';
import type { UserPrincipal } from '../../../platform/auth/principal.js';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import { type IsoDate } from '../../../platform/calendar/index.js';
import { queryRows, type Executor } from '../../../platform/db/database.js';
import { ConflictError } from '../../../platform/errors.js';
import { groupPaths as paths } from '../paths.js';
import { checkFocusGroupRepresentative, nextTerm, termEndDate } from '../rules.js';
import { advisoryGroups, memberships, reappointments } from '../schema.js';
import { findGroup, type Membership, type GroupsServiceDeps } from '../access.js';
import { refusal, say } from '../../../platform/i18n/said.js';
import { formatDate } from '../../../platform/i18n/dates.js';

export function createTerms(deps: GroupsServiceDeps) {
  const { directory } = deps;
  const now = deps.now ?? (() => new Date());
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);

  /**
   * IAG-18: the agreed second term takes over from the first on `startsOn`; a first term still
   * current ends that day (one that has already ended keeps how and when it did). Returns the
   * new membership.
   */
  async function startSecondTerm(
    tx: Executor,
    first: typeof memberships.$inferSelect,
    startsOn: IsoDate,
  ): Promise<string> {
    if (first.status === 'current')
      await tx
        .update(memberships)
        .set({
          status: 'ended',
          leftOn: startsOn,
          updatedAt: now(),
          version: sql`${memberships.version} + 1`,
        })
        .where(eq(memberships.id, first.id));
    const [created] = await tx
      .insert(memberships)
      .values({
        groupId: first.groupId,
        personId: first.personId,
        termNumber: 2,
        startsOn,
        endsOn: termEndDate(startsOn),
        publishName: first.publishName,
        previousMembershipId: first.id,
      })
      .returning({ id: memberships.id });
    await tx
      .update(reappointments)
      .set({ newMembershipId: created!.id })
      .where(and(eq(reappointments.membershipId, first.id), eq(reappointments.status, 'agreed')));
    return created!.id;
  }

  /** Ends a current membership; a second term waiting to be agreed lapses with it. */
  async function closeMembership(
    tx: Executor,
    membershipId: string,
    leaving: { status: 'withdrawn' | 'resigned' | 'ended'; leftOn: IsoDate; reason: string | null },
  ) {
    const [after] = await tx
      .update(memberships)
      .set({
        status: leaving.status,
        leftOn: leaving.leftOn,
        leavingReason: leaving.reason,
        updatedAt: now(),
        version: sql`${memberships.version} + 1`,
      })
      .where(eq(memberships.id, membershipId))
      .returning();
    await tx
      .update(reappointments)
      .set({
        status: 'declined',
        declinedAt: now(),
        declinedReason: deps.t('groups:memberships.end.declinedReason'),
      })
      .where(
        and(eq(reappointments.membershipId, membershipId), eq(reappointments.status, 'pending')),
      );
    return after!;
  }

  /**
   * IAG-18: who must agree a member's second term, told that it waits for them (issue 21 item
   * 30): the accounts holding the chair of the group, and the Director. The member is not told
   * to decide their own.
   */
  async function tellSecondTermDeciders(
    tx: Executor,
    membership: { groupId: string; personId: string; endsOn: IsoDate },
  ) {
    const group = await findGroup(tx, membership.groupId);
    const member = (await personNames(tx, [membership.personId])).get(membership.personId);
    const deciders = [
      ...(await activeRoleHolders(tx, 'chair', { type: 'group', id: membership.groupId })).map(
        (d) => ({ ...d, role: 'chair' as const }),
      ),
      ...(await activeRoleHolders(tx, 'director')).map((d) => ({
        ...d,
        role: 'director' as const,
      })),
    ];
    const t = deps.t;
    const name = member?.fullName ?? t('groups:memberships.secondTermMail.aMember');
    for (const d of deciders.filter((d) => d.userId !== member?.userId))
      await deps.mail.queue(tx, {
        to: d.email,
        subject: t('groups:memberships.secondTermMail.subject', { name, group: group.name }),
        text: [
          t('groups:common.dear', { name: d.name }),
          '',
          t('groups:memberships.secondTermMail.proposed', {
            name,
            group: group.name,
            endsOn: formatDate(t, membership.endsOn),
          }),
          t(`groups:memberships.secondTermMail.waits.${d.role}`),
          `${deps.config.publicUrl}${paths.secondTerms}`,
        ].join('\n'),
      });
  }

  /** Whether this user may agree a second term as a chair of the group, and as the Director. */
  function agreementCapacities(user: UserPrincipal, groupId: string) {
    return {
      chair: can(user, 'group.chair', { type: 'group', id: groupId }),
      director: can(user, 'groups.director-agreement'),
    };
  }

  /**
   * IAG-18: a first term of four years for someone not already in the group. A returning
   * member's second term needs the two agreements instead; a third is refused, saying why.
   */
  async function appointFirstTerm(
    tx: Executor,
    input: { groupId: string; personId: string; startsOn: IsoDate; publishName: boolean },
  ): Promise<Membership> {
    const group = await findGroup(tx, input.groupId);
    if (group.status === 'closed')
      throw new ConflictError(deps.t('groups:memberships.appoint.error.closed'), 'personId');
    const person = (await personNames(tx, [input.personId])).get(input.personId);
    if (!person || person.archived)
      throw refusal(deps.t, 'personId', 'groups:memberships.appoint.error.person');
    const earlier = await tx
      .select({ termNumber: memberships.termNumber, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.groupId, input.groupId), eq(memberships.personId, input.personId)));
    if (earlier.some((m) => m.status === 'current'))
      throw new ConflictError(
        deps.t('groups:memberships.appoint.error.alreadyMember', { name: person.fullName }),
        'personId',
      );
    if (group.type === 'corporate_focus') {
      const [own, represented] = await Promise.all([
        tx
          .select({ id: advisoryGroups.id, name: advisoryGroups.name })
          .from(memberships)
          .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
          .where(
            and(
              eq(memberships.personId, input.personId),
              eq(memberships.status, 'current'),
              eq(advisoryGroups.type, 'corporate_iag'),
            ),
          ),
        // The corporate IAGs the focus group's current members come from.
        queryRows<{ group_id: string }>(
          tx,
          sql`
          select distinct iag.group_id from ${memberships} focus
          join ${memberships} iag on iag.person_id = focus.person_id and iag.status = 'current'
          join ${advisoryGroups} g on g.id = iag.group_id and g.type = 'corporate_iag'
          where focus.group_id = ${input.groupId} and focus.status = 'current'`,
        ),
      ]);
      const refusal = checkFocusGroupRepresentative(
        person.fullName,
        own,
        new Set(represented.map((r) => r.group_id)),
      );
      if (refusal) throw new ConflictError(say(deps.t, refusal), 'personId');
    }
    const served = earlier.reduce((n, m) => Math.max(n, m.termNumber), 0);
    const next = nextTerm(served);
    if (!next.allowed) throw new ConflictError(say(deps.t, next.reason), 'personId');
    if (next.needsAgreement)
      throw new ConflictError(
        deps.t('groups:memberships.appoint.error.secondTerm', { name: person.fullName }),
        'personId',
      );
    const [row] = await tx
      .insert(memberships)
      .values({
        groupId: input.groupId,
        personId: input.personId,
        termNumber: 1,
        startsOn: input.startsOn,
        endsOn: termEndDate(input.startsOn),
        publishName: input.publishName,
      })
      .returning();
    return row!;
  }

  return {
    startSecondTerm,
    closeMembership,
    tellSecondTermDeciders,
    agreementCapacities,
    appointFirstTerm,
  };
}

export type Terms = ReturnType<typeof createTerms>;
