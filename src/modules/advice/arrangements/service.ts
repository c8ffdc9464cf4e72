/**
 * IAG-08, IAG-30: once advisors are nominated, the team whose task it is (CTSET for urgent
 * requests, the coordination unit for the rest) contacts each and arranges their access: an
 * escort, unless an exemption is in force. Permission, rules, one transaction, one audit event.
 */
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, hasRole, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { AdviceLookups } from '../access.js';
import { adviceRequests, deployments } from '../schema.js';
import { ACTIVE, addRequestEvent, type AdviceServiceDeps, type Input } from '../shared.js';

type Page = { limit: number; offset: number };

export type ArrangementsService = ReturnType<typeof createArrangementsService>;

export function createArrangementsService(deps: AdviceServiceDeps & { lookups: AdviceLookups }) {
  const { db, now, t } = deps;
  const { personColumns: people, groupColumns: groups } = deps.lookups;

  /** An arrangement task, for the team it falls to (IAG-08). */
  async function findArrangement(
    executor: Executor,
    user: UserPrincipal,
    id: string,
    lock = false,
  ) {
    if (!can(user, 'advice.arrange')) throw new ForbiddenError();
    if (!isUuid(id)) throw new NotFoundError();
    const today = todayInLondon(now());
    const query = executor
      .select({
        deployment: deployments,
        request: adviceRequests,
        advisor: people.name(deployments.personId),
        phone: people.phone(deployments.personId),
        email: people.email(deployments.personId),
        groupName: groups.name(deployments.groupId),
        exempt: groups.unescortedAccess(deployments.personId, today),
      })
      .from(deployments)
      .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
      .where(eq(deployments.id, id));
    const [row] = lock ? await query.for('update', { of: deployments }) : await query;
    if (!row || !hasRole(user, row.deployment.arrangementOwner)) throw new NotFoundError();
    if (!['nominated', 'accepted'].includes(row.deployment.status))
      throw new ConflictError(t('advice:arrangements.refusals.noLongerNominated'));
    return row;
  }

  return {
    /**
     * IAG-08, IAG-30: the advisors still to be contacted and given escorted access, for the
     * team whose task it is: CTSET for urgent requests, the coordination unit for the rest.
     */
    async arrangements(principal: Principal, page: Page) {
      const user = requireUser(principal, 'advice.arrange');
      const owners = (['ctset', 'coordination_unit'] as const).filter((r) => hasRole(user, r));
      const where = and(
        inArray(deployments.arrangementOwner, owners),
        isNull(deployments.arrangedAt),
        sql`${deployments.status} in ${ACTIVE}`,
      );
      const today = todayInLondon(now());
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: deployments.id,
            status: deployments.status,
            nominatedAt: deployments.nominatedAt,
            deployedOn: deployments.deployedOn,
            owner: deployments.arrangementOwner,
            advisor: people.name(deployments.personId),
            reference: adviceRequests.reference,
            requestId: adviceRequests.id,
            subject: adviceRequests.subject,
            urgency: adviceRequests.urgency,
            exempt: groups.unescortedAccess(deployments.personId, today),
          })
          .from(deployments)
          .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
          .where(where)
          .orderBy(asc(deployments.arrangementOwner), asc(deployments.nominatedAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(deployments).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** One arrangement task, with what its owner needs to make the call. */
    async arrangeForm(principal: Principal, id: string) {
      const user = requireUser(principal);
      return findArrangement(db, user, id);
    },

    /**
     * IAG-08, IAG-30: the task's owner records how they contacted the advisor and arranged their
     * access (an escort, unless an exemption is in force).
     */
    async arrange(principal: Principal, id: string, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const arrangements = text(input.arrangements);
      const errors: FieldError[] = [];
      if (!arrangements)
        errors.push({
          field: 'arrangements',
          message: t('advice:arrangements.form.arrangements.required'),
        });
      tooLong(
        t,
        errors,
        'arrangements',
        t('advice:arrangements.form.arrangements.name'),
        arrangements,
        2000,
      );
      return db.transaction(async (tx) => {
        const found = await findArrangement(tx, user, id, true);
        if (found.deployment.arrangedAt)
          throw new ConflictError(
            t('advice:arrangements.refusals.alreadyRecorded'),
            'arrangements',
          );
        if (errors.length) throw new ValidationError(errors);
        await tx
          .update(deployments)
          .set({ arrangedAt: now(), arrangedBy: user.userId, arrangements })
          .where(eq(deployments.id, id));
        await addRequestEvent(tx, now(), {
          requestId: found.request.id,
          kind: 'arranged',
          actorUserId: user.userId,
          text: t(
            found.exempt
              ? 'advice:arrangements.event.arrangedExempt'
              : 'advice:arrangements.event.arrangedEscorted',
            {
              owner: t(`advice:arrangementOwner.${found.deployment.arrangementOwner}`),
              advisor: found.advisor,
            },
          ),
        });
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'deployment.arranged',
          recordType: 'deployment',
          recordId: id,
          after: { arrangements },
        });
        return found;
      });
    },
  };
}
