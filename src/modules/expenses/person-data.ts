/**
 * DP-02: the expenses module's part of what Bridge holds about a person: their claims, each
 * claim's items (a receipt by its file name only) and their disputes. Money is in pence.
 */
import { eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
import { expenseClaims, expenseDisputes, expenseItems } from './schema.js';

export interface ExpensesPersonDataDeps {
  groupNameSql(groupId: SQLWrapper): SQL<string>;
}

export function createExpensesPersonData(deps: ExpensesPersonDataDeps) {
  const { groupNameSql } = deps;
  return async function expensesPersonData(
    executor: Executor,
    subject: PersonDataSubject,
  ): Promise<PersonDataSection[]> {
    const theirs = eq(expenseClaims.claimantPersonId, subject.personId);
    const [claims, items, disputes] = await Promise.all([
      executor
        .select({
          Claim: expenseClaims.reference,
          Group: groupNameSql(expenseClaims.groupId),
          For: expenseClaims.occasionText,
          Status: expenseClaims.status,
          'Claimed (pence)': expenseClaims.claimedPence,
          'Approved (pence)': expenseClaims.approvedPence,
          'Started at': expenseClaims.createdAt,
          'Submitted at': expenseClaims.submittedAt,
          'Decided at': expenseClaims.decidedAt,
          'Reason for the decision': expenseClaims.decisionReason,
          'Paid at': expenseClaims.paidAt,
        })
        .from(expenseClaims)
        .where(theirs)
        .orderBy(expenseClaims.createdAt),
      executor
        .select({
          Claim: expenseClaims.reference,
          Category: expenseItems.category,
          'Incurred on': expenseItems.incurredOn,
          Description: expenseItems.description,
          'Tenths of a mile': expenseItems.tenthsOfMile,
          'Claimed (pence)': expenseItems.claimedPence,
          'Approved (pence)': expenseItems.approvedPence,
          'Reason for the amount approved': expenseItems.approvalReason,
          Receipt: expenseItems.receiptFileName,
        })
        .from(expenseItems)
        .innerJoin(expenseClaims, eq(expenseClaims.id, expenseItems.claimId))
        .where(theirs)
        .orderBy(expenseClaims.createdAt, expenseItems.incurredOn),
      executor
        .select({
          Claim: expenseClaims.reference,
          'Raised at': expenseDisputes.raisedAt,
          Reason: expenseDisputes.reason,
          Stage: expenseDisputes.stage,
          Status: expenseDisputes.status,
          "Chair's decision": expenseDisputes.chairDecision,
          "Chair's reason": expenseDisputes.chairReason,
          'Referred to the Director at': expenseDisputes.referredAt,
          'Reason for referring': expenseDisputes.referralReason,
          "Director's decision": expenseDisputes.directorDecision,
          "Director's reason": expenseDisputes.directorReason,
        })
        .from(expenseDisputes)
        .innerJoin(expenseClaims, eq(expenseClaims.id, expenseDisputes.claimId))
        .where(theirs)
        .orderBy(expenseDisputes.raisedAt),
    ]);
    return [
      personDataSection('Expense claims', claims),
      personDataSection('Items claimed', items),
      personDataSection('Disputes of decisions on claims', disputes),
    ];
  };
}
