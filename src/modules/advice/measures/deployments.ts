/**
 * Issue 27 part 1: "advisors deployed", a count offered to indicators: the deployments accepted
 * (the advisor sent) whose work began in the period (IAG-10 counts deployments by that day).
 */
import { and, count, eq, gte, lt } from 'drizzle-orm';
import { countValue, londonDaysIn } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { deployments } from '../schema.js';

export const deploymentsMade: Measure = {
  key: 'advice.deployments',
  nameKey: 'advice:measures.deployments',
  unit: 'count',
  // A request names no borough: the whole area only.
  byBorough: false,
  async value(executor, from, to) {
    const { first, end } = londonDaysIn(from, to);
    const [row] = await executor
      .select({ n: count() })
      .from(deployments)
      .where(
        and(
          eq(deployments.status, 'accepted'),
          gte(deployments.deployedOn, first),
          lt(deployments.deployedOn, end),
        ),
      );
    return countValue(row?.n);
  },
};
