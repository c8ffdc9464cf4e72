/**
 * Requests for advice a test makes for itself: asked, routed and nominated for through the
 * advice services as a requester, CTSET and a group's deployment contact do it (IAG-07, IAG-08),
 * so the rows are the ones the pages read.
 */
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { dateFields, principalFor, type TestApp } from '../app.js';
import { makeAccount, type FactoryAccount } from './accounts.js';
import { staffPrincipal } from './meetings.js';

export type AdviceRequest = Awaited<ReturnType<TestApp['services']['advice']['ask']>>;

/**
 * Asks for advice as `by` (a new requester unless given): a routine request for one advisor
 * with no clearance, needed from `neededFrom` (YYYY-MM-DD, 7 December 2026 unless given);
 * `fields` (the request form's) change any of it. With `submittedAt` it is asked at that moment
 * on the app's clock, which is put back afterwards.
 */
export async function makeAdviceRequest(
  t: TestApp,
  options: {
    by?: UserPrincipal;
    neededFrom?: string;
    fields?: Record<string, string>;
    submittedAt?: Date;
  } = {},
): Promise<AdviceRequest> {
  const by =
    options.by ?? (await principalFor(t, (await makeAccount(t, { role: 'requester' })).email));
  const kept = t.clock.current;
  if (options.submittedAt) t.clock.current = options.submittedAt;
  try {
    return await t.services.advice.ask(by, {
      subject: 'Community meeting after a stabbing in Peckham',
      details: 'We want advice on how to hold it.',
      seriousOrCritical: 'no',
      urgency: 'routine',
      communities: 'Young people in Peckham',
      // Two weeks from the app's today: 7 December 2026 on the integration tests' pinned clock,
      // and never a day already past on the e2e app's real one.
      ...dateFields(
        'neededFrom',
        options.neededFrom ?? addCalendarDays(todayInLondon(t.clock.now()), 14),
      ),
      clearanceNeeded: 'none',
      advisorsWanted: '1',
      ...options.fields,
    });
  } finally {
    t.clock.current = kept;
  }
}

/**
 * Names a new account the group's deployment contact through the groups service (IAG-07), which
 * gives them the role for the group; a request can be routed to the group from then on.
 */
export async function makeDeploymentContact(
  t: TestApp,
  groupId: string,
  options: { name?: string } = {},
): Promise<FactoryAccount> {
  const contact = await makeAccount(t, {
    role: 'deployment_contact',
    name: options.name,
    scope: { type: 'group', id: groupId },
  });
  await t.services.groups.setDeploymentContact(
    await staffPrincipal(t, 'coordination_unit'),
    groupId,
    { personId: contact.personId },
  );
  return contact;
}

/** CTSET passes the request to one or more groups (each needs a deployment contact). */
export async function routeRequest(
  t: TestApp,
  requestId: string,
  groupIds: string | string[],
): Promise<void> {
  await t.services.advice.route(await staffPrincipal(t, 'ctset'), requestId, {
    groups: groupIds,
  });
}

/** The group's deployment contact nominates advisors (people's ids) for the request. */
export async function nominateAdvisors(
  t: TestApp,
  contact: FactoryAccount,
  requestId: string,
  groupId: string,
  personIds: string[],
  reason = 'Knows the area',
) {
  return t.services.deployments.nominate(await principalFor(t, contact.email), requestId, groupId, {
    advisors: personIds,
    reason,
  });
}

/** The advisor records the kinds of experience they bring (IAG-10), as on their own page. */
export async function setExperience(
  t: TestApp,
  advisor: FactoryAccount,
  experience: string[],
): Promise<void> {
  await t.services.deployments.saveExperience(await principalFor(t, advisor.email), {
    experience,
  });
}

/**
 * An advisor deployed: a request (asked as `makeAdviceRequest` asks it, with `request`'s options)
 * passed to the group by CTSET, the advisor nominated by the group's deployment contact, and the
 * advisor accepting, each through the services as that person does it (IAG-07, IAG-08). The
 * advisor must be a current member of the group, suitable for the request.
 */
export async function makeAcceptedDeployment(
  t: TestApp,
  group: { id: string; contact: FactoryAccount },
  advisor: FactoryAccount,
  request: Parameters<typeof makeAdviceRequest>[1] = {},
): Promise<{ request: AdviceRequest; deploymentId: string }> {
  const asked = await makeAdviceRequest(t, request);
  await routeRequest(t, asked.id, group.id);
  const { created } = await nominateAdvisors(t, group.contact, asked.id, group.id, [
    advisor.personId,
  ]);
  const deploymentId = created[0]!.id;
  await t.services.deployments.accept(await principalFor(t, advisor.email), deploymentId);
  return { request: asked, deploymentId };
}
