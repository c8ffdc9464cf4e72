/**
 * Issue 28 part 5: the meetings module's part of erasing a person. A meeting's record stays as
 * it was minuted: their attendance (the meeting's counts and quorum), the items they tabled and
 * the actions given to them, pointing at their now anonymous directory entry; the owner's name
 * copied onto an action goes. Their calendar feed, only theirs, goes.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ERASED_NAME } from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import { calendarFeeds, meetingActions } from './schema.js';

export async function eraseMeetingsPerson(
  executor: Executor,
  { personId, userId }: PersonDataSubject,
): Promise<ErasedPart[]> {
  const feeds = userId
    ? await executor
        .delete(calendarFeeds)
        .where(eq(calendarFeeds.userId, userId))
        .returning({ id: calendarFeeds.id })
    : [];
  const actions = await executor
    .update(meetingActions)
    .set({ ownerName: ERASED_NAME, version: sql`${meetingActions.version} + 1` })
    .where(eq(meetingActions.ownerPersonId, personId))
    .returning({ id: meetingActions.id });
  return [
    { kind: 'calendar feeds', records: feeds.length, how: 'deleted' },
    { kind: 'actions from meetings', records: actions.length, how: 'anonymised' },
  ];
}
