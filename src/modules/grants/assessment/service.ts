/**
 * CON-04: assessment. The authority's officers ask staff to assess a submitted application; each
 * assessor scores it against its round's weighted criteria (as they were when it was submitted:
 * see funds/round-criteria.ts), saving as they go and then sending
 * their scores, or declares a conflict of interest, which removes them (their scores, if any, are
 * deleted and never counted).
 */
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { accountName, accountsHolding, displayNameOf } from '../../../platform/auth/accounts.js';
import { GRANT_ASSESSOR_ROLES, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusal } from '../../../platform/i18n/said.js';
import {
  grantApplications,
  grantAssessments,
  grantFunds,
  grantRounds,
  grantScores,
} from '../schema.js';
import { loadRoles } from '../../../platform/auth/credentials.js';
import type { DirectoryApi } from '../../directory/index.js';
import { mayActForApplicant } from '../monitoring/rules.js';
import { criteriaOfRound } from '../funds/round-criteria.js';
import { contentOf, findApplication } from '../application-records.js';
import { validateConflict, validateScores, weightedScore, type AssessmentScores } from './rules.js';

type Input = Record<string, string | string[] | undefined>;

/**
 * Whether the account acts for the application's applicant: holds the engagement group's officer
 * role, the borough's partnership officer role, or belongs to the organisation in the directory.
 */
