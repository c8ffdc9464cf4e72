/**
 * Issue 27 part 1: "meetings held", a figure Bridge already counts, offered to indicators: the
 * meetings of every body that began in the period and were not cancelled.
 */
import { and, count, gte, lt, ne } from 'drizzle-orm';
import { countValue } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { meetings } from '../schema.js';

export const meetingsHeld: Measure = {
  key: 'meetings.held',
  nameKey: 'meetings:measures.held',
  unit: 'count',
  // A body's borough is its own module's to say: the whole area only, for now.
  byBorough: false,
  async value(executor, from, to) {
    const [row] = await executor
      .select({ n: count() })
      .from(meetings)
      .where(
        and(
          gte(meetings.startsAt, from),
          lt(meetings.startsAt, to),
          ne(meetings.status, 'cancelled'),
        ),
      );
    return countValue(row?.n);
  },
};
