/**
 * What is kept about each advisor beyond their appointments: declarations (IAG-02, IAG-21g),
 * vetting and access (IAG-29, IAG-30), recognition (IAG-15), and, for each corporate IAG, the
 * police who attend (IAG-33) and the guides every group works to (IAG-24).
 */
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { addCalendarDays } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { DirectoryService } from '../../directory/index.js';
import {
  CLEARANCE_ORDER,
  CLEARANCE_WARNING_DAYS,
  clearanceExpiringSoon,
  hasUnescortedAccess,
  mayWorkAtClearance,
  type ClearanceLevel,
} from '../rules.js';
import { checkCommendationConsultation } from './rules.js';
import {
  accessExemptions,
  clearances,
  commendations,
  CONSULTED_CAPACITIES,
  declarations,
  memberships,
} from '../schema.js';
import type { GroupsService } from '../service.js';
import { checkedValues, dateField, text, tooLong } from '../validation.js';
import { requireAction, requireUser, type Input } from '../access.js';

export type MemberRecordsService = ReturnType<typeof createMemberRecordsService>;

export function createMemberRecordsService(deps: {
  db: Db;
  groups: GroupsService;
  directory: DirectoryService;
  /** The default language's messages, for field errors. */
  t: Translate;
}) {
  const { db, groups, directory, t } = deps;

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

  /** For the coordination unit's records about a member: who records, and about whom. */
  async function managedMember(principal: Principal, groupId: string, membershipId: string) {
    const user = requireAction(principal, 'groups.manage');
    return { user, personId: await personOf(db, groupId, membershipId) };
  }

  /** A record made about a person, audited as made by `user`. */
  async function recorded<R>(
    tx: Executor,
    user: UserPrincipal,
    requestId: string | undefined,
    personId: string,
    action: string,
    row: R,
  ): Promise<R> {
    await recordAudit(tx, actorOf(user, requestId), {
      action,
      recordType: 'person',
      recordId: personId,
      after: row,
    });
    return row;
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
          requiredBy: names.get(c.requiredById)?.name ?? t('groups:memberRecords.unknown'),
          inForce: mayWorkAtClearance([c], c.level, today).allowed,
          expiringSoon: clearanceExpiringSoon(c, today),
        })),
        exemptions,
        unescortedAccess: hasUnescortedAccess(exemptions, today),
        commendations: commended.map((c) => ({
          ...c,
          consultedName:
            consulted.get(c.consultedPersonId)?.fullName ?? t('groups:memberRecords.unknown'),
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
          message: t('groups:memberRecords.errors.interests'),
        });
      if (none && interests)
        errors.push({
          field: 'interests',
          message: t('groups:memberRecords.errors.interestsAndNone'),
        });
      tooLong(
        t,
        errors,
        'interests',
        t('groups:memberRecords.declaration.interests'),
        interests,
        5000,
      );
      const confirmations = checkedValues(input.confirm);
      if (!confirmations.includes('independent'))
        errors.push({
          field: 'confirm',
          message: t('groups:memberRecords.errors.independent'),
        });
      else if (!confirmations.includes('principles'))
        errors.push({ field: 'confirm', message: t('groups:memberRecords.errors.principles') });
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
        return recorded(tx, user, requestId, personId, 'member.declared', row!);
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
      const { user, personId } = await managedMember(principal, groupId, membershipId);
      const errors: FieldError[] = [];
      const level = text(input.level);
      if (!level || !(CLEARANCE_ORDER as readonly string[]).includes(level))
        errors.push({ field: 'level', message: t('groups:memberRecords.errors.level') });
      const grantedOn = dateField(
        t,
        input,
        'grantedOn',
        t('groups:memberRecords.errors.grantedOn'),
        errors,
      );
      const expiresOn = dateField(
        t,
        input,
        'expiresOn',
        t('groups:memberRecords.errors.clearanceExpiresOn'),
        errors,
      );
      if (grantedOn && expiresOn && expiresOn <= grantedOn)
        errors.push({
          field: 'expiresOn-day',
          message: t('groups:memberRecords.errors.expiresBeforeGranted'),
        });
      const requiredById = text(input.requiredById);
      const noDirectorate = {
        field: 'requiredById',
        message: t('groups:memberRecords.errors.requiredBy'),
      };
      if (!requiredById || !isUuid(requiredById)) errors.push(noDirectorate);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const owner = (await directory.lookups.organisations(tx, [requiredById!])).get(
          requiredById!,
        );
        if (!owner || owner.kind !== 'directorate') throw new ValidationError([noDirectorate]);
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
        return recorded(tx, user, requestId, personId, 'member.clearance-recorded', row!);
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
      const { user, personId } = await managedMember(principal, groupId, membershipId);
      const errors: FieldError[] = [];
      const approvedBy = text(input.approvedBy);
      if (!approvedBy)
        errors.push({
          field: 'approvedBy',
          message: t('groups:memberRecords.errors.approvedBy'),
        });
      tooLong(
        t,
        errors,
        'approvedBy',
        t('groups:memberRecords.exemption.approvedBy'),
        approvedBy,
        200,
      );
      const approvedOn = dateField(
        t,
        input,
        'approvedOn',
        t('groups:memberRecords.errors.approvedOn'),
        errors,
      );
      const expiresOn = dateField(
        t,
        input,
        'expiresOn',
        t('groups:memberRecords.errors.exemptionExpiresOn'),
        errors,
        { required: false },
      );
      if (approvedOn && expiresOn && expiresOn <= approvedOn)
        errors.push({
          field: 'expiresOn-day',
          message: t('groups:memberRecords.errors.endsBeforeApproved'),
        });
      const reason = text(input.reason);
      if (!reason)
        errors.push({ field: 'reason', message: t('groups:memberRecords.errors.reason') });
      tooLong(t, errors, 'reason', t('groups:memberRecords.errors.reasonName'), reason, 1000);
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
        return recorded(tx, user, requestId, personId, 'member.access-exemption-recorded', row!);
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
      const { user, personId } = await managedMember(principal, groupId, membershipId);
      const errors: FieldError[] = [];
      const awardedOn = dateField(
        t,
        input,
        'awardedOn',
        t('groups:memberRecords.errors.awardedOn'),
        errors,
      );
      const citation = text(input.citation);
      if (!citation)
        errors.push({ field: 'citation', message: t('groups:memberRecords.errors.citation') });
      tooLong(t, errors, 'citation', t('groups:memberRecords.errors.citationName'), citation, 2000);
      const consultedPersonId = text(input.consultedPersonId);
      if (!consultedPersonId || !isUuid(consultedPersonId))
        errors.push({
          field: 'consultedPersonId',
          message: t('groups:memberRecords.commendation.selectConsulted'),
        });
      const capacity = text(input.consultedCapacity);
      if (!capacity || !(CONSULTED_CAPACITIES as readonly string[]).includes(capacity))
        errors.push({
          field: 'consultedCapacity',
          message: t('groups:memberRecords.errors.capacity'),
        });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const chairs = await groups.currentChairIds(tx, groupId);
        const refusal = checkCommendationConsultation(
          capacity as (typeof CONSULTED_CAPACITIES)[number],
          chairs.includes(consultedPersonId!),
        );
        if (refusal)
          throw new ValidationError([{ field: 'consultedPersonId', message: t(refusal) }]);
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
        return recorded(tx, user, requestId, personId, 'member.commended', row!);
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
      requireAction(principal, 'groups.manage');
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
        name: people.get(r.clearance.personId)?.fullName ?? t('groups:memberRecords.unknown'),
        membershipId: r.membershipId,
        groupId: r.groupId,
      }));
    },
  };
}
