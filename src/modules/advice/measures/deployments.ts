/**
 * Issue 27 part 1: "advisors deployed", a count offered to indicators: the deployments accepted
 * (the advisor sent) whose work began in the period (IAG-10 counts deployments by that day).
 */
import { eq } from 'drizzle-orm';
import { countOnLondonDays } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { deployments } from '../schema.js';

export const deploymentsMade: Measure = {
  key: 'advice.deployments',
  nameKey: 'advice:measures.deployments',
  unit: 'count',
  // A request names no borough: the whole area only.
  byBorough: false,
  value: (executor, from, to) =>
    countOnLondonDays(
      executor,
      deployments,
      deployments.deployedOn,
      eq(deployments.status, 'accepted'),
      from,
      to,
    ),
};
