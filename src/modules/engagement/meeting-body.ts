/**
 * An engagement group as a body that meets (ADR 0005, CON-04): the group meets the borough police
 * in public, so its published agendas and approved minutes are public, under
 * /public/engagement-groups. Its officers (chair, secretary, treasurer) are the roll; the chair
 * chairs; the group's engagement officer and the authority's officers arrange its meetings.
 */
import { eq, or } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.js';
import { toLondonDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { DirectoryApi } from '../directory/index.js';
import type { Body, BodyProvider, RollEntry } from '../meetings/index.js';
import { mayKeepGroup, mayViewGroup } from './access.js';
import { engagementPaths } from './paths.js';
import { groupById, type GroupRow } from './read.js';
import { OFFICER_ROLES } from './rules.js';
import { engagementGroups } from './schema.js';

/** CON-04 minimum standards: a group meets in public at least quarterly. */
export const ENGAGEMENT_MEETING_INTERVAL_MONTHS = 3;

const asBody = (group: GroupRow, href?: string): Body => ({
  type: 'engagement_group',
  id: group.id,
  name: group.name,
  intervalMonths: ENGAGEMENT_MEETING_INTERVAL_MONTHS,
  href,
});

const officerIds = (group: GroupRow) =>
  [group.chairId, group.secretaryId, group.treasurerId].filter((id): id is string => !!id);

export function createEngagementMeetingBody(deps: {
  directory: DirectoryApi;
  t: Translate;
}): BodyProvider {
  const { t } = deps;
  const lookups = deps.directory.directory.lookups;
  const none = { member: false, police: false, chair: false, secretariat: false };

  return {
    type: 'engagement_group',
    pathPrefix: engagementPaths.meetingsPrefix,
    publicPathPrefix: engagementPaths.publicMeetingsPrefix,
    // Officers hold office by election at the annual general meeting: nobody is withdrawn.
    withdrawsForAbsence: false,

    async find(executor, id) {
      const group = await groupById(executor, id);
      return group ? asBody(group, engagementPaths.group(group.id)) : null;
    },

    // The group meets in public: its published agendas and approved minutes are for anyone.
    // It has no public page of its own, so the body carries no link.
    async publicFind(executor, id) {
      const group = await groupById(executor, id);
      return group ? asBody(group) : null;
    },

    async relation(executor: Executor, principal: Principal, id: string) {
      if (principal?.kind !== 'user') return { ...none, personId: null, mayView: false };
      const group = await groupById(executor, id);
      if (!group) return { ...none, personId: null, mayView: false };
      const personId = (await lookups.personIdForUser(executor, principal.userId)) ?? null;
      const officer = !!personId && officerIds(group).includes(personId);
      const viewer = mayViewGroup(principal, group.id);
      return {
        member: officer,
        police: false,
        chair: !!personId && personId === group.chairId,
        secretariat: mayKeepGroup(principal, group.id) && !group.closedOn,
        personId,
        mayView: viewer || officer,
        mayOpenBody: viewer,
      };
    },

    // An officer's group meetings are in their own calendar feed.
    async bodiesFor(executor, userId) {
      const personId = await lookups.personIdForUser(executor, userId);
      if (!personId) return [];
      const groups = await executor
        .select()
        .from(engagementGroups)
        .where(
          or(
            eq(engagementGroups.chairId, personId),
            eq(engagementGroups.secretaryId, personId),
            eq(engagementGroups.treasurerId, personId),
          ),
        );
      return groups.filter((g) => !g.closedOn).map((g) => asBody(g, engagementPaths.group(g.id)));
    },

    /** The group's officers, as members, in the order chair, secretary, treasurer. */
    async roll(executor, id) {
      const group = await groupById(executor, id);
      if (!group) return [];
      const people = await lookups.people(executor, officerIds(group));
      const since = toLondonDate(group.createdAt);
      const held = {
        chair: group.chairId,
        secretary: group.secretaryId,
        treasurer: group.treasurerId,
      };
      return OFFICER_ROLES.flatMap((role): RollEntry[] => {
        const personId = held[role];
        const person = personId ? people.get(personId) : undefined;
        if (!personId || !person) return [];
        return [
          {
            personId,
            name: person.fullName,
            email: person.email ?? null,
            kind: 'member',
            since,
            capacity: t(`engagement:officers.${role}`),
          },
        ];
      });
    },

    withdrawForAbsence() {
      throw new ConflictError(t('engagement:meetings.noWithdrawal'));
    },
  };
}
