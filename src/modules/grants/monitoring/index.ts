/**
 * Grants monitoring and evaluation (LEG-06, CDRP-12, CON-04), as the grants module wires it:
 * its services, routes and sweep, and what the award service and the demo call.
 */
import type { Db } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { MailService } from '../../../platform/mail/service.js';
import { can } from '../../../platform/auth/permissions.js';
import type { UserPrincipal } from '../../../platform/auth/principal.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { ModuleHomeTask, Sweep } from '../../../platform/modules.js';
import { monitoringPaths } from './paths.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { GrantsRouteDeps } from '../route-deps.js';
import { createClosingService } from './closing-service.js';
import { createLateReturnsService } from './late-service.js';
import { registerReportRoutes } from './report-routes.js';
import { registerMonitoringRoutes } from './routes.js';
import { createMonitoringService } from './service.js';
import type { MonitoringServices } from './services.js';
import { createSpendingService } from './spending-service.js';

export { evaluationsOutstanding, scheduleReturns, type GrantApplicant } from './schedule.js';
export { mayActForApplicant, returnSchedule } from './rules.js';
export { loadGrantsMonitoringDemo } from './demo.js';
export { monitoringPaths } from './paths.js';
export { monitoringPersonData } from './person-data.js';
export type { MonitoringServices } from './services.js';

export function createMonitoring(deps: {
  db: Db;
  directory: DirectoryApi;
  mail: MailService;
  now: () => Date;
  t: Translate;
  config: { publicUrl: string };
}): MonitoringServices {
  const { db, directory, mail, now, t, config } = deps;
  return {
    grantsMonitoring: createMonitoringService({ db, directory, now, t }),
    grantsClosing: createClosingService({ db, directory, now, t }),
    grantsLateReturns: createLateReturnsService({
      db,
      directory,
      mail,
      now,
      t,
      publicUrl: config.publicUrl,
    }),
    grantsSpending: createSpendingService({ db, directory, now }),
  };
}

export function registerMonitoring(routeDeps: GrantsRouteDeps): void {
  registerMonitoringRoutes(routeDeps);
  registerReportRoutes(routeDeps);
}

/** LEG-06: a return to send, on the home page of those who act for the applicant. */
export async function monitoringHomeTasks(
  services: MonitoringServices,
  principal: UserPrincipal,
  t: Translate,
): Promise<ModuleHomeTask[]> {
  return (await services.grantsMonitoring.returnsDue(principal)).map((g) => ({
    order: 155,
    href: monitoringPaths.grant(g.id),
    text: t('grants:monitoring.homeTask.text', { title: g.projectTitle }),
    hint: g.late
      ? t('grants:monitoring.homeTask.late', { date: formatDate(t, g.dueOn) })
      : t('grants:monitoring.homeTask.due', { date: formatDate(t, g.dueOn) }),
    // The applicant's own work, not staff work: their home still offers the public pages.
    volunteer: !can(principal, 'grants.view'),
  }));
}

export function monitoringSweeps(services: MonitoringServices): Sweep[] {
  return [
    // LEG-06: each late return chased, once and then every 14 days while it stays late.
    {
      name: 'grants late returns',
      everyMs: 60 * 60_000,
      run: () => services.grantsLateReturns.sendChasers(),
    },
  ];
}
