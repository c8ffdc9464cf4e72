/**
 * Groups and their members a test makes for itself: registered and appointed through the groups
 * service as the coordination unit does it (IAG-01, IAG-18's first term), not read from the demo
 * data.
 */
import type { Group, GroupType } from '../../src/modules/groups/index.js';
import { termEndDate } from '../../src/modules/groups/rules.js';
import { memberships } from '../../src/modules/groups/schema.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import { addCalendarMonths } from '../../src/platform/calendar/index.js';
import { todayInLondon } from '../../src/platform/calendar/london-time.js';
import { dateFields, principalFor, type TestApp } from '../app.js';
import { accountFor, makeAccount, type FactoryAccount } from './accounts.js';
import { makeBorough, makeOrganisation, makePerson, uniqueTag } from './directory.js';

/** The coordination unit account of the app, to act as when registering and appointing. */
async function coordinatorOf(t: TestApp): Promise<UserPrincipal> {
  return principalFor(t, (await accountFor(t, 'coordination_unit')).email);
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

export interface FactoryGroup {
  id: string;
  name: string;
  group: Group;
  /** The chair's account, when one was asked for. */
  chair: FactoryAccount | undefined;
  members: FactoryAccount[];
}

/**
 * Registers a group (a borough IAG owned by a new borough unless told otherwise; a corporate
 * IAG, specialist or corporate focus group gets a new directorate) and, when asked, appoints a
 * chair (`chair: true` or the chair's name) and members (a count or their names).
 */
export async function makeGroup(
  t: TestApp,
  options: {
    name?: string;
    type?: Exclude<GroupType, 'sub_group'>;
    ownerId?: string;
    purpose?: string;
    focus?: string;
    meetingIntervalMonths?: number;
    minAge?: number;
    maxAge?: number;
    chair?: boolean | string;
    members?: number | string[];
    startsOn?: string;
  } = {},
): Promise<FactoryGroup> {
  const type = options.type ?? 'borough_iag';
  const ownerId =
    options.ownerId ??
    (type === 'borough_iag' || type === 'community'
      ? (await makeBorough(t)).id
      : (await makeOrganisation(t, { kind: 'directorate' })).id);
  const name = options.name ?? `Test group ${uniqueTag()}`;
  const group = await t.services.groups.create(await coordinatorOf(t), {
    name,
    type,
    ownerId,
    purpose: options.purpose ?? `What ${name} is for`,
    focus: options.focus,
    meetingIntervalMonths: String(options.meetingIntervalMonths ?? 2),
    minAge: options.minAge?.toString(),
    maxAge: options.maxAge?.toString(),
  });
  const chair = options.chair
    ? await makeChair(t, group.id, {
        startsOn: options.startsOn,
        name: typeof options.chair === 'string' ? options.chair : undefined,
      })
    : undefined;
  const names =
    typeof options.members === 'number'
      ? Array.from({ length: options.members }, () => undefined)
      : (options.members ?? []);
  const members: FactoryAccount[] = [];
  for (const memberName of names)
    members.push(await makeMember(t, group.id, { name: memberName, startsOn: options.startsOn }));
  return { id: group.id, name, group, chair, members };
}

/**
 * Appoints a member and records an election (IAG-21) that makes them the group's chair, held on
 * the day they start: a group's chairs are the people elected at its latest election.
 */
export async function makeChair(
  t: TestApp,
  groupId: string,
  options: { name?: string; startsOn?: string } = {},
): Promise<FactoryAccount> {
  const chair = await makeMember(t, groupId, { ...options, chair: true });
  await t.services.groups.recordElection(await coordinatorOf(t), groupId, {
    ...dateFields('heldOn', options.startsOn ?? todayInLondon(t.clock.now())),
    adjudicatorName: 'Test Adjudicator',
    agreedByChairs: 'The members',
    agreedByPolice: 'The coordination unit',
    candidates: [chair.personId],
    elected: [chair.personId],
  });
  return chair;
}

/**
 * Inserts a membership as it stands today, for states appointing today cannot reach: a term
 * begun years ago, a second term following a first, a term that has ended. Returns its id.
 */
export async function insertMembership(
  t: TestApp,
  groupId: string,
  personId: string,
  options: {
    startsOn: string;
    termNumber?: 1 | 2;
    previousMembershipId?: string;
    leftOn?: string;
    publishName?: boolean;
  },
): Promise<string> {
  const [row] = await t.services.db
    .insert(memberships)
    .values({
      groupId,
      personId,
      termNumber: options.termNumber ?? 1,
      startsOn: options.startsOn,
      endsOn: termEndDate(options.startsOn),
      publishName: options.publishName ?? false,
      previousMembershipId: options.previousMembershipId ?? null,
      status: options.leftOn ? 'ended' : 'current',
      leftOn: options.leftOn ?? null,
    })
    .returning({ id: memberships.id });
  return row!.id;
}

export interface EstablishedGroup {
  id: string;
  name: string;
  /** Charlie Chair: appointed three years ago, elected chair a year ago over Jordan. */
  chair: FactoryAccount;
  /** Avery Advisor: a first term ending in three months. */
  advisor: FactoryAccount;
  /** Jordan Okafor: appointed a year ago; stood for chair and lost. */
  jordan: FactoryAccount;
  /** Priya Shah (no account): in her second term; her name is not published. */
  priyaId: string;
  /** Drew Deployment: the group's deployment contact (IAG-07). */
  deploymentContact: FactoryAccount;
}

/**
 * A group years into its life, as of the app's clock: the members above (all but Priya named on
 * the public page), a chair elected a year ago, a deployment contact and terms of reference.
 */
export async function makeEstablishedGroup(
  t: TestApp,
  options: { name: string; type?: Exclude<GroupType, 'sub_group'> },
): Promise<EstablishedGroup> {
  const cu = await coordinatorOf(t);
  const monthsAgo = (n: number) => addCalendarMonths(todayInLondon(t.clock.now()), -n);
  const { id, name } = await makeGroup(t, options);
  const account = (person: string) => makeAccount(t, { role: 'advisor', name: person });
  const chair = await account('Charlie Chair');
  const advisor = await account('Avery Advisor');
  const jordan = await account('Jordan Okafor');
  const priya = await makePerson(t, { fullName: 'Priya Shah' });
  const deploymentContact = await account('Drew Deployment');
  const published = { publishName: true };
  await insertMembership(t, id, chair.personId, { startsOn: monthsAgo(36), ...published });
  await insertMembership(t, id, advisor.personId, { startsOn: monthsAgo(45), ...published });
  await insertMembership(t, id, jordan.personId, { startsOn: monthsAgo(12), ...published });
  const priyaFirst = await insertMembership(t, id, priya.id, {
    startsOn: monthsAgo(72),
    leftOn: monthsAgo(24),
  });
  await insertMembership(t, id, priya.id, {
    startsOn: monthsAgo(24),
    termNumber: 2,
    previousMembershipId: priyaFirst,
  });
  await t.services.groups.recordElection(cu, id, {
    ...dateFields('heldOn', monthsAgo(12)),
    adjudicatorName: 'Ruth Mensah',
    agreedByChairs: 'The outgoing chair',
    agreedByPolice: 'Chris Coordinator',
    candidates: [chair.personId, jordan.personId],
    elected: [chair.personId],
  });
  await t.services.groups.setDeploymentContact(cu, id, { personId: deploymentContact.personId });
  await t.services.groups.addTermsOfReference(cu, id, {
    body: '1. The group elects a chair every two years.',
    ...dateFields('agreedOn', monthsAgo(12)),
  });
  return { id, name, chair, advisor, jordan, priyaId: priya.id, deploymentContact };
}
