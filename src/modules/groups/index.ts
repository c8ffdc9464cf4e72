/**
 * Independent advisory groups: the register, memberships and terms, elections, recruitment and
 * member records. Its one public face (ADR 0014): other modules reach groups and memberships
 * only through `GroupsApi`.
 */
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import { advisorRecords, type AdvisorRecords } from './api/advisor-records.js';
import { groupColumns, type GroupColumns } from './api/group-columns.js';
import { registerMemberRecordRoutes } from './member-records-routes.js';
import { createMemberRecordsService } from './member-records-service.js';
import {
  createAnnualConferenceBody,
  createDirectorChairsBody,
  createGroupMeetingBody,
} from './meeting-body.js';
import { groupPaths } from './paths.js';
import { registerRecruitmentRoutes } from './recruitment-routes.js';
import { createRecruitmentService } from './recruitment-service.js';
import type { GroupsServices } from './route-deps.js';
import { registerGroupRoutes } from './routes.js';
import { createGroupsService, type GroupsService } from './service.js';

export type { Group, GroupsService, Membership } from './service.js';
export { readGroupsSettings, type GroupsSettings } from './settings.js';
export type {
  AdvisorRecords,
  DeclaredInterests,
  GroupName,
  IndependenceDeclaration,
} from './api/advisor-records.js';
export type { CurrentMembers, GroupColumns } from './api/group-columns.js';
// The vocabulary of vetting and of kinds of group, which the advice module's rules speak too.
export {
  CLEARANCE_LABELS,
  CLEARANCE_ORDER,
  GROUP_TYPE_LABELS,
  mayWorkAtClearance,
  type ClearanceLevel,
  type GroupType,
  type HeldClearance,
} from './rules.js';

export interface GroupsApi {
  groups: GroupsService;
  /** Groups and their members' facts as columns of another module's query. */
  groupColumns: GroupColumns;
  /** Members' clearances and declarations, and groups' types, for judging advice. */
  advisorRecords: AdvisorRecords;
}

export interface GroupsModule extends BridgeModule<GroupsApi> {
  services: GroupsServices;
}

export function createGroupsModule(
  deps: ModuleDeps & { directory: DirectoryApi; meetings: MeetingsApi },
): GroupsModule {
  const { platform, now, directory: directoryApi, meetings } = deps;
  const { db, config, mail } = platform;
  const { directory } = directoryApi;
  const groups = createGroupsService({ db, config, directory, mail, now });
  const recruitment = createRecruitmentService({
    db,
    groups,
    directory,
    mail,
    publicUrl: config.publicUrl,
    now,
  });
  const memberRecords = createMemberRecordsService({ db, groups, directory });
  // ADR 0005: a group, the Director's meetings with the chairs and the annual conference meet.
  meetings.addBodies([
    createGroupMeetingBody({ groups, memberRecords, directory }),
    createDirectorChairsBody({ groups, directory }),
    createAnnualConferenceBody({ groups, directory }),
  ]);
  const services: GroupsServices = { groups, recruitment, memberRecords };
  return {
    name: 'groups',
    api: {
      groups,
      groupColumns,
      advisorRecords,
    },
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config,
        services: {
          ...platform,
          ...services,
          directory,
          personColumns: directoryApi.personColumns,
          meetings: meetings.meetings,
          publicMeetings: meetings.publicMeetings,
        },
      };
      registerGroupRoutes(routeDeps);
      registerRecruitmentRoutes(routeDeps);
      registerMemberRecordRoutes(routeDeps);
    },
    navigation: [
      {
        order: 60,
        text: 'Advisory groups',
        href: groupPaths.list,
        visible: (p) => can(p, 'groups.view'),
      },
      {
        order: 70,
        text: 'Advisory groups',
        href: groupPaths.publicList,
        visible: (p) => !can(p, 'groups.view'),
      },
    ],
    publicTasks: [
      {
        order: 10,
        href: groupPaths.publicList,
        text: 'Advisory groups',
        hint: 'Who the independent advisory groups are, when they meet, and their minutes',
      },
    ],
    async homeTasks(p) {
      const [ownGroups, secondTerms] = await Promise.all([
        groups.myMemberships(p),
        groups.secondTermsToDecide(p),
      ]);
      return [
        secondTerms > 0 && {
          order: 20,
          href: groupPaths.secondTerms,
          text: `Second terms to agree (${secondTerms})`,
          hint: 'Members’ second terms waiting for your agreement as chair or Director (IAG-18)',
        },
        ownGroups.length > 0 && {
          order: 30,
          href: groupPaths.myGroups,
          text: 'Your advisory groups',
          hint: 'The groups you are a member of, and when each term ends',
        },
        can(p, 'groups.view') && {
          order: 180,
          href: groupPaths.list,
          text: 'Advisory groups',
          hint: 'The register of groups: members, terms, chairs, elections and recruitment',
        },
      ];
    },
    sweeps: [
      // IAG-18: close terms that have run out, and tell members six months before theirs ends.
      {
        name: 'membership',
        everyMs: 60 * 60_000,
        run: () => groups.closeEndedTerms().then(() => groups.sendTermEndNotices()),
      },
    ],
  };
}
