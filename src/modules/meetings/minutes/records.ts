/**
 * What the minutes' services share: the meeting's minutes and their content, the check that
 * minutes may still be changed, and where the advice the minutes cite comes from (IAG-27).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import { mayEditMinutes } from '../rules.js';
import { minuteItems, minutedAdvice, minutes } from '../schema.js';

export type Input = Record<string, string | string[] | undefined>;
export type Minutes = typeof minutes.$inferSelect;

/** A piece of advice a group's member recorded on a request, which its minutes may cite. */
export interface CitableAdvice {
  id: string;
  requestId: string;
  reference: number;
  advisor: string;
  givenOn: string;
  summary: string;
  outcome: 'used' | 'partly_used' | 'not_used' | null;
  outcomeReason: string | null;
}

/** Where the minutes find advice to cite (IAG-27): the advice module, when it is there. */
export interface AdviceCitations {
  /** The group's most recent advice, newest first. */
  forGroup(executor: Executor, groupId: string): Promise<CitableAdvice[]>;
  /** One piece of the group's advice, or undefined when it is not the group's. */
  find(executor: Executor, groupId: string, id: string): Promise<CitableAdvice | undefined>;
}

export function requireUser(principal: Principal): UserPrincipal {
  if (principal?.kind !== 'user') throw new ForbiddenError();
  return principal;
}

export async function minutesWithContent(executor: Executor, ids: readonly string[]) {
  if (ids.length === 0) return { items: [], advice: [] };
  const [items, advice] = await Promise.all([
    executor
      .select()
      .from(minuteItems)
      .where(inArray(minuteItems.minutesId, [...ids]))
      .orderBy(asc(minuteItems.position)),
    executor
      .select()
      .from(minutedAdvice)
      .where(inArray(minutedAdvice.minutesId, [...ids]))
      .orderBy(asc(minutedAdvice.createdAt)),
  ]);
  return { items, advice };
}

export async function mainMinutes(executor: Executor, meetingId: string, lock = false) {
  const query = executor
    .select()
    .from(minutes)
    .where(and(eq(minutes.meetingId, meetingId), eq(minutes.kind, 'minutes')));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** A draft the person may change: refuses approved minutes with what to do instead. */
export function requireDraft(row: Minutes | null, t: Translate): asserts row is Minutes {
  if (!row) throw new NotFoundError();
  if (!mayEditMinutes(row.status))
    throw new ConflictError(t('meetings:minutes.approval.approvedUnchangeable'));
}
