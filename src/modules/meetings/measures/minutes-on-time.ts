/**
 * Issue 27 part 1: "minutes on time", a percentage offered to indicators: of the meetings whose
 * minutes fell due in the period (10 working days after the meeting), the share whose minutes
 * were drafted by then. None due: nothing to measure.
 */
import { and, eq, gte, lt, ne } from 'drizzle-orm';
import { toLondonDate } from '../../../platform/calendar/london-time.js';
import { londonDaysIn, percentValue } from '../../../platform/measures.js';
import type { Measure } from '../../../platform/modules.js';
import { minutesOnTime } from '../rules.js';
import { meetings, minutes } from '../schema.js';

/** Further back than any meeting whose minutes fall due in the period (10 working days). */
const LOOK_BACK_MS = 40 * 86_400_000;

export const minutesOnTimeMeasure: Measure = {
  key: 'meetings.minutes-on-time',
  nameKey: 'meetings:measures.minutesOnTime',
  unit: 'percent',
  byBorough: false,
  async value(executor, from, to) {
    const rows = await executor
      .select({ startsAt: meetings.startsAt, draftedAt: minutes.createdAt })
      .from(meetings)
      .leftJoin(minutes, and(eq(minutes.meetingId, meetings.id), eq(minutes.kind, 'minutes')))
      .where(
        and(
          gte(meetings.startsAt, new Date(from.getTime() - LOOK_BACK_MS)),
          lt(meetings.startsAt, to),
          ne(meetings.status, 'cancelled'),
        ),
      );
    const { first, end } = londonDaysIn(from, to);
    const { due, onTime } = minutesOnTime(
      rows.map((r) => ({
        heldOn: toLondonDate(r.startsAt),
        draftedOn: r.draftedAt ? toLondonDate(r.draftedAt) : null,
      })),
      first,
      end,
    );
    return percentValue(onTime, due);
  },
};
