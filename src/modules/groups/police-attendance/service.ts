/** IAG-33: the police employees named to attend a group, and where they attend. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import {
  checkPoliceAttendee,
  namesPoliceAttendance,
  POLICE_RANKS,
  type PoliceRank,
} from './rules.js';
import { memberships, POLICE_ATTENDEE_ROLES, policeAttendees } from '../schema.js';
import type { GroupsPartDeps } from '../service.js';
import { text } from '../validation.js';
import { refusal, say } from '../../../platform/i18n/said.js';
import { requireAction, requireUser, type Input } from '../access.js';

export type PoliceAttendanceService = ReturnType<typeof createPoliceAttendanceService>;

export function createPoliceAttendanceService(deps: GroupsPartDeps) {
  const { db, groups, directory, t } = deps;

  /** IAG-33: the police employees named to attend the group now, with their names. */
  async function currentPoliceAttendees(executor: Executor, groupId: string) {
    const rows = await executor
      .select()
      .from(policeAttendees)
      .where(and(eq(policeAttendees.groupId, groupId), isNull(policeAttendees.untilOn)));
    const people = await directory.lookups.people(
      executor,
      rows.map((r) => r.personId),
    );
    return rows.map((r) => ({
      ...r,
      name: people.get(r.personId)?.fullName ?? t('groups:common.unknown'),
      email: people.get(r.personId)?.email ?? null,
    }));
  }

  return {
    /** IAG-33: the police named to attend a corporate IAG's full meetings. */
    async policeAttendance(principal: Principal, groupId: string) {
      const user = requireUser(principal);
      if (!can(user, 'group.view', { type: 'group', id: groupId })) throw new ForbiddenError();
      const rows = await currentPoliceAttendees(db, groupId);
      return POLICE_ATTENDEE_ROLES.map((role) => {
        const row = rows.find((r) => r.role === role);
        return { role, attendee: row ?? null };
      });
    },

    currentPoliceAttendees,

    /**
     * How the person stands to the group now, in one query: a current member, and named to
     * attend it for the police (IAG-33).
     */
    async standing(executor: Executor, groupId: string, personId: string) {
      const [row] = await executor
        .select({
          member: sql<boolean>`exists (${executor
            .select({ one: sql`1` })
            .from(memberships)
            .where(
              and(
                eq(memberships.groupId, groupId),
                eq(memberships.personId, personId),
                eq(memberships.status, 'current'),
              ),
            )})`,
          police: sql<boolean>`exists (${executor
            .select({ one: sql`1` })
            .from(policeAttendees)
            .where(
              and(
                eq(policeAttendees.groupId, groupId),
                eq(policeAttendees.personId, personId),
                isNull(policeAttendees.untilOn),
              ),
            )})`,
        })
        .from(sql`(values (1)) as one`);
      return { member: row?.member === true, police: row?.police === true };
    },

    /** The groups a police employee is named to attend now (IAG-33). */
    async groupsAttendedBy(executor: Executor, personId: string) {
      const rows = await executor
        .selectDistinct({ groupId: policeAttendees.groupId })
        .from(policeAttendees)
        .where(and(eq(policeAttendees.personId, personId), isNull(policeAttendees.untilOn)));
      return rows.map((r) => r.groupId);
    },

    async setPoliceAttendee(
      principal: Principal,
      groupId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireAction(principal, 'groups.manage');
      const errors: FieldError[] = [];
      const role = text(input.role);
      if (!role || !(POLICE_ATTENDEE_ROLES as readonly string[]).includes(role))
        errors.push({ field: 'role', message: t('groups:policeAttendance.error.role') });
      const personId = text(input.personId);
      if (!personId || !isUuid(personId))
        errors.push({ field: 'personId', message: t('groups:policeAttendance.error.person') });
      const rank = text(input.rank);
      if (!rank || !(POLICE_RANKS as readonly string[]).includes(rank))
        errors.push({ field: 'rank', message: t('groups:policeAttendance.error.rank') });
      if (errors.length) throw new ValidationError(errors);
      const belowRank = checkPoliceAttendee(
        role as (typeof POLICE_ATTENDEE_ROLES)[number],
        rank as PoliceRank,
      );
      if (belowRank) throw new ValidationError([{ field: 'rank', message: say(t, belowRank) }]);
      return db.transaction(async (tx) => {
        const group = await groups.findGroup(tx, groupId);
        if (!namesPoliceAttendance(group.type))
          throw new ConflictError(t('groups:policeAttendance.error.notNamed'), 'role');
        const person = (await directory.lookups.people(tx, [personId!])).get(personId!);
        if (!person || person.archived)
          throw refusal(t, 'personId', 'groups:policeAttendance.error.person');
        const today = groups.today();
        const [before] = await tx
          .update(policeAttendees)
          .set({ untilOn: today })
          .where(
            and(
              eq(policeAttendees.groupId, groupId),
              eq(policeAttendees.role, role as 'directorate_manager'),
              isNull(policeAttendees.untilOn),
            ),
          )
          .returning();
        const [after] = await tx
          .insert(policeAttendees)
          .values({
            groupId,
            role: role as (typeof POLICE_ATTENDEE_ROLES)[number],
            personId: personId!,
            rank: rank!,
            fromOn: today,
            recordedBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.police-attendee-named',
          recordType: 'group',
          recordId: groupId,
          before: before ?? null,
          after,
        });
      });
    },
  };
}
