/**
 * DP-02: the expenses module's part of what Bridge holds about a person: their claims, each
 * claim's items (a receipt by its file name only) and their disputes. Money is in pence.
 */
import { eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
import { expenseClaims, expenseDisputes, expenseItems } from './schema.js';

export interface ExpensesPersonDataDeps {
  groupNameSql(groupId: SQLWrapper): SQL<string>;
  /** The default language's messages: the sections' and columns' names. */
  t: Translate;
}

export function createExpensesPersonData(deps: ExpensesPersonDataDeps) {
  const { groupNameSql, t } = deps;
  /** A section, each column named as a person would understand it, in the catalogue's words. */
  const section = (key: string, rows: readonly Record<string, unknown>[]) =>
    personDataSection(t(`expenses:personData.${key}`), rows, (column) =>
      t(`expenses:personData.columns.${column}`),
    );
  return async function expensesPersonData(
    executor: Executor,
    subject: PersonDataSubject,
  ): Promise<PersonDataSection[]> {
    const theirs = eq(expenseClaims.claimantPersonId, subject.personId);
    const [claims, items, disputes] = await Promise.all([
      executor
        .select({
          claim: expenseClaims.reference,
          group: groupNameSql(expenseClaims.groupId),
          for: expenseClaims.occasionText,
          status: expenseClaims.status,
          claimedPence: expenseClaims.claimedPence,
          approvedPence: expenseClaims.approvedPence,
          startedAt: expenseClaims.createdAt,
          submittedAt: expenseClaims.submittedAt,
          decidedAt: expenseClaims.decidedAt,
          decisionReason: expenseClaims.decisionReason,
          paidAt: expenseClaims.paidAt,
        })
        .from(expenseClaims)
        .where(theirs)
        .orderBy(expenseClaims.createdAt),
      executor
        .select({
          claim: expenseClaims.reference,
          category: expenseItems.category,
          incurredOn: expenseItems.incurredOn,
          description: expenseItems.description,
          tenthsOfMile: expenseItems.tenthsOfMile,
          claimedPence: expenseItems.claimedPence,
          approvedPence: expenseItems.approvedPence,
          approvalReason: expenseItems.approvalReason,
          receipt: expenseItems.receiptFileName,
        })
        .from(expenseItems)
        .innerJoin(expenseClaims, eq(expenseClaims.id, expenseItems.claimId))
        .where(theirs)
        .orderBy(expenseClaims.createdAt, expenseItems.incurredOn),
      executor
        .select({
          claim: expenseClaims.reference,
          raisedAt: expenseDisputes.raisedAt,
          reason: expenseDisputes.reason,
          stage: expenseDisputes.stage,
          status: expenseDisputes.status,
          chairDecision: expenseDisputes.chairDecision,
          chairReason: expenseDisputes.chairReason,
          referredAt: expenseDisputes.referredAt,
          referralReason: expenseDisputes.referralReason,
          directorDecision: expenseDisputes.directorDecision,
          directorReason: expenseDisputes.directorReason,
        })
        .from(expenseDisputes)
        .innerJoin(expenseClaims, eq(expenseClaims.id, expenseDisputes.claimId))
        .where(theirs)
        .orderBy(expenseDisputes.raisedAt),
    ]);
    return [section('claims', claims), section('items', items), section('disputes', disputes)];
  };
}
