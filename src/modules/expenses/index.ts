/**
 * Advisors' expenses: claims with receipts, decisions, second approval, payment batches and
 * their export, disputes, and budgets. Its one public face (ADR 0014).
 */
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { AdviceApi } from '../advice/index.js';
import type { DirectoryApi } from '../directory/index.js';
import type { GroupsApi } from '../groups/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import { registerBudgetRoutes } from './budgets/routes.js';
import { createBudgetsService } from './budgets/service.js';
import { registerClaimRoutes } from './claims/routes.js';
import { createExpensesService } from './claims/service.js';
import { registerDisputeRoutes } from './disputes/routes.js';
import { createDisputesService } from './disputes/service.js';
import { expensePaths } from './paths.js';
import { expenseReceiptsRetention } from './retention.js';
import { registerPaymentRoutes } from './payments/routes.js';
import { createExpensesErasure } from './erasure.js';
import { createExpensesPersonData } from './person-data.js';
import { createPaymentsService } from './payments/service.js';
import { registerProcessingRoutes } from './processing/routes.js';
import { createExpenseProcessingService } from './processing/service.js';
import type { ExpensesServices } from './route-deps.js';
import { claimsPaid, paymentTurnaround } from './measures/payments.js';

export { readExpensesSettings, type ExpensesSettings } from './settings.js';

// Its benchmark generator, run in order by bench/data/generate.ts.
export { expensesGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export { removeDemoExpenses } from './demo.js';

/** Nothing yet: no other module reads expenses. */
export type ExpensesApi = Record<string, never>;

export interface ExpensesModule extends BridgeModule<ExpensesApi> {
  services: ExpensesServices;
}

export function createExpensesModule(
  deps: ModuleDeps & {
    directory: DirectoryApi;
    groups: GroupsApi;
    meetings: MeetingsApi;
    advice: AdviceApi;
  },
): ExpensesModule {
  const { platform, now, directory, groups } = deps;
  const { db, mail, config, t } = platform;
  const publicUrl = config.publicUrl;
  const services: ExpensesServices = {
    expenses: createExpensesService({
      db,
      directory,
      groups,
      meetings: deps.meetings,
      advice: deps.advice,
      files: platform.files,
      maxBytes: config.files.maxBytes,
      mail,
      publicUrl,
      limits: config.expenses,
      now,
      t,
    }),
    expenseProcessing: createExpenseProcessingService({
      db,
      directory,
      groups,
      mail,
      publicUrl,
      secondApprovalAbovePence: config.expenses.secondApprovalAbovePence,
      now,
      t,
    }),
    payments: createPaymentsService({
      db,
      directory,
      groups,
      mail,
      publicUrl,
      exportColumns: config.expenses.exportColumns,
      now,
      t,
    }),
    expenseDisputes: createDisputesService({ db, directory, groups, mail, publicUrl, now, t }),
    budgets: createBudgetsService({ db, directory, groups, now, t }),
  };
  return {
    name: 'expenses',
    // Issue 27 part 1: figures it counts, offered to indicators.
    measures: [claimsPaid, paymentTurnaround],
    // DP-03: receipts on the retention schedule.
    retention: [expenseReceiptsRetention(platform.files)],
    personData: createExpensesPersonData({ groupNameSql: groups.groupNameSql, t }),
    erasePerson: createExpensesErasure({ directory: directory.directory }),
    api: {},
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = { app, renderPage, config, services: { ...platform, ...services } };
      registerClaimRoutes(routeDeps);
      registerProcessingRoutes(routeDeps);
      registerPaymentRoutes(routeDeps);
      registerDisputeRoutes(routeDeps);
      registerBudgetRoutes(routeDeps);
    },
    navigation: [
      {
        order: 40,
        textKey: 'expenses:nav.expenses',
        href: expensePaths.mine,
        visible: (p) => can(p, 'expenses.claim'),
      },
      {
        order: 50,
        textKey: 'expenses:nav.expenses',
        href: expensePaths.queue,
        visible: (p) => can(p, 'expenses.process') && !can(p, 'expenses.claim'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'expenses.claim') && {
        order: 50,
        href: expensePaths.mine,
        text: t('expenses:homeTasks.mine.text'),
        hint: t('expenses:homeTasks.mine.hint'),
      },
      can(p, 'expenses.process') && {
        order: 60,
        href: expensePaths.queue,
        text: t('expenses:homeTasks.queue.text'),
        hint: t('expenses:homeTasks.queue.hint'),
      },
      can(p, 'expenses.process') && {
        order: 70,
        href: expensePaths.payments,
        text: t('expenses:homeTasks.payments.text'),
        hint: t('expenses:homeTasks.payments.hint'),
      },
      can(p, 'expenses.view-all') && {
        order: 80,
        href: expensePaths.budgets,
        text: t('expenses:homeTasks.budgets.text'),
        hint: t('expenses:homeTasks.budgets.hint'),
      },
      (p.roles.some((g) => g.role === 'chair') || can(p, 'expenses.dispute-final')) && {
        order: 90,
        href: expensePaths.disputes,
        text: t('expenses:homeTasks.disputes.text'),
        hint: t('expenses:homeTasks.disputes.hint'),
      },
    ],
  };
}
