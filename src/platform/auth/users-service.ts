/** What administrators do to other people's accounts: create, roles, deactivate. */
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { recordAudit } from '../audit/service.js';
import type { Translate } from '../i18n/messages.js';
import type { Db, Executor } from '../db/database.js';
import { prefixTsQuery } from '../db/search.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../errors.js';
import type { MailService } from '../mail/service.js';
import { hashPassword } from './passwords.js';
import { can } from './permissions.js';
import { actorOf, type Principal, type RoleGrant, type UserPrincipal } from './principal.js';
import { isRole, ROLE_INFO, roleLabel, type Role, type ScopeType } from './roles.js';
import { roleAssignments, sessions, users } from './schema.js';
import { issueSetPasswordLink, newToken, normaliseEmail, revokeResetLinks } from './credentials.js';

const INVITATION_MINUTES = 7 * 24 * 60;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Names the records a scoped role can be held for (boroughs from the directory, groups later). */
export interface ScopeCatalogue {
  options(type: ScopeType): Promise<{ id: string; name: string }[]>;
  name(type: ScopeType, id: string): Promise<string | undefined>;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  status: 'active' | 'deactivated';
  hasSecondFactor: boolean;
  createdAt: Date;
}

export interface RoleAssignmentView extends RoleGrant {
  id: string;
  scopeName: string | null;
}

export interface UserDetail extends UserSummary {
  roles: RoleAssignmentView[];
  activeSessions: number;
  version: number;
}

function requireAdmin(principal: Principal): UserPrincipal {
  if (!principal || principal.kind !== 'user' || !can(principal, 'users.manage'))
    throw new ForbiddenError();
  return principal;
}

export type UsersService = ReturnType<typeof createUsersService>;

/** The message for a borough or group that is not in the list, by scope type. */
const SCOPE_NOT_FOUND: Record<ScopeType, string> = {
  borough: 'admin.users.errors.scope.borough',
  group: 'admin.users.errors.scope.group',
  panel: 'admin.users.errors.scope.panel',
  suite: 'admin.users.errors.scope.suite',
  engagement_group: 'admin.users.errors.scope.engagement_group',
};

