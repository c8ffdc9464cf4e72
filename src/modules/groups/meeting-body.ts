/**
 * Advisory groups as bodies that meet: what the meetings module needs to know of a group (its
 * members, chairs, police attendees and who supports it) and how a member is withdrawn.
 */
import { can, hasRole } from '../../platform/auth/permissions.js';
import type { Principal, UserPrincipal } from '../../platform/auth/principal.js';
import {
  addCalendarDays,
  londonInstant,
  reportingYearOf,
  type IsoDate,
} from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { DirectoryService } from '../directory/index.js';
import {
  meetingPaths,
  type Body,
  type BodyProvider,
  type BodyRelation,
} from '../meetings/index.js';
import type { PoliceAttendanceService } from './police-attendance/service.js';
import { groupPageHref } from './links.js';
import { groupPaths } from './paths.js';
import { annualConferenceMissing, directorChairsShortfall } from './rules.js';
import type { GroupsService } from './service.js';
import { say, type Said } from '../../platform/i18n/said.js';

/** A group that does not exist (or is not public) is no body; any other failure is a failure. */
function notFoundAsNull(error: unknown): null {
  if (error instanceof NotFoundError) return null;
  throw error;
}

/**
 * The warning for a body that must meet so often in each reporting year (IAG-31, IAG-32): the
 * meetings held or scheduled in the year containing `today`, judged by the body's rule.
 */
async function reportingYearNotice(
  today: IsoDate,
  countMeetings: (from: Date, to: Date) => Promise<number>,
  check: (yearLabel: string, heldOrScheduled: number) => Said | null,
  t: Translate,
): Promise<string[]> {
  const year = reportingYearOf(today);
  const held = await countMeetings(
    londonInstant(year.start, 0),
    londonInstant(addCalendarDays(year.end, 1), 0),
  );
  const warning = check(year.label, held);
  return warning ? [say(t, warning)] : [];
}

/**
 * How a person stands to one of the area-wide bodies (IAG-31, IAG-32): only a signed-in user,
 * and only for that body's id (`isThisBody`); `standing` judges the rest from their entry in the
 * directory, if they have one.
 */
async function areaWideRelation(
  directory: DirectoryService,
  executor: Executor,
  principal: Principal,
  isThisBody: boolean,
  standing: (
    user: UserPrincipal,
    personId: string | null,
  ) => Promise<Omit<BodyRelation, 'personId'>>,
): Promise<BodyRelation> {
  if (principal?.kind !== 'user' || !isThisBody)
    return {
      member: false,
      police: false,
      chair: false,
      secretariat: false,
      personId: null,
      mayView: false,
    };
  const personId = (await directory.lookups.personIdForUser(executor, principal.userId)) ?? null;
  return { ...(await standing(principal, personId)), personId };
}

function asBody(
  group: { id: string; name: string; meetingIntervalMonths: number },
  href: string,
): Body {
  return {
    type: 'advisory_group',
    id: group.id,
    name: group.name,
    intervalMonths: group.meetingIntervalMonths,
    href,
  };
}

