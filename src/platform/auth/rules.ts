/**
 * Pure rules for signing in (OWASP ASVS 4.0.3 V2.2.1: anti-automation). No I/O here.
 */
export interface ThrottleSettings {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  slowAfterFailures: number;
  lockMinutes: number;
}

export interface RecentFailures {
  /** Failures for this account since its last success, within the window. */
  account: number;
  /** Failures from this address within the window. */
  address: number;
  /** When the most recent counted failure happened, for the account and for the address. */
  lastAccountFailure: Date | null;
  lastAddressFailure: Date | null;
}

export type ThrottleDecision =
  { kind: 'locked'; until: Date } | { kind: 'allowed'; delayMs: number };

const MAX_DELAY_MS = 8000;

/**
 * Repeated failures first slow each attempt (doubling from a quarter of a second), then lock
 * the account or address until `lockMinutes` after the last failure.
 */
export function throttleSignIn(
  failures: RecentFailures,
  settings: ThrottleSettings,
  now: Date,
): ThrottleDecision {
  const lockMs = settings.lockMinutes * 60_000;
  const locks: Date[] = [];
  if (failures.account >= settings.maxFailuresPerAccount && failures.lastAccountFailure) {
    locks.push(new Date(failures.lastAccountFailure.getTime() + lockMs));
  }
  if (failures.address >= settings.maxFailuresPerAddress && failures.lastAddressFailure) {
    locks.push(new Date(failures.lastAddressFailure.getTime() + lockMs));
  }
  const until = locks.filter((d) => d > now).sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) return { kind: 'locked', until };
  const over = Math.max(failures.account, failures.address / 4) - settings.slowAfterFailures;
  const delayMs = over > 0 ? Math.min(250 * 2 ** (Math.ceil(over) - 1), MAX_DELAY_MS) : 0;
  return { kind: 'allowed', delayMs };
}

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A session ends after `idleMinutes` without use or at its absolute expiry (ASVS 3.3). */
export function sessionIsLive(session: SessionTimes, idleMinutes: number, now: Date): boolean {
  return (
    now < session.expiresAt && now.getTime() - session.lastSeenAt.getTime() < idleMinutes * 60_000
  );
}

export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
