/**
 * Signing in and out, sessions, second factor and password changes: everything a person does
 * about their own account. Administrators' actions on other accounts are in users-service.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, gte, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { recordAudit } from '../audit/service.js';
import type { Db, Executor } from '../db/database.js';
import { ConflictError, ForbiddenError, TooManyRequestsError, ValidationError } from '../errors.js';
import type { Translate } from '../i18n/messages.js';
import english from '../locales/en.json' with { type: 'json' };
import type { MailService } from '../mail/service.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { requiresSecondFactor } from './permissions.js';
import type { RoleGrant, UserPrincipal } from './principal.js';
import { minutesUntil, sessionIsLive, throttleSignIn } from './rules.js';
import { passwordResetTokens, roleAssignments, sessions, signInAttempts, users } from './schema.js';
import type { SecretBox } from './secret-box.js';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp.js';

export type SessionStage = 'second_factor' | 'enrol' | 'complete';

export interface SessionContext {
  sessionId: string;
  stage: SessionStage;
  user: { id: string; email: string; displayName: string; hasSecondFactor: boolean };
  /** Set only once the sign-in is complete. */
  principal: UserPrincipal | null;
}

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface SecondFactorSetup {
  /** The secret, sealed, to carry in the form until the person confirms a code. */
  sealedSecret: string;
  /** The secret in base32, for typing into an authenticator app. */
  secret: string;
  uri: string;
}

/** What a refused sign-in says, whatever was wrong (the English catalogue's words). */
export const SIGN_IN_FAILED = english.auth.errors.signInFailed;

function lockedOut(until: Date, at: Date, t: Translate): TooManyRequestsError {
  return new TooManyRequestsError(
    t('auth.errors.lockedOut', { count: minutesUntil(until, at) }),
    Math.ceil((until.getTime() - at.getTime()) / 1000),
  );
}

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
  return `${input.publicUrl}/reset-password/${token}`;
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

