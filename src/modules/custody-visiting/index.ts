/**
 * Custody visiting (issue 24, ICV-01 to ICV-10): so far the scheme itself, its custody suites
 * with their target visits, a panel per borough or custody area with its coordinator and its
 * meetings, each panel's lay visitors from declaration to appointment, the rota of paired
 * unannounced visits (ICV-03), the visit reports written at the station (ICV-03 to ICV-07),
 * their follow-up to closure (ICV-08), the statistics (ICV-10) with each panel's community
 * activities, recruitment and surges, and the public pages about the scheme. Its one public face
 * (ADR 0014).
 */
import { declinedApplicationsRetention } from './applications/retention.js';
import { detaineeDetailsRetention } from './retention.js';
import { custodyHeadline } from './statistics/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { ScopeCatalogue } from '../../platform/auth/users-service.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import { applicationPaths } from './applications/paths.js';
import { registerApplicationRoutes } from './applications/routes.js';
import { registerCommunityRoutes } from './community/routes.js';
import { createCommunityService } from './community/service.js';
import { createApplicationsService } from './applications/service.js';
import { followUpPaths } from './follow-up/paths.js';
import { registerFollowUpRoutes } from './follow-up/routes.js';
import { createFollowUpRemindersService } from './follow-up/reminders-service.js';
import { createFollowUpService } from './follow-up/service.js';
import { createPanelMeetingBody } from './panels/meeting-body.js';
import { registerPanelRoutes } from './panels/routes.js';
import { createPanelsService } from './panels/service.js';
import { custodyPaths } from './paths.js';
import { createCustodyVisitingErasure } from './erasure.js';
import { custodyVisitingPersonData } from './person-data.js';
import { registerPublicRoutes } from './public/routes.js';
import { registerRotaRoutes } from './rota/routes.js';
import { registerStatisticsRoutes } from './statistics/routes.js';
import { custodyStatisticsOpenData } from './statistics/open-data.js';
import { createStatisticsService } from './statistics/service.js';
import { createRotaService } from './rota/service.js';
import { createPublicSchemeService } from './public/service.js';
import { reportPaths } from './reports/paths.js';
import { registerReportRoutes } from './reports/routes.js';
import { createReportsService } from './reports/service.js';
import type { CustodyVisitingServices } from './route-deps.js';
import { registerSuiteRoutes } from './suites/routes.js';
import { createSuitesService } from './suites/service.js';
import { registerSurgeRoutes } from './surges/routes.js';
import { createSurgesService } from './surges/service.js';
import { registerVisitorRoutes } from './visitors/routes.js';
import { createVisitorsService } from './visitors/service.js';
import { issuesRaised, visitsMade } from './measures/visits.js';

export { readCustodyVisitingSettings, type CustodyVisitingSettings } from './settings.js';

