/**
 * What is kept about each advisor beyond their appointments: declarations (IAG-02, IAG-21g),
 * vetting and access (IAG-29, IAG-30), recognition (IAG-15), and, for each corporate IAG, the
 * police who attend (IAG-33) and the guides every group works to (IAG-24).
 */
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { can } from '../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { addCalendarDays } from '../../platform/calendar/index.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { nextNumber } from '../../platform/db/next-number.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import { publishableCount } from '../../platform/privacy/rules.js';
import type { DirectoryService } from '../directory/index.js';
import {
  CLEARANCE_ORDER,
  CLEARANCE_WARNING_DAYS,
  DIVERSITY_AREA_LABELS,
  DIVERSITY_AREAS,
  diversityAreasOf,
  MONITORING_QUESTIONS,
  type MonitoringAnswers,
  checkCommendationConsultation,
  checkPoliceAttendee,
  namesPoliceAttendance,
  clearanceExpiringSoon,
  guideReviewDue,
  guideReviewOverdue,
  hasUnescortedAccess,
  mayWorkAtClearance,
  POLICE_RANKS,
  type ClearanceLevel,
  type PoliceRank,
} from './rules.js';
import {
  accessExemptions,
  clearances,
  diversityAnswers,
  commendations,
  CONSULTED_CAPACITIES,
  declarations,
  groupDocuments,
  groupDocumentVersions,
  memberships,
  POLICE_ATTENDEE_ROLES,
  policeAttendees,
} from './schema.js';
import type { GroupsService } from './service.js';
import { checkedValues, dateField, text, tooLong } from './validation.js';

type Input = Record<string, string | string[] | undefined>;
export type MemberRecordsService = ReturnType<typeof createMemberRecordsService>;

