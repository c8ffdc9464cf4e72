/**
 * Grants (issue 26 parts 2 to 4; CON-04, CON-05, LEG-06, CDRP-12): funds with a budget for each
 * reporting year, published criteria and conditions, and rounds; applications made online that
 * save as the applicant goes; assessment against weighted criteria and the panel's award with its
 * conditions, never over-committing a fund; payments in instalments exported for finance;
 * monitoring returns chased when late; underspend and clawback; the evaluation required before a
 * new award; spending per borough. Its one public face (ADR 0014).
 */
import { grantsHeadline } from './published/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { ConsultationApi } from '../consultation/index.js';
import type { DirectoryApi } from '../directory/index.js';
import type { EngagementApi } from '../engagement/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import type { TrackerApi } from '../tracker/index.js';
import { applicationPaths } from './applications/paths.js';
import { applicationsPersonData } from './applications/person-data.js';
import { registerApplicationRoutes } from './applications/routes.js';
import { createApplicationsService } from './applications/service.js';
import { registerStaffApplicationRoutes } from './applications/staff-routes.js';
import { awardPaths } from './assessment/paths.js';
import { assessmentPersonData } from './assessment/person-data.js';
import { registerAssessmentRoutes } from './assessment/routes.js';
import { createAssessmentService } from './assessment/service.js';
import { registerAwardRoutes } from './award/routes.js';
import { createAwardService } from './award/service.js';
import { fundPaths } from './funds/paths.js';
import { registerPublicFundingRoutes } from './funds/public-routes.js';
import { registerFundRoutes } from './funds/routes.js';
import { createFundsService } from './funds/service.js';
import { linksPersonData } from './links/person-data.js';
import { registerLinkRoutes } from './links/routes.js';
import { createLinksService } from './links/service.js';
import {
  createMonitoring,
  monitoringHomeTasks,
  monitoringPersonData,
  monitoringSweeps,
  registerMonitoring,
} from './monitoring/index.js';
import { registerGrantPaymentRoutes } from './payments/routes.js';
import { createGrantPaymentsService } from './payments/service.js';
import { grantsOpenData } from './published/open-data.js';
import { registerPublishedGrantsRoutes } from './published/routes.js';
import { createPublishedGrantsService } from './published/service.js';
import type { GrantsServices } from './route-deps.js';
import { grantsAwarded, returnsReceived } from './measures/grants.js';

