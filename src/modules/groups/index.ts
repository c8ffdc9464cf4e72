/**
 * Independent advisory groups: the register, memberships and terms, elections, recruitment and
 * member records. Its one public face (ADR 0014): other modules reach groups and memberships
 * only through `GroupsApi`.
 */
import { groupsHeadline } from './register/headline.js';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import { can } from '../../platform/auth/permissions.js';
import type { ScopeCatalogue } from '../../platform/auth/users-service.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import { advisorRecords, type AdvisorRecords } from './api/advisor-records.js';
import {
  groupColumns,
  groupNameSql,
  groupOwnerIdSql,
  groupProfile,
  groupTypeLabel,
  groupTypeSql,
  workingGroupsSql,
  type GroupColumns,
  type GroupProfile,
  type WorkingGroups,
} from './api/group-columns.js';
import { registerDiversityRoutes } from './diversity/routes.js';
import { registerGuideRoutes } from './guides/routes.js';
import { registerMemberRecordRoutes } from './member-records/routes.js';
import { registerPoliceAttendanceRoutes } from './police-attendance/routes.js';
import { createDiversityService } from './diversity/service.js';
import { createGuidesService } from './guides/service.js';
import { createMemberRecordsService } from './member-records/service.js';
import { createPoliceAttendanceService } from './police-attendance/service.js';
import {
  createAnnualConferenceBody,
  createDirectorChairsBody,
  createGroupMeetingBody,
} from './meeting-body.js';
import { groupsOpenData } from './register/open-data.js';
import { groupPaths } from './paths.js';
import { createApplyService } from './recruitment/apply-service.js';
import { registerRecruitmentRoutes } from './recruitment/routes.js';
import { createRecruitmentService } from './recruitment/service.js';
import { registerElectionRoutes } from './elections/routes.js';
import { registerMembershipRoutes } from './memberships/routes.js';
import { registerGroupRoutes } from './register/routes.js';
import { createGroupsErasure } from './erasure.js';
import { createGroupsPersonData } from './person-data.js';
import {
  clearancesRetention,
  monitoringAnswersRetention,
  recruitmentApplicationsRetention,
} from './retention.js';
import type { GroupsServices } from './route-deps.js';
import type { GroupStatus, GroupType } from './rules.js';
import type { MEMBERSHIP_STATUSES } from './schema.js';
import { createGroupsService } from './service.js';

export type { Group, Membership } from './service.js';
export type { GroupStatus, GroupType } from './rules.js';
export { readGroupsSettings, type GroupsSettings } from './settings.js';
export type { GroupProfile, WorkingGroupColumns, WorkingGroups } from './api/group-columns.js';
export type {
  AdvisorRecords,
  DeclaredInterests,
  GroupName,
  IndependenceDeclaration,
} from './api/advisor-records.js';
export type { CurrentMembers, GroupColumns } from './api/group-columns.js';
// The vocabulary of vetting and of kinds of group, which the advice module's rules speak too.
export {
  CLEARANCE_ORDER,
  mayWorkAtClearance,
  type ClearanceLevel,
  type HeldClearance,
} from './rules.js';

