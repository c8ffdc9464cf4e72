/**
 * Expense claims a test makes for itself: started, filled and (when asked) submitted through the
 * expenses service as the advisor does it (IAG-11, IAG-14), so the rows are the ones the pages
 * read.
 */
import { dateFields, principalFor, type TestApp } from '../app.js';
import type { FactoryAccount } from './accounts.js';

export type ExpenseClaim = Awaited<ReturnType<TestApp['services']['expenses']['start']>>;

export interface ExpenseCost {
  /** The item form's category, e.g. 'public_transport'. */
  category?: string;
  /** YYYY-MM-DD. */
  incurredOn: string;
  description?: string;
  /** Pounds and pence as typed, e.g. '12.40'; a 'mileage' cost gives `miles` instead. */
  amount?: string;
  /** Miles driven as typed, e.g. '12.5', for a 'mileage' cost. */
  miles?: string;
}

/**
 * The advisor starts a claim for an occasion (`meeting:<id>`, `deployment:<id>` or one of their
 * groups' other occasions), adds each cost without a receipt, and submits it when `submit`.
 */
export async function makeExpenseClaim(
  t: TestApp,
  advisor: Pick<FactoryAccount, 'email'>,
  options: { occasion: string; costs: ExpenseCost[]; submit?: boolean },
): Promise<ExpenseClaim> {
  const principal = await principalFor(t, advisor.email);
  const claim = await t.services.expenses.start(principal, { occasion: options.occasion });
  for (const cost of options.costs) {
    await t.services.expenses.addItem(principal, claim.id, {
      fields: {
        category: cost.category ?? 'public_transport',
        ...dateFields('incurredOn', cost.incurredOn),
        description: cost.description ?? 'Train to the meeting',
        ...(cost.miles === undefined ? { amount: cost.amount ?? '' } : { miles: cost.miles }),
      },
      file: null,
    });
  }
  if (options.submit) await t.services.expenses.submit(principal, claim.id);
  return claim;
}