export interface AuthServiceDeps {
  db: Db;
  config: Config;
  mail: MailService;
  secretBox: SecretBox;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** The words of its refusals and e-mails, in the default language (issue 22 item 7). */
  t: Translate;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const { db, config, mail, secretBox, t } = deps;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  /**
   * Every signed-in request reads its session, account and roles: one query, prepared once
   * (drizzle builds its SQL once; PostgreSQL plans it once per connection), as the benchmark
   * found building it on each request cost as much as running it.
   */
  const sessionByTokenHash = db
    .select({
      sessionId: sessions.id,
      stage: sessions.stage,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      status: users.status,
      totpEnabledAt: users.totpEnabledAt,
      // The roles in the same query: every signed-in page reads them, and a second round
      // trip on every request showed in the benchmark's profiles.
      roles: sql<RoleGrant[]>`coalesce((select json_agg(json_build_object(
        'role', r.role, 'scopeType', r.scope_type, 'scopeId', r.scope_id))
        from ${roleAssignments} r where r.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('bridge_session_by_token_hash');

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

  async function createSession(
    tx: Executor,
    userId: string,
    stage: SessionStage,
    client: ClientInfo,
  ) {
    const token = newToken();
    const at = now();
    const [row] = await tx
      .insert(sessions)
      .values({
        tokenHash: hashToken(token),
        userId,
        stage,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(at.getTime() + config.session.absoluteHours * 3_600_000),
        ipAddress: client.ip,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      })
      .returning({ id: sessions.id });
    return { token, sessionId: row!.id };
  }

  /** Gives the session a new token (ASVS 3.2.1: a new token when privilege changes). */
  async function rotateSession(
    tx: Executor,
    sessionId: string,
    stage: SessionStage,
  ): Promise<string> {
    const token = newToken();
    await tx
      .update(sessions)
      .set({ tokenHash: hashToken(token), stage, lastSeenAt: now() })
      .where(eq(sessions.id, sessionId));
    return token;
  }

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

  async function checkNewPassword(
    password: string,
    confirm: string,
    personal: string[],
    field = 'newPassword',
  ) {
    const problem = await passwordProblem(password, personal);
    if (problem) throw new ValidationError([{ field, message: problem }]);
    if (password !== confirm) {
      throw new ValidationError([
        { field: 'confirmPassword', message: t('auth.errors.passwordsDiffer') },
      ]);
    }
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
        throw lockedOut(decision.until, at, t);
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
        throw lockedOut(decision.until, at, t);
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
      const setup = this.reopenSecondFactorSetup(context.user.email, input.sealedSecret);
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

    /** The session behind a cookie, or null when there is none or it has ended. */
    async resolveSession(token: string | undefined): Promise<SessionContext | null> {
      if (!token || token.length > 100) return null;
      const at = now();
      const [row] = await sessionByTokenHash.execute({ tokenHash: hashToken(token) });
      if (!row) return null;
      if (row.status !== 'active' || !sessionIsLive(row, config.session.idleMinutes, at)) {
        await db.delete(sessions).where(eq(sessions.id, row.sessionId));
        return null;
      }
      // Touch at most once a minute: idle time is measured in minutes, writes cost.
      if (at.getTime() - row.lastSeenAt.getTime() > 60_000) {
        await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, row.sessionId));
      }
      const user = {
        id: row.userId,
        email: row.email,
        displayName: row.displayName,
        hasSecondFactor: row.totpEnabledAt !== null,
      };
      const roles = row.stage === 'complete' ? row.roles : [];
      // A role that needs a second factor may have been granted after this session began
      // (ASVS 4.3.1): until the person sets one up, the session is only good for doing that.
      const stage: SessionStage =
        row.stage === 'complete' && !user.hasSecondFactor && requiresSecondFactor(roles)
          ? 'enrol'
          : row.stage;
      const principal: UserPrincipal | null =
        stage === 'complete'
          ? {
              kind: 'user',
              userId: row.userId,
              displayName: row.displayName,
              email: row.email,
              roles,
              sessionId: row.sessionId,
            }
          : null;
      return { sessionId: row.sessionId, stage, user, principal };
    },

    async signOut(context: SessionContext): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.id, context.sessionId));
        await recordAudit(
          tx,
          { userId: context.user.id, label: context.user.displayName },
          {
            action: 'session.signed-out',
            recordType: 'user',
            recordId: context.user.id,
            before: { sessionId: context.sessionId },
          },
        );
      });
    },

    async listSessions(principal: UserPrincipal): Promise<SessionSummary[]> {
      const at = now();
      const idleSince = new Date(at.getTime() - config.session.idleMinutes * 60_000);
      const rows = await db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.userId, principal.userId),
            eq(sessions.stage, 'complete'),
            gt(sessions.expiresAt, at),
            gt(sessions.lastSeenAt, idleSince),
          ),
        )
        .orderBy(desc(sessions.lastSeenAt));
      return rows.map((s) => ({
        id: s.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        ipAddress: s.ipAddress,
        userAgent: s.userAgent,
        current: s.id === principal.sessionId,
      }));
    },

    /** Ends one of the person's own sessions; another person's session is not found. */
    async endSession(principal: UserPrincipal, sessionId: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const ended = await tx
          .delete(sessions)
          .where(and(eq(sessions.id, sessionId), eq(sessions.userId, principal.userId)))
          .returning({ id: sessions.id });
        if (ended.length === 0) return false;
        await recordAudit(
          tx,
          { userId: principal.userId, label: principal.displayName },
          {
            action: 'session.ended',
            recordType: 'user',
            recordId: principal.userId,
            before: { sessionId },
          },
        );
        return true;
      });
    },

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

    /** Removes sessions and sign-in attempts past any use; safe on several instances at once. */
    async sweepExpired(): Promise<void> {
      const at = now();
      await db
        .delete(sessions)
        .where(
          or(
            lt(sessions.expiresAt, at),
            lt(sessions.lastSeenAt, new Date(at.getTime() - config.session.idleMinutes * 60_000)),
          ),
        );
      await db
        .delete(signInAttempts)
        .where(lt(signInAttempts.at, new Date(at.getTime() - 24 * 3_600_000)));
      await db
        .delete(passwordResetTokens)
        .where(lt(passwordResetTokens.expiresAt, new Date(at.getTime() - 24 * 3_600_000)));
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
