import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;
/** Accept the code before and after the current one, for clocks a little out. */
const WINDOW = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Bridge',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

export function totpCode(secretBase32: string, now: Date = new Date()): string {
  return totpFor(secretBase32, '').generate({ timestamp: now.getTime() });
}

/**
 * The time step of a valid code, or null. The caller refuses a step at or before the last one
 * accepted, so an overheard code cannot be used twice.
 */
export function acceptedTotpStep(
  secretBase32: string,
  code: string,
  now: Date = new Date(),
): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32, '').validate({
    token,
    timestamp: now.getTime(),
    window: WINDOW,
  });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}
