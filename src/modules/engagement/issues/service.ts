/**
 * CON-04 feed-up and feed-back: the issues a group raises to the authority or to the police, what
 * it wants, the answer and when it was closed. Raised by the group's engagement officer or an
 * authority officer (`engagement.keep`, own group); answered and closed by an authority officer
 * (`engagement.manage`).
 */
import { and, count, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusedBy } from '../../../platform/i18n/said.js';
import { mayKeepGroup, mayViewGroup } from '../access.js';
import { findGroup } from '../read.js';
import {
  answerRefusals,
  closeRefusal,
  daysOpen,
  ISSUE_STATES,
  issueState,
  validateIssue,
  type IssueRecipient,
  type IssueState,
} from '../rules.js';
import { engagementGroups, engagementIssues } from '../schema.js';

export type IssuesService = ReturnType<typeof createIssuesService>;
type Input = Record<string, string | string[] | undefined>;
export type IssueRow = typeof engagementIssues.$inferSelect;

const raiser = alias(users, 'raiser');
const responder = alias(users, 'responder');

function stateCondition(state: IssueState | undefined): SQL | undefined {
  if (state === 'open')
    return and(isNull(engagementIssues.closedOn), isNull(engagementIssues.respondedOn));
  if (state === 'answered')
    return and(isNull(engagementIssues.closedOn), isNotNull(engagementIssues.respondedOn));
  if (state === 'closed') return isNotNull(engagementIssues.closedOn);
  return undefined;
}

export function createIssuesService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;
  const today = () => todayInLondon(now());
  // Said without a field: the issue's page carries its version only as a hidden one.
  const stale = () => new ConflictError(t('engagement:errors.staleEdit'));

  const columns = {
    id: engagementIssues.id,
    groupId: engagementIssues.groupId,
    group: engagementGroups.name,
    raisedOn: engagementIssues.raisedOn,
    raisedTo: sql<IssueRecipient>`${engagementIssues.raisedTo}`,
    issue: engagementIssues.issue,
    wanted: engagementIssues.wanted,
    response: engagementIssues.response,
    respondedOn: engagementIssues.respondedOn,
    closedOn: engagementIssues.closedOn,
    version: engagementIssues.version,
    raisedBy: raiser.displayName,
    respondedBy: responder.displayName,
  };

  /** The issues matching `where`, newest first, a page at a time, each with its state and days. */
  async function page(where: SQL | undefined, request: PageRequest) {
    const [rows, [total]] = await Promise.all([
      db
        .select(columns)
        .from(engagementIssues)
        .innerJoin(engagementGroups, eq(engagementGroups.id, engagementIssues.groupId))
        .leftJoin(raiser, eq(raiser.id, engagementIssues.raisedBy))
        .leftJoin(responder, eq(responder.id, engagementIssues.respondedBy))
        .where(where)
        .orderBy(desc(engagementIssues.raisedOn), desc(engagementIssues.createdAt))
        .limit(request.limit)
        .offset(request.offset),
      db.select({ n: count() }).from(engagementIssues).where(where),
    ]);
    const day = today();
    return {
      items: rows.map((r) => ({ ...r, state: issueState(r), daysOpen: daysOpen(r, day) })),
      total: Number(total?.n ?? 0),
    };
  }

  async function find(executor: Executor, id: string, lock = false): Promise<IssueRow> {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(engagementIssues).where(eq(engagementIssues.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    /** CON-04: every group's issues, of one state when asked, newest first. */
    async list(principal: Principal, filter: { state?: string | undefined }, request: PageRequest) {
      requireUser(principal, 'engagement.view');
      // The open issues unless asked for another state, or for all.
      const state =
        filter.state === 'all'
          ? undefined
          : (ISSUE_STATES.find((s) => s === filter.state) ?? 'open');
      return { ...(await page(stateCondition(state), request)), state: state ?? 'all' };
    },

    /** The group's issues, newest first, for its page. */
    async forGroup(principal: Principal, groupId: string, request: PageRequest) {
      if (!mayViewGroup(principal, groupId)) throw new ForbiddenError();
      return page(eq(engagementIssues.groupId, groupId), request);
    },

    /** One issue, for one who may read its group. */
    async issue(principal: Principal, id: string) {
      const row = await find(db, id);
      if (!mayViewGroup(principal, row.groupId)) throw new ForbiddenError();
      const { items } = await page(eq(engagementIssues.id, row.id), {
        page: 1,
        limit: 1,
        offset: 0,
      });
      return items[0]!;
    },

    /** The group an issue is raised for, checked for one who may raise it. */
    async groupToRaise(principal: Principal, groupId: string) {
      const group = await findGroup(db, groupId);
      if (!mayKeepGroup(principal, group.id)) throw new ForbiddenError();
      return group;
    },

    /** CON-04 feed-up: an issue raised today by the group to the authority or the police. */
    async raise(principal: Principal, groupId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'engagement.keep');
      return db.transaction(async (tx) => {
        const group = await findGroup(tx, groupId);
        if (!mayKeepGroup(user, group.id)) throw new ForbiddenError();
        // Not about what was typed: said without a link to the form's fields.
        if (group.closedOn) throw new ConflictError(t('engagement:errors.groupClosed'));
        const { refusals, value } = validateIssue(input);
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        const [row] = await tx
          .insert(engagementIssues)
          .values({ groupId: group.id, raisedOn: today(), raisedBy: user.userId, ...value })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-issue.raised',
          recordType: 'engagement-issue',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** CON-04 feed-back: the answer to an issue, given today by an authority officer. */
    async answer(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'engagement.manage');
      const response = (typeof input.response === 'string' ? input.response : '').trim();
      return db.transaction(async (tx) => {
        const before = await find(tx, id, true);
        if (input.version !== undefined && Number(input.version) !== before.version) throw stale();
        const refused = refusedBy(t, answerRefusals(before, response));
        if (refused) throw refused;
        const [after] = await tx
          .update(engagementIssues)
          .set({
            response,
            respondedOn: today(),
            respondedBy: user.userId,
            updatedAt: now(),
            version: sql`${engagementIssues.version} + 1`,
          })
          .where(eq(engagementIssues.id, before.id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-issue.answered',
          recordType: 'engagement-issue',
          recordId: before.id,
          before,
          after,
        });
        return after!;
      });
    },

    /** CON-04: an answered issue closed today; an unanswered one cannot be. */
    async close(principal: Principal, id: string, _input: Input, requestId?: string) {
      const user = requireUser(principal, 'engagement.manage');
      return db.transaction(async (tx) => {
        const before = await find(tx, id, true);
        const refused = refusedBy(t, [closeRefusal(before)]);
        if (refused) throw refused;
        const [after] = await tx
          .update(engagementIssues)
          .set({
            closedOn: today(),
            updatedAt: now(),
            version: sql`${engagementIssues.version} + 1`,
          })
          .where(eq(engagementIssues.id, before.id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-issue.closed',
          recordType: 'engagement-issue',
          recordId: before.id,
          before,
          after,
        });
        return after!;
      });
    },
  };
}
