/**
 * DP-02: the platform's own part of what Bridge holds about a person: their account (never its
 * secrets or hashes), its roles, sessions and sign-in attempts, and the audit events they made or
 * that are about their directory entry or account. One query per section.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { auditEvents } from '../audit/schema.js';
import {
  passwordResetTokens,
  roleAssignments,
  sessions,
  signInAttempts,
  users,
} from '../auth/schema.js';
import type { Translate } from '../i18n/messages.js';
import { personDataSections, type ModulePersonData } from '../person-data.js';
import type { Executor } from '../db/database.js';

/** The sections' and columns' words, by key (the catalogue test finds each one here). */
const SECTION_KEYS: Record<string, string> = {
  account: 'personData.account.sections.account',
  roles: 'personData.account.sections.roles',
  sessions: 'personData.account.sections.sessions',
  passwordResets: 'personData.account.sections.passwordResets',
  signInAttempts: 'personData.account.sections.signInAttempts',
  auditEvents: 'personData.account.sections.auditEvents',
};
const COLUMN_KEYS: Record<string, string> = {
  email: 'personData.account.columns.email',
  name: 'personData.account.columns.name',
  status: 'personData.account.columns.status',
  createdAt: 'personData.account.columns.createdAt',
  passwordChangedAt: 'personData.account.columns.passwordChangedAt',
  secondFactor: 'personData.account.columns.secondFactor',
  deactivatedAt: 'personData.account.columns.deactivatedAt',
  role: 'personData.account.columns.role',
  scopeType: 'personData.account.columns.scopeType',
  scopeId: 'personData.account.columns.scopeId',
  givenAt: 'personData.account.columns.givenAt',
  startedAt: 'personData.account.columns.startedAt',
  lastSeenAt: 'personData.account.columns.lastSeenAt',
  expiresAt: 'personData.account.columns.expiresAt',
  ipAddress: 'personData.account.columns.ipAddress',
  browser: 'personData.account.columns.browser',
  at: 'personData.account.columns.at',
  askedAt: 'personData.account.columns.askedAt',
  usedAt: 'personData.account.columns.usedAt',
  succeeded: 'personData.account.columns.succeeded',
  by: 'personData.account.columns.by',
  action: 'personData.account.columns.action',
  recordType: 'personData.account.columns.recordType',
  recordId: 'personData.account.columns.recordId',
};

/** The name the archive gives the platform's part, beside the modules'. */
export const ACCOUNT_PART = 'account';

/**
 * Whose data: their directory entry (null when they have none: an account alone still has its
 * part) and their account (null when they have none).
 */
export interface ArchiveSubject {
  personId: string | null;
  userId: string | null;
}

export async function accountPersonData(
  executor: Executor,
  subject: ArchiveSubject,
  t: Translate,
): Promise<ModulePersonData> {
  const { personId, userId } = subject;
  const ofUser = (column: PgColumn) => (userId ? eq(column, userId) : undefined);
  const sections = personDataSections(
    {
      title: (name) => t(SECTION_KEYS[name] ?? name),
      column: (column) => t(COLUMN_KEYS[column] ?? column),
    },
    [
      {
        name: 'account',
        columns: {
          email: users.email,
          name: users.displayName,
          status: users.status,
          createdAt: users.createdAt,
          passwordChangedAt: users.passwordChangedAt,
          // Whether a second factor is set, never the secret itself.
          secondFactor: sql<boolean>`${users.totpEnabledAt} is not null`,
          deactivatedAt: users.deactivatedAt,
        },
        from: users,
        where: () => ofUser(users.id),
      },
      {
        name: 'roles',
        columns: {
          role: roleAssignments.role,
          scopeType: roleAssignments.scopeType,
          scopeId: roleAssignments.scopeId,
          givenAt: roleAssignments.createdAt,
        },
        from: roleAssignments,
        where: () => ofUser(roleAssignments.userId),
        orderBy: [roleAssignments.createdAt],
      },
      {
        name: 'sessions',
        columns: {
          startedAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          ipAddress: sessions.ipAddress,
          browser: sessions.userAgent,
        },
        from: sessions,
        where: () => ofUser(sessions.userId),
        orderBy: [sessions.createdAt],
      },
      {
        // When a new password was asked for, never the link's token.
        name: 'passwordResets',
        columns: {
          askedAt: passwordResetTokens.createdAt,
          expiresAt: passwordResetTokens.expiresAt,
          usedAt: passwordResetTokens.usedAt,
        },
        from: passwordResetTokens,
        where: () => ofUser(passwordResetTokens.userId),
        orderBy: [passwordResetTokens.createdAt],
      },
      {
        name: 'signInAttempts',
        columns: {
          at: signInAttempts.at,
          ipAddress: signInAttempts.ipAddress,
          succeeded: signInAttempts.succeeded,
        },
        from: signInAttempts,
        // By the account's address, read in the same statement.
        where: () =>
          userId
            ? eq(
                signInAttempts.email,
                sql`(select ${users.email} from ${users} where ${users.id} = ${userId})`,
              )
            : undefined,
        orderBy: [signInAttempts.at],
      },
      {
        name: 'auditEvents',
        columns: {
          at: auditEvents.occurredAt,
          by: auditEvents.actorLabel,
          action: auditEvents.action,
          recordType: auditEvents.recordType,
          recordId: auditEvents.recordId,
        },
        from: auditEvents,
        where: () =>
          or(
            personId
              ? and(eq(auditEvents.recordType, 'person'), eq(auditEvents.recordId, personId))
              : undefined,
            userId ? eq(auditEvents.actorUserId, userId) : undefined,
            userId
              ? and(eq(auditEvents.recordType, 'user'), eq(auditEvents.recordId, userId))
              : undefined,
          ),
        orderBy: [auditEvents.seq],
        // Who acted on the person's records is often someone else.
        thirdParty: ['by'],
      },
    ],
  );
  // The queries read the subject above: the contract's subject needs a directory entry.
  return {
    module: ACCOUNT_PART,
    sections: await sections(executor, { personId: personId ?? '', userId }),
  };
}
