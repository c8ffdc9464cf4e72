/** API tokens: issued by administrators, shown once, stored only as a hash. */
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { recordAudit } from '../audit/service.js';
import { can } from '../auth/permissions.js';
import { actorOf, type Principal, type TokenPrincipal } from '../auth/principal.js';
import { API_SCOPES, apiTokens, type ApiScope } from '../auth/schema.js';
import { hashToken, newToken } from '../auth/credentials.js';
import type { Translate } from '../i18n/messages.js';
import type { Db } from '../db/database.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../errors.js';

const TOKEN_PREFIX = 'brg_';

export type ApiTokenService = ReturnType<typeof createApiTokenService>;

export function createApiTokenService(deps: { db: Db; now?: () => Date; t: Translate }) {
  const { db, t } = deps;
  const now = deps.now ?? (() => new Date());

  function requireManager(principal: Principal) {
    if (!principal || principal.kind !== 'user' || !can(principal, 'api-tokens.manage'))
      throw new ForbiddenError();
    return principal;
  }

  return {
    async list(principal: Principal) {
      requireManager(principal);
      return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt)).limit(500);
    },

    /** Returns the token itself: the only time anyone sees it. */
    async issue(
      principal: Principal,
      input: { name: string; scopes: string[]; expiresInDays: string },
      requestId?: string,
    ) {
      const admin = requireManager(principal);
      const name = input.name.trim();
      const errors: FieldError[] = [];
      if (!name)
        errors.push({
          field: 'name',
          message: t('admin.apiTokens.errors.nameMissing'),
        });
      else if (name.length > 100)
        errors.push({ field: 'name', message: t('admin.apiTokens.errors.nameTooLong') });
      const scopes = input.scopes.filter((s): s is ApiScope =>
        (API_SCOPES as readonly string[]).includes(s),
      );
      if (scopes.length === 0 || scopes.length !== input.scopes.length)
        errors.push({ field: 'scopes', message: t('admin.apiTokens.errors.scopes') });
      const days =
        input.expiresInDays === ''
          ? null
          : /^\d{1,4}$/.test(input.expiresInDays)
            ? Number(input.expiresInDays)
            : NaN;
      if (days !== null && (Number.isNaN(days) || days < 1 || days > 730))
        errors.push({
          field: 'expiresInDays',
          message: t('admin.apiTokens.errors.days'),
        });
      if (errors.length) throw new ValidationError(errors);
      const token = TOKEN_PREFIX + newToken();
      const at = now();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(apiTokens)
          .values({
            name,
            prefix: token.slice(0, 10),
            tokenHash: hashToken(token),
            scopes,
            createdBy: admin.userId,
            createdAt: at,
            expiresAt: days === null ? null : new Date(at.getTime() + days * 86_400_000),
          })
          .returning();
        await recordAudit(tx, actorOf(admin, requestId), {
          action: 'api-token.issued',
          recordType: 'api-token',
          recordId: row!.id,
          after: row,
        });
        return { id: row!.id, token };
      });
    },

    async revoke(principal: Principal, id: string, requestId?: string) {
      const admin = requireManager(principal);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(apiTokens)
          .set({ revokedAt: now() })
          .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
          .returning();
        if (!row) throw new NotFoundError();
        await recordAudit(tx, actorOf(admin, requestId), {
          action: 'api-token.revoked',
          recordType: 'api-token',
          recordId: id,
          after: { revokedAt: row.revokedAt },
        });
      });
    },

    /** The principal an Authorization header stands for, or null. */
    async authenticate(authorization: string | undefined): Promise<TokenPrincipal | null> {
      const match = /^Bearer\s+(brg_[A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '');
      if (!match) return null;
      const at = now();
      const [row] = await db
        .select()
        .from(apiTokens)
        .where(
          and(
            eq(apiTokens.tokenHash, hashToken(match[1]!)),
            isNull(apiTokens.revokedAt),
            or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, at)),
          ),
        );
      if (!row) return null;
      if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > 60_000) {
        await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, row.id));
      }
      return { kind: 'token', tokenId: row.id, name: row.name, scopes: row.scopes };
    },
  };
}
