/**
 * What the groups module records about its members as advisors, for the advice module to judge
 * nominations and label advice by (IAG-02, IAG-29): a page's worth at once, one query each.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { GroupType, HeldClearance } from '../rules.js';
import { advisoryGroups, clearances, declarations } from '../schema.js';

export interface DeclaredInterests {
  declaredOn: IsoDate;
  /** Null when the member declared none. */
  interests: string | null;
}

export interface IndependenceDeclaration {
  declaredOn: IsoDate;
  independenceConfirmed: boolean;
}

export interface GroupName {
  id: string;
  name: string;
}

export interface AdvisorRecords {
  /** IAG-29: every clearance each person holds or held, by person. */
  clearancesOf(
    executor: Executor,
    personIds: readonly string[],
  ): Promise<Map<string, HeldClearance[]>>;
  /** IAG-02: each person's latest declaration of interests, by person. */
  latestInterests(
    executor: Executor,
    personIds: readonly string[],
  ): Promise<Map<string, DeclaredInterests>>;
  /** IAG-02: the person's declaration in force on a day: the latest made by then. */
  declarationOn(
    executor: Executor,
    personId: string,
    on: IsoDate,
  ): Promise<IndependenceDeclaration | null>;
  /** IAG-01: the group's type for labelling advice: a sub-group counts as its parent. */
  independenceType(executor: Executor, groupId: string): Promise<GroupType>;
  /** Every group, closed ones too, by name. */
  everyGroup(executor: Executor): Promise<GroupName[]>;
}

export const advisorRecords: AdvisorRecords = {
  async clearancesOf(executor, personIds) {
    const held = new Map<string, HeldClearance[]>();
    if (!personIds.length) return held;
    const rows = await executor
      .select({
        personId: clearances.personId,
        level: clearances.level,
        grantedOn: clearances.grantedOn,
        expiresOn: clearances.expiresOn,
        withdrawnOn: clearances.withdrawnOn,
      })
      .from(clearances)
      .where(inArray(clearances.personId, [...personIds]));
    for (const { personId, ...clearance } of rows)
      held.set(personId, [...(held.get(personId) ?? []), clearance]);
    return held;
  },

  async latestInterests(executor, personIds) {
    if (!personIds.length) return new Map();
    const rows = await executor
      .selectDistinctOn([declarations.personId], {
        personId: declarations.personId,
        declaredOn: declarations.declaredOn,
        interests: declarations.interests,
      })
      .from(declarations)
      .where(inArray(declarations.personId, [...personIds]))
      .orderBy(declarations.personId, desc(declarations.declaredOn), desc(declarations.createdAt));
    return new Map(rows.map((r) => [r.personId, r]));
  },

  async declarationOn(executor, personId, on) {
    const [row] = await executor
      .select({
        declaredOn: declarations.declaredOn,
        independenceConfirmed: declarations.independenceConfirmed,
      })
      .from(declarations)
      .where(
        and(eq(declarations.personId, personId), sql`${declarations.declaredOn} <= ${on}::date`),
      )
      .orderBy(desc(declarations.declaredOn), desc(declarations.createdAt))
      .limit(1);
    return row ?? null;
  },

  async independenceType(executor, groupId) {
    const [group] = await executor
      .select({ type: advisoryGroups.type, parentId: advisoryGroups.parentGroupId })
      .from(advisoryGroups)
      .where(eq(advisoryGroups.id, groupId));
    if (group?.type === 'sub_group' && group.parentId)
      return advisorRecords.independenceType(executor, group.parentId);
    return group!.type;
  },

  async everyGroup(executor) {
    return executor
      .select({ id: advisoryGroups.id, name: advisoryGroups.name })
      .from(advisoryGroups)
      .orderBy(asc(advisoryGroups.name));
  },
};