export function createGroupMeetingBody(deps: {
  groups: GroupsService;
  policeAttendance: PoliceAttendanceService;
  directory: DirectoryService;
  /** The default language's messages: the meetings module asks without a request. */
  t: Translate;
}): BodyProvider {
  const { groups, policeAttendance, directory, t } = deps;
  return {
    type: 'advisory_group',
    pathPrefix: groupPaths.list,

    publicPathPrefix: groupPaths.publicList,

    async find(executor, id) {
      const group = await groups.findGroup(executor, id).catch(notFoundAsNull);
      return group && asBody(group, groupPaths.group(group.id));
    },

    async publicFind(executor, id) {
      const group = await groups.findPublicGroup(executor, id).catch(notFoundAsNull);
      return group && asBody(group, groupPaths.publicGroup(group.id));
    },

    async relation(executor, principal, id) {
      const none = { member: false, police: false, chair: false, secretariat: false };
      if (principal?.kind !== 'user') return { ...none, personId: null, mayView: false };
      const scope = { type: 'group' as const, id };
      const personId = await directory.lookups.personIdForUser(executor, principal.userId);
      const { member, police: namedPolice } = personId
        ? await policeAttendance.standing(executor, id, personId)
        : { member: false, police: false };
      const relation = {
        member,
        // IAG-21e, IAG-33: the police service is represented by those named to attend, and by
        // the Director's strategic engagement team.
        police: namedPolice || hasRole(principal, 'director') || hasRole(principal, 'ctset'),
        chair: hasRole(principal, 'chair', scope),
        secretariat: can(principal, 'groups.manage'),
      };
      return {
        ...relation,
        personId: personId ?? null,
        mayOpenBody: groupPageHref(principal, id) !== undefined,
        mayView:
          relation.member ||
          relation.police ||
          relation.chair ||
          relation.secretariat ||
          can(principal, 'group.view', scope),
      };
    },

    async bodiesFor(executor, userId) {
      const personId = await directory.lookups.personIdForUser(executor, userId);
      if (!personId) return [];
      const [member, attended] = await Promise.all([
        groups.currentGroupsOf(executor, personId),
        policeAttendance.groupsAttendedBy(executor, personId),
      ]);
      const others = attended.filter((id) => !member.some((g) => g.id === id));
      const extra = await groups.groupsByIds(executor, others);
      return [...member, ...extra].map((g) => asBody(g, groupPaths.group(g.id)));
    },

    async roll(executor, id) {
      const [members, police] = await Promise.all([
        groups.currentMembersSince(executor, id),
        policeAttendance.currentPoliceAttendees(executor, id),
      ]);
      return [
        ...members.map((m) => ({
          personId: m.personId,
          name: m.name,
          email: m.email,
          kind: 'member' as const,
          since: m.since,
        })),
        ...police
          .filter((p) => !members.some((m) => m.personId === p.personId))
          .map((p) => ({
            personId: p.personId,
            name: p.name,
            email: p.email,
            kind: 'police' as const,
            since: p.fromOn,
            capacity: t('groups:meetingBody.policeCapacity', {
              role: t(`groups:policeAttendee.${p.role}`),
              rank: p.rank,
            }),
          })),
      ];
    },

    withdrawsForAbsence: true,

    withdrawForAbsence(tx, id, personId, reason) {
      return groups.withdrawInTransaction(tx, id, personId, reason);
    },
  };
}

/** IAG-31: the Director's meetings with the corporate IAG chairs: one body for the whole area. */
export const DIRECTOR_CHAIRS_ID = '00000000-0000-4000-8000-000000000031';
export const directorChairsMeetingsPath = meetingPaths.bodyMeetings(
  groupPaths.directorChairs,
  DIRECTOR_CHAIRS_ID,
);

/**
 * The Director's meetings with the chairs of the corporate IAGs (IAG-31): the chairs in office
 * are its members (they sit by office, so nobody is withdrawn for absence); the Director chairs
 * it; every attendee may table items (IAG-21e); the authority may send a representative, so
 * its officers and members may read its meetings. At least two a reporting year.
 */
