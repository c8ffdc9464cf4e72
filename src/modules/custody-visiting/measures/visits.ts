/**
 * Issue 27 part 1, ICV-10 (visits made against target, issues raised): two counts offered to
 * indicators, the visits made on a day in the period, and the issues raised in it. A suite's
 * area is a name, not a directory borough: the whole area only.
 */
import { and, count, eq, gte, lt } from 'drizzle-orm';
import { countOnLondonDays, countValue } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { custodyIssues } from '../follow-up/schema.js';
import { custodyVisits } from '../schema.js';

export const visitsMade: Measure = {
  key: 'custody-visiting.visits-made',
  nameKey: 'custody-visiting:measures.visitsMade',
  unit: 'count',
  byBorough: false,
  value: (executor, from, to) =>
    countOnLondonDays(
      executor,
      custodyVisits,
      custodyVisits.visitOn,
      eq(custodyVisits.status, 'made'),
      from,
      to,
    ),
};

export const issuesRaised: Measure = {
  key: 'custody-visiting.issues-raised',
  nameKey: 'custody-visiting:measures.issuesRaised',
  unit: 'count',
  byBorough: false,
  async value(executor, from, to) {
    const [row] = await executor
      .select({ n: count() })
      .from(custodyIssues)
      .where(and(gte(custodyIssues.raisedAt, from), lt(custodyIssues.raisedAt, to)));
    return countValue(row?.n);
  },
};
