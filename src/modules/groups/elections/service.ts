/** IAG-21: chair elections, who may stand, the results and the group's chairs now. */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { replaceScopedRoleHolders } from '../../../platform/auth/users-service.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError, ValidationError } from '../../../platform/errors.js';
import type { GroupType } from '../rules.js';
import { checkElectionResult } from './rules.js';
import { fieldErrors, refusal } from '../../../platform/i18n/said.js';
import { policeMayChair } from '../police-attendance/rules.js';
import { electionCandidates, elections, memberships, policeAttendees } from '../schema.js';
import { validateElection } from '../validation.js';
import {
  findGroup,
  nameOf,
  requireAction,
  requireGroupView,
  userIdsOf,
  type Input,
  type GroupsServiceDeps,
} from '../access.js';
import type { Chairs } from './chairs.js';

export function createElectionsService(deps: GroupsServiceDeps & { chairs: Chairs }) {
  const { db, directory, t } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => todayInLondon(now());
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);
  const { currentChairs } = deps.chairs;

  /** IAG-21a, IAG-21c: who may stand for the chair of this group. */
  async function electableCandidates(
    executor: Executor,
    group: { id: string; type: GroupType },
  ): Promise<{ personId: string; police: boolean }[]> {
    const members = await executor
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.groupId, group.id), eq(memberships.status, 'current')));
    const result = members.map((m) => ({ personId: m.personId, police: false }));
    if (!policeMayChair(group.type)) return result;
    const police = await executor
      .selectDistinct({ personId: policeAttendees.personId })
      .from(policeAttendees)
      .where(and(eq(policeAttendees.groupId, group.id), isNull(policeAttendees.untilOn)));
    const memberIds = new Set(members.map((m) => m.personId));
    return [
      ...result,
      ...police
        .filter((p) => !memberIds.has(p.personId))
        .map((p) => ({ personId: p.personId, police: true })),
    ];
  }

  return {
    /**
     * Who may stand and be elected: the group's current members (IAG-21a) and, for a corporate
     * focus group, the police employees named to attend it (IAG-21c).
     */
    async electionForm(principal: Principal, groupId: string) {
      requireAction(principal, 'groups.manage');
      const group = await findGroup(db, groupId);
      const [electable, chairs] = await Promise.all([
        electableCandidates(db, group),
        currentChairs(db, [groupId]),
      ]);
      const chairIds = (chairs.get(groupId) ?? []).map((c) => c.personId);
      const people = await personNames(db, [...electable.map((c) => c.personId), ...chairIds]);
      return {
        group,
        members: electable
          .map((c) => ({
            personId: c.personId,
            name: nameOf(t, people, c.personId),
            police: c.police,
          }))
          .sort((a, b) => Number(a.police) - Number(b.police) || a.name.localeCompare(b.name)),
        chairNames: chairIds.map((c) => nameOf(t, people, c)),
      };
    },

    /**
     * IAG-21(a, b): records an election and its result. The elected people hold the chair role
     * for the group from now, and the chairs they replace no longer do.
     */
    async recordElection(principal: Principal, groupId: string, input: Input, requestId?: string) {
      const user = requireAction(principal, 'groups.manage');
      const { errors, value } = validateElection(t, input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const group = await findGroup(tx, groupId);
        if (group.type === 'sub_group')
          throw new ConflictError(t('groups:elections.form.error.subGroup'), 'candidates');
        if (value.heldOn > today())
          throw refusal(t, 'heldOn-day', 'groups:elections.form.error.future');
        const electable = new Set((await electableCandidates(tx, group)).map((c) => c.personId));
        if (value.candidates.some((id) => !electable.has(id)))
          throw refusal(
            t,
            'candidates',
            policeMayChair(group.type)
              ? 'groups:elections.form.error.candidatesOrPolice'
              : 'groups:elections.form.error.candidatesMembers',
          );
        const previous = await tx
          .select({ id: elections.id, heldOn: elections.heldOn })
          .from(elections)
          .where(eq(elections.groupId, groupId))
          .orderBy(desc(elections.heldOn), desc(elections.createdAt))
          .limit(2);
        if (previous[0] && value.heldOn < previous[0].heldOn)
          throw refusal(t, 'heldOn-day', 'groups:elections.form.error.earlier');
        const winners = previous.length
          ? await tx
              .select({
                electionId: electionCandidates.electionId,
                personId: electionCandidates.personId,
              })
              .from(electionCandidates)
              .where(
                and(
                  inArray(
                    electionCandidates.electionId,
                    previous.map((p) => p.id),
                  ),
                  eq(electionCandidates.elected, true),
                ),
              )
          : [];
        const people = await personNames(tx, value.candidates);
        const refusals = checkElectionResult(
          value.elected.map((id) => ({ personId: id, name: nameOf(t, people, id) })),
          previous.map((p) => winners.filter((w) => w.electionId === p.id).map((w) => w.personId)),
        );
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        const [election] = await tx
          .insert(elections)
          .values({
            groupId,
            heldOn: value.heldOn,
            adjudicatorName: value.adjudicatorName,
            adjudicatorOrganisation: value.adjudicatorOrganisation,
            agreedByChairs: value.agreedByChairs,
            agreedByPolice: value.agreedByPolice,
            notes: value.notes,
            recordedBy: user.userId,
          })
          .returning();
        await tx.insert(electionCandidates).values(
          value.candidates.map((personId) => ({
            electionId: election!.id,
            personId,
            elected: value.elected.includes(personId),
          })),
        );
        const roles = await replaceScopedRoleHolders(tx, {
          role: 'chair',
          scope: { type: 'group', id: groupId },
          userIds: userIdsOf(people, value.elected),
          grantedBy: user.userId,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.election-recorded',
          recordType: 'group',
          recordId: groupId,
          after: {
            electionId: election!.id,
            heldOn: value.heldOn,
            adjudicator: value.adjudicatorName,
            candidates: value.candidates,
            elected: value.elected,
            chairRole: roles,
          },
        });
        return election!;
      });
    },

    async electionHistory(principal: Principal, groupId: string) {
      requireGroupView(principal, groupId);
      const group = await findGroup(db, groupId);
      const rows = await db
        .select()
        .from(elections)
        .where(eq(elections.groupId, groupId))
        .orderBy(desc(elections.heldOn), desc(elections.createdAt))
        .limit(50);
      const candidates = rows.length
        ? await db
            .select()
            .from(electionCandidates)
            .where(
              inArray(
                electionCandidates.electionId,
                rows.map((r) => r.id),
              ),
            )
        : [];
      const people = await personNames(
        db,
        candidates.map((c) => c.personId),
      );
      return {
        group,
        elections: rows.map((e) => ({
          ...e,
          candidates: candidates
            .filter((c) => c.electionId === e.id)
            .map((c) => ({ name: nameOf(t, people, c.personId), elected: c.elected })),
        })),
      };
    },

    /** The people elected at the group's latest election: its chair or co-chairs now. */
    async currentChairIds(executor: Executor, groupId: string): Promise<string[]> {
      return ((await currentChairs(executor, [groupId])).get(groupId) ?? []).map((c) => c.personId);
    },
  };
}
