/**
 * Requests for independent advice: asking, triage, nominations, deployments, the advice given,
 * disclosures, proactive offers and equitable deployment. Its one public face (ADR 0014).
 */
import { adviceFoiLinks } from './foi-links.js';
import { can } from '../../platform/auth/permissions.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { GroupsApi } from '../groups/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import type { AdviceLookups } from './access.js';
import { registerArrangementRoutes } from './arrangements/routes.js';
import { registerDeploymentRoutes } from './deployments/routes.js';
import { registerNominationRoutes } from './nominations/routes.js';
import { createDeploymentsService } from './deployments/service.js';
import { registerDisclosureRoutes } from './disclosures/routes.js';
import { createDisclosuresService } from './disclosures/service.js';
import { registerAdviceDocumentRoutes } from './documents/routes.js';
import { createAdviceDocumentsService } from './documents/service.js';
import { registerEquityRoutes } from './equity/routes.js';
import { createEquityService } from './equity/service.js';
import { registerOfferRoutes } from './offers/routes.js';
import { createOffersService } from './offers/service.js';
import { advicePaths } from './paths.js';
import { eraseAdvicePerson } from './erasure.js';
import { createAdvicePersonData } from './person-data.js';
import { waitedWords } from './presenter.js';
import type { AdviceServices } from './route-deps.js';
import { registerAdviceRoutes } from './requests/routes.js';
import { createAdviceService } from './requests/service.js';
import { deploymentsMade } from './measures/deployments.js';

export { readAdviceSettings, type AdviceSettings } from './settings.js';