// Its addresses, for another module's links to a group's page.
export { groupPaths } from './paths.js';
// Start-up loads the reference data before the modules are built (src/startup.ts).
export { loadGroupsReferenceData } from './start-up.js';
// Its benchmark generator, run in order by bench/data/generate.ts.
export { groupsGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export {
  DEMO_MEETING_BODIES,
  demoGroupId,
  loadGroupsDemo,
  removeGroupsDemo,
  type DemoGroupPeople,
} from './demo.js';

/** A group named in another module's page or record. */
export interface GroupRef {
  id: string;
  name: string;
}

/** A group with how often it meets (IAG-04): what expenses and the tracker need of it. */
export interface GroupSummary extends GroupRef {
  meetingIntervalMonths: number;
}

/** IAG-08: a group a request for advice may be passed to, with its deployment contact (IAG-07). */
export interface RoutingCandidate extends GroupRef {
  type: GroupType;
  status: GroupStatus;
  deploymentContactId: string | null;
  contactName: string | null;
  contactEmail: string | null;
}

export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** One of a person's own memberships, current or past, with its term (IAG-18). */
export interface OwnMembership {
  id: string;
  groupId: string;
  groupName: string;
  termNumber: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
  status: MembershipStatus;
  leftOn: IsoDate | null;
  /** A second term agreed, or waiting for agreement, that has not begun yet. */
  secondTerm: 'pending' | 'agreed' | null;
  agreedSecondTerm: { startsOn: IsoDate; endsOn: IsoDate } | null;
}

/** What other modules may ask of the advisory groups. */
export interface GroupsApi {
  /** Groups by id, a few at once; ids not found are left out. */
  groupsByIds(executor: Executor, ids: readonly string[]): Promise<GroupSummary[]>;
  /** The groups a person is a current member of. */
  currentGroupsOf(executor: Executor, personId: string): Promise<GroupSummary[]>;
  /**
   * The signed-in person's memberships, current first (none for anyone else). Asked once for a
   * principal: a request's principal is its own, so the home page's tasks, this module's and
   * the advice module's, share one query.
   */
  myMemberships(principal: Principal): Promise<OwnMembership[]>;
  /** IAG-08: the groups a request may be passed to, corporate IAGs first; none closed. */
  routingCandidates(executor: Executor): Promise<RoutingCandidate[]>;
  /** Every group not closed, by name (IAG-25). */
  workingGroups(executor: Executor): Promise<GroupRef[]>;
  /** The corporate IAGs now working, by name (IAG-26). */
  corporateGroups(executor: Executor): Promise<GroupRef[]>;
  /** The groups a group-scoped role can be given for. */
  scopeCatalogue: ScopeCatalogue;
  /** A group's name, type and owner as SQL, for another module's list in one statement. */
  groupNameSql(groupId: SQLWrapper): SQL<string>;
  groupTypeSql(groupId: SQLWrapper): SQL<GroupType>;
  groupOwnerIdSql(groupId: SQLWrapper): SQL<string | null>;
  /** Every group not closed, as a subquery another module's list selects from. */
  workingGroupsSql(): WorkingGroups;
  groupTypeLabel(type: GroupType): string;
  groupProfile(executor: Executor, id: string): Promise<GroupProfile | undefined>;
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
  const groups = createGroupsService({ db, config, directory, mail, now, t: platform.t });
  const recruitment = {
    ...createRecruitmentService({
      db,
      groups,
      directory,
      mail,
      publicUrl: config.publicUrl,
      t: platform.t,
      now,
    }),
    ...createApplyService({ db, groups, mail, t: platform.t }),
  };
  const policeAttendance = createPoliceAttendanceService({ db, groups, directory, t: platform.t });
  // A member's records, the police who attend, diversity and balance, and the guides.
  const memberRecords = {
    ...createMemberRecordsService({ db, groups, directory, t: platform.t }),
    ...policeAttendance,
    ...createDiversityService({ db, groups, directory, t: platform.t }),
    ...createGuidesService({ db, groups, directory, t: platform.t }),
  };
  // ADR 0005: a group, the Director's meetings with the chairs and the annual conference meet.
  meetings.addBodies([
    createGroupMeetingBody({ groups, policeAttendance, directory, t: platform.t }),
    createDirectorChairsBody({ groups, directory, t: platform.t }),
    createAnnualConferenceBody({ groups, directory, t: platform.t }),
  ]);
  const services: GroupsServices = { groups, recruitment, memberRecords };
  // The memberships a request's principal has, asked once however many ask during the request
  // (the object goes with its request). The services, which change memberships, ask afresh.
  const asked = new WeakMap<NonNullable<Principal>, Promise<OwnMembership[]>>();
  const myMemberships = (principal: Principal): Promise<OwnMembership[]> => {
    if (!principal) return groups.myMemberships(principal);
    const found = asked.get(principal) ?? groups.myMemberships(principal);
    asked.set(principal, found);
    return found;
  };
  return {
    name: 'groups',
    openData: [groupsOpenData(platform.t, directoryApi)],
    personData: createGroupsPersonData({
      directory,
      organisationNameSql: directoryApi.organisationNameSql,
      t: platform.t,
    }),
    erasePerson: createGroupsErasure({ directory }),
    api: {
      groupsByIds: groups.groupsByIds,
      currentGroupsOf: groups.currentGroupsOf,
      myMemberships,
      routingCandidates: groups.routingCandidates,
      workingGroups: groups.workingGroups,
      corporateGroups: groups.corporateGroups,
      scopeCatalogue: groups.scopeCatalogue,
      groupNameSql,
      groupTypeSql,
      groupOwnerIdSql,
      workingGroupsSql,
      // Other modules' services name a type without a request: the default language.
      groupTypeLabel: (type) => groupTypeLabel(platform.t, type),
      groupProfile,
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
          ...directoryApi,
          directory,
          personColumns: directoryApi.personColumns,
          meetings: meetings.meetings,
          publicMeetings: meetings.publicMeetings,
        },
      };
      registerGroupRoutes(routeDeps);
      registerMembershipRoutes(routeDeps);
      registerElectionRoutes(routeDeps);
      registerRecruitmentRoutes(routeDeps);
      registerMemberRecordRoutes(routeDeps);
      registerPoliceAttendanceRoutes(routeDeps);
      registerDiversityRoutes(routeDeps);
      registerGuideRoutes(routeDeps);
    },
    navigation: [
      {
        order: 60,
        textKey: 'groups:common.advisoryGroups',
        href: groupPaths.list,
        visible: (p) => can(p, 'groups.view'),
      },
      {
        order: 70,
        textKey: 'groups:common.advisoryGroups',
        href: groupPaths.publicList,
        visible: (p) => !can(p, 'groups.view'),
      },
    ],
    publicHeadline: (t) => groupsHeadline(db, t),
    publicTasks: (t) => [
      {
        order: 10,
        href: groupPaths.publicList,
        text: t('groups:common.publicTask.text'),
        hint: t('groups:common.publicTask.hint'),
      },
    ],
    async homeTasks(p, t) {
      const [ownGroups, secondTerms] = await Promise.all([
        myMemberships(p),
        groups.secondTermsToDecide(p),
      ]);
      return [
        secondTerms > 0 && {
          order: 20,
          href: groupPaths.secondTerms,
          text: t('groups:common.homeTasks.secondTerms.text', { count: secondTerms }),
          hint: t('groups:common.homeTasks.secondTerms.hint'),
        },
        ownGroups.length > 0 && {
          order: 30,
          href: groupPaths.myGroups,
          text: t('groups:common.yourGroups'),
          hint: t('groups:common.homeTasks.yourGroups.hint'),
        },
        can(p, 'groups.view') && {
          order: 180,
          href: groupPaths.list,
          text: t('groups:common.advisoryGroups'),
          hint: t('groups:common.homeTasks.register.hint'),
        },
      ];
    },
    // DP-03, DP-01: its personal records on the retention schedule.
    retention: [
      recruitmentApplicationsRetention(directory),
      monitoringAnswersRetention,
      clearancesRetention,
    ],
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
