/**
 * DP-02: the expenses module's part of what Bridge holds about a person: their claims, each
 * claim's items with their receipts' files, and their disputes. Money is in pence.
 */
import { eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSubject } from '../../platform/modules.js';
import { accountNameSql, personDataSections } from '../../platform/person-data.js';
import { expenseClaims, expenseDisputes, expenseItems } from './schema.js';

export interface ExpensesPersonDataDeps {
  groupNameSql(groupId: SQLWrapper): SQL<string>;
  /** The default language's messages: the sections' and columns' names. */
  t: Translate;
}

const theirs = ({ personId }: PersonDataSubject) => eq(expenseClaims.claimantPersonId, personId);

export function createExpensesPersonData(deps: ExpensesPersonDataDeps) {
  const { groupNameSql, t } = deps;
  /** Each section, each column named as a person would understand it, in the catalogue's words. */
  return personDataSections(
    {
      title: (name) => t(`expenses:personData.${name}`),
      column: (column) => t(`expenses:personData.columns.${column}`),
    },
    [
      {
        name: 'claims',
        columns: {
          claim: expenseClaims.reference,
          group: groupNameSql(expenseClaims.groupId),
          for: expenseClaims.occasionText,
          status: expenseClaims.status,
          claimedPence: expenseClaims.claimedPence,
          approvedPence: expenseClaims.approvedPence,
          startedAt: expenseClaims.createdAt,
          submittedAt: expenseClaims.submittedAt,
          decidedAt: expenseClaims.decidedAt,
          decidedBy: accountNameSql(expenseClaims.decidedBy),
          decisionReason: expenseClaims.decisionReason,
          paidAt: expenseClaims.paidAt,
        },
        from: expenseClaims,
        where: theirs,
        orderBy: [expenseClaims.createdAt],
        thirdParty: ['decidedBy'],
      },
      {
        name: 'items',
        columns: {
          claim: expenseClaims.reference,
          category: expenseItems.category,
          incurredOn: expenseItems.incurredOn,
          description: expenseItems.description,
          tenthsOfMile: expenseItems.tenthsOfMile,
          claimedPence: expenseItems.claimedPence,
          approvedPence: expenseItems.approvedPence,
          approvalReason: expenseItems.approvalReason,
          receipt: expenseItems.receiptFileName,
          receiptKey: expenseItems.receiptStorageKey,
        },
        files: { name: 'receipt', storageKey: 'receiptKey' },
        from: expenseItems,
        join: [[expenseClaims, eq(expenseClaims.id, expenseItems.claimId)]],
        where: theirs,
        orderBy: [expenseClaims.createdAt, expenseItems.incurredOn],
      },
      {
        name: 'disputes',
        columns: {
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
        },
        from: expenseDisputes,
        join: [[expenseClaims, eq(expenseClaims.id, expenseDisputes.claimId)]],
        where: theirs,
        orderBy: [expenseDisputes.raisedAt],
      },
    ],
  );
}
