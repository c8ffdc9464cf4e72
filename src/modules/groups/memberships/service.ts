/**
 * Memberships (IAG-18): a member's history and record, appointing, importing a list of members,
 * ending a membership, and a person's own memberships.
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { parseMemberImport, type MemberImportProblem } from '../member-import.js';
import {
  checkAppointmentStart,
  retrospectiveAppointment,
  importedAgreementProblem,
  nextTerm,
  termEndDate,
} from '../rules.js';
import { advisoryGroups, memberships, reappointments } from '../schema.js';
import { dateField, validateLeaving } from '../validation.js';
import { refusal, say } from '../../../platform/i18n/said.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  findGroup,
  findMembership,
  nameOf,
  requireAction,
  requireGroupView,
  requireUser,
  type Input,
  type GroupsServiceDeps,
} from '../access.js';
import type { Terms } from './terms.js';

/** An import refused: each bad row with its line number. Nothing was imported. */
export class MemberImportError extends ValidationError {
  constructor(
    t: Translate,
    readonly problems: MemberImportProblem[],
  ) {
    super(
      problems.map((p) => ({
        field: 'csv',
        message: t('groups:memberships.import.line', { line: p.line, message: p.message }),
      })),
    );
  }
}

export function createMembershipsService(deps: GroupsServiceDeps & { terms: Terms }) {
  const { db, directory, t } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => todayInLondon(now());
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);
  const { closeMembership, agreementCapacities, appointFirstTerm } = deps.terms;

  return {
    /** Everyone who has been a member, current first, then by when they left. */
    async memberHistory(
      principal: Principal,
      groupId: string,
      page: { limit: number; offset: number },
    ) {
      requireGroupView(principal, groupId);
      const group = await findGroup(db, groupId);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(memberships)
          .where(eq(memberships.groupId, groupId))
          .orderBy(
            sql`${memberships.status} = 'current' desc`,
            desc(sql`coalesce(${memberships.leftOn}, ${memberships.endsOn})`),
            asc(memberships.id),
          )
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(memberships).where(eq(memberships.groupId, groupId)),
      ]);
      const people = await personNames(
        db,
        rows.map((r) => r.personId),
      );
      return {
        group,
        total: Number(total?.n ?? 0),
        items: rows.map((m) => ({ ...m, name: nameOf(t, people, m.personId) })),
      };
    },

    async membership(principal: Principal, groupId: string, membershipId: string) {
      const user = requireGroupView(principal, groupId);
      const group = await findGroup(db, groupId);
      const membership = await findMembership(db, groupId, membershipId);
      const [terms, pending] = await Promise.all([
        db
          .select()
          .from(memberships)
          .where(
            and(eq(memberships.groupId, groupId), eq(memberships.personId, membership.personId)),
          )
          .orderBy(asc(memberships.startsOn)),
        db
          .select()
          .from(reappointments)
          .where(eq(reappointments.membershipId, membershipId))
          .orderBy(desc(reappointments.proposedAt)),
      ]);
      const people = await personNames(db, [membership.personId]);
      const termsServed = Math.max(...terms.map((t) => t.termNumber));
      const next = nextTerm(termsServed);
      return {
        group,
        membership,
        person: people.get(membership.personId) ?? null,
        terms,
        reappointments: pending,
        nextTerm: next,
        isLatestTerm: terms.at(-1)?.id === membership.id,
        canManage: can(user, 'groups.manage'),
        capacities: agreementCapacities(user, groupId),
        // IAG-18: nobody decides their own case, so their own second term offers them no decision.
        ownCase: !!user.userId && people.get(membership.personId)?.userId === user.userId,
      };
    },

    /**
     * Appoints a person for a first term of four years (IAG-18). A returning member's second
     * term goes through the two agreements instead; a third is refused.
     */
    async appoint(principal: Principal, groupId: string, input: Input, requestId?: string) {
      const user = requireAction(principal, 'groups.manage');
      const errors: { field: string; message: string }[] = [];
      const personId =
        typeof input.personId === 'string' && isUuid(input.personId) ? input.personId : null;
      if (!personId)
        errors.push({ field: 'personId', message: t('groups:memberships.appoint.error.person') });
      const startsOn = dateField(t, input, 'startsOn', 'the date the appointment starts', errors);
      const ended = startsOn ? checkAppointmentStart(startsOn, today()) : null;
      if (ended) errors.push({ field: 'startsOn-day', message: say(t, ended) });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const row = await appointFirstTerm(tx, {
          groupId,
          personId: personId!,
          startsOn: startsOn!,
          publishName: input.publishName === 'yes',
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'membership.appointed',
          recordType: 'membership',
          recordId: row.id,
          after: row,
        });
        return row;
      });
    },

    /**
     * IAG-18 applied retrospectively, with the IAG-19 transition: imports a group's existing
     * members from the date each first joined. Every row is checked first; if any is bad, each
     * is reported by line and nothing is imported.
     */
    async importMembers(principal: Principal, groupId: string, csv: string, requestId?: string) {
      const user = requireAction(principal, 'groups.manage');
      const day = today();
      const { rows, problems } = parseMemberImport(csv, day, t);
      if (problems.length) throw new MemberImportError(t, problems);
      const rulesAgreed = deps.config.groups.rulesAgreedOn;
      const terms = rows.map((row) => retrospectiveAppointment(row.firstJoined, rulesAgreed, day));
      const firstTermsOnly = rows.flatMap((row, i) => {
        const problem = importedAgreementProblem(row, terms[i]!);
        return problem ? [{ line: row.line, message: say(t, problem) }] : [];
      });
      if (firstTermsOnly.length) throw new MemberImportError(t, firstTermsOnly);
      return db.transaction(async (tx) => {
        await findGroup(tx, groupId);
        const { ids, added } = await directory.lookups.findOrAddPeople(
          tx,
          rows.map((r) => ({ fullName: r.name, email: r.email })),
        );
        const already = await tx
          .select({ personId: memberships.personId })
          .from(memberships)
          .where(and(eq(memberships.groupId, groupId), inArray(memberships.personId, ids)));
        const clash = new Set(already.map((a) => a.personId));
        const clashes = rows
          .filter((_, i) => clash.has(ids[i]!))
          .map((r) => ({
            line: r.line,
            message: t('groups:memberships.import.clash', { name: r.name }),
          }));
        if (clashes.length) throw new MemberImportError(t, clashes);
        const summary = {
          current: 0,
          ended: 0,
          transitional: 0,
          secondTerm: 0,
          awaitingAgreement: 0,
        };
        const created: string[] = [];
        for (const [i, row] of rows.entries()) {
          const personId = ids[i]!;
          const r = terms[i]!;
          const ended = r.end <= day;
          // The first of two terms, ended when the second began.
          const insertFirstTerm = async () => {
            const [first] = await tx
              .insert(memberships)
              .values({
                groupId,
                personId,
                termNumber: 1,
                startsOn: row.firstJoined,
                endsOn: r.start,
                status: 'ended',
                leftOn: r.start,
                transitional: r.start !== termEndDate(row.firstJoined),
                imported: true,
                publishName: row.publishName,
              })
              .returning({ id: memberships.id });
            created.push(first!.id);
            return first!.id;
          };
          // IAG-18: a second term begun under the rules needs the chair's and the Director's
          // agreement. Without it recorded in the list, a second term still running is not
          // imported: the first term is, and the second waits for the two agreements like any
          // other (then following the first without a gap). One already over is history, and is
          // imported as served, so it counts towards the two terms.
          if (r.termNumber === 2 && r.start >= rulesAgreed && !row.secondTermAgreement && !ended) {
            await tx.insert(reappointments).values({
              membershipId: await insertFirstTerm(),
              proposedBy: user.userId,
              proposedAt: now(),
              continuesImportedService: true,
            });
            summary.awaitingAgreement += 1;
            continue;
          }
          let previousMembershipId: string | null = null;
          if (r.termNumber === 2) {
            previousMembershipId = await insertFirstTerm();
            summary.secondTerm += 1;
          }
          const [latest] = await tx
            .insert(memberships)
            .values({
              groupId,
              personId,
              termNumber: r.termNumber,
              startsOn: r.start,
              endsOn: r.end,
              status: ended ? 'ended' : 'current',
              leftOn: ended ? r.end : null,
              transitional: r.transitional,
              imported: true,
              publishName: row.publishName,
              previousMembershipId,
            })
            .returning({ id: memberships.id });
          created.push(latest!.id);
          if (previousMembershipId && row.secondTermAgreement)
            await tx.insert(reappointments).values({
              membershipId: previousMembershipId,
              status: 'agreed',
              proposedBy: user.userId,
              proposedAt: now(),
              newMembershipId: latest!.id,
              recordedAgreedOn: row.secondTermAgreement.agreedOn,
              recordedChair: row.secondTermAgreement.chair,
              recordedDirector: row.secondTermAgreement.director,
            });
          if (ended) summary.ended += 1;
          else summary.current += 1;
          if (r.transitional) summary.transitional += 1;
        }
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.members-imported',
          recordType: 'group',
          recordId: groupId,
          after: {
            rulesAgreedOn: rulesAgreed,
            people: ids,
            peopleAdded: added,
            memberships: created,
            ...summary,
          },
        });
        return { imported: rows.length, ...summary };
      });
    },

    async endMembership(
      principal: Principal,
      groupId: string,
      membershipId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireAction(principal, 'groups.manage');
      const { errors, value } = validateLeaving(t, input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await findMembership(tx, groupId, membershipId);
        if (before.status !== 'current')
          throw new ConflictError(t('groups:memberships.end.error.alreadyEnded'), 'status');
        if (value.leftOn < before.startsOn)
          throw refusal(t, 'leftOn-day', 'groups:memberships.end.error.beforeStart');
        const after = await closeMembership(tx, membershipId, value);
        await recordAudit(tx, actorOf(user, requestId), {
          action: `membership.${value.status}`,
          recordType: 'membership',
          recordId: membershipId,
          before,
          after,
        });
        return after!;
      });
    },

    /**
     * IAG-21f: withdraws a current member, inside the meetings module's transaction. The meetings
     * service has checked that the chair asks and that three meetings in a row were missed, and
     * records the audit event.
     */
    async withdrawInTransaction(
      tx: Executor,
      groupId: string,
      personId: string,
      reason: string,
    ): Promise<{ membershipId: string }> {
      const [current] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.groupId, groupId),
            eq(memberships.personId, personId),
            eq(memberships.status, 'current'),
          ),
        )
        .for('update');
      if (!current)
        throw new ConflictError(t('groups:memberships.end.error.notCurrent'), 'personId');
      await closeMembership(tx, current.id, { status: 'withdrawn', leftOn: today(), reason });
      return { membershipId: current.id };
    },

    /** The signed-in person's own memberships, current first (an advisor sees their own groups). */
    async myMemberships(principal: Principal) {
      const user = requireUser(principal);
      const personId = await directory.lookups.personIdForUser(db, user.userId);
      if (!personId) return [];
      const rows = await db
        .select({
          id: memberships.id,
          groupId: advisoryGroups.id,
          groupName: advisoryGroups.name,
          termNumber: memberships.termNumber,
          startsOn: memberships.startsOn,
          endsOn: memberships.endsOn,
          status: memberships.status,
          leftOn: memberships.leftOn,
          // IAG-18: a second term agreed, or waiting for agreement, that has not begun yet.
          secondTerm: sql<
            'pending' | 'agreed' | null
          >`(select r.status::text from ${reappointments} r
            where r.membership_id = ${memberships}.id and r.new_membership_id is null
            and r.status in ('pending', 'agreed') limit 1)`,
        })
        .from(memberships)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(eq(memberships.personId, personId))
        .orderBy(sql`${memberships.status} = 'current' desc`, desc(memberships.startsOn))
        .limit(100);
      return rows.map((m) => ({
        ...m,
        agreedSecondTerm:
          m.secondTerm === 'agreed' && m.status === 'current'
            ? { startsOn: m.endsOn, endsOn: termEndDate(m.endsOn) }
            : null,
      }));
    },
  };
}