export function createMemberRecordsService(deps: {
  db: Db;
  groups: GroupsService;
  directory: DirectoryService;
}) {
  const { db, groups, directory } = deps;

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
      name: people.get(r.personId)?.fullName ?? 'Unknown',
      email: people.get(r.personId)?.email ?? null,
    }));
  }

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }
  function requireManager(principal: Principal): UserPrincipal {
    const user = requireUser(principal);
    if (!can(user, 'groups.manage')) throw new ForbiddenError();
    return user;
  }
  /** A member's own records: the coordination unit, the Director, or the member themselves. */
  async function requireRecordReader(
    principal: Principal,
    personId: string,
  ): Promise<UserPrincipal> {
    const user = requireUser(principal);
    if (can(user, 'groups.manage') || can(user, 'groups.director-agreement')) return user;
    if ((await directory.lookups.personIdForUser(db, user.userId)) === personId) return user;
    throw new ForbiddenError();
  }

  async function personOf(executor: Executor, groupId: string, membershipId: string) {
    if (!isUuid(groupId) || !isUuid(membershipId)) throw new NotFoundError();
    const [row] = await executor
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.groupId, groupId)));
    if (!row) throw new NotFoundError();
    return row.personId;
  }

  async function heldClearances(executor: Executor, personId: string) {
    return executor
      .select()
      .from(clearances)
      .where(eq(clearances.personId, personId))
      .orderBy(desc(clearances.grantedOn));
  }
  async function heldExemptions(executor: Executor, personId: string) {
    return executor
      .select()
      .from(accessExemptions)
      .where(eq(accessExemptions.personId, personId))
      .orderBy(desc(accessExemptions.approvedOn));
  }

  return {
    /** Declarations, clearances, exemptions and commendations of the member of a group. */
    async records(principal: Principal, groupId: string, membershipId: string) {
      const personId = await personOf(db, groupId, membershipId);
      const user = await requireRecordReader(principal, personId);
      const today = groups.today();
      const [declared, held, exemptions, commended] = await Promise.all([
        db
          .select()
          .from(declarations)
          .where(eq(declarations.personId, personId))
          .orderBy(desc(declarations.declaredOn), desc(declarations.createdAt))
          .limit(20),
        heldClearances(db, personId),
        heldExemptions(db, personId),
        db
          .select()
          .from(commendations)
          .where(eq(commendations.personId, personId))
          .orderBy(desc(commendations.awardedOn)),
      ]);
      const names = await directory.lookups.organisations(
        db,
        held.map((c) => c.requiredById),
      );
      const consulted = await directory.lookups.people(
        db,
        commended.map((c) => c.consultedPersonId),
      );
      return {
        personId,
        isManager: can(user, 'groups.manage'),
        isSelf: !can(user, 'groups.manage') && !can(user, 'groups.director-agreement'),
        declarations: declared,
        clearances: held.map((c) => ({
          ...c,
          requiredBy: names.get(c.requiredById)?.name ?? 'Unknown',
          inForce: mayWorkAtClearance([c], c.level, today).allowed,
          expiringSoon: clearanceExpiringSoon(c, today),
        })),
        exemptions,
        unescortedAccess: hasUnescortedAccess(exemptions, today),
        commendations: commended.map((c) => ({
          ...c,
          consultedName: consulted.get(c.consultedPersonId)?.fullName ?? 'Unknown',
        })),
      };
    },

    /** IAG-02, IAG-21(g): the member (or the unit for them) declares interests and confirms. */
    async declare(
      principal: Principal,
      groupId: string,
      membershipId: string,
      input: Input,
      requestId?: string,
    ) {
      const personId = await personOf(db, groupId, membershipId);
      const user = requireUser(principal);
      const isSelf = (await directory.lookups.personIdForUser(db, user.userId)) === personId;
      if (!isSelf && !can(user, 'groups.manage')) throw new ForbiddenError();
      const errors: FieldError[] = [];
      const none = input.noInterests === 'yes';
      const interests = text(input.interests);
      if (!none && !interests)
        errors.push({
          field: 'interests',
          message: 'Enter your interests, or say you have none to declare',
        });
      if (none && interests)
        errors.push({
          field: 'interests',
          message: 'Either list your interests or say you have none, not both',
        });
      tooLong(errors, 'interests', 'Interests', interests, 5000);
      const confirmations = checkedValues(input.confirm);
      if (!confirmations.includes('independent'))
        errors.push({
          field: 'confirm',
          message:
            'Confirm independence of the police service, of other advisors and of any body that monitors the police',
        });
      else if (!confirmations.includes('principles'))
        errors.push({
          field: 'confirm',
          message: 'Confirm that the Seven Principles of Public Life will be followed',
        });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(declarations)
          .values({
            personId,
            declaredOn: groups.today(),
            interests: none ? null : interests,
            independenceConfirmed: true,
            principlesConfirmed: true,
            recordedBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'member.declared',
          recordType: 'person',
          recordId: personId,
          after: row,
        });
        return row!;
      });
    },

    /** IAG-29: records a clearance the directorate owning the work required. */
    async addClearance(
      principal: Principal,
      groupId: string,
      membershipId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireManager(principal);
      const personId = await personOf(db, groupId, membershipId);
      const errors: FieldError[] = [];
      const level = text(input.level);
      if (!level || !(CLEARANCE_ORDER as readonly string[]).includes(level))
        errors.push({ field: 'level', message: 'Select the level of clearance' });
      const grantedOn = dateField(input, 'grantedOn', 'the date it was granted', errors);
      const expiresOn = dateField(input, 'expiresOn', 'the date it expires', errors);
      if (grantedOn && expiresOn && expiresOn <= grantedOn)
        errors.push({
          field: 'expiresOn-day',
          message: 'The date it expires must be after the date it was granted',
        });
      const requiredById = text(input.requiredById);
      if (!requiredById || !isUuid(requiredById))
        errors.push({ field: 'requiredById', message: 'Select the directorate that required it' });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const owner = (await directory.lookups.organisations(tx, [requiredById!])).get(
          requiredById!,
        );
        if (!owner || owner.kind !== 'directorate')
          throw new ValidationError([
            { field: 'requiredById', message: 'Select the directorate that required it' },
          ]);
        const [row] = await tx
          .insert(clearances)
          .values({
            personId,
            level: level as ClearanceLevel,
            grantedOn: grantedOn!,
            expiresOn: expiresOn!,
            requiredById: requiredById!,
            recordedBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'member.clearance-recorded',
          recordType: 'person',
          recordId: personId,
          after: row,
        });
        return row!;
      });
    },

    /** IAG-30: an exemption from escorted access, with who approved it. */
    async addExemption(
      principal: Principal,
      groupId: string,
      membershipId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireManager(principal);
      const personId = await personOf(db, groupId, membershipId);
      const errors: FieldError[] = [];
      const approvedBy = text(input.approvedBy);
      if (!approvedBy)
        errors.push({
          field: 'approvedBy',
          message: 'Enter who approved the exemption, and their role',
        });
      tooLong(errors, 'approvedBy', 'Approved by', approvedBy, 200);
      const approvedOn = dateField(input, 'approvedOn', 'the date it was approved', errors);
      const expiresOn = dateField(input, 'expiresOn', 'the date it ends', errors, {
        required: false,
      });
      if (approvedOn && expiresOn && expiresOn <= approvedOn)
        errors.push({
          field: 'expiresOn-day',
          message: 'The date it ends must be after the date it was approved',
        });
      const reason = text(input.reason);
      if (!reason)
        errors.push({ field: 'reason', message: 'Enter the policy that exempts them, or why' });
      tooLong(errors, 'reason', 'Reason', reason, 1000);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(accessExemptions)
          .values({
            personId,
            approvedBy: approvedBy!,
            approvedOn: approvedOn!,
            expiresOn,
            reason: reason!,
            recordedBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'member.access-exemption-recorded',
          recordType: 'person',
          recordId: personId,
          after: row,
        });
        return row!;
      });
    },

    /** IAG-15: recognition of exceptional commitment, made in consultation with the chair. */
    async commend(
      principal: Principal,
      groupId: string,
      membershipId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireManager(principal);
      const personId = await personOf(db, groupId, membershipId);
      const errors: FieldError[] = [];
      const awardedOn = dateField(input, 'awardedOn', 'the date of the recognition', errors);
      const citation = text(input.citation);
      if (!citation)
        errors.push({ field: 'citation', message: 'Enter what the recognition is for' });
      tooLong(errors, 'citation', 'Citation', citation, 2000);
      const consultedPersonId = text(input.consultedPersonId);
      if (!consultedPersonId || !isUuid(consultedPersonId))
        errors.push({ field: 'consultedPersonId', message: 'Select who was consulted' });
      const capacity = text(input.consultedCapacity);
      if (!capacity || !(CONSULTED_CAPACITIES as readonly string[]).includes(capacity))
        errors.push({
          field: 'consultedCapacity',
          message: 'Select the capacity in which they were consulted',
        });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const chairs = await groups.currentChairIds(tx, groupId);
        const refusal = checkCommendationConsultation(
          capacity as (typeof CONSULTED_CAPACITIES)[number],
          chairs.includes(consultedPersonId!),
        );
        if (refusal) throw new ValidationError([{ field: 'consultedPersonId', message: refusal }]);
        const [row] = await tx
          .insert(commendations)
          .values({
            personId,
            groupId,
            awardedOn: awardedOn!,
            citation: citation!,
            consultedPersonId: consultedPersonId!,
            consultedCapacity: capacity as (typeof CONSULTED_CAPACITIES)[number],
            recordedBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'member.commended',
          recordType: 'person',
          recordId: personId,
          after: row,
        });
        return row!;
      });
    },

    /**
     * For other modules (advice deployments): may this person do work needing this clearance on
     * this date (IAG-29), and may they go unescorted (IAG-30)? Whole lists in one query each.
     */
    async clearanceFor(personIds: readonly string[], needed: ClearanceLevel | null, on: string) {
      const ids = [...new Set(personIds)].filter(isUuid);
      if (ids.length === 0) return new Map<string, ReturnType<typeof mayWorkAtClearance>>();
      const rows = await db.select().from(clearances).where(inArray(clearances.personId, ids));
      return new Map(
        ids.map((id) => [
          id,
          mayWorkAtClearance(
            rows.filter((r) => r.personId === id),
            needed,
            on,
          ),
        ]),
      );
    },
    async unescortedAccess(personId: string, on: string): Promise<boolean> {
      if (!isUuid(personId)) return false;
      return hasUnescortedAccess(await heldExemptions(db, personId), on);
    },

    /**
     * IAG-29: clearances in force that expire within 90 days, soonest first. The subqueries name
     * the outer table: drizzle writes a lone column of a one-table select without it, and
     * `m.person_id = "person_id"` would then compare the membership with itself.
     */
    async expiringClearances(principal: Principal) {
      requireManager(principal);
      const today = groups.today();
      const rows = await db
        .select({
          clearance: clearances,
          membershipId: sql<
            string | null
          >`(select m.id from ${memberships} m where m.person_id = ${clearances}.person_id and m.status = 'current' order by m.starts_on desc limit 1)`,
          groupId: sql<
            string | null
          >`(select m.group_id from ${memberships} m where m.person_id = ${clearances}.person_id and m.status = 'current' order by m.starts_on desc limit 1)`,
        })
        .from(clearances)
        .where(
          and(
            isNull(clearances.withdrawnOn),
            sql`${clearances.expiresOn} > ${today}`,
            lte(clearances.expiresOn, addCalendarDays(today, CLEARANCE_WARNING_DAYS)),
          ),
        )
        .orderBy(asc(clearances.expiresOn))
        .limit(500);
      const people = await directory.lookups.people(
        db,
        rows.map((r) => r.clearance.personId),
      );
      return rows.map((r) => ({
        ...r.clearance,
        name: people.get(r.clearance.personId)?.fullName ?? 'Unknown',
        membershipId: r.membershipId,
        groupId: r.groupId,
      }));
    },

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
      const user = requireManager(principal);
      const errors: FieldError[] = [];
      const role = text(input.role);
      if (!role || !(POLICE_ATTENDEE_ROLES as readonly string[]).includes(role))
        errors.push({ field: 'role', message: 'Select which attendee this is' });
      const personId = text(input.personId);
      if (!personId || !isUuid(personId))
        errors.push({ field: 'personId', message: 'Select the person' });
      const rank = text(input.rank);
      if (!rank || !(POLICE_RANKS as readonly string[]).includes(rank))
        errors.push({ field: 'rank', message: 'Select their rank or staff band' });
      if (errors.length) throw new ValidationError(errors);
      const refusal = checkPoliceAttendee(
        role as (typeof POLICE_ATTENDEE_ROLES)[number],
        rank as PoliceRank,
      );
      if (refusal) throw new ValidationError([{ field: 'rank', message: refusal }]);
      return db.transaction(async (tx) => {
        const group = await groups.findGroup(tx, groupId);
        if (!namesPoliceAttendance(group.type))
          throw new ConflictError(
            'Police attendance is named for the corporate IAGs and the corporate focus group (IAG-33)',
            'role',
          );
        const person = (await directory.lookups.people(tx, [personId!])).get(personId!);
        if (!person || person.archived)
          throw new ValidationError([{ field: 'personId', message: 'Select the person' }]);
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

    /** DP-01: a person's own monitoring answers, which only they read back. */
    async ownDiversityAnswers(principal: Principal) {
      const user = requireUser(principal);
      const personId = await directory.lookups.personIdForUser(db, user.userId);
      if (!personId)
        throw new ForbiddenError('Your account is not linked to an entry in the directory');
      const [row] = await db
        .select()
        .from(diversityAnswers)
        .where(eq(diversityAnswers.personId, personId));
      return row ?? null;
    },

    /**
     * DP-01: saves the person's own answers. Every question is optional; the audit event records
     * that answers changed, never what they are.
     */
    async saveOwnDiversityAnswers(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const personId = await directory.lookups.personIdForUser(db, user.userId);
      if (!personId)
        throw new ForbiddenError('Your account is not linked to an entry in the directory');
      const errors: FieldError[] = [];
      const answers = Object.fromEntries(
        (Object.keys(MONITORING_QUESTIONS) as (keyof typeof MONITORING_QUESTIONS)[]).map((q) => {
          const value = text(input[q]);
          if (value && !(MONITORING_QUESTIONS[q] as readonly string[]).includes(value))
            errors.push({
              field: q,
              message: 'Select one of the answers, or leave the question unanswered',
            });
          return [q, value];
        }),
      ) as MonitoringAnswers;
      if (errors.length) throw new ValidationError(errors);
      const erase = input.erase === 'yes';
      await db.transaction(async (tx) => {
        if (erase) await tx.delete(diversityAnswers).where(eq(diversityAnswers.personId, personId));
        else
          await tx
            .insert(diversityAnswers)
            .values({ personId, ...answers, answeredAt: new Date() })
            .onConflictDoUpdate({
              target: diversityAnswers.personId,
              set: { ...answers, answeredAt: new Date() },
            });
        await recordAudit(tx, actorOf(user, requestId), {
          action: erase ? 'diversity-answers.erased' : 'diversity-answers.saved',
          recordType: 'person',
          recordId: personId,
        });
      });
    },

    /**
     * IAG-17, DP-01: which main diversity areas a group has a current member from, as coverage
     * only. How many answered is shown with small numbers suppressed.
     */
    async membershipBalance(principal: Principal, groupId: string) {
      const user = requireUser(principal);
      if (!can(user, 'groups.view-balance')) throw new ForbiddenError();
      const group = await groups.findGroup(db, groupId);
      const rows = await db
        .select({
          ethnicity: diversityAnswers.ethnicity,
          religion: diversityAnswers.religion,
          disability: diversityAnswers.disability,
          sexualOrientation: diversityAnswers.sexualOrientation,
          transHistory: diversityAnswers.transHistory,
          ageBand: diversityAnswers.ageBand,
        })
        .from(memberships)
        .innerJoin(diversityAnswers, eq(diversityAnswers.personId, memberships.personId))
        .where(and(eq(memberships.groupId, groupId), eq(memberships.status, 'current')));
      const [current] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(memberships)
        .where(and(eq(memberships.groupId, groupId), eq(memberships.status, 'current')));
      const covered = new Set(rows.flatMap((r) => diversityAreasOf(r as MonitoringAnswers)));
      return {
        group,
        members: current?.n ?? 0,
        answered: publishableCount(rows.length),
        areas: DIVERSITY_AREAS.map((area) => ({
          area,
          label: DIVERSITY_AREA_LABELS[area],
          covered: covered.has(area),
        })),
      };
    },

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
      const user = requireManager(principal);
      const errors: FieldError[] = [];
      const body = text(input.body);
      if (!body) errors.push({ field: 'body', message: 'Enter the text of the guide' });
      tooLong(errors, 'body', 'Guide', body, 100_000);
      const changeSummary = text(input.changeSummary);
      tooLong(errors, 'changeSummary', 'What changed', changeSummary, 500);
      const agreedOn = dateField(
        input,
        'agreedOn',
        'the date this version was agreed with the chairs',
        errors,
      );
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
            body: body!,
            changeSummary,
            agreedOn: agreedOn!,
            createdBy: user.userId,
          })
          .returning();
        const reviewDue = guideReviewDue(agreedOn!);
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
