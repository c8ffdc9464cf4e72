/**
 * Engagement groups (issue 26 part 1; CON-04): the register of each borough's community and
 * police engagement groups, their officers and constitution, the minimum standards and each
 * group's standing against them, its position statement and development plan, its meetings, and
 * its feed-up and feed-back. Its one public face (ADR 0014).
 */
import { can } from '../../platform/auth/permissions.js';
import type { ScopeCatalogue } from '../../platform/auth/users-service.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import { registerIssueRoutes } from './issues/routes.js';
import { createIssuesService } from './issues/service.js';
import { createEngagementMeetingBody } from './meeting-body.js';
import { openGroupsSql, type OpenEngagementGroups } from './open-groups.js';
import { engagementPaths } from './paths.js';
import { createEngagementErasure } from './erasure.js';
import { engagementPersonData } from './person-data.js';
import { registerPlanRoutes } from './plans/routes.js';
import { createPlansService } from './plans/service.js';
import { registerGroupRoutes } from './register/routes.js';
import { createEngagementScopeCatalogue } from './register/scope-catalogue.js';
import { createRegisterService } from './register/service.js';
import type { EngagementServices } from './route-deps.js';
import { registerStandingRoutes } from './standing/routes.js';
import { createStandingService } from './standing/service.js';

export { engagementPaths } from './paths.js';

/** An engagement group as other modules know it. */
export interface EngagementGroupSummary {
  id: string;
  name: string;
  boroughId: string;
  /** When it stopped working; null while it works. */
  closedOn: string | null;
}

/** What other parts of Bridge ask of the engagement groups. */
export interface EngagementApi {
  /** The groups an engagement group officer's role can be held for. */
  scopeCatalogue: ScopeCatalogue;
  /** The groups of these ids that exist, by name (no page, no permission: the caller has one). */
  groupsNamed(ids: readonly string[]): Promise<EngagementGroupSummary[]>;
  /** One group, or undefined. */
  group(id: string): Promise<EngagementGroupSummary | undefined>;
  /** The address of a group's page in the register. */
  groupHref(id: string): string;
  /** Every group not closed (id, name, borough), as a subquery another module selects from. */
  openGroupsSql(): OpenEngagementGroups;
}

// Its benchmark generator, run in order by bench/data/generate.ts.
export { engagementGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export { loadEngagementDemo, removeEngagementDemo } from './demo.js';

export interface EngagementModule extends BridgeModule<EngagementApi> {
  services: EngagementServices;
}

export function createEngagementModule(
  deps: ModuleDeps & { directory: DirectoryApi; meetings: MeetingsApi },
): EngagementModule {
  const { platform, directory, meetings } = deps;
  const { db, config, t } = platform;
  const now = deps.now ?? (() => new Date());
  const services: EngagementServices = {
    engagementRegister: createRegisterService({ db, directory, now, t }),
    engagementStanding: createStandingService({ db, now, t }),
    engagementPlans: createPlansService({ db, now, t }),
    engagementIssues: createIssuesService({ db, now, t }),
  };
  // ADR 0005: the groups meet; their meetings are the meetings module's pages under theirs.
  meetings.addBodies([createEngagementMeetingBody({ directory, t })]);
  const groupsNamed = (ids: readonly string[]) => services.engagementRegister.groupsNamed(ids);
  return {
    name: 'engagement',
    api: {
      scopeCatalogue: createEngagementScopeCatalogue(db),
      groupsNamed,
      group: async (id) => (await groupsNamed([id]))[0],
      groupHref: (id) => engagementPaths.group(id),
      openGroupsSql,
    },
    services,
    personData: (executor, subject) => engagementPersonData(executor, subject, t),
    erasePerson: createEngagementErasure({ directory: directory.directory }),
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config,
        services: {
          ...platform,
          ...services,
          meetingReads: meetings.meetings,
          publicMeetings: meetings.publicMeetings,
        },
      };
      registerGroupRoutes(routeDeps);
      registerStandingRoutes(routeDeps);
      registerPlanRoutes(routeDeps);
      registerIssueRoutes(routeDeps);
    },
    navigation: [
      {
        // Beside the partnerships register and the tracker, the authority's other registers.
        order: 81,
        textKey: 'engagement:nav.groups',
        href: engagementPaths.groups,
        visible: (p) => can(p, 'engagement.view'),
      },
    ],
    homeTasks: async (p, tr) => [
      can(p, 'engagement.view') && {
        order: 147,
        href: engagementPaths.groups,
        text: tr('engagement:homeTasks.register.text'),
        hint: tr('engagement:homeTasks.register.hint'),
      },
      // A group's own engagement officer is taken to their group.
      ...(await services.engagementRegister.ownGroups(p)).map((g, i) => ({
        order: 148 + i / 100,
        href: engagementPaths.group(g.id),
        text: tr('engagement:homeTasks.yours.text'),
        hint: tr('engagement:homeTasks.yours.hint', { name: g.name }),
      })),
    ],
  };
}
