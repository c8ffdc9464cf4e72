/**
 * CON-04 (seed 002 Appendix 4): a group's position statement and development plan for a
 * reporting year, under six headings: where the group stands now and what it plans, by when.
 * Kept by the group's engagement officer or an authority officer (`engagement.keep`); agreed by
 * an authority officer (`engagement.manage`) once all six headings are written.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import { reportingYear, reportingYearOf, todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusedBy } from '../../../platform/i18n/said.js';
import { mayKeepGroup, mayViewGroup } from '../access.js';
import { findGroup } from '../read.js';
import {
  agreeRefusal,
  headingRefusal,
  missingHeadings,
  PLAN_HEADINGS,
  validateHeading,
  type PlanHeading,
} from '../rules.js';
import { engagementPlanHeadings, engagementPlans } from '../schema.js';

export type PlansService = ReturnType<typeof createPlansService>;
type Input = Record<string, string | string[] | undefined>;

/** A reporting year's start year from the address, within reason. */
export function yearOf(value: string): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 2000 && year <= 2100)) throw new NotFoundError();
  return year;
}

export function createPlansService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;
  const today = () => todayInLondon(now());
  // Said without a field: the form's only trace of it is a hidden one.
  const stale = () => new ConflictError(t('engagement:errors.planStale'));

  /**
   * Stale edits: a form carries the version of the plan it was opened on ('0' before the plan
   * was begun); one opened before a change since (a heading written, the plan agreed) is
   * refused. A caller sending none (the API) is not checked.
   */
  const versionOf = (input: Input) =>
    typeof input.version === 'string' && input.version !== '' ? Number(input.version) : undefined;
  function checkVersion(input: Input, plan: { version: number } | null) {
    const seen = versionOf(input);
    if (seen !== undefined && seen !== (plan?.version ?? 0)) throw stale();
  }

  async function planOf(executor: Executor, groupId: string, startYear: number, lock = false) {
    const query = executor
      .select()
      .from(engagementPlans)
      .where(and(eq(engagementPlans.groupId, groupId), eq(engagementPlans.startYear, startYear)));
    const [row] = lock ? await query.for('update') : await query;
    return row ?? null;
  }

  async function headingsOf(executor: Executor, planId: string) {
    return executor
      .select({
        heading: sql<PlanHeading>`${engagementPlanHeadings.heading}`,
        position: engagementPlanHeadings.position,
        plan: engagementPlanHeadings.plan,
        targetOn: engagementPlanHeadings.targetOn,
        updatedAt: engagementPlanHeadings.updatedAt,
      })
      .from(engagementPlanHeadings)
      .where(eq(engagementPlanHeadings.planId, planId))
      .orderBy(asc(engagementPlanHeadings.heading));
  }

  return {
    /** The reporting year today falls in (its start year). */
    currentYear: () => reportingYearOf(today()).startYear,

    /** CON-04: the group's plan for the year, each heading written or not yet. */
    async plan(principal: Principal, groupId: string, startYear: number) {
      const group = await findGroup(db, groupId);
      if (!mayViewGroup(principal, group.id)) throw new ForbiddenError();
      const plan = await planOf(db, group.id, startYear);
      const [written, agreedBy] = await Promise.all([
        plan ? headingsOf(db, plan.id) : [],
        plan?.agreedBy
          ? db.select({ name: users.displayName }).from(users).where(eq(users.id, plan.agreedBy))
          : [],
      ]);
      const byHeading = new Map(written.map((h) => [h.heading, h]));
      return {
        group,
        year: reportingYear(startYear),
        plan,
        agreedBy: agreedBy[0]?.name ?? null,
        headings: PLAN_HEADINGS.map((h) => ({ heading: h, written: byHeading.get(h) ?? null })),
        missing: missingHeadings(written.map((h) => h.heading)),
        mayKeep: mayKeepGroup(principal, group.id) && !plan?.agreedAt && !group.closedOn,
      };
    },

    /** What a heading's form starts with: what is written, else nothing. */
    async headingValues(principal: Principal, groupId: string, startYear: number, heading: string) {
      const group = await findGroup(db, groupId);
      if (!mayKeepGroup(principal, group.id)) throw new ForbiddenError();
      const h = PLAN_HEADINGS.find((x) => x === heading);
      if (!h) throw new NotFoundError();
      const plan = await planOf(db, group.id, startYear);
      const written = plan
        ? (await headingsOf(db, plan.id)).find((x) => x.heading === h)
        : undefined;
      return {
        group,
        values: {
          version: String(plan?.version ?? 0),
          heading: h,
          position: written?.position ?? '',
          plan: written?.plan ?? '',
          ...dateParts('targetOn', written?.targetOn),
        },
      };
    },

    /**
     * CON-04: a heading of the year's plan written or rewritten by the group's officer or an
     * authority officer; the plan is made when its first heading is written.
     */
    async saveHeading(
      principal: Principal,
      groupId: string,
      startYear: number,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'engagement.keep');
      const errors: FieldError[] = [];
      const targetOn = dateField(t, input, 'targetOn', t('engagement:plans.targetLabel'), errors, {
        required: false,
      });
      const { refusals, value } = validateHeading(input, targetOn, today());
      const all = [...errors, ...fieldErrors(t, refusals)];
      if (all.length) throw new ValidationError(all);
      return db.transaction(async (tx) => {
        const group = await findGroup(tx, groupId);
        if (!mayKeepGroup(user, group.id)) throw new ForbiddenError();
        if (group.closedOn) throw new ConflictError(t('engagement:errors.planClosed'));
        let plan = await planOf(tx, group.id, startYear, true);
        const refused = refusedBy(t, [headingRefusal(plan)]);
        if (refused) throw refused;
        checkVersion(input, plan);
        if (!plan) {
          const [made] = await tx
            .insert(engagementPlans)
            .values({ groupId: group.id, startYear })
            .onConflictDoNothing()
            .returning();
          // Begun meanwhile by another: this page was opened before it.
          if (!made && versionOf(input) !== undefined) throw stale();
          plan = made ?? (await planOf(tx, group.id, startYear, true));
        }
        const row = {
          planId: plan!.id,
          heading: value.heading,
          position: value.position,
          plan: value.plan,
          targetOn,
          updatedBy: user.userId,
          updatedAt: now(),
        };
        const [saved] = await tx
          .insert(engagementPlanHeadings)
          .values(row)
          .onConflictDoUpdate({
            target: [engagementPlanHeadings.planId, engagementPlanHeadings.heading],
            set: {
              position: row.position,
              plan: row.plan,
              targetOn: row.targetOn,
              updatedBy: row.updatedBy,
              updatedAt: row.updatedAt,
            },
          })
          .returning();
        // A heading written is a change of the plan: a page opened before it is out of date.
        const [changed] = await tx
          .update(engagementPlans)
          .set({ updatedAt: now(), version: sql`${engagementPlans.version} + 1` })
          .where(and(eq(engagementPlans.id, plan!.id), eq(engagementPlans.version, plan!.version)))
          .returning({ id: engagementPlans.id });
        if (!changed) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-plan.heading-saved',
          recordType: 'engagement-plan',
          recordId: plan!.id,
          after: saved,
        });
        return saved!;
      });
    },

    /**
     * CON-04: the year's plan agreed by an authority officer, only with all six headings, and
     * only as the page showed it: a heading rewritten since it was opened is read first.
     */
    async agree(
      principal: Principal,
      groupId: string,
      startYear: number,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'engagement.manage');
      return db.transaction(async (tx) => {
        const group = await findGroup(tx, groupId);
        if (group.closedOn) throw new ConflictError(t('engagement:errors.planClosed'));
        const plan = await planOf(tx, group.id, startYear, true);
        const headings = plan ? (await headingsOf(tx, plan.id)).map((h) => h.heading) : [];
        const refused = refusedBy(t, [
          agreeRefusal({ headings, agreedAt: plan?.agreedAt ?? null }),
        ]);
        if (refused) throw refused;
        checkVersion(input, plan);
        if (!plan) throw new NotFoundError(); // never: a plan not begun is refused as incomplete
        const [after] = await tx
          .update(engagementPlans)
          .set({
            agreedAt: now(),
            agreedBy: user.userId,
            updatedAt: now(),
            version: sql`${engagementPlans.version} + 1`,
          })
          .where(
            and(
              eq(engagementPlans.id, plan.id),
              eq(engagementPlans.version, plan.version),
              isNull(engagementPlans.agreedAt),
            ),
          )
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-plan.agreed',
          recordType: 'engagement-plan',
          recordId: plan.id,
          before: plan,
          after,
        });
        return after;
      });
    },
  };
}
