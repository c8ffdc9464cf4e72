/**
 * Signing in and out, sessions, second factor and password changes: everything a person does
 * about their own account, one service composed of its parts (sign-in, sessions, second factor,
 * passwords). Administrators' actions on other accounts are in users-service.ts.
 */
import { authContext, type AuthServiceDeps } from './context.js';
import { createPasswordService } from './password-service.js';
import { createSecondFactorService } from './second-factor-service.js';
import { createSessionsService, sessionTokens } from './sessions-service.js';
import { createSignInService } from './sign-in-service.js';

export type {
  AuthServiceDeps,
  ClientInfo,
  SecondFactorSetup,
  SessionContext,
  SessionStage,
  SessionSummary,
} from './context.js';
export {
  hashToken,
  issueSetPasswordLink,
  loadRoles,
  newToken,
  normaliseEmail,
  revokeResetLinks,
} from './credentials.js';
export { SIGN_IN_FAILED } from './sign-in-service.js';

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const ctx = authContext(deps);
  const tokens = sessionTokens(ctx);
  return {
    ...createSignInService(ctx, tokens),
    ...createSecondFactorService(ctx, tokens),
    ...createSessionsService(ctx),
    ...createPasswordService(ctx),
  };
}