// Its benchmark generator, run in order by bench/data/generate.ts.
export { custodyVisitingGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export {
  DEMO_VISITOR_PEOPLE,
  loadCustodyRotaDemo,
  loadCustodyVisitingDemo,
  loadCustodyVisitorsDemo,
  removeCustodyVisitingDemo,
} from './demo.js';

/** What other parts of Bridge ask of the scheme. */
export interface CustodyVisitingApi {
  /** The panels and suites that a panel coordinator's or custody inspector's role is held for. */
  scopeCatalogue: ScopeCatalogue;
}

export interface CustodyVisitingModule extends BridgeModule<CustodyVisitingApi> {
  services: CustodyVisitingServices;
}

export function createCustodyVisitingModule(
  deps: ModuleDeps & { directory: DirectoryApi; meetings: MeetingsApi },
): CustodyVisitingModule {
  const { platform, directory, meetings } = deps;
  const { db, config, t, mail } = platform;
  const now = deps.now ?? (() => new Date());
  const services: CustodyVisitingServices = {
    custodySuites: createSuitesService({
      db,
      now,
      t,
      defaultTarget: config.custodyVisiting.defaultVisitsPerWeek,
    }),
    custodyPanels: createPanelsService({ db, directory, meetings: meetings.meetings, now, t }),
    custodyPublic: createPublicSchemeService({ db, directory }),
    custodyVisitors: createVisitorsService({
      db,
      directory,
      now,
      t,
      termYears: config.custodyVisiting.visitorTermYears,
    }),
    custodyRota: createRotaService({ db, directory, mail, now, t, publicUrl: config.publicUrl }),
    custodyStatistics: createStatisticsService({ db, now, t }),
    custodyReports: createReportsService({
      db,
      directory,
      now,
      t,
      mail,
      publicUrl: config.publicUrl,
      authorityEmail: config.custodyVisiting.authorityEmail,
    }),
    custodyApplications: createApplicationsService({ db, directory, mail, now, t }),
    custodyCommunity: createCommunityService({ db, now, t }),
    custodySurges: createSurgesService({ db, now, t }),
    custodyFollowUp: createFollowUpService({
      db,
      directory,
      mail,
      now,
      t,
      publicUrl: config.publicUrl,
      reviewOverdueWorkingDays: config.custodyVisiting.reviewOverdueWorkingDays,
      issueEscalationWorkingDays: config.custodyVisiting.issueEscalationWorkingDays,
      chiefInspectorEmail: config.custodyVisiting.chiefInspectorEmail,
    }),
    custodyFollowUpReminders: createFollowUpRemindersService({
      db,
      mail,
      now,
      t,
      publicUrl: config.publicUrl,
      reviewOverdueWorkingDays: config.custodyVisiting.reviewOverdueWorkingDays,
      issueEscalationWorkingDays: config.custodyVisiting.issueEscalationWorkingDays,
    }),
  };
  // ADR 0005, ICV-02: each panel is a body that meets, about quarterly with the custody inspector.
  meetings.addBodies([createPanelMeetingBody({ directory, now, t })]);
  const { custodySuites: suites, custodyPanels: panels } = services;
  return {
    name: 'custody-visiting',
    // Issue 27 part 1: figures it counts, offered to indicators.
    measures: [visitsMade, issuesRaised],
    api: {
      scopeCatalogue: {
        options: (type) => (type === 'panel' ? panels.options() : suites.options()),
        name: (type, id) => (type === 'panel' ? panels.name(id) : suites.name(id)),
      },
    },
    services,
    personData: (executor, subject) =>
      custodyVisitingPersonData(t, directory.directory, executor, subject),
    erasePerson: createCustodyVisitingErasure({ directory: directory.directory }),
    openData: [custodyStatisticsOpenData(t, services.custodyStatistics)],
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerSuiteRoutes(routeDeps);
      registerPanelRoutes(routeDeps);
      registerPublicRoutes(routeDeps);
      registerVisitorRoutes(routeDeps);
      registerRotaRoutes(routeDeps);
      registerStatisticsRoutes(routeDeps);
      registerReportRoutes(routeDeps);
      registerApplicationRoutes(routeDeps);
      registerFollowUpRoutes(routeDeps);
      registerCommunityRoutes(routeDeps);
      registerSurgeRoutes(routeDeps);
    },
    navigation: [
      {
        order: 75,
        textKey: 'custody-visiting:nav.suites',
        href: custodyPaths.suites,
        visible: (p) => can(p, 'custody.view'),
      },
      {
        order: 76,
        textKey: 'custody-visiting:nav.public',
        href: custodyPaths.publicScheme,
        visible: (p) => p === null,
      },
    ],
    // Offered in the default language: a module's public tasks are given once, not per request.
    publicHeadline: (t) => custodyHeadline(services.custodyStatistics, t),
    publicTasks: (t) => [
      {
        order: 30,
        href: custodyPaths.publicScheme,
        text: t('custody-visiting:homeTasks.public.text'),
        hint: t('custody-visiting:homeTasks.public.hint'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'custody.view') && {
        order: 100,
        href: custodyPaths.suites,
        text: t('custody-visiting:homeTasks.suites.text'),
        hint: t('custody-visiting:homeTasks.suites.hint'),
      },
      can(p, 'custody.panels.view') && {
        order: 110,
        href: custodyPaths.panels,
        text: t('custody-visiting:homeTasks.panels.text'),
        hint: t('custody-visiting:homeTasks.panels.hint'),
      },
      // ICV-03: a lay visitor of a panel is offered their visits; one of none, the public pages.
      can(p, 'custody.visits.own') &&
        (await services.custodyRota.isVisitor(p)) && {
          order: 120,
          href: custodyPaths.yourVisits,
          text: t('custody-visiting:homeTasks.yourVisits.text'),
          hint: t('custody-visiting:homeTasks.yourVisits.hint'),
          volunteer: true,
        },
      can(p, 'custody.reports.view') && {
        order: 125,
        href: reportPaths.reports,
        text: t('custody-visiting:homeTasks.reports.text'),
        hint: t('custody-visiting:homeTasks.reports.hint'),
        volunteer: !can(p, 'custody.view'),
      },
      // ICV-08: the scheme manager's review queue; the issues a person follows.
      can(p, 'custody.reports.review') && {
        order: 126,
        href: followUpPaths.reviewQueue,
        text: t('custody-visiting:followUp.homeTasks.queue.text'),
        hint: t('custody-visiting:followUp.homeTasks.queue.hint'),
      },
      can(p, 'custody.issues.view') && {
        order: 127,
        href: followUpPaths.issues,
        text: t('custody-visiting:followUp.homeTasks.issues.text'),
        hint: t('custody-visiting:followUp.homeTasks.issues.hint'),
        volunteer: !can(p, 'custody.view'),
      },
      // ICV-10, LEG-05: the scheme manager's surges.
      can(p, 'custody.manage') && {
        order: 112,
        href: custodyPaths.surges,
        text: t('custody-visiting:surges.homeTask.text'),
        hint: t('custody-visiting:surges.homeTask.hint'),
      },
      can(p, 'custody.panels.view') && {
        order: 111,
        href: applicationPaths.list,
        text: t('custody-visiting:applications.homeTask.text'),
        hint: t('custody-visiting:applications.homeTask.hint'),
      },
    ],
    // DP-03: detainees' details and declined applications on the retention schedule.
    retention: [detaineeDetailsRetention, declinedApplicationsRetention(now, directory.directory)],
    sweeps: [
      // ICV-08: the scheme managers reminded once of each review overdue and issue due to escalate.
      {
        name: 'custody follow-up reminders',
        everyMs: 60 * 60_000,
        run: () => services.custodyFollowUpReminders.sendReminders(),
      },
    ],
  };
}