export function createUsersService(deps: {
  db: Db;
  config: Config;
  mail: MailService;
  scopes: ScopeCatalogue;
  now?: () => Date;
  /** The words of its refusals and e-mails, in the default language. */
  t: Translate;
}) {
  const { db, config, mail, scopes, t } = deps;
  const now = deps.now ?? (() => new Date());

  async function validateGrant(input: {
    role: string;
    scopeId?: string | undefined;
  }): Promise<{ role: Role; scopeType: ScopeType | null; scopeId: string | null }> {
    if (!input.role || !isRole(input.role))
      throw new ValidationError([{ field: 'role', message: t('admin.roles.select') }]);
    const scopeType = ROLE_INFO[input.role].scope ?? null;
    if (!scopeType || !input.scopeId)
      return { role: input.role, scopeType: input.scopeId ? scopeType : null, scopeId: null };
    if (!(await scopes.name(scopeType, input.scopeId))) {
      throw new ValidationError([{ field: 'scopeId', message: t(SCOPE_NOT_FOUND[scopeType]) }]);
    }
    return { role: input.role, scopeType, scopeId: input.scopeId };
  }

  async function detail(userId: string): Promise<UserDetail> {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new NotFoundError();
    const at = now();
    const idleSince = new Date(at.getTime() - config.session.idleMinutes * 60_000);
    const [grants, [active]] = await Promise.all([
      db
        .select()
        .from(roleAssignments)
        .where(eq(roleAssignments.userId, userId))
        .orderBy(asc(roleAssignments.role)),
      db
        .select({ n: count() })
        .from(sessions)
        // Sessions past their idle or absolute limit are not active, though not yet swept.
        .where(
          and(
            eq(sessions.userId, userId),
            eq(sessions.stage, 'complete'),
            gt(sessions.expiresAt, at),
            gt(sessions.lastSeenAt, idleSince),
          ),
        ),
    ]);
    const roles = await Promise.all(
      grants.map(async (g) => ({
        id: g.id,
        role: g.role,
        scopeType: g.scopeType,
        scopeId: g.scopeId,
        scopeName:
          g.scopeType && g.scopeId ? ((await scopes.name(g.scopeType, g.scopeId)) ?? null) : null,
      })),
    );
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      status: user.status,
      hasSecondFactor: user.totpEnabledAt !== null,
      createdAt: user.createdAt,
      version: user.version,
      roles,
      activeSessions: Number(active?.n ?? 0),
    };
  }

  return {
    async list(
      principal: Principal,
      query: { q?: string | undefined; limit: number; offset: number },
    ) {
      requireAdmin(principal);
      const q = query.q?.trim();
      const tsquery = q ? prefixTsQuery(q) : null;
      const where = tsquery
        ? sql`to_tsvector('simple', ${users.displayName} || ' ' || ${users.email}) @@ to_tsquery('simple', ${tsquery})`
        : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(users)
          .where(where)
          .orderBy(asc(users.displayName))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(users).where(where),
      ]);
      const ids = rows.map((r) => r.id);
      const grants = ids.length
        ? await db.select().from(roleAssignments).where(inArray(roleAssignments.userId, ids))
        : [];
      const items = rows.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        status: u.status,
        hasSecondFactor: u.totpEnabledAt !== null,
        createdAt: u.createdAt,
        roles: [...new Set(grants.filter((g) => g.userId === u.id).map((g) => g.role))],
      }));
      return { items, total: Number(total?.n ?? 0) };
    },

    async get(principal: Principal, userId: string): Promise<UserDetail> {
      requireAdmin(principal);
      return detail(userId);
    },

    /** Creates an account and e-mails the person a link to choose their own password. */
    async create(
      principal: Principal,
      input: { email: string; displayName: string; role: string; scopeId?: string | undefined },
      requestId?: string,
    ) {
      const admin = requireAdmin(principal);
      const email = normaliseEmail(input.email ?? '');
      const displayName = (input.displayName ?? '').trim();
      const errors: FieldError[] = [];
      if (!displayName)
        errors.push({ field: 'displayName', message: t('admin.users.errors.nameMissing') });
      else if (displayName.length > 200)
        errors.push({ field: 'displayName', message: t('admin.users.errors.nameTooLong') });
      if (!email) errors.push({ field: 'email', message: t('admin.users.errors.emailMissing') });
      else if (!EMAIL_PATTERN.test(email) || email.length > 254)
        errors.push({
          field: 'email',
          message: t('auth.errors.emailFormat'),
        });
      if (!input.role || !isRole(input.role))
        errors.push({ field: 'role', message: t('admin.roles.select') });
      if (errors.length) throw new ValidationError(errors);
      const grant = await validateGrant(input);
      // An unusable password until the person follows the invitation link.
      const passwordHash = await hashPassword(newToken());
      return db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, email));
        const duplicate = () => new ConflictError(t('admin.users.errors.duplicate'), 'email');
        if (existing) throw duplicate();
        // Two administrators creating the same address at once: the unique index decides, and
        // the loser gets the same answer rather than a database error.
        const [user] = await tx
          .insert(users)
          .values({ email, displayName, passwordHash })
          .onConflictDoNothing({ target: users.email })
          .returning();
        if (!user) throw duplicate();
        await tx
          .insert(roleAssignments)
          .values({ userId: user!.id, ...grant, createdBy: admin.userId });
        const link = await issueSetPasswordLink(tx, {
          userId: user!.id,
          minutes: INVITATION_MINUTES,
          publicUrl: config.publicUrl,
          now: now(),
        });
        await mail.queue(tx, {
          to: email,
          subject: t('mail.invitation.subject'),
          text: [
            t('mail.dear', { name: displayName }),
            '',
            t('mail.invitation.created', {
              admin: admin.displayName,
              role: roleLabel(t, grant.role),
            }),
            t('mail.invitation.link'),
            '',
            link,
          ].join('\n'),
        });
        await recordAudit(tx, actorOf(admin, requestId), {
          action: 'user.created',
          recordType: 'user',
          recordId: user!.id,
          after: { email, displayName, status: user!.status, role: grant },
        });
        return user!.id;
      });
    },

    async grantRole(
      principal: Principal,
      userId: string,
      input: { role: string; scopeId?: string | undefined },
      requestId?: string,
    ) {
      const admin = requireAdmin(principal);
      const grant = await validateGrant(input);
      await detail(userId);
      await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(roleAssignments)
          .values({ userId, ...grant, createdBy: admin.userId })
          .onConflictDoNothing()
          .returning();
        if (inserted.length === 0) throw new ConflictError(t('admin.users.errors.hasRole'), 'role');
        await recordAudit(tx, actorOf(admin, requestId), {
          action: 'user.role-granted',
          recordType: 'user',
          recordId: userId,
          after: grant,
        });
      });
    },

    async revokeRole(
      principal: Principal,
      userId: string,
      assignmentId: string,
      requestId?: string,
    ) {
      const admin = requireAdmin(principal);
      await db.transaction(async (tx) => {
        const [removed] = await tx
          .delete(roleAssignments)
          .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)))
          .returning();
        if (!removed) throw new NotFoundError();
        if (userId === admin.userId && removed.role === 'administrator') {
          const [left] = await tx
            .select({ n: count() })
            .from(roleAssignments)
            .where(
              and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, 'administrator')),
            );
          if (Number(left?.n ?? 0) === 0)
            throw new ConflictError(t('admin.users.errors.ownAdminRole'), 'role');
        }
        await recordAudit(tx, actorOf(admin, requestId), {
          action: 'user.role-revoked',
          recordType: 'user',
          recordId: userId,
          before: { role: removed.role, scopeType: removed.scopeType, scopeId: removed.scopeId },
        });
      });
    },

    /** Deactivating ends every session the person has at once. */
    async setStatus(
      principal: Principal,
      userId: string,
      status: 'active' | 'deactivated',
      version: number,
      requestId?: string,
    ) {
      const admin = requireAdmin(principal);
      if (userId === admin.userId && status === 'deactivated') {
        throw new ConflictError(t('admin.users.errors.ownAccount'), 'status');
      }
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
        if (!before) throw new NotFoundError();
        if (before.version !== version)
          throw new ConflictError(t('admin.users.errors.changed'), 'status');
        if (before.status === status) return;
        const at = now();
        const [after] = await tx
          .update(users)
          .set({
            status,
            deactivatedAt: status === 'deactivated' ? at : null,
            updatedAt: at,
            version: sql`${users.version} + 1`,
          })
          .where(eq(users.id, userId))
          .returning();
        if (status === 'deactivated') {
          await tx.delete(sessions).where(eq(sessions.userId, userId));
          await revokeResetLinks(tx, userId, at);
        }
        await recordAudit(tx, actorOf(admin, requestId), {
          action: status === 'deactivated' ? 'user.deactivated' : 'user.reactivated',
          recordType: 'user',
          recordId: userId,
          before: { status: before.status },
          after: { status: after!.status },
        });
      });
    },

    scopeOptions: (type: ScopeType) => scopes.options(type),

    /** The account with this e-mail address, for linking a directory entry to it. */
    idForEmail: (email: string) => findUserIdByEmail(db, email),

    async summary(
      userId: string,
    ): Promise<{ id: string; displayName: string; email: string } | undefined> {
      const [row] = await db
        .select({ id: users.id, displayName: users.displayName, email: users.email })
        .from(users)
        .where(eq(users.id, userId));
      return row;
    },
  };
}

