/**
 * DP-03, DP-01: the groups' personal records on the retention schedule. An unsuccessful
 * application is anonymised 12 months after its decision, keeping the row (its round and
 * outcome) so that recruitment counts stay; a person's monitoring answers (special category,
 * DP-01) are deleted once every membership of theirs has ended.
 */
import { and, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import type { RetentionPart } from '../../platform/modules.js';
import { groupPaths } from './paths.js';
import type { DirectoryService } from '../directory/index.js';
import { applications, clearances, diversityAnswers, memberships } from './schema.js';

const UNSUCCESSFUL = ['not_recommended', 'declined'] as const;
/** An anonymised application's text: its name is emptied, which also marks it done. */
const REMOVED = '';

export const recruitmentApplicationsRetention = (directory: DirectoryService): RetentionPart => ({
  kind: 'recruitment applications',
  describe:
    "An unsuccessful applicant's application: name, e-mail address, telephone, date of birth, communities, statement, assessment and the decision's reason.",
  schedule: {
    key: 'groups.unsuccessful-applications',
    name: 'Unsuccessful applications to join a group',
    trigger: 'The day the application was decided (not recommended, or declined)',
    defaultPeriod: { count: 12, unit: 'months' },
    reason:
      'Long enough to answer a complaint or a challenge to the decision and to see a repeat application; after it the person has no further need to be identified.',
    action: 'anonymise',
    keeps: "the application's round, status and dates, so recruitment figures still count it",
    ownerRole: 'coordination_unit',
    async due(executor: Executor, startedBy: string, limit: number, offset: number) {
      const rows = await queryRows<{
        id: string;
        started_on: string;
        group_id: string;
        round_id: string;
      }>(
        executor,
        sql`select a.id, (a.decided_at at time zone 'Europe/London')::date::text as started_on,
                   r.group_id, a.round_id
            from applications a join recruitment_rounds r on r.id = a.round_id
            where a.status in ('not_recommended', 'declined') and a.decided_at is not null
              and a.full_name <> ${REMOVED}
              and (a.decided_at at time zone 'Europe/London')::date <= ${startedBy}::date
            order by a.decided_at, a.id
            limit ${limit} offset ${offset}`,
      );
      return rows.map((r) => ({
        id: r.id,
        startedOn: r.started_on,
        reference: `Application ${r.id}`,
        href: groupPaths.application(r.group_id, r.round_id, r.id),
        personIds: [],
      }));
    },
    // Theirs as their erasure finds them: by the membership it led to, or by their address.
    async aboutPerson(executor: Executor, ids: readonly string[], personId: string) {
      if (!ids.length) return [];
      const email = (await directory.lookups.people(executor, [personId])).get(personId)?.email;
      const theirTerm = inArray(
        applications.membershipId,
        executor
          .select({ id: memberships.id })
          .from(memberships)
          .where(eq(memberships.personId, personId)),
      );
      const rows = await executor
        .select({ id: applications.id })
        .from(applications)
        .where(
          and(
            inArray(applications.id, [...ids]),
            email ? or(theirTerm, sql`lower(${applications.email}) = lower(${email})`) : theirTerm,
          ),
        );
      return rows.map((r) => r.id);
    },
    async apply(executor: Executor, ids: readonly string[]) {
      if (!ids.length) return 0;
      const done = await executor
        .update(applications)
        .set({
          fullName: REMOVED,
          // Unique in its round: the id keeps it so, and says nothing about the person.
          email: sql`${applications.id}::text`,
          phone: null,
          dateOfBirth: null,
          communities: REMOVED,
          statement: REMOVED,
          assessment: null,
          decisionReason: null,
        })
        .where(
          and(
            inArray(applications.id, [...ids]),
            inArray(applications.status, [...UNSUCCESSFUL]),
            isNotNull(applications.decidedAt),
            ne(applications.fullName, REMOVED),
          ),
        )
        .returning({ id: applications.id });
      return done.length;
    },
  },
});

export const monitoringAnswersRetention: RetentionPart = {
  kind: 'monitoring answers',
  describe:
    "A member's own equality monitoring answers (ethnicity, religion, disability, sexual orientation, trans history, age band): special category data (DP-01).",
  schedule: {
    key: 'groups.monitoring-answers',
    name: "Members' equality monitoring answers",
    trigger: "The day the person's last membership of a group ended (left, or its term ended)",
    defaultPeriod: { count: 3, unit: 'months' },
    reason:
      "Special category data (DP-01) kept only to monitor the groups' make-up while the person is a member; three months lets the quarter's monitoring figures count them before they go.",
    action: 'delete',
    ownerRole: 'coordination_unit',
    async due(executor: Executor, startedBy: string, limit: number, offset: number) {
      // Only people with no current membership: the latest day any of theirs ended.
      const rows = await queryRows<{ person_id: string; ended_on: string }>(
        executor,
        sql`select d.person_id, e.ended_on::text as ended_on
            from diversity_answers d
            join lateral (
              select max(coalesce(m.left_on, m.ends_on)) as ended_on, bool_or(m.status = 'current') as current
              from memberships m where m.person_id = d.person_id
            ) e on true
            where e.ended_on is not null and not e.current and e.ended_on <= ${startedBy}::date
            order by e.ended_on, d.person_id
            limit ${limit} offset ${offset}`,
      );
      return rows.map((r) => ({
        id: r.person_id,
        startedOn: r.ended_on,
        reference: `Monitoring answers of person ${r.person_id}`,
        personIds: [r.person_id],
      }));
    },
    // A record of this kind is the person's answers, by their directory id.
    async aboutPerson(_executor: Executor, ids: readonly string[], personId: string) {
      return ids.filter((id) => id === personId);
    },
    async apply(executor: Executor, ids: readonly string[]) {
      if (!ids.length) return 0;
      // Still no current membership: someone reappointed since the run looked keeps theirs.
      const done = await executor
        .delete(diversityAnswers)
        .where(
          and(
            inArray(diversityAnswers.personId, [...ids]),
            sql`not exists (select 1 from memberships m where m.person_id = ${diversityAnswers.personId} and m.status = 'current')`,
          ),
        )
        .returning({ id: diversityAnswers.personId });
      return done.length;
    },
  },
};

export const clearancesRetention: RetentionPart = {
  kind: 'security clearances',
  describe:
    "A person's security clearance (IAG-29): its level, the organisation that required it, and the days it was granted, expires or was withdrawn.",
  schedule: {
    key: 'groups.lapsed-clearances',
    name: 'Security clearances that have lapsed',
    trigger: 'The day the clearance expired or was withdrawn, whichever came first',
    defaultPeriod: { count: 12, unit: 'months' },
    reason:
      "Long enough to see a renewal through and to answer a question about the person's access while cleared; the vetting itself is kept by the force's vetting unit, not by Bridge.",
    action: 'delete',
    ownerRole: 'coordination_unit',
    async due(executor: Executor, startedBy: string, limit: number, offset: number) {
      const rows = await queryRows<{ id: string; person_id: string; lapsed_on: string }>(
        executor,
        sql`select c.id, c.person_id,
                   least(c.expires_on, coalesce(c.withdrawn_on, c.expires_on))::text as lapsed_on
            from clearances c
            where least(c.expires_on, coalesce(c.withdrawn_on, c.expires_on)) <= ${startedBy}::date
            order by least(c.expires_on, coalesce(c.withdrawn_on, c.expires_on)), c.id
            limit ${limit} offset ${offset}`,
      );
      return rows.map((r) => ({
        id: r.id,
        startedOn: r.lapsed_on,
        reference: `Clearance ${r.id}`,
        personIds: [r.person_id],
      }));
    },
    async aboutPerson(executor: Executor, ids: readonly string[], personId: string) {
      if (!ids.length) return [];
      const rows = await executor
        .select({ id: clearances.id })
        .from(clearances)
        .where(and(inArray(clearances.id, [...ids]), eq(clearances.personId, personId)));
      return rows.map((r) => r.id);
    },
    async apply(executor: Executor, ids: readonly string[]) {
      if (!ids.length) return 0;
      const done = await executor
        .delete(clearances)
        .where(inArray(clearances.id, [...ids]))
        .returning({ id: clearances.id });
      return done.length;
    },
  },
};