// Its benchmark generator, run in order by bench/data/generate.ts.
export { adviceGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export {
  demoAdviceRequestIds,
  loadDemoAdviceRequests,
  loadDemoAdvisorProfiles,
  removeDemoAdviceRequests,
  removeDemoDeployments,
} from './demo.js';

/** An advisor's accepted deployment: an occasion they may claim expenses for. */
export interface ClaimableDeployment {
  id: string;
  groupId: string;
  deployedOn: IsoDate;
  /** The request's number only: a claim never shows its subject. */
  reference: number;
}

export interface AdviceDeployments {
  /** The advisor's accepted deployments on or after a day, newest first (at most 50). */
  acceptedDeploymentsSince(
    executor: Executor,
    personId: string,
    from: IsoDate,
  ): Promise<ClaimableDeployment[]>;
}

/** The expenses module's name for what it reads of deployments. */
export type DeploymentsService = AdviceDeployments;

export interface AdviceApi {
  /** Expenses read a claimant's deployments (IAG-14). */
  deployments: AdviceDeployments;
  /** Freedom of Information names requests for advice, flagging those with disclosures (IAG-35). */
  foiLinks: typeof adviceFoiLinks;
}

export interface AdviceModule extends BridgeModule<AdviceApi> {
  services: AdviceServices;
}

export function createAdviceModule(
  deps: ModuleDeps & { directory: DirectoryApi; groups: GroupsApi; meetings: MeetingsApi },
): AdviceModule {
  const { platform, groups: groupsApi, directory: directoryApi } = deps;
  const { db, mail, config, t } = platform;
  // One clock for every service: the module's (a test's), or the real one.
  const now = deps.now ?? (() => new Date());
  const publicUrl = config.publicUrl;
  const groups = groupsApi;
  const { directory } = directoryApi;
  const lookups: AdviceLookups = {
    personColumns: directoryApi.personColumns,
    groupColumns: groupsApi.groupColumns,
    advisorRecords: groupsApi.advisorRecords,
    personIdForUser: (executor, userId) => directory.lookups.personIdForUser(executor, userId),
    peopleByIds: (executor, ids) => directory.lookups.people(executor, ids),
  };
  const deployments = createDeploymentsService({ db, mail, publicUrl, lookups, now, t });
  const advice = createAdviceService({
    db,
    t,
    groups,
    lookups,
    mail,
    publicUrl,
    targets: {
      urgentMinutes: config.advice.triageUrgentMinutes,
      routineWorkingDays: config.advice.triageRoutineWorkingDays,
    },
    now,
  });
  const services: AdviceServices = {
    advice,
    deployments,
    offers: createOffersService({ db, now, t }),
    equity: createEquityService({ db, threshold: config.advice.equityThreshold, lookups, now, t }),
    disclosures: createDisclosuresService({ db, mail, publicUrl, lookups, now, t }),
    adviceDocuments: createAdviceDocumentsService({
      db,
      t,
      files: platform.files,
      maxBytes: config.files.maxBytes,
      lookups,
      now,
    }),
  };
  // IAG-27: the minutes of a group's meeting may cite the advice its members gave.
  deps.meetings.useAdviceCitations(deployments.citations);
  return {
    name: 'advice',
    // Issue 27 part 1: figures it counts, offered to indicators.
    measures: [deploymentsMade],
    personData: createAdvicePersonData({ groupNameSql: groupsApi.groupNameSql, t }),
    erasePerson: eraseAdvicePerson,
    api: { deployments, foiLinks: adviceFoiLinks },
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerAdviceRoutes(routeDeps);
      registerNominationRoutes(routeDeps);
      registerDeploymentRoutes(routeDeps);
      registerArrangementRoutes(routeDeps);
      registerEquityRoutes(routeDeps);
      registerDisclosureRoutes(routeDeps);
      registerOfferRoutes(routeDeps);
      registerAdviceDocumentRoutes(routeDeps);
    },
    navigation: [
      {
        order: 20,
        textKey: 'advice:nav.triage',
        href: advicePaths.triage,
        visible: (p) => can(p, 'advice.triage'),
      },
      {
        order: 30,
        textKey: 'advice:nav.requests',
        href: advicePaths.mine,
        visible: (p) => can(p, 'advice.request') && !can(p, 'advice.triage'),
      },
    ],
    async homeTasks(p, t) {
      const [urgent, ownGroups] = await Promise.all([
        can(p, 'advice.triage') ? advice.urgentWaiting(p) : null,
        groups.myMemberships(p),
      ]);
      const isDeploymentContact = p.roles.some((g) => g.role === 'deployment_contact');
      return [
        // IAG-08: urgent requests waiting for CTSET come first.
        urgent?.oldest && {
          order: 10,
          href: advicePaths.triage,
          text: t('advice:home.urgent.text', { count: urgent.count }),
          hint: t(
            urgent.oldest.overdue ? 'advice:home.urgent.hintOverdue' : 'advice:home.urgent.hint',
            {
              reference: urgent.oldest.reference,
              subject: urgent.oldest.subject,
              waited: waitedWords(t, urgent.oldest.waited),
            },
          ),
        },
        // The rest: a task for each thing this person may do, in `advice:home.<task>`.
        ...(
          [
            [40, 'deployments', advicePaths.deployments, ownGroups.length > 0],
            [120, 'toNominate', advicePaths.toNominate, isDeploymentContact],
            [130, 'equity', advicePaths.equity, can(p, 'advice.equity')],
            [140, 'arrangements', advicePaths.arrangements, can(p, 'advice.arrange')],
            [150, 'triage', advicePaths.triage, can(p, 'advice.triage')],
            [160, 'offers', advicePaths.offers, can(p, 'advice.offer')],
            [170, 'mine', advicePaths.mine, can(p, 'advice.request')],
          ] as const
        ).map(
          ([order, task, href, offered]) =>
            offered && {
              order,
              href,
              text: t(`advice:home.${task}.text`),
              hint: t(`advice:home.${task}.hint`),
            },
        ),
      ];
    },
    sweeps: [
      // IAG-08: requests past their targets for triage or nomination, escalated by e-mail once.
      { name: 'advice escalation', everyMs: 5 * 60_000, run: () => advice.escalateOverdue() },
    ],
  };
}
