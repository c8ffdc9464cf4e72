/**
 * Advisory groups as bodies that meet: what the meetings module needs to know of a group (its
 * members, chairs, police attendees and who supports it) and how a member is withdrawn.
 */
import { can, hasRole } from '../../platform/auth/permissions.js';
import type { DirectoryService } from '../directory/service.js';
import type { Body, BodyProvider } from '../meetings/bodies.js';
import type { MemberRecordsService } from './member-records-service.js';
import { groupPaths } from './paths.js';
import { POLICE_ATTENDEE_LABELS } from './schema.js';
import type { GroupsService } from './service.js';

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
  memberRecords: MemberRecordsService;
  directory: DirectoryService;
}): BodyProvider {
  const { groups, memberRecords, directory } = deps;
  return {
    type: 'advisory_group',
    pathPrefix: groupPaths.list,

    publicPathPrefix: groupPaths.publicList,

    async find(executor, id) {
      const group = await groups.findGroup(executor, id).catch(() => null);
      return group && asBody(group, groupPaths.group(group.id));
    },

    async publicFind(executor, id) {
      const group = await groups.findPublicGroup(executor, id).catch(() => null);
      return group && asBody(group, groupPaths.publicGroup(group.id));
    },

    async relation(executor, principal, id) {
      const none = { member: false, police: false, chair: false, secretariat: false };
      if (principal?.kind !== 'user') return { ...none, personId: null, mayView: false };
      const scope = { type: 'group' as const, id };
      const personId = await directory.lookups.personIdForUser(executor, principal.userId);
      const [members, police] = personId
        ? await Promise.all([
            groups.currentMembersSince(executor, id),
            memberRecords.currentPoliceAttendees(executor, id),
          ])
        : [[], []];
      const relation = {
        member: members.some((m) => m.personId === personId),
        // IAG-21e, IAG-33: the police service is represented by those named to attend, and by
        // the Director's strategic engagement team.
        police:
          police.some((p) => p.personId === personId) ||
          hasRole(principal, 'director') ||
          hasRole(principal, 'ctset'),
        chair: hasRole(principal, 'chair', scope),
        secretariat: can(principal, 'groups.manage'),
      };
      return {
        ...relation,
        personId: personId ?? null,
        mayView:
          relation.member ||
          relation.police ||
          relation.chair ||
          relation.secretariat ||
          can(principal, 'group.view', scope),
      };
    },

    async roll(executor, id) {
      const [members, police] = await Promise.all([
        groups.currentMembersSince(executor, id),
        memberRecords.currentPoliceAttendees(executor, id),
      ]);
      return [
        ...members.map((m) => ({
          personId: m.personId,
          name: m.name,
          kind: 'member' as const,
          since: m.since,
        })),
        ...police
          .filter((p) => !members.some((m) => m.personId === p.personId))
          .map((p) => ({
            personId: p.personId,
            name: p.name,
            kind: 'police' as const,
            since: p.fromOn,
            capacity: `${POLICE_ATTENDEE_LABELS[p.role]}, ${p.rank}`,
          })),
      ];
    },

    withdrawForAbsence(tx, id, personId, reason) {
      return groups.withdrawInTransaction(tx, id, personId, reason);
    },
  };
}
