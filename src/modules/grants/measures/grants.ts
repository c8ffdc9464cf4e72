/**
 * Issue 27 part 1: two counts offered to indicators, the grants awarded in the period (by the
 * panel's decision; for a borough, those whose money is spent there) and the monitoring returns
 * received in it.
 */
import { and, count, eq, gte, lt } from 'drizzle-orm';
import { countValue } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { grantApplications as applications, grantReturns as returns } from '../schema.js';

export const grantsAwarded: Measure = {
  key: 'grants.awarded',
  nameKey: 'grants:measures.awarded',
  unit: 'count',
  byBorough: true,
  async value(executor, from, to, boroughId) {
    const [row] = await executor
      .select({ n: count() })
      .from(applications)
      .where(
        and(
          eq(applications.status, 'awarded'),
          gte(applications.decidedAt, from),
          lt(applications.decidedAt, to),
          boroughId ? eq(applications.boroughId, boroughId) : undefined,
        ),
      );
    return countValue(row?.n);
  },
};

export const returnsReceived: Measure = {
  key: 'grants.returns',
  nameKey: 'grants:measures.returns',
  unit: 'count',
  // A return is the grant's: for a borough, those of grants spent there.
  byBorough: true,
  async value(executor, from, to, boroughId) {
    const received = and(gte(returns.submittedAt, from), lt(returns.submittedAt, to));
    const [row] = boroughId
      ? await executor
          .select({ n: count() })
          .from(returns)
          .innerJoin(applications, eq(applications.id, returns.applicationId))
          .where(and(received, eq(applications.boroughId, boroughId)))
      : await executor.select({ n: count() }).from(returns).where(received);
    return countValue(row?.n);
  },
};