export function createDirectorChairsBody(deps: {
  groups: GroupsService;
  directory: DirectoryService;
  t: Translate;
}): BodyProvider {
  const { groups, directory, t } = deps;
  const body: Body = {
    type: 'director_chairs',
    id: DIRECTOR_CHAIRS_ID,
    name: t('groups:meetingBody.directorChairs.name'),
    intervalMonths: 6,
    href: directorChairsMeetingsPath,
  };
  return {
    type: 'director_chairs',
    pathPrefix: groupPaths.directorChairs,
    publicPathPrefix: groupPaths.publicDirectorChairs,
    withdrawsForAbsence: false,

    find: async (_executor, id) => (id === DIRECTOR_CHAIRS_ID ? body : null),
    // Not published: the meetings are the Director's with the chairs.
    publicFind: async () => null,

    relation: (executor, principal, id) =>
      areaWideRelation(
        directory,
        executor,
        principal,
        id === DIRECTOR_CHAIRS_ID,
        async (user, personId) => {
          const chairs = personId ? await groups.corporateChairs(executor) : [];
          const relation = {
            member: chairs.some((c) => c.personId === personId),
            police: hasRole(user, 'director'),
            chair: hasRole(user, 'director'),
            secretariat: can(user, 'groups.manage'),
          };
          return {
            ...relation,
            mayView:
              relation.member || relation.chair || relation.secretariat || can(user, 'groups.view'),
          };
        },
      ),

    async bodiesFor(executor, userId) {
      const chairs = await groups.corporateChairs(executor);
      return chairs.some((c) => c.userId === userId) ? [body] : [];
    },

    async roll(executor) {
      return (await groups.corporateChairs(executor))
        .filter((c, i, all) => all.findIndex((o) => o.personId === c.personId) === i)
        .map((c) => ({
          personId: c.personId,
          name: c.name,
          email: c.email,
          kind: 'member' as const,
          since: c.heldOn,
          capacity: t('groups:meetingBody.directorChairs.capacity', { group: c.groupName }),
        }));
    },

    notices: (_executor, _id, countMeetings) =>
      reportingYearNotice(groups.today(), countMeetings, directorChairsShortfall, t),

    withdrawForAbsence() {
      throw new ConflictError(t('groups:meetingBody.directorChairs.noWithdrawal'));
    },
  };
}

/** IAG-32: the annual conference of all advisory groups: one body for the whole area. */
export const ANNUAL_CONFERENCE_ID = '00000000-0000-4000-8000-000000000032';
export const annualConferenceMeetingsPath = meetingPaths.bodyMeetings(
  groupPaths.annualConference,
  ANNUAL_CONFERENCE_ID,
);

/**
 * The annual conference for representatives of every advisory group (IAG-32), organised by the
 * police service: the coordination unit arranges it, the Director chairs it. Every group still
 * working is invited (its chairs are e-mailed) and attendance is recorded by group. Any current
 * member of a group may read its meetings and table an item (learning and good practice to
 * share); the authority may send representatives, so its officers and members may read them.
 */
export function createAnnualConferenceBody(deps: {
  groups: GroupsService;
  directory: DirectoryService;
  t: Translate;
}): BodyProvider {
  const { groups, directory, t } = deps;
  const body: Body = {
    type: 'annual_conference',
    id: ANNUAL_CONFERENCE_ID,
    name: t('groups:meetingBody.annualConference.name'),
    intervalMonths: 12,
    href: annualConferenceMeetingsPath,
  };
  return {
    type: 'annual_conference',
    pathPrefix: groupPaths.annualConference,
    publicPathPrefix: groupPaths.publicAnnualConference,
    withdrawsForAbsence: false,

    find: async (_executor, id) => (id === ANNUAL_CONFERENCE_ID ? body : null),
    publicFind: async () => null,

    relation: (executor, principal, id) =>
      areaWideRelation(
        directory,
        executor,
        principal,
        id === ANNUAL_CONFERENCE_ID,
        async (user, personId) => {
          const memberOf = personId ? await groups.currentGroupsOf(executor, personId) : [];
          const relation = {
            member: memberOf.length > 0,
            police: hasRole(user, 'director') || hasRole(user, 'ctset'),
            chair: hasRole(user, 'director'),
            secretariat: can(user, 'groups.manage'),
          };
          return {
            ...relation,
            mayView:
              relation.member ||
              relation.police ||
              relation.secretariat ||
              can(user, 'groups.view'),
          };
        },
      ),

    // Representatives are chosen by each group, so nobody's own calendar carries it by default.
    bodiesFor: async () => [],
    // Attendance is by group (see invitees), not by person.
    roll: async () => [],

    async invitees(executor) {
      const invited = await groups.conferenceInvitees(executor);
      return invited.map((g) => ({
        id: g.id,
        name: g.name,
        contacts: g.contacts.map((c) => ({ name: c.name, email: c.email })),
      }));
    },

    notices: (_executor, _id, countMeetings) =>
      reportingYearNotice(groups.today(), countMeetings, annualConferenceMissing, t),

    withdrawForAbsence() {
      throw new ConflictError(t('groups:meetingBody.annualConference.noWithdrawal'));
    },
  };
}
