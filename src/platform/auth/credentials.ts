/**
 * Tokens, addresses and password checks that several auth services (and the users and API
 * token services) share.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { say } from '../i18n/said.js';
import type { AuthContext } from './context.js';
import { authPaths } from './paths.js';
import { passwordProblem, verifyPassword } from './passwords.js';
import type { RoleGrant } from './principal.js';
import { passwordResetTokens, roleAssignments, users } from './schema.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  // 256 bits, well above the 128 that ASVS 3.2.2 asks for.
  return randomBytes(32).toString('base64url');
}

/** Ends every unused password link of a person (password changed, account deactivated). */
export async function revokeResetLinks(tx: Executor, userId: string, at: Date): Promise<void> {
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: at })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

/** A one-time link to set a password (a reset, or an invitation to a new account). */
export async function issueSetPasswordLink(
  tx: Executor,
  input: { userId: string; minutes: number; publicUrl: string; now: Date },
): Promise<string> {
  const token = newToken();
  await tx.insert(passwordResetTokens).values({
    userId: input.userId,
    tokenHash: hashToken(token),
    expiresAt: new Date(input.now.getTime() + input.minutes * 60_000),
  });
  return `${input.publicUrl}${authPaths.resetPassword(token)}`;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function loadRoles(db: Executor, userId: string): Promise<RoleGrant[]> {
  return db
    .select({
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
}

/** The checks of a password a person types: their current one, and a new one. */
export function passwordChecks({ db, t }: AuthContext) {
  async function userWithPassword(userId: string) {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new ForbiddenError();
    return user;
  }

  async function checkCurrentPassword(userId: string, password: string, field = 'currentPassword') {
    const user = await userWithPassword(userId);
    if (!password)
      throw new ValidationError([{ field, message: t('auth.errors.currentPasswordMissing') }]);
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new ValidationError([{ field, message: t('auth.errors.currentPasswordWrong') }]);
    }
    return user;
  }

  async function checkNewPassword(
    password: string,
    confirm: string,
    personal: string[],
    field = 'newPassword',
  ) {
    const problem = await passwordProblem(password, personal);
    if (problem) throw new ValidationError([{ field, message: say(t, problem) }]);
    if (password !== confirm) {
      throw new ValidationError([
        { field: 'confirmPassword', message: t('auth.errors.passwordsDiffer') },
      ]);
    }
  }

  return { userWithPassword, checkCurrentPassword, checkNewPassword };
}
