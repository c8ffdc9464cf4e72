/**
 * Sessions: made at sign-in, given a new token when their privilege changes, read on every
 * signed-in request, listed and ended by their person, and swept once past any use.
 */
import { and, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { recordAudit } from '../audit/service.js';
import type {
  AuthContext,
  ClientInfo,
  SessionContext,
  SessionStage,
  SessionSummary,
} from './context.js';
import { hashToken, newToken } from './credentials.js';
import { requiresSecondFactor } from './permissions.js';
import type { RoleGrant, UserPrincipal } from './principal.js';
import { sessionIsLive } from './rules.js';
import { passwordResetTokens, roleAssignments, sessions, signInAttempts, users } from './schema.js';

/** Making a session and renewing its token: the sign-in and second-factor services' part. */
export function sessionTokens({ config, now }: AuthContext) {
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

  return { createSession, rotateSession };
}

export function createSessionsService({ db, config, now }: AuthContext) {
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

  return {
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
}