async function actsForApplicant(
  executor: Executor,
  directory: DirectoryApi,
  userId: string,
  application: {
    applicantKind: string;
    engagementGroupId: string | null;
    organisationId: string | null;
  },
) {
  const roles = await loadRoles(executor, userId);
  const person = await directory.directory.lookups.personOfUser(executor, userId);
  return mayActForApplicant(
    { kind: 'user', userId, displayName: '', email: '', roles },
    application,
    person?.organisationId,
  );
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;

export function createAssessmentService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, now, t } = deps;

  /** Every assessment of the application, with its assessor's name and scores. */
  async function assessmentsOf(executor: Executor, applicationId: string) {
    const rows = await executor
      .select({
        id: grantAssessments.id,
        assessorId: grantAssessments.assessorId,
        assessor: accountName(grantAssessments.assessorId),
        conflictDeclaredAt: grantAssessments.conflictDeclaredAt,
        conflictNote: grantAssessments.conflictNote,
        comments: grantAssessments.comments,
        submittedAt: grantAssessments.submittedAt,
        version: grantAssessments.version,
      })
      .from(grantAssessments)
      .where(eq(grantAssessments.applicationId, applicationId))
      .orderBy(asc(grantAssessments.createdAt), asc(grantAssessments.id));
    const scores = rows.length
      ? await executor
          .select({
            assessmentId: grantScores.assessmentId,
            criterionId: grantScores.criterionId,
            score: grantScores.score,
            comment: grantScores.comment,
          })
          .from(grantScores)
          .innerJoin(grantAssessments, eq(grantAssessments.id, grantScores.assessmentId))
          .where(eq(grantAssessments.applicationId, applicationId))
      : [];
    return rows.map((row) => ({
      ...row,
      assessor: row.assessor ?? '',
      scores: scores.filter((s) => s.assessmentId === row.id),
    }));
  }

  /** The weighted result over the assessments (CON-04), as the panel reads it. */
  async function resultOf(
    executor: Executor,
    applicationId: string,
    round: Parameters<typeof criteriaOfRound>[1],
  ) {
    const [criteria, assessments] = await Promise.all([
      criteriaOfRound(executor, round),
      assessmentsOf(executor, applicationId),
    ]);
    const forRule: AssessmentScores[] = assessments.map((a) => ({
      conflicted: a.conflictDeclaredAt !== null,
      submitted: a.submittedAt !== null,
      scores: new Map(a.scores.map((s) => [s.criterionId, s.score])),
    }));
    return { criteria, assessments, result: weightedScore(criteria, forRule) };
  }

  /** The person's own assessment of the application: not found unless they were asked. */
  async function ownAssessment(executor: Executor, user: UserPrincipal, applicationId: string) {
    if (!isUuid(applicationId)) throw new NotFoundError();
    const [row] = await executor
      .select()
      .from(grantAssessments)
      .where(
        and(
          eq(grantAssessments.applicationId, applicationId),
          eq(grantAssessments.assessorId, user.userId),
        ),
      );
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    resultOf,

    /** The assessors of an application and the weighted result, for the grants' officers. */
    async assessors(principal: Principal, applicationId: string) {
      requireUser(principal, 'grants.manage');
      const found = await findApplication(db, applicationId);
      // An application never submitted is the applicant's own.
      if (!found.application.submittedAt) throw new NotFoundError();
      const { criteria, assessments, result } = await resultOf(db, applicationId, found.round);
      const taken = new Set(assessments.map((a) => a.assessorId));
      const candidates = (await accountsHolding(db, GRANT_ASSESSOR_ROLES)).filter(
        (u) => !taken.has(u.id),
      );
      return { ...found, criteria, assessments, result, candidates, canManage: true };
    },

    /** CON-04: an officer asks a member of staff to assess a submitted application. */
    async addAssessor(
      principal: Principal,
      applicationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'grants.manage');
      const assessorId = typeof input.assessorId === 'string' ? input.assessorId : '';
      return db.transaction(async (tx) => {
        const { application } = await findApplication(tx, applicationId, true);
        if (application.status !== 'submitted')
          throw new ConflictError(t('grants:assessment.errors.notOpenForAssessment'), 'assessorId');
        const eligible = isUuid(assessorId)
          ? (await accountsHolding(tx, GRANT_ASSESSOR_ROLES, { only: assessorId }))[0]
          : undefined;
        if (!eligible) throw refusal(t, 'assessorId', 'grants:assessment.errors.assessorMissing');
        // CON-04: nobody assesses an application made by what they act for.
        if (await actsForApplicant(tx, directory, assessorId, application))
          throw refusal(t, 'assessorId', 'grants:assessment.errors.assessorIsApplicant');
        const [made] = await tx
          .insert(grantAssessments)
          .values({ applicationId, assessorId, assignedBy: user.userId })
          .onConflictDoNothing()
          .returning();
        if (!made) throw refusal(t, 'assessorId', 'grants:assessment.errors.alreadyAssessor');
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-assessment.assigned',
          recordType: 'grant-application',
          recordId: applicationId,
          after: { assessmentId: made.id, assessorId },
        });
        return { ...made, assessor: eligible.displayName };
      });
    },

    /** An assessor not yet sent is taken off (asked by mistake, or away). */
    async removeAssessor(
      principal: Principal,
      applicationId: string,
      assessmentId: string,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'grants.manage');
      if (!isUuid(assessmentId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const { application } = await findApplication(tx, applicationId, true);
        if (application.status !== 'submitted')
          throw new ConflictError(t('grants:assessment.errors.decided'));
        const [removed] = await tx
          .delete(grantAssessments)
          .where(
            and(
              eq(grantAssessments.id, assessmentId),
              eq(grantAssessments.applicationId, applicationId),
              isNull(grantAssessments.submittedAt),
              // A declared conflict stays on the record.
              isNull(grantAssessments.conflictDeclaredAt),
            ),
          )
          .returning();
        if (!removed) throw new ConflictError(t('grants:assessment.errors.cannotRemove'));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-assessment.removed',
          recordType: 'grant-application',
          recordId: applicationId,
          before: removed,
        });
        return { assessor: await displayNameOf(tx, removed.assessorId) };
      });
    },

    /** The applications the person was asked to assess, newest first, a page at a time. */
    async yourAssessments(principal: Principal, page: PageRequest) {
      const user = requireUser(principal, 'grants.assess');
      const mine = eq(grantAssessments.assessorId, user.userId);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            applicationId: grantApplications.id,
            reference: grantApplications.reference,
            projectTitle: grantApplications.projectTitle,
            applicantName: grantApplications.applicantName,
            status: grantApplications.status,
            round: grantRounds.title,
            fund: grantFunds.name,
            conflictDeclaredAt: grantAssessments.conflictDeclaredAt,
            submittedAt: grantAssessments.submittedAt,
          })
          .from(grantAssessments)
          .innerJoin(grantApplications, eq(grantApplications.id, grantAssessments.applicationId))
          .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
          .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
          .where(mine)
          .orderBy(
            sql`${grantAssessments.submittedAt} is not null`,
            desc(grantAssessments.createdAt),
            asc(grantAssessments.id),
          )
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(grantAssessments).where(mine),
      ]);
      return { items: rows, total: Number(total?.n ?? 0) };
    },

    /** How many applications the person has still to score (for their home page). */
    async toScore(user: UserPrincipal) {
      const [row] = await db
        .select({ n: count() })
        .from(grantAssessments)
        .innerJoin(grantApplications, eq(grantApplications.id, grantAssessments.applicationId))
        .where(
          and(
            eq(grantAssessments.assessorId, user.userId),
            isNull(grantAssessments.submittedAt),
            isNull(grantAssessments.conflictDeclaredAt),
            eq(grantApplications.status, 'submitted'),
          ),
        );
      return Number(row?.n ?? 0);
    },

    /** The scoring form: the application as submitted, the criteria, the assessor's scores. */
    async scoring(principal: Principal, applicationId: string) {
      const user = requireUser(principal, 'grants.assess');
      const own = await ownAssessment(db, user, applicationId);
      const found = await findApplication(db, applicationId);
      const [criteria, content, scores] = await Promise.all([
        criteriaOfRound(db, found.round),
        contentOf(db, applicationId),
        db.select().from(grantScores).where(eq(grantScores.assessmentId, own.id)),
      ]);
      return { ...found, ...content, criteria, assessment: own, scores };
    },

    /**
     * CON-04: the assessor's scores, saved part-way or sent (`input.send`). Once the panel has
     * decided, or a conflict was declared, nothing more is taken.
     */
    async saveScores(
      principal: Principal,
      applicationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'grants.assess');
      const send = input.send === 'yes';
      return db.transaction(async (tx) => {
        const { application, round } = await findApplication(tx, applicationId, true);
        const own = await ownAssessment(tx, user, applicationId);
        if (own.conflictDeclaredAt)
          throw new ConflictError(t('grants:assessment.errors.conflicted'));
        if (application.status !== 'submitted')
          throw new ConflictError(t('grants:assessment.errors.decided'));
        const criteria = await criteriaOfRound(tx, round);
        // Once sent, every criterion keeps a score, whichever button saves it.
        const { refusals, value } = validateScores(
          input,
          criteria,
          send || own.submittedAt !== null,
        );
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        await tx.delete(grantScores).where(eq(grantScores.assessmentId, own.id));
        const typed = value.scores.filter((s) => s.score !== null);
        if (typed.length)
          await tx.insert(grantScores).values(
            typed.map((s) => ({
              assessmentId: own.id,
              criterionId: s.criterionId,
              score: s.score!,
              comment: s.comment,
            })),
          );
        const [saved] = await tx
          .update(grantAssessments)
          .set({
            comments: value.comments,
            submittedAt: send ? (own.submittedAt ?? now()) : own.submittedAt,
            version: sql`${grantAssessments.version} + 1`,
            updatedAt: now(),
          })
          .where(eq(grantAssessments.id, own.id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: send ? 'grant-assessment.sent' : 'grant-assessment.saved',
          recordType: 'grant-application',
          recordId: applicationId,
          before: own,
          after: { ...saved, scores: typed },
        });
        return { ...saved!, sent: send, reference: application.reference };
      });
    },

    /**
     * CON-04: an assessor declares a conflict of interest and is removed: any scores they gave
     * are deleted, and they are never counted. Not after the panel has decided.
     */
    async declareConflict(
      principal: Principal,
      applicationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'grants.assess');
      const { refusals, note } = validateConflict(input);
      if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
      return db.transaction(async (tx) => {
        const { application } = await findApplication(tx, applicationId, true);
        const own = await ownAssessment(tx, user, applicationId);
        if (application.status !== 'submitted')
          throw new ConflictError(t('grants:assessment.errors.decided'), 'note');
        if (own.conflictDeclaredAt)
          throw new ConflictError(t('grants:assessment.errors.conflicted'), 'note');
        await tx.delete(grantScores).where(eq(grantScores.assessmentId, own.id));
        const [saved] = await tx
          .update(grantAssessments)
          .set({
            conflictDeclaredAt: now(),
            conflictNote: note,
            submittedAt: null,
            comments: null,
            version: sql`${grantAssessments.version} + 1`,
            updatedAt: now(),
          })
          .where(eq(grantAssessments.id, own.id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-assessment.conflict-declared',
          recordType: 'grant-application',
          recordId: applicationId,
          before: own,
          after: saved,
        });
        return { ...saved!, reference: application.reference };
      });
    },
  };
}
