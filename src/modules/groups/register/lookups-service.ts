/**
 * What the rest of the module, the meeting bodies and other modules read of the groups: lists of
 * groups, current members, chairs and invitees, a few at a time, in the caller's transaction.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { invitedToAnnualConference } from '../rules.js';
import { advisoryGroups, memberships } from '../schema.js';
import { nameOf, type GroupsServiceDeps } from '../access.js';
import type { Chairs } from '../elections/chairs.js';

export function createGroupLookupsService(deps: GroupsServiceDeps & { chairs: Chairs }) {
  const { directory, t } = deps;
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);
  const { chairsOf } = deps.chairs;

  return {
    /** The group's current members by name, for choosing one in a form. */
    async currentMemberOptions(executor: Executor, groupId: string) {
      const current = await executor
        .select({ personId: memberships.personId })
        .from(memberships)
        .where(and(eq(memberships.groupId, groupId), eq(memberships.status, 'current')));
      const people = await personNames(
        executor,
        current.map((c) => c.personId),
      );
      return current
        .map((c) => ({ personId: c.personId, name: nameOf(t, people, c.personId) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    /**
     * Current members with the date their unbroken service began (a second term counts from the
     * first's start), for the meetings module's attendance roll.
     */
    async currentMembersSince(executor: Executor, groupId: string) {
      const rows = await executor
        .select({
          personId: memberships.personId,
          membershipId: memberships.id,
          since: sql<IsoDate>`coalesce(prev.starts_on, ${memberships.startsOn})`,
        })
        .from(memberships)
        .leftJoin(
          sql`${memberships} prev`,
          sql`prev.id = ${memberships.previousMembershipId} and prev.left_on = ${memberships.startsOn}`,
        )
        .where(and(eq(memberships.groupId, groupId), eq(memberships.status, 'current')));
      const people = await personNames(
        executor,
        rows.map((r) => r.personId),
      );
      return rows
        .map((r) => ({
          ...r,
          name: nameOf(t, people, r.personId),
          email: people.get(r.personId)?.email ?? null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Every group not closed, by name: each has a work schedule for its year (IAG-25). */
    async workingGroups(executor: Executor) {
      return executor
        .select({ id: advisoryGroups.id, name: advisoryGroups.name })
        .from(advisoryGroups)
        .where(ne(advisoryGroups.status, 'closed'))
        .orderBy(asc(advisoryGroups.name));
    },

    /** The corporate IAGs now working (IAG-01), by name: each owes an annual report (IAG-26). */
    async corporateGroups(executor: Executor) {
      return executor
        .select({ id: advisoryGroups.id, name: advisoryGroups.name })
        .from(advisoryGroups)
        .where(and(eq(advisoryGroups.type, 'corporate_iag'), eq(advisoryGroups.status, 'active')))
        .orderBy(asc(advisoryGroups.name));
    },

    /**
     * IAG-31: the chairs and co-chairs of the corporate IAGs now, with the group each chairs
     * and the date of the election that made them chair.
     */
    async corporateChairs(executor: Executor) {
      const corporate = await executor
        .select({ id: advisoryGroups.id, name: advisoryGroups.name })
        .from(advisoryGroups)
        .where(and(eq(advisoryGroups.type, 'corporate_iag'), eq(advisoryGroups.status, 'active')));
      return chairsOf(executor, corporate);
    },

    /**
     * IAG-08: the groups a request for advice may be passed to, corporate IAGs first, each with
     * its deployment contact (IAG-07) to pass it to. Closed groups are left out.
     */
    async routingCandidates(executor: Executor) {
      const rows = await executor
        .select({
          id: advisoryGroups.id,
          name: advisoryGroups.name,
          type: advisoryGroups.type,
          status: advisoryGroups.status,
          deploymentContactId: advisoryGroups.deploymentContactId,
        })
        .from(advisoryGroups)
        .where(ne(advisoryGroups.status, 'closed'))
        .orderBy(
          sql`${advisoryGroups.type} <> 'corporate_iag'`,
          asc(advisoryGroups.type),
          asc(advisoryGroups.name),
        );
      const contacts = await personNames(
        executor,
        rows.flatMap((r) => (r.deploymentContactId ? [r.deploymentContactId] : [])),
      );
      return rows.map((r) => {
        const contact = r.deploymentContactId ? contacts.get(r.deploymentContactId) : undefined;
        return {
          ...r,
          contactName: contact ? nameOf(t, contacts, r.deploymentContactId) : null,
          contactEmail: contact?.email ?? null,
        };
      });
    },

    /**
     * IAG-32: the groups invited to the annual conference (every one still working, of any
     * type), each with its chairs to send the invitation to.
     */
    async conferenceInvitees(executor: Executor) {
      const invited = (
        await executor
          .select({
            id: advisoryGroups.id,
            name: advisoryGroups.name,
            status: advisoryGroups.status,
          })
          .from(advisoryGroups)
          .orderBy(asc(advisoryGroups.name))
      ).filter(invitedToAnnualConference);
      const chairs = await chairsOf(executor, invited);
      return invited.map((g) => ({
        id: g.id,
        name: g.name,
        contacts: chairs.filter((c) => c.groupId === g.id),
      }));
    },

    /** Groups by id, for a few ids at once (not found ones are left out). */
    async groupsByIds(executor: Executor, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return executor
        .select({
          id: advisoryGroups.id,
          name: advisoryGroups.name,
          meetingIntervalMonths: advisoryGroups.meetingIntervalMonths,
        })
        .from(advisoryGroups)
        .where(inArray(advisoryGroups.id, [...ids]));
    },

    /** The groups a person is a current member of. */
    async currentGroupsOf(executor: Executor, personId: string) {
      return executor
        .select({
          id: advisoryGroups.id,
          name: advisoryGroups.name,
          meetingIntervalMonths: advisoryGroups.meetingIntervalMonths,
        })
        .from(memberships)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(and(eq(memberships.personId, personId), eq(memberships.status, 'current')));
    },
  };
}
