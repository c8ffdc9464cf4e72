/**
 * Group members a test makes for itself, appointed through the groups service as the
 * coordination unit appoints them (IAG-18's first term), not read from the demo data.
 */
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { todayInLondon } from '../../src/platform/calendar/london-time.js';
import { dateFields, principalFor, type TestApp } from '../app.js';
import { makeAccount, type FactoryAccount } from './accounts.js';

/** A coordination unit account per app, to act as when appointing. */
const coordinators = new WeakMap<TestApp, Promise<UserPrincipal>>();

function coordinatorOf(t: TestApp): Promise<UserPrincipal> {
  let principal = coordinators.get(t);
  if (!principal) {
    principal = makeAccount(t, { role: 'coordination_unit' }).then((a) => principalFor(t, a.email));
    coordinators.set(t, principal);
  }
  return principal;
}

/**
 * Makes an advisor (an account with the advisor role and its person) and appoints them to the
 * group for a first term starting `startsOn` (today on the app's clock unless given). With
 * `chair: true` the account holds the chair role for the group instead (ADR 0004: an office
 * holder holds a role scoped to the group).
 */
export async function makeMember(
  t: TestApp,
  groupId: string,
  options: { name?: string; startsOn?: string; chair?: boolean } = {},
): Promise<FactoryAccount> {
  const advisor = await makeAccount(
    t,
    options.chair
      ? { role: 'chair', name: options.name, scope: { type: 'group', id: groupId } }
      : { role: 'advisor', name: options.name },
  );
  const startsOn = options.startsOn ?? todayInLondon(t.clock.now());
  await t.services.groups.appoint(await coordinatorOf(t), groupId, {
    personId: advisor.personId,
    ...dateFields('startsOn', startsOn),
  });
  return advisor;
}
