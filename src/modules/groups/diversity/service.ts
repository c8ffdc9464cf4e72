/** DP-01: a member's own diversity monitoring answers, and IAG-17: a group's membership balance. */
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { ForbiddenError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { publishableCount } from '../../../platform/privacy/rules.js';
import {
  DIVERSITY_AREAS,
  diversityAreasOf,
  MONITORING_QUESTIONS,
  type MonitoringAnswers,
} from './rules.js';
import { diversityAnswers, memberships } from '../schema.js';
import type { GroupsPartDeps } from '../service.js';
import { text } from '../validation.js';
import { requireUser, type Input } from '../access.js';

export type DiversityService = ReturnType<typeof createDiversityService>;

export function createDiversityService(deps: GroupsPartDeps) {
  const { db, groups, directory, t } = deps;

  /** DP-01: the person the signed-in account is in the directory; only they answer for it. */
  async function ownPersonId(principal: Principal) {
    const user = requireUser(principal);
    const personId = await directory.lookups.personIdForUser(db, user.userId);
    if (!personId) throw new ForbiddenError(t('groups:diversity.notLinked'));
    return { user, personId };
  }

  return {
    /** DP-01: a person's own monitoring answers, which only they read back. */
    async ownDiversityAnswers(principal: Principal) {
      const { personId } = await ownPersonId(principal);
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
      const { user, personId } = await ownPersonId(principal);
      const errors: FieldError[] = [];
      const answers = Object.fromEntries(
        (Object.keys(MONITORING_QUESTIONS) as (keyof typeof MONITORING_QUESTIONS)[]).map((q) => {
          const value = text(input[q]);
          if (value && !(MONITORING_QUESTIONS[q] as readonly string[]).includes(value))
            errors.push({ field: q, message: t('groups:diversity.form.notAnAnswer') });
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
        areas: DIVERSITY_AREAS.map((area) => ({ area, covered: covered.has(area) })),
      };
    },
  };
}
