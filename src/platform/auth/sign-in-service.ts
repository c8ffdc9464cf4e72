/**
 * Signing in, both steps (the password, then the second factor's code), each throttled and
 * locked out after too many failures.
 */
import { and, desc, eq, gt, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.js';
import { ForbiddenError, TooManyRequestsError, ValidationError } from '../errors.js';
import type { Translate } from '../i18n/messages.js';
import english from '../locales/en.json' with { type: 'json' };
import type { AuthContext, ClientInfo, SessionContext, SessionStage } from './context.js';
import { hashToken, loadRoles, normaliseEmail, passwordChecks } from './credentials.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { requiresSecondFactor } from './permissions.js';
import { minutesUntil, throttleSignIn } from './rules.js';
import { sessions, signInAttempts, users } from './schema.js';
import type { sessionTokens } from './sessions-service.js';
import { acceptedTotpStep } from './totp.js';

/** What a refused sign-in says, whatever was wrong (the English catalogue's words). */
export const SIGN_IN_FAILED = english.auth.errors.signInFailed;

/** The refusal while locked out, shown at the form's field. */
function lockedOut(until: Date, at: Date, t: Translate, field: string): TooManyRequestsError {
  return new TooManyRequestsError(
    t('auth.errors.lockedOut', { count: minutesUntil(until, at) }),
    Math.ceil((until.getTime() - at.getTime()) / 1000),
    field,
  );
}

export function createSignInService(
  ctx: AuthContext,
  { createSession, rotateSession }: ReturnType<typeof sessionTokens>,
) {
  const { db, config, secretBox, t, now, sleep } = ctx;
  const { userWithPassword } = passwordChecks(ctx);

  async function recentFailures(email: string, ip: string, at: Date) {
    const since = new Date(at.getTime() - config.signIn.windowMinutes * 60_000);
    const [lastSuccess] = await db
      .select({ at: signInAttempts.at })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.email, email),
          eq(signInAttempts.succeeded, true),
          gte(signInAttempts.at, since),
        ),
      )
      .orderBy(desc(signInAttempts.at))
      .limit(1);
    const accountSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
    const [account] = await db
      .select({ n: sql<number>`count(*)::int`, last: sql<Date | null>`max(${signInAttempts.at})` })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.email, email),
          eq(signInAttempts.succeeded, false),
          gt(signInAttempts.at, accountSince),
        ),
      );
    const [address] = await db
      .select({ n: sql<number>`count(*)::int`, last: sql<Date | null>`max(${signInAttempts.at})` })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.ipAddress, ip),
          eq(signInAttempts.succeeded, false),
          gt(signInAttempts.at, since),
        ),
      );
    const toDate = (v: Date | string | null | undefined) => (v ? new Date(v) : null);
    return {
      account: account?.n ?? 0,
      address: address?.n ?? 0,
      lastAccountFailure: toDate(account?.last),
      lastAddressFailure: toDate(address?.last),
    };
  }

  return {
    /**
     * First step of signing in. Returns a new session token (any previous one is ended) whose
     * stage says whether a second factor is still needed.
     */
    async signIn(
      input: { email: string; password: string; previousToken?: string | undefined },
      client: ClientInfo,
    ) {
      const email = normaliseEmail(input.email);
      const errors = [];
      if (!email) errors.push({ field: 'email', message: t('auth.errors.emailMissing') });
      if (!input.password)
        errors.push({ field: 'password', message: t('auth.errors.passwordMissing') });
      if (errors.length) throw new ValidationError(errors);

      const at = now();
      const decision = throttleSignIn(
        await recentFailures(email, client.ip, at),
        config.signIn,
        at,
      );
      if (decision.kind === 'locked') {
        throw lockedOut(decision.until, at, t, 'email');
      }
      if (decision.delayMs > 0) await sleep(decision.delayMs);

      const [user] = await db.select().from(users).where(eq(users.email, email));
      const passwordOk = await verifyPassword(
        user?.passwordHash ?? (await dummyPasswordHash()),
        input.password,
      );
      if (!user || !passwordOk || user.status !== 'active') {
        await db
          .insert(signInAttempts)
          .values({ email, ipAddress: client.ip, succeeded: false, at });
        throw new ValidationError([{ field: 'email', message: t('auth.errors.signInFailed') }]);
      }
      const roles = await loadRoles(db, user.id);
      const stage: SessionStage = user.totpEnabledAt
        ? 'second_factor'
        : requiresSecondFactor(roles)
          ? 'enrol'
          : 'complete';
      return db.transaction(async (tx) => {
        if (input.previousToken)
          await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(input.previousToken)));
        // Success resets the count of failures for the account, so it is recorded only once the
        // sign-in is whole: otherwise signing in again with the password would wipe out the
        // failed codes and let the second factor be guessed without the account ever locking.
        if (stage !== 'second_factor')
          await tx
            .insert(signInAttempts)
            .values({ email, ipAddress: client.ip, succeeded: true, at });
        const created = await createSession(tx, user.id, stage, client);
        await recordAudit(
          tx,
          { userId: user.id, label: user.displayName },
          {
            action: stage === 'complete' ? 'session.signed-in' : 'session.password-accepted',
            recordType: 'user',
            recordId: user.id,
            after: { sessionId: created.sessionId, ip: client.ip },
          },
        );
        return { ...created, stage };
      });
    },

    /** Second step: a TOTP code from the person's authenticator. Returns the new session token. */
    async completeSecondFactor(context: SessionContext, code: string, client: ClientInfo) {
      if (context.stage !== 'second_factor') throw new ForbiddenError();
      const user = await userWithPassword(context.user.id);
      const at = now();
      const decision = throttleSignIn(
        await recentFailures(user.email, client.ip, at),
        config.signIn,
        at,
      );
      if (decision.kind === 'locked') {
        throw lockedOut(decision.until, at, t, 'code');
      }
      if (decision.delayMs > 0) await sleep(decision.delayMs);
      if (!code.trim())
        throw new ValidationError([{ field: 'code', message: t('auth.errors.codeMissing') }]);
      const step = user.totpSecret
        ? acceptedTotpStep(secretBox.open(user.totpSecret), code, at)
        : null;
      if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) {
        await db
          .insert(signInAttempts)
          .values({ email: user.email, ipAddress: client.ip, succeeded: false, at });
        throw new ValidationError([
          {
            field: 'code',
            message: t('auth.errors.codeWrongOrUsed'),
          },
        ]);
      }
      return db.transaction(async (tx) => {
        // Claims the step only if no request has used it (or a later one) meanwhile, so two
        // requests racing with the same code cannot both succeed.
        const claimed = await tx
          .update(users)
          .set({ totpLastStep: step })
          .where(
            and(
              eq(users.id, user.id),
              or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
            ),
          )
          .returning({ id: users.id });
        if (claimed.length === 0)
          throw new ValidationError([
            {
              field: 'code',
              message: t('auth.errors.codeWrongOrUsed'),
            },
          ]);
        await tx
          .insert(signInAttempts)
          .values({ email: user.email, ipAddress: client.ip, succeeded: true, at });
        const token = await rotateSession(tx, context.sessionId, 'complete');
        await recordAudit(
          tx,
          { userId: user.id, label: user.displayName },
          {
            action: 'session.signed-in',
            recordType: 'user',
            recordId: user.id,
            after: { sessionId: context.sessionId, ip: client.ip, secondFactor: true },
          },
        );
        return token;
      });
    },
  };
}
