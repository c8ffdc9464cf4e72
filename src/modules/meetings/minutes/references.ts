/**
 * A minute as another module cites it (CON-01: the strategy board's approval of a consultation;
 * CON-07: the decision a consultation fed): the minute's heading, its meeting and body, whether
 * the minutes are approved, and where to read it, by staff and (when published) by the public.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { BodyProvider, BodyType } from '../bodies.js';
import { meetingPaths } from '../paths.js';
import { meetings, minuteItems, minutes } from '../schema.js';

export interface MinuteReference {
  minuteItemId: string;
  heading: string;
  meetingId: string;
  meetingTitle: string;
  startsAt: Date;
  bodyType: BodyType;
  bodyId: string;
  minutesApproved: boolean;
  confidential: boolean;
  /** The meeting's minutes, for staff. */
  href: string;
  /** The meeting's public record, once its minutes are approved and this minute not withheld. */
  publicHref: string | null;
}

export interface MinuteReferences {
  /** The minutes named, by id; an id that names none is left out. */
  find(executor: Executor, minuteItemIds: readonly string[]): Promise<Map<string, MinuteReference>>;
  /**
   * A body's minutes to choose from (each minute of its latest meetings first), at most `limit`:
   * the body's of the type given, or one body when its id is given too.
   */
  ofBodies(
    executor: Executor,
    bodyType: BodyType,
    bodyId: string | null,
    limit: number,
  ): Promise<MinuteReference[]>;
}

export function createMinuteReferences(bodies: readonly BodyProvider[]): MinuteReferences {
  const columns = {
    minuteItemId: minuteItems.id,
    heading: minuteItems.heading,
    confidential: minuteItems.confidential,
    position: minuteItems.position,
    meetingId: meetings.id,
    meetingTitle: meetings.title,
    startsAt: meetings.startsAt,
    bodyType: meetings.bodyType,
    bodyId: meetings.bodyId,
    status: minutes.status,
  };
  const base = (executor: Executor) =>
    executor
      .select(columns)
      .from(minuteItems)
      .innerJoin(minutes, eq(minutes.id, minuteItems.minutesId))
      .innerJoin(meetings, eq(meetings.id, minutes.meetingId));

  const asReference = (row: Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number]) => {
    const provider = bodies.find((b) => b.type === row.bodyType);
    const minutesApproved = row.status === 'approved';
    return {
      minuteItemId: row.minuteItemId,
      heading: row.heading,
      meetingId: row.meetingId,
      meetingTitle: row.meetingTitle,
      startsAt: row.startsAt,
      bodyType: row.bodyType,
      bodyId: row.bodyId,
      minutesApproved,
      confidential: row.confidential,
      href: meetingPaths.minutes(row.meetingId),
      publicHref:
        provider && minutesApproved && !row.confidential
          ? meetingPaths.publicMeeting(provider.publicPathPrefix, row.bodyId, row.meetingId)
          : null,
    } satisfies MinuteReference;
  };

  return {
    async find(executor, ids) {
      if (ids.length === 0) return new Map();
      const rows = await base(executor).where(inArray(minuteItems.id, [...ids]));
      return new Map(rows.map((row) => [row.minuteItemId, asReference(row)]));
    },
    async ofBodies(executor, bodyType, bodyId, limit) {
      const rows = await base(executor)
        .where(
          and(
            eq(meetings.bodyType, bodyType),
            bodyId === null ? undefined : eq(meetings.bodyId, bodyId),
          ),
        )
        .orderBy(desc(meetings.startsAt), minuteItems.position)
        .limit(limit);
      return rows.map(asReference);
    },
  };
}
