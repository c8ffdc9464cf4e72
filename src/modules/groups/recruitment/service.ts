/**
 * Recruitment of advisors (IAG-16, IAG-17, IAG-20): rounds, public applications, the joint
 * panel's assessment and the Director's decision, which creates the appointment. Applicants'
 * personal details are seen only by the round's panel and the coordination unit; the Director
 * sees the name and the panel's assessment, which is what the decision rests on.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { findUserIdByEmail } from '../../../platform/auth/users-service.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryService } from '../../directory/index.js';
import { checkAgeAtDecision, checkRecruitmentInterval } from './rules.js';
import { advisoryGroups, applications, recruitmentPanel, recruitmentRounds } from '../schema.js';
import type { GroupsService } from '../service.js';
import { dateField, text, tooLong } from '../validation.js';
import { say } from '../../../platform/i18n/said.js';
import { formatDate } from '../../../platform/i18n/dates.js';

type Input = Record<string, string | string[] | undefined>;

export type Round = typeof recruitmentRounds.$inferSelect;
export type RecruitmentService = ReturnType<typeof createRecruitmentService>;

export function createRecruitmentService(deps: {
  db: Db;
  groups: GroupsService;
  directory: DirectoryService;
  mail: MailService;
  publicUrl: string;
  /** The default language's messages: refusals and e-mails are written without a request. */
  t: Translate;
  now?: () => Date;
}) {
  const { db, groups, t } = deps;
  const now = deps.now ?? (() => new Date());

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }

  async function findRound(groupId: string, roundId: string): Promise<Round> {
    if (!isUuid(groupId) || !isUuid(roundId)) throw new NotFoundError();
    const [round] = await db
      .select()
      .from(recruitmentRounds)
      .where(and(eq(recruitmentRounds.id, roundId), eq(recruitmentRounds.groupId, groupId)));
    if (!round) throw new NotFoundError();
    return round;
  }

  /** 'full' for the round's panel and the coordination unit; 'decision' for the Director. */
  async function accessTo(user: UserPrincipal, roundId: string): Promise<'full' | 'decision'> {
    if (can(user, 'groups.manage')) return 'full';
    const [member] = await db
      .select({ userId: recruitmentPanel.userId })
      .from(recruitmentPanel)
      .where(and(eq(recruitmentPanel.roundId, roundId), eq(recruitmentPanel.userId, user.userId)));
    if (member) return 'full';
    if (can(user, 'groups.director-agreement')) return 'decision';
    throw new ForbiddenError();
  }

  /** A round's application, locked until the transaction ends: one decision at a time. */
  async function lockApplication(tx: Executor, roundId: string, applicationId: string) {
    const [application] = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.id, applicationId), eq(applications.roundId, roundId)))
      .for('update');
    if (!application) throw new NotFoundError();
    return application;
  }

  function roundState(round: Round, today: string): 'upcoming' | 'open' | 'closed' {
    return today < round.opensOn ? 'upcoming' : today <= round.closesOn ? 'open' : 'closed';
  }

  return {
    /** The rounds a group has run, for those who manage groups, the Director, and panels. */
    async rounds(principal: Principal, groupId: string) {
      const user = requireUser(principal);
      if (!can(user, 'group.view', { type: 'group', id: groupId })) throw new ForbiddenError();
      const group = await groups.findGroup(db, groupId);
      const rows = await db
        .select({
          round: recruitmentRounds,
          applications: db.$count(applications, eq(applications.roundId, recruitmentRounds.id)),
        })
        .from(recruitmentRounds)
        .where(eq(recruitmentRounds.groupId, groupId))
        .orderBy(desc(recruitmentRounds.opensOn))
        .limit(50);
      const today = groups.today();
      return {
        group,
        rounds: rows.map((r) => ({
          ...r.round,
          applications: r.applications,
          state: roundState(r.round, today),
        })),
        canOpen: can(user, 'groups.manage'),
      };
    },

    /**
     * Opens a round (IAG-16): its dates, target audiences (IAG-17) and joint panel. A corporate
     * IAG may open one in any 12 months (IAG-20); opening one tells every borough commander.
     */
    async openRound(principal: Principal, groupId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      if (!can(user, 'groups.manage')) throw new ForbiddenError();
      const errors: FieldError[] = [];
      const opensOn = dateField(
        t,
        input,
        'opensOn',
        t('groups:recruitment.errors.opensOn'),
        errors,
      );
      const closesOn = dateField(
        t,
        input,
        'closesOn',
        t('groups:recruitment.errors.closesOn'),
        errors,
      );
      const appointmentDate = dateField(
        t,
        input,
        'appointmentDate',
        t('groups:recruitment.errors.appointmentDate'),
        errors,
      );
      if (opensOn && closesOn && closesOn < opensOn)
        errors.push({
          field: 'closesOn-day',
          message: t('groups:recruitment.errors.closesBeforeOpens'),
        });
      if (closesOn && appointmentDate && appointmentDate < closesOn)
        errors.push({
          field: 'appointmentDate-day',
          message: t('groups:recruitment.errors.appointmentsBeforeClose'),
        });
      const targetAudiences = text(input.targetAudiences);
      if (!targetAudiences)
        errors.push({
          field: 'targetAudiences',
          message: t('groups:recruitment.errors.targetAudiences'),
        });
      tooLong(
        t,
        errors,
        'targetAudiences',
        t('groups:recruitment.round.targetAudiences'),
        targetAudiences,
        2000,
      );
      const panelEmails = [
        ...new Set(
          (text(input.panel) ?? '')
            .split(/[\s,;]+/)
            .map((e) => e.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      if (panelEmails.length === 0)
        errors.push({
          field: 'panel',
          message: t('groups:recruitment.errors.panel'),
        });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const group = await groups.findGroup(tx, groupId);
        const panelIds: string[] = [];
        const unknown: string[] = [];
        for (const email of panelEmails) {
          const id = await findUserIdByEmail(tx, email);
          if (id) panelIds.push(id);
          else unknown.push(email);
        }
        if (unknown.length)
          throw new ValidationError([
            {
              field: 'panel',
              message: t('groups:recruitment.errors.panelUnknown', {
                addresses: unknown.join(', '),
              }),
            },
          ]);
        // IAG-20 must hold when several people open a round at once (issue 21 item 11): the
        // group's row is locked until this transaction ends, so each waits for the one before
        // and then reads the rounds it has committed.
        await tx
          .select({ id: advisoryGroups.id })
          .from(advisoryGroups)
          .where(eq(advisoryGroups.id, groupId))
          .for('update');
        const earlier = await tx
          .select({ opensOn: recruitmentRounds.opensOn, closesOn: recruitmentRounds.closesOn })
          .from(recruitmentRounds)
          .where(eq(recruitmentRounds.groupId, groupId));
        const interval = checkRecruitmentInterval(
          group.type,
          { opensOn: opensOn!, closesOn: closesOn! },
          earlier,
        );
        if (interval) throw new ConflictError(say(t, interval), 'opensOn-day');
        const [round] = await tx
          .insert(recruitmentRounds)
          .values({
            groupId,
            opensOn: opensOn!,
            closesOn: closesOn!,
            appointmentDate: appointmentDate!,
            targetAudiences: targetAudiences!,
            createdBy: user.userId,
          })
          .returning();
        await tx
          .insert(recruitmentPanel)
          .values(panelIds.map((userId) => ({ roundId: round!.id, userId })));
        // IAG-17: borough commanders are told of a corporate recruitment, to bring it to local communities.
        const told: string[] = [];
        const noCommander: string[] = [];
        if (group.type === 'corporate_iag') {
          for (const b of await deps.directory.lookups.boroughCommanders(tx)) {
            if (b.commanders.length === 0) noCommander.push(b.borough);
            for (const c of b.commanders) {
              await deps.mail.queue(tx, {
                to: c.email!,
                subject: t('groups:recruitment.mail.opened.subject', { group: group.name }),
                text: t('groups:recruitment.mail.opened.text', {
                  name: c.fullName,
                  group: group.name,
                  opensOn: formatDate(t, opensOn!),
                  closesOn: formatDate(t, closesOn!),
                  audiences: targetAudiences,
                  address: `${deps.publicUrl}/advisory-groups/${groupId}/apply`,
                }),
              });
              told.push(c.email!);
            }
          }
        }
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'recruitment.opened',
          recordType: 'recruitment-round',
          recordId: round!.id,
          after: {
            ...round,
            panel: panelIds,
            boroughCommandersTold: told.length,
            boroughsWithoutCommander: noCommander,
          },
        });
        return { round: round!, told: told.length, noCommander };
      });
    },

    async round(principal: Principal, groupId: string, roundId: string) {
      const user = requireUser(principal);
      const round = await findRound(groupId, roundId);
      const access = await accessTo(user, roundId);
      const group = await groups.findGroup(db, groupId);
      const [rows, panel] = await Promise.all([
        db
          .select({
            id: applications.id,
            fullName: applications.fullName,
            email: applications.email,
            status: applications.status,
            submittedAt: applications.submittedAt,
            assessment: applications.assessment,
          })
          .from(applications)
          .where(eq(applications.roundId, roundId))
          .orderBy(asc(applications.submittedAt))
          .limit(500),
        db
          .select({ userId: recruitmentPanel.userId })
          .from(recruitmentPanel)
          .where(eq(recruitmentPanel.roundId, roundId)),
      ]);
      return {
        group,
        round,
        state: roundState(round, groups.today()),
        access,
        panelSize: panel.length,
        applications: rows.map((a) => (access === 'full' ? a : { ...a, email: null })),
      };
    },

    async application(
      principal: Principal,
      groupId: string,
      roundId: string,
      applicationId: string,
    ) {
      const user = requireUser(principal);
      const round = await findRound(groupId, roundId);
      const access = await accessTo(user, roundId);
      if (!isUuid(applicationId)) throw new NotFoundError();
      const [row] = await db
        .select()
        .from(applications)
        .where(and(eq(applications.id, applicationId), eq(applications.roundId, roundId)));
      if (!row) throw new NotFoundError();
      const group = await groups.findGroup(db, groupId);
      const shown =
        access === 'full'
          ? row
          : {
              ...row,
              email: null,
              phone: null,
              dateOfBirth: null,
              communities: null,
              statement: null,
            };
      return {
        group,
        round,
        access,
        application: shown,
        canAssess:
          access === 'full' && ['submitted', 'recommended', 'not_recommended'].includes(row.status),
        canDecide:
          can(user, 'groups.director-agreement') &&
          ['recommended', 'not_recommended'].includes(row.status),
      };
    },

    /** IAG-16: the joint panel records its assessment and recommendation. */
    async assess(
      principal: Principal,
      groupId: string,
      roundId: string,
      applicationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      await findRound(groupId, roundId);
      if ((await accessTo(user, roundId)) !== 'full') throw new ForbiddenError();
      const errors: FieldError[] = [];
      const recommendation = text(input.recommendation);
      if (recommendation !== 'recommended' && recommendation !== 'not_recommended')
        errors.push({
          field: 'recommendation',
          message: t('groups:recruitment.errors.recommendation'),
        });
      const assessment = text(input.assessment);
      if (!assessment)
        errors.push({ field: 'assessment', message: t('groups:recruitment.errors.assessment') });
      tooLong(t, errors, 'assessment', t('groups:recruitment.assess.assessment'), assessment, 5000);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const { status } = await lockApplication(tx, roundId, applicationId);
        const before = { status };
        if (status === 'accepted' || status === 'declined')
          throw new ConflictError(
            t('groups:recruitment.errors.assessedAfterDecision'),
            'recommendation',
          );
        await tx
          .update(applications)
          .set({
            status: recommendation as 'recommended' | 'not_recommended',
            assessment,
            assessedBy: user.userId,
            assessedAt: now(),
          })
          .where(eq(applications.id, applicationId));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'application.assessed',
          recordType: 'application',
          recordId: applicationId,
          before,
          after: { status: recommendation },
        });
      });
    },

    /**
     * IAG-16: the Director accepts or declines. Acceptance creates the first-term appointment
     * from the round's appointment date; the applicant is told either way.
     */
    async decide(
      principal: Principal,
      groupId: string,
      roundId: string,
      applicationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      if (!can(user, 'groups.director-agreement')) throw new ForbiddenError();
      const round = await findRound(groupId, roundId);
      const decision = text(input.decision);
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (decision !== 'accept' && decision !== 'decline')
        errors.push({ field: 'decision', message: t('groups:recruitment.errors.decision') });
      if (decision === 'decline' && !reason)
        errors.push({ field: 'reason', message: t('groups:recruitment.errors.reason') });
      tooLong(t, errors, 'reason', t('groups:recruitment.decide.reason'), reason, 2000);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const application = await lockApplication(tx, roundId, applicationId);
        if (application.status === 'accepted' || application.status === 'declined')
          throw new ConflictError(t('groups:recruitment.errors.decided'), 'decision');
        if (application.status === 'submitted')
          throw new ConflictError(t('groups:recruitment.errors.notAssessed'), 'decision');
        if (decision === 'accept' && application.status !== 'recommended')
          throw new ConflictError(t('groups:recruitment.errors.notRecommended'), 'decision');
        const group = await groups.findGroup(tx, groupId);
        const today = groups.today();
        const startsOn = round.appointmentDate > today ? round.appointmentDate : today;
        let membershipId: string | null = null;
        if (decision === 'accept') {
          const tooOld = checkAgeAtDecision(group, application, startsOn);
          if (tooOld) throw new ConflictError(say(t, tooOld), 'decision');
          const { ids } = await deps.directory.lookups.findOrAddPeople(tx, [
            { fullName: application.fullName, email: application.email.toLowerCase() },
          ]);
          const membership = await groups.appointFirstTerm(tx, {
            groupId,
            personId: ids[0]!,
            startsOn,
            publishName: false,
          });
          membershipId = membership.id;
        }
        await tx
          .update(applications)
          .set({
            status: decision === 'accept' ? 'accepted' : 'declined',
            decisionReason: reason,
            decidedBy: user.userId,
            decidedAt: now(),
            membershipId,
          })
          .where(eq(applications.id, applicationId));
        await deps.mail.queue(tx, {
          to: application.email,
          subject: t('groups:recruitment.mail.decided.subject', { group: group.name }),
          text: t(
            decision === 'accept'
              ? 'groups:recruitment.mail.decided.accepted'
              : 'groups:recruitment.mail.decided.declined',
            {
              name: application.fullName,
              group: group.name,
              startsOn: formatDate(t, startsOn),
              reason,
            },
          ),
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: decision === 'accept' ? 'application.accepted' : 'application.declined',
          recordType: 'application',
          recordId: applicationId,
          before: { status: application.status },
          after: { status: decision === 'accept' ? 'accepted' : 'declined', membershipId, reason },
        });
        return { membershipId };
      });
    },
  };
}