export { applicationPaths } from './applications/paths.js';
export { awardPaths } from './assessment/paths.js';
export { fundPaths } from './funds/paths.js';
// Who the grants are published as coming from (360Giving), checked at start-up (config.ts).
export { readGrantsSettings, type GrantsSettings } from './settings.js';
// Its benchmark generator, run in order by bench/data/generate.ts.
export { grantsGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export { loadGrantsDemo, removeGrantsDemo, type GrantsDemo } from './demo.js';
// LEG-06, CDRP-12: what the award asks of monitoring, and its part of the grants demo.
export {
  evaluationsOutstanding,
  loadGrantsMonitoringDemo,
  mayActForApplicant,
  scheduleReturns,
} from './monitoring/index.js';

/** What other parts of Bridge ask of the grants (nothing yet). */
export type GrantsApi = Record<string, never>;

export interface GrantsModule extends BridgeModule<GrantsApi> {
  services: GrantsServices;
}

/** The other modules the grants read: the directory, engagement, and what a grant is tied to. */
interface GrantsDeps extends ModuleDeps {
  directory: DirectoryApi;
  engagement: EngagementApi;
  meetings: MeetingsApi;
  tracker: TrackerApi;
  consultation: ConsultationApi;
}

export function createGrantsModule(deps: GrantsDeps): GrantsModule {
  const { platform, directory, engagement } = deps;
  const { db, config, t } = platform;
  const now = deps.now ?? (() => new Date());
  const grantAssessment = createAssessmentService({ db, directory, now, t });
  const services: GrantsServices = {
    grantFunds: createFundsService({ db, now, t }),
    grantApplications: createApplicationsService({ db, directory, engagement, now, t }),
    grantAssessment,
    grantAward: createAwardService({ db, directory, now, t, assessment: grantAssessment }),
    grantPayments: createGrantPaymentsService({ db, now, t, directory }),
    grantLinks: createLinksService({ ...deps, db, directory, t }),
    grantsPublished: createPublishedGrantsService({ db, directory }),
    ...createMonitoring({ ...platform, directory, now }),
  };
  return {
    name: 'grants',
    // Issue 27 part 1: figures it counts, offered to indicators.
    measures: [grantsAwarded, returnsReceived],
    api: {},
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config,
        services: { ...platform, ...services, directory: directory.directory },
      };
      registerFundRoutes(routeDeps);
      registerPublicFundingRoutes(routeDeps);
      registerPublishedGrantsRoutes(routeDeps);
      registerApplicationRoutes(routeDeps);
      registerStaffApplicationRoutes(routeDeps);
      registerAssessmentRoutes(routeDeps);
      registerAwardRoutes(routeDeps);
      registerGrantPaymentRoutes(routeDeps);
      registerMonitoring(routeDeps);
      registerLinkRoutes(routeDeps);
    },
    navigation: [
      {
        order: 88,
        textKey: 'grants:nav.staff',
        href: fundPaths.home,
        visible: (p) => can(p, 'grants.view'),
      },
      {
        order: 89,
        textKey: 'grants:nav.public',
        href: fundPaths.funding,
        visible: (p) => p === null,
      },
    ],
    publicHeadline: (t) => grantsHeadline(services.grantsPublished, t),
    publicTasks: (t) => [
      {
        order: 47,
        href: fundPaths.funding,
        text: t('grants:homeTasks.public.text'),
        hint: t('grants:homeTasks.public.hint'),
      },
      {
        order: 47,
        href: fundPaths.grantsAwarded,
        text: t('grants:homeTasks.awarded.text'),
        hint: t('grants:homeTasks.awarded.hint'),
      },
    ],
    // Issue 27 part 6: the grants awarded, flat and in the 360Giving Data Standard.
    openData: grantsOpenData(t, config.grants, services.grantsPublished),
    // DP-02: applications, assessments and decisions, monitoring's returns, adjustments and
    // evaluations, ties.
    personData: async (executor, subject) => [
      ...(await applicationsPersonData(t, executor, subject)),
      ...(await assessmentPersonData(t, executor, subject)),
      ...(await monitoringPersonData(t, executor, subject)),
      ...(await linksPersonData(t, executor, subject)),
    ],
    homeTasks: async (p, t) => {
      const [facts, toScore, due] = await Promise.all([
        services.grantApplications.homeFacts(p, await services.grantFunds.openRounds()),
        can(p, 'grants.assess') ? grantAssessment.toScore(p) : 0,
        can(p, 'grants.manage') ? services.grantPayments.dueCount() : 0,
      ]);
      const staff = can(p, 'grants.view');
      return [
        staff && {
          order: 147,
          href: fundPaths.home,
          text: t('grants:homeTasks.staff.text'),
          hint: t('grants:homeTasks.staff.hint'),
        },
        // CON-04: those who represent something a fund open now accepts are offered to apply.
        facts.canApply && {
          order: 148,
          href: fundPaths.funding,
          text: t('grants:homeTasks.apply.text'),
          hint: t('grants:homeTasks.apply.hint'),
          volunteer: !staff,
        },
        facts.hasAny && {
          order: 149,
          href: applicationPaths.yours,
          text: t('grants:homeTasks.yours.text'),
          hint: t('grants:homeTasks.yours.hint'),
          volunteer: !staff,
        },
        ...(await monitoringHomeTasks(services, p, t)),
        toScore > 0 && {
          order: 152,
          href: awardPaths.yourAssessments,
          text: t('grants:homeTasks.assess.text', { count: toScore }),
          hint: t('grants:homeTasks.assess.hint'),
        },
        due > 0 && {
          order: 153,
          href: awardPaths.payments,
          text: t('grants:homeTasks.payments.text', { count: due }),
          hint: t('grants:homeTasks.payments.hint'),
        },
      ];
    },
    sweeps: [...monitoringSweeps(services)],
  };
}