/** The id of the account with this e-mail address, if there is one. */
export async function findUserIdByEmail(
  executor: Executor,
  email: string,
): Promise<string | undefined> {
  const [row] = await executor
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row?.id;
}

/**
 * The active accounts holding a role (for a scoped role, for this record), with what a message
 * to them needs: whom to tell when something waits for that role.
 */
export async function activeRoleHolders(
  executor: Executor,
  role: Role,
  scope?: { type: ScopeType; id: string },
): Promise<{ userId: string; name: string; email: string }[]> {
  return executor
    .selectDistinct({ userId: users.id, name: users.displayName, email: users.email })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.role, role),
        eq(users.status, 'active'),
        ...(scope
          ? [eq(roleAssignments.scopeType, scope.type), eq(roleAssignments.scopeId, scope.id)]
          : []),
      ),
    );
}

/**
 * Makes exactly these accounts hold a scoped role for one record, inside the caller's
 * transaction: the chair role follows an election, the deployment contact role follows the
 * group's choice. Writes no audit event of its own; the caller's event records the change.
 */
export async function replaceScopedRoleHolders(
  tx: Executor,
  input: {
    role: Role;
    scope: { type: ScopeType; id: string };
    userIds: readonly string[];
    grantedBy: string | null;
  },
): Promise<{ granted: string[]; revoked: string[] }> {
  const held = await tx
    .select({ id: roleAssignments.id, userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.role, input.role),
        eq(roleAssignments.scopeType, input.scope.type),
        eq(roleAssignments.scopeId, input.scope.id),
      ),
    );
  const wanted = new Set(input.userIds);
  const revoked = held.filter((h) => !wanted.has(h.userId));
  if (revoked.length)
    await tx.delete(roleAssignments).where(
      inArray(
        roleAssignments.id,
        revoked.map((r) => r.id),
      ),
    );
  const holding = new Set(held.map((h) => h.userId));
  const granted = [...wanted].filter((id) => !holding.has(id));
  if (granted.length)
    await tx.insert(roleAssignments).values(
      granted.map((userId) => ({
        userId,
        role: input.role,
        scopeType: input.scope.type,
        scopeId: input.scope.id,
        createdBy: input.grantedBy,
      })),
    );
  return { granted, revoked: revoked.map((r) => r.userId) };
}
