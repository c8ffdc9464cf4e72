import type { Role, ScopeType } from './roles.js';
import type { ApiScope } from './schema.js';

export interface RoleGrant {
  role: Role;
  scopeType: ScopeType | null;
  scopeId: string | null;
}

/** A person signed in through the browser. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  displayName: string;
  email: string;
  roles: readonly RoleGrant[];
  /** The id (not the token) of the session the request came with. */
  sessionId?: string;
}

/** A system calling the API with a token an administrator issued. */
export interface TokenPrincipal {
  kind: 'token';
  tokenId: string;
  name: string;
  scopes: readonly ApiScope[];
}

/** Whoever is asking; null for the public (no account). */
export type Principal = UserPrincipal | TokenPrincipal | null;

/** Who a change is recorded against in the audit trail. */
export interface Actor {
  userId: string | null;
  label: string;
  requestId?: string | undefined;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system' };

export function actorOf(principal: UserPrincipal | TokenPrincipal, requestId?: string): Actor {
  return principal.kind === 'user'
    ? { userId: principal.userId, label: principal.displayName, requestId }
    : { userId: null, label: `API token "${principal.name}"`, requestId };
}
