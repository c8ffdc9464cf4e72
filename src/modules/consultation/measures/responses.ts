/**
 * Issue 27 part 1, CON-01: "responses received", a count offered to indicators: the responses
 * submitted in the period, save those staff set aside (a burst, a duplicate); for a borough,
 * those whose respondent gave it as theirs.
 */
import { and, count, eq, gte, isNull, lt } from 'drizzle-orm';
import { countValue } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { responses } from '../schema.js';

export const responsesReceived: Measure = {
  key: 'consultation.responses',
  nameKey: 'consultation:measures.responses',
  unit: 'count',
  byBorough: true,
  async value(executor, from, to, boroughId) {
    const [row] = await executor
      .select({ n: count() })
      .from(responses)
      .where(
        and(
          gte(responses.submittedAt, from),
          lt(responses.submittedAt, to),
          isNull(responses.setAsideAt),
          boroughId ? eq(responses.boroughId, boroughId) : undefined,
        ),
      );
    return countValue(row?.n);
  },
};
