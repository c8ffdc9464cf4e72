/**
 * Issue 28 part 5: the platform's own part of erasing a person, their user account. The row
 * stays, so that what they recorded elsewhere (`recorded_by`, `decided_by`, ...) still points
 * at an account, but it names nobody and can never be signed in to again.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { ERASED_NAME, erasedEmailSql } from '../erased.js';
import { outbox } from '../mail/schema.js';
import type { ErasedPart } from '../modules.js';
import { passwordResetTokens, roleAssignments, sessions, signInAttempts, users } from './schema.js';

/** Disables and anonymises the account, and deletes everything that is only about signing in. */
export async function eraseAccount(executor: Executor, userId: string): Promise<ErasedPart[]> {
  const [account] = await executor
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!account) return [];
  // Sign-in attempts and e-mails are kept by address, not by account: asked for while the
  // account still has it.
  const attempts = await executor
    .delete(signInAttempts)
    .where(eq(sql`lower(${signInAttempts.email})`, account.email.toLowerCase()))
    .returning({ id: signInAttempts.id });
  // The e-mails sent to them (their name, their links): their delivery has no record value.
  const mails = await executor
    .delete(outbox)
    .where(eq(sql`lower(${outbox.toAddress})`, account.email.toLowerCase()))
    .returning({ id: outbox.id });
  const signedIn = await executor
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  const resets = await executor
    .delete(passwordResetTokens)
    .where(eq(passwordResetTokens.userId, userId))
    .returning({ id: passwordResetTokens.id });
  // Roles they gave others stay (the grant is the other person's); their own go.
  const roles = await executor
    .delete(roleAssignments)
    .where(eq(roleAssignments.userId, userId))
    .returning({ id: roleAssignments.id });
  await executor
    .update(users)
    .set({
      email: erasedEmailSql(users.id),
      displayName: ERASED_NAME,
      // No argon2 hash is empty: no password can ever verify against it.
      passwordHash: '',
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      status: 'deactivated',
      deactivatedAt: sql`coalesce(${users.deactivatedAt}, now())`,
      version: sql`${users.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
  return [
    { kind: 'user account', records: 1, how: 'anonymised' },
    { kind: 'sessions', records: signedIn.length, how: 'deleted' },
    { kind: 'password-reset links', records: resets.length, how: 'deleted' },
    { kind: 'sign-in attempts', records: attempts.length, how: 'deleted' },
    { kind: 'role assignments', records: roles.length, how: 'deleted' },
    { kind: 'e-mails sent to them', records: mails.length, how: 'deleted' },
  ];
}
