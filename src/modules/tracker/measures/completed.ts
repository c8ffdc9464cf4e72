/**
 * Issue 27 part 1, TRK-01: "recommendations completed", a count offered to indicators: the
 * accepted recommendations standing complete (every action completed, `recommendationProgress`)
 * whose last action was completed in the period. One whose last completion has no date
 * recorded cannot be placed in a period, and is not counted.
 */
import { and, count, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { countValue, londonDaysIn } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { trackerActions as actions, trackerRecommendations as recommendations } from '../schema.js';

export const recommendationsCompleted: Measure = {
  key: 'tracker.recommendations-completed',
  nameKey: 'tracker:measures.completed',
  unit: 'count',
  // A recommendation's owners may be boroughs, but many share one: the whole area only.
  byBorough: false,
  async value(executor, from, to) {
    const { first, end } = londonDaysIn(from, to);
    const complete = executor
      .select({
        id: actions.recommendationId,
        completedOn: sql`max(${actions.completedOn})`.as('completed_on'),
      })
      .from(actions)
      .where(isNull(actions.withdrawnAt))
      .groupBy(actions.recommendationId)
      .having(sql`bool_and(${actions.result} = 'completed' and ${actions.completedOn} is not null)`)
      .as('complete');
    const [row] = await executor
      .select({ n: count() })
      .from(complete)
      .innerJoin(recommendations, eq(recommendations.id, complete.id))
      .where(
        and(
          eq(recommendations.status, 'accepted'),
          isNull(recommendations.withdrawnAt),
          gte(complete.completedOn, first),
          lt(complete.completedOn, end),
        ),
      );
    return countValue(row?.n);
  },
};
