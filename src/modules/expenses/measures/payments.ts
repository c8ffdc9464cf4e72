/**
 * Issue 27 part 1, IAG-11 (claims are paid without delay): two figures offered to indicators,
 * the claims paid in the period, and the average days from a claim reaching the coordination
 * unit to its payment, over the claims paid in the period (none paid: nothing to measure).
 */
import { and, count, gte, lt, sql } from 'drizzle-orm';
import { LONDON_TIME_ZONE } from '../../../platform/calendar/london-time.js';
import { countValue, meanValue } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { expenseClaims as claims } from '../schema.js';

const paidIn = (from: Date, to: Date) => and(gte(claims.paidAt, from), lt(claims.paidAt, to));

export const claimsPaid: Measure = {
  key: 'expenses.claims-paid',
  nameKey: 'expenses:measures.claimsPaid',
  unit: 'count',
  // A claim is a group's, not a borough's: the whole area only.
  byBorough: false,
  async value(executor, from, to) {
    const [row] = await executor.select({ n: count() }).from(claims).where(paidIn(from, to));
    return countValue(row?.n);
  },
};

export const paymentTurnaround: Measure = {
  key: 'expenses.turnaround',
  nameKey: 'expenses:measures.turnaround',
  unit: 'days',
  byBorough: false,
  async value(executor, from, to) {
    // Calendar days from the London day it reached the unit to the London day it was paid.
    const days = sql<string>`coalesce(sum((${claims.paidAt} at time zone ${LONDON_TIME_ZONE})::date - ${claims.submittedOn}), 0)`;
    const [row] = await executor
      .select({ days, n: count() })
      .from(claims)
      .where(and(paidIn(from, to), sql`${claims.submittedOn} is not null`));
    return meanValue(Number(row?.days ?? 0), Number(row?.n ?? 0));
  },
};
