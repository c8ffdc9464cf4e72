/**
 * The second factor: setting up an authenticator app (at sign-in when a role needs one, or from
 * the account page) and removing it.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import type { AuthContext, ClientInfo, SecondFactorSetup, SessionContext } from './context.js';
import { passwordChecks } from './credentials.js';
import { requiresSecondFactor } from './permissions.js';
import type { UserPrincipal } from './principal.js';
import { sessions, users } from './schema.js';
import type { sessionTokens } from './sessions-service.js';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp.js';

export function createSecondFactorService(
  ctx: AuthContext,
  { rotateSession }: ReturnType<typeof sessionTokens>,
) {
  const { db, secretBox, t, now } = ctx;
  const { checkCurrentPassword } = passwordChecks(ctx);

  const service = {
    /** A fresh secret for setting up an authenticator app; nothing is stored until confirmed. */
    newSecondFactorSetup(email: string): SecondFactorSetup {
      const secret = newTotpSecret();
      return { secret, sealedSecret: secretBox.seal(secret), uri: totpUri(secret, email) };
    },

    /** Recovers the setup shown on the form, so a mistyped code can be tried again. */
    reopenSecondFactorSetup(email: string, sealedSecret: string): SecondFactorSetup {
      let secret: string;
      try {
        secret = secretBox.open(sealedSecret);
      } catch {
        throw new ValidationError([{ field: 'code', message: t('auth.errors.setUpExpired') }]);
      }
      return { secret, sealedSecret, uri: totpUri(secret, email) };
    },

    /**
     * Turns on the second factor. When signed in, the current password is asked for again
     * (ASVS 2.8); during compulsory enrolment at sign-in, the password was just given.
     */
    async enableSecondFactor(
      context: SessionContext,
      input: { sealedSecret: string; code: string; currentPassword?: string | undefined },
      client: ClientInfo,
    ): Promise<string> {
      if (context.stage === 'second_factor') throw new ForbiddenError();
      if (context.stage === 'complete')
        await checkCurrentPassword(context.user.id, input.currentPassword ?? '');
      const setup = service.reopenSecondFactorSetup(context.user.email, input.sealedSecret);
      const at = now();
      if (!input.code.trim())
        throw new ValidationError([{ field: 'code', message: t('auth.errors.codeMissing') }]);
      const step = acceptedTotpStep(setup.secret, input.code, at);
      if (step === null) {
        throw new ValidationError([
          {
            field: 'code',
            message: t('auth.errors.codeWrong'),
          },
        ]);
      }
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(users).where(eq(users.id, context.user.id));
        const [after] = await tx
          .update(users)
          .set({
            totpSecret: secretBox.seal(setup.secret),
            totpEnabledAt: at,
            totpLastStep: step,
            updatedAt: at,
            version: sql`${users.version} + 1`,
          })
          .where(eq(users.id, context.user.id))
          .returning();
        // Every other session of this person ends: they were made before the factor existed.
        await tx
          .delete(sessions)
          .where(and(eq(sessions.userId, context.user.id), ne(sessions.id, context.sessionId)));
        const token = await rotateSession(tx, context.sessionId, 'complete');
        await recordAudit(
          tx,
          { userId: context.user.id, label: context.user.displayName, requestId: undefined },
          {
            action: 'user.second-factor-enabled',
            recordType: 'user',
            recordId: context.user.id,
            before: before && { totpEnabledAt: before.totpEnabledAt },
            after: after && { totpEnabledAt: after.totpEnabledAt, ip: client.ip },
          },
        );
        return token;
      });
    },

    async disableSecondFactor(principal: UserPrincipal, currentPassword: string): Promise<void> {
      if (requiresSecondFactor(principal.roles)) {
        throw new ConflictError(t('auth.errors.secondFactorRequired'), 'currentPassword');
      }
      await checkCurrentPassword(principal.userId, currentPassword);
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select({ totpEnabledAt: users.totpEnabledAt })
          .from(users)
          .where(eq(users.id, principal.userId));
        await tx
          .update(users)
          .set({
            totpSecret: null,
            totpEnabledAt: null,
            totpLastStep: null,
            updatedAt: now(),
            version: sql`${users.version} + 1`,
          })
          .where(eq(users.id, principal.userId));
        await recordAudit(
          tx,
          { userId: principal.userId, label: principal.displayName },
          {
            action: 'user.second-factor-removed',
            recordType: 'user',
            recordId: principal.userId,
            before,
            after: { totpEnabledAt: null },
          },
        );
      });
    },
  };
  return service;
}
