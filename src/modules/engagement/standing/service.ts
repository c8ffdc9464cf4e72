/**
 * CON-04: the minimum standards, and each group's standing against them. The authority's officers
 * add and retire standards and assess groups (`engagement.manage`); a new assessment adds a row,
 * so the history is kept, and the latest counts.
 */
import { and, asc, desc, eq, isNull, max, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { users } from '../../../platform/auth/schema.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { isUniqueViolation, type Db, type Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusal } from '../../../platform/i18n/said.js';
import { mayViewGroup } from '../access.js';
import { findGroup } from '../read.js';
import {
  latestAssessments,
  standingSummary,
  validateAssessment,
  validateStandard,
  type Standing,
} from '../rules.js';
import { engagementAssessments, engagementStandards } from '../schema.js';

export type StandingService = ReturnType<typeof createStandingService>;
type Input = Record<string, string | string[] | undefined>;

export function createStandingService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;
  const today = () => todayInLondon(now());
  // Not about a field of the form (and a retired standard's page has no Retire button).
  const retired = () => new ConflictError(t('engagement:errors.standardRetired'));

  async function findStandard(executor: Executor, id: string) {
    const [row] = isUuid(id)
      ? await executor.select().from(engagementStandards).where(eq(engagementStandards.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  const assessmentColumns = {
    id: engagementAssessments.id,
    standardId: engagementAssessments.standardId,
    standing: sql<Standing>`${engagementAssessments.standing}`,
    evidence: engagementAssessments.evidence,
    assessedOn: engagementAssessments.assessedOn,
    createdAt: engagementAssessments.createdAt,
    assessor: users.displayName,
  };

  return {
    /** CON-04: every standard, in force first in their order, then the retired. */
    async standards(principal: Principal) {
      requireUser(principal, 'engagement.view');
      return db
        .select()
        .from(engagementStandards)
        .orderBy(
          sql`${engagementStandards.retiredOn} is not null`,
          asc(engagementStandards.position),
          asc(engagementStandards.code),
        )
        .limit(200);
    },

    /** CON-04: a standard added at the end of the list by an authority officer. */
    async addStandard(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'engagement.manage');
      const { refusals, value } = validateStandard(input);
      if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
      try {
        return await db.transaction(async (tx) => {
          const [last] = await tx
            .select({ n: max(engagementStandards.position) })
            .from(engagementStandards);
          const [row] = await tx
            .insert(engagementStandards)
            .values({ ...value, position: Number(last?.n ?? 0) + 1 })
            .returning();
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'engagement-standard.created',
            recordType: 'engagement-standard',
            recordId: row!.id,
            after: row,
          });
          return row!;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw refusal(t, 'code', 'engagement:errors.codeTaken');
        throw error;
      }
    },

    /** CON-04: a standard retired today: no longer counted, its assessments kept. */
    async retireStandard(principal: Principal, id: string, _input: Input, requestId?: string) {
      const user = requireUser(principal, 'engagement.manage');
      return db.transaction(async (tx) => {
        const before = await findStandard(tx, id);
        if (before.retiredOn) throw retired();
        const [after] = await tx
          .update(engagementStandards)
          .set({ retiredOn: today() })
          .where(and(eq(engagementStandards.id, id), isNull(engagementStandards.retiredOn)))
          .returning();
        if (!after) throw retired();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-standard.retired',
          recordType: 'engagement-standard',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    /**
     * CON-04: a group's standing: each standard in force with its latest assessment, and the
     * summary the register shows.
     */
    async standing(principal: Principal, groupId: string) {
      const group = await findGroup(db, groupId);
      if (!mayViewGroup(principal, group.id)) throw new ForbiddenError();
      const [standards, assessments] = await Promise.all([
        db
          .select()
          .from(engagementStandards)
          .where(isNull(engagementStandards.retiredOn))
          .orderBy(asc(engagementStandards.position), asc(engagementStandards.code)),
        db
          .select(assessmentColumns)
          .from(engagementAssessments)
          .leftJoin(users, eq(users.id, engagementAssessments.assessedBy))
          .where(eq(engagementAssessments.groupId, group.id)),
      ]);
      const latest = latestAssessments(assessments);
      return {
        group,
        rows: standards.map((s) => ({ standard: s, latest: latest.get(s.id) ?? null })),
        summary: standingSummary(
          standards.map((s) => s.id),
          latest,
        ),
      };
    },

    /** A standard's assessments of the group, newest first, for the assessment page. */
    async history(principal: Principal, groupId: string, standardId: string) {
      const [group, standard] = await Promise.all([
        findGroup(db, groupId),
        findStandard(db, standardId),
      ]);
      if (!mayViewGroup(principal, group.id)) throw new ForbiddenError();
      const rows = await db
        .select(assessmentColumns)
        .from(engagementAssessments)
        .leftJoin(users, eq(users.id, engagementAssessments.assessedBy))
        .where(
          and(
            eq(engagementAssessments.groupId, group.id),
            eq(engagementAssessments.standardId, standard.id),
          ),
        )
        .orderBy(desc(engagementAssessments.assessedOn), desc(engagementAssessments.createdAt))
        .limit(50);
      return { group, standard, rows };
    },

    /** The assessment form's first values: assessed today. */
    assessDefaults: () => dateParts('assessedOn', today()),

    /** CON-04: a group's standing against a standard in force recorded, with its evidence. */
    async assess(
      principal: Principal,
      groupId: string,
      standardId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'engagement.manage');
      const errors: FieldError[] = [];
      const assessedOn = dateField(
        t,
        input,
        'assessedOn',
        t('engagement:standing.assessedOnLabel'),
        errors,
      );
      const { refusals, value } = validateAssessment(input, assessedOn, today());
      const all = [...errors, ...fieldErrors(t, refusals)];
      if (all.length || !assessedOn) throw new ValidationError(all);
      return db.transaction(async (tx) => {
        const group = await findGroup(tx, groupId);
        const standard = await findStandard(tx, standardId);
        if (standard.retiredOn) throw retired();
        if (group.closedOn) throw new ConflictError(t('engagement:errors.groupClosed'));
        const [row] = await tx
          .insert(engagementAssessments)
          .values({
            groupId: group.id,
            standardId: standard.id,
            standing: value.standing,
            evidence: value.evidence,
            assessedOn,
            assessedBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-standing.assessed',
          recordType: 'engagement-group',
          recordId: group.id,
          after: row,
        });
        return { ...row!, standard };
      });
    },
  };
}
