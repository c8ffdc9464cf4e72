/**
 * FOI-01: "FOI requests answered on time", a percentage offered to indicators: of the requests
 * answered in the period, the share answered by their due date. None answered: nothing to measure.
 */
import { and, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { londonDaysIn, percentValue } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { foiRequests } from '../schema.js';

export const answeredOnTimeMeasure: Measure = {
  key: 'foi.answered-on-time',
  nameKey: 'foi:measures.answeredOnTime',
  unit: 'percent',
  byBorough: false,
  async value(executor, from, to) {
    const { first, end } = londonDaysIn(from, to);
    const [row] = await executor
      .select({
        answered: sql<number>`count(*)::int`,
        onTime: sql<number>`(count(*) filter (where ${foiRequests.onTime}))::int`,
      })
      .from(foiRequests)
      .where(
        and(
          isNotNull(foiRequests.answeredOn),
          gte(foiRequests.answeredOn, first),
          lt(foiRequests.answeredOn, end),
        ),
      );
    return percentValue(Number(row?.onTime ?? 0), Number(row?.answered ?? 0));
  },
};
