/**
 * What the auth services share: the types of a session and its sign-in, and the dependencies
 * every part of the auth service is built from (service.ts composes the parts).
 */
import type { Config } from '../../config.js';
import type { Db } from '../db/database.js';
import type { Translate } from '../i18n/messages.js';
import type { MailService } from '../mail/service.js';
import type { UserPrincipal } from './principal.js';
import type { SecretBox } from './secret-box.js';

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

/** The dependencies with their defaults filled in, as each part of the auth service takes them. */
export interface AuthContext {
  db: Db;
  config: Config;
  mail: MailService;
  secretBox: SecretBox;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  t: Translate;
}

export function authContext(deps: AuthServiceDeps): AuthContext {
  return {
    ...deps,
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
  };
}
