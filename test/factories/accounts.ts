/**
 * Accounts a test makes for itself: a real row in users, its role and the person the directory
 * holds for it, so the test reads what it wrote rather than what the demo data happens to hold.
 */
import { randomBytes } from 'node:crypto';
import { people } from '../../src/modules/directory/schema.js';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import { ROLE_INFO, roleLabel, type Role, type ScopeType } from '../../src/platform/auth/roles.js';
import { roleAssignments, users } from '../../src/platform/auth/schema.js';
import { newTotpSecret } from '../../src/platform/auth/totp.js';
import { clockPastLastCode, signIn, type Agent, type TestApp } from '../app.js';

export const FACTORY_PASSWORD = 'factory made passphrase 2026';

export interface FactoryAccount {
  userId: string;
  personId: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Set for the roles that must have a second factor. */
  totpSecret: string | undefined;
}

/** One hash for every factory account: hashing is slow on purpose. */
let passwordHash: Promise<string> | undefined;

/**
 * Makes an account with one role (held for a group or borough when `scope` says), and the
 * directory's person for it. A name is made up when not given; the e-mail address is unique.
 */
export async function makeAccount(
  t: TestApp,
  options: { role: Role; name?: string; scope?: { type: ScopeType; id: string } },
): Promise<FactoryAccount> {
  const tag = randomBytes(4).toString('hex');
  const name = options.name ?? `Test ${roleLabel(t.services.t, options.role)} ${tag}`;
  const email = `${options.role.replace(/_/g, '-')}-${tag}@factory.example`;
  const totpSecret = ROLE_INFO[options.role].requiresSecondFactor ? newTotpSecret() : undefined;
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const now = t.clock.now();
  const [user] = await t.services.db
    .insert(users)
    .values({
      email,
      displayName: name,
      passwordHash: await passwordHash,
      totpSecret: totpSecret ? t.services.secretBox.seal(totpSecret) : null,
      totpEnabledAt: totpSecret ? now : null,
    })
    .returning({ id: users.id });
  await t.services.db.insert(roleAssignments).values({
    userId: user!.id,
    role: options.role,
    scopeType: options.scope?.type ?? null,
    scopeId: options.scope?.id ?? null,
  });
  const [person] = await t.services.db
    .insert(people)
    .values({ fullName: name, email, userId: user!.id })
    .returning({ id: people.id });
  return {
    userId: user!.id,
    personId: person!.id,
    email,
    name,
    role: options.role,
    password: FACTORY_PASSWORD,
    totpSecret,
  };
}

/**
 * Signs a factory account in through the pages, second factor included, at the first moment
 * its next code is accepted; the clock is put back afterwards.
 */
export async function signInAccount(t: TestApp, account: FactoryAccount): Promise<Agent> {
  const kept = t.clock.current;
  if (account.totpSecret) await clockPastLastCode(t, account.email);
  try {
    return await signIn(t.app, account.email, {
      password: account.password,
      totpSecret: account.totpSecret,
      now: t.clock.now(),
    });
  } finally {
    t.clock.current = kept;
  }
}

/** Makes an account with a role (see makeAccount) and signs it in: for a test that needs a reader. */
export async function signInNewAccount(
  t: TestApp,
  role: Role,
  options: { name?: string; scope?: { type: ScopeType; id: string } } = {},
): Promise<Agent> {
  return signInAccount(t, await makeAccount(t, { role, ...options }));
}

/** One account for each role, for a file whose tests each act as one of a few roles. */
export async function makeAccounts<R extends Role>(
  t: TestApp,
  roles: readonly R[],
): Promise<Record<R, FactoryAccount>> {
  const accounts = {} as Record<R, FactoryAccount>;
  for (const role of roles) accounts[role] = await makeAccount(t, { role });
  return accounts;
}

/** The account each role acts as in one app, made the first time a test asks for it. */
const roleAccounts = new WeakMap<TestApp, Map<Role, Promise<FactoryAccount>>>();

/**
 * The app's one factory account for a role (made on first asking, whichever test asks first),
 * for files whose tests act as "a coordinator" or "an administrator" without caring which.
 */
export function accountFor(t: TestApp, role: Role): Promise<FactoryAccount> {
  let byRole = roleAccounts.get(t);
  if (!byRole) roleAccounts.set(t, (byRole = new Map()));
  let account = byRole.get(role);
  if (!account) byRole.set(role, (account = makeAccount(t, { role })));
  return account;
}

/** Signs in the app's factory account for a role (see accountFor). */
export async function signInAsRole(t: TestApp, role: Role): Promise<Agent> {
  return signInAccount(t, await accountFor(t, role));
}
