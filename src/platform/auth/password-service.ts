/**
 * Passwords: changing one's own, and the forgotten-password link (asked for, then used).
 */
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.js';
import type { Executor } from '../db/database.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { AuthContext, ClientInfo } from './context.js';
import {
  hashToken,
  issueSetPasswordLink,
  normaliseEmail,
  passwordChecks,
  revokeResetLinks,
} from './credentials.js';
import { hashPassword } from './passwords.js';
import type { UserPrincipal } from './principal.js';
import { passwordResetTokens, sessions, users } from './schema.js';

export function createPasswordService(ctx: AuthContext) {
  const { db, config, mail, t, now } = ctx;
  const { userWithPassword, checkCurrentPassword, checkNewPassword } = passwordChecks(ctx);

  /**
   * Sets a new password. Reset links already sent stop working and the person's sessions end,
   * but for the one they changed it from: whoever else held one no longer knows the password.
   */
  async function storeNewPassword(
    tx: Executor,
    user: { id: string; displayName: string },
    passwordHash: string,
    at: Date,
    action: 'user.password-changed' | 'user.password-reset',
    keepSessionId?: string,
  ) {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: at,
        updatedAt: at,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, user.id));
    await revokeResetLinks(tx, user.id, at);
    await tx
      .delete(sessions)
      .where(
        and(
          eq(sessions.userId, user.id),
          keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
        ),
      );
    await recordAudit(
      tx,
      { userId: user.id, label: user.displayName },
      { action, recordType: 'user', recordId: user.id, after: { passwordChangedAt: at } },
    );
  }

  function checkResetAddress(emailInput: string): string {
    const email = normaliseEmail(emailInput);
    if (!email)
      throw new ValidationError([{ field: 'email', message: t('auth.errors.emailMissing') }]);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new ValidationError([
        {
          field: 'email',
          message: t('auth.errors.emailFormat'),
        },
      ]);
    }
    return email;
  }

  async function sendPasswordReset(email: string, client: ClientInfo): Promise<void> {
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.email, email), eq(users.status, 'active')));
    if (!user) return;
    await db.transaction(async (tx) => {
      const link = await issueSetPasswordLink(tx, {
        userId: user.id,
        minutes: config.passwordResetMinutes,
        publicUrl: config.publicUrl,
        now: now(),
      });
      await mail.queue(tx, {
        to: user.email,
        subject: t('mail.passwordReset.subject'),
        text: [
          t('mail.dear', { name: user.displayName }),
          '',
          t('mail.passwordReset.asked'),
          '',
          link,
          '',
          t('mail.passwordReset.expires', { minutes: config.passwordResetMinutes }),
          '',
          t('mail.passwordReset.from', { ip: client.ip }),
        ].join('\n'),
      });
      await recordAudit(
        tx,
        { userId: null, label: 'password reset request' },
        {
          action: 'user.password-reset-requested',
          recordType: 'user',
          recordId: user.id,
        },
      );
    });
  }

  /**
   * Work done after an answer has gone: started once the current turn of the event loop is over
   * (so after the response is written), and remembered until it ends, so that stopping (and a
   * test) can wait for it.
   */
  const background = new Set<Promise<void>>();
  function inBackground(work: () => Promise<void>): void {
    const running = new Promise<void>((resolve) => setImmediate(resolve)).then(work);
    background.add(running);
    void running.catch(() => undefined).finally(() => background.delete(running));
  }

  return {
    async changePassword(
      principal: UserPrincipal,
      input: { currentPassword: string; newPassword: string; confirmPassword: string },
    ) {
      const user = await checkCurrentPassword(principal.userId, input.currentPassword);
      await checkNewPassword(input.newPassword, input.confirmPassword, [
        user.email,
        user.displayName,
      ]);
      const passwordHash = await hashPassword(input.newPassword);
      const at = now();
      await db.transaction((tx) =>
        storeNewPassword(tx, user, passwordHash, at, 'user.password-changed', principal.sessionId),
      );
    },

    /**
     * A reset asked for at the forgotten-password form: the address is checked at once (its
     * errors are the form's), and the rest, the lookup and, for an active account, the link and
     * its e-mail, is done after the answer has gone, the same way whether or not the address has
     * an account: the answer takes the same time either way and tells nobody who has one.
     */
    requestPasswordResetAfterAnswer(
      emailInput: string,
      client: ClientInfo,
      onError: (error: unknown) => void,
    ): { send(): void } {
      const email = checkResetAddress(emailInput);
      return { send: () => inBackground(() => sendPasswordReset(email, client).catch(onError)) };
    },

    /** The same at once: the address checked, then the link sent if it has an active account. */
    async requestPasswordReset(emailInput: string, client: ClientInfo): Promise<void> {
      await sendPasswordReset(checkResetAddress(emailInput), client);
    },

    /** Resolves when the work left for after an answer is done (before the database closes). */
    async settled(): Promise<void> {
      while (background.size) await Promise.all([...background]);
    },

    /** Whether a reset link is still good: used to show the form or an expiry message. */
    async resetTokenIsValid(token: string): Promise<boolean> {
      return (await findLiveResetToken(db, token)) !== undefined;
    },

    async resetPassword(token: string, input: { newPassword: string; confirmPassword: string }) {
      const reset = await findLiveResetToken(db, token);
      if (!reset) throw new ConflictError(t('auth.errors.linkExpired'));
      const user = await userWithPassword(reset.userId);
      await checkNewPassword(input.newPassword, input.confirmPassword, [
        user.email,
        user.displayName,
      ]);
      const passwordHash = await hashPassword(input.newPassword);
      const at = now();
      await db.transaction(async (tx) => {
        const claimed = await tx
          .update(passwordResetTokens)
          .set({ usedAt: at })
          .where(and(eq(passwordResetTokens.id, reset.id), isNull(passwordResetTokens.usedAt)))
          .returning({ id: passwordResetTokens.id });
        if (claimed.length === 0) throw new ConflictError(t('auth.errors.linkUsed'));
        await storeNewPassword(tx, user, passwordHash, at, 'user.password-reset');
      });
    },
  };

  async function findLiveResetToken(executor: Executor, token: string) {
    if (!token || token.length > 100) return undefined;
    const [row] = await executor
      .select()
      .from(passwordResetTokens)
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now()),
        ),
      );
    return row;
  }
}
