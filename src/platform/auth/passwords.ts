import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { Said } from '../i18n/said.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score (0 to 4) a new password must reach: "safely unguessable" and above. */
const MIN_STRENGTH = 3;

/**
 * The strength checker, loaded on first use: unpacking its dictionaries takes a second of CPU,
 * which every start of Bridge (and every test process) would otherwise pay.
 */
let strengthChecker: Promise<ZxcvbnFactory> | undefined;
function zxcvbn(): Promise<ZxcvbnFactory> {
  strengthChecker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return strengthChecker;
}

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing-only');
  return dummyHash;
}

/**
 * Why a new password is refused, or null when it is acceptable (OWASP ASVS 4.0.3 V2.1):
 * 12 to 128 characters, any characters allowed, common and easily guessed passwords refused,
 * including ones made from the person's own name or e-mail address. Kept as its catalogue key
 * (ADR 0015); whoever shows it words it with `say(t, problem)`.
 */
export async function passwordProblem(
  password: string,
  personalWords: string[] = [],
): Promise<Said | null> {
  const length = [...password].length;
  if (length === 0) return { key: 'auth.errors.newPassword.missing' };
  if (length < PASSWORD_MIN_LENGTH) {
    return { key: 'auth.errors.newPassword.tooShort', values: { min: PASSWORD_MIN_LENGTH } };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { key: 'auth.errors.newPassword.tooLong', values: { max: PASSWORD_MAX_LENGTH } };
  }
  const lower = password.toLowerCase();
  const own = personalWords
    .flatMap((w) => [w.toLowerCase(), w.toLowerCase().split('@')[0] ?? ''])
    .filter((w) => w.length >= 4);
  if (own.some((w) => lower.includes(w))) {
    return { key: 'auth.errors.newPassword.personal' };
  }
  const words = personalWords.flatMap((w) => w.toLowerCase().split(/[^a-z0-9]+/)).filter(Boolean);
  const result = (await zxcvbn()).check(password, words);
  if (result.score < MIN_STRENGTH) {
    return { key: 'auth.errors.newPassword.easyToGuess' };
  }
  return null;
}
