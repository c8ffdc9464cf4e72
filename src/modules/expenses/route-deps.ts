import type { RouteDeps } from '../../platform/modules.js';
import type { BudgetsService } from './budgets/service.js';
import type { DisputesService } from './disputes/service.js';
import type { PaymentsService } from './payments/service.js';
import type { ExpenseProcessingService } from './processing/service.js';
import type { ExpensesService } from './claims/service.js';

/** The expenses module's own services. */
export interface ExpensesServices {
  expenses: ExpensesService;
  expenseProcessing: ExpenseProcessingService;
  payments: PaymentsService;
  expenseDisputes: DisputesService;
  budgets: BudgetsService;
}

/** What the expenses module's route files are given. */
export type ExpensesRouteDeps = RouteDeps<ExpensesServices>;
