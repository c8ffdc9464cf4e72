/**
 * What a consultation's "you said, we did" (CON-07) links to, made by a test for itself: a
 * meeting of an advisory group with a minute recording the decision (its minutes approved, so
 * published, unless asked not to), and a tracker source with actions carrying the change.
 */
import { minuteItems, minutes } from '../../src/modules/meetings/schema.js';
import type { TestApp } from '../app.js';
import { uniqueTag } from './directory.js';
import { makeGroup } from './groups.js';
import { makeMeeting } from './meetings.js';
import { makeTrackerSource } from './tracker.js';

export interface DecisionMinute {
  minuteItemId: string;
  meetingId: string;
  meetingTitle: string;
  groupId: string;
  heading: string;
}

/** A past meeting of a new advisory group with one minute, `heading`; approved unless told not. */
export async function makeDecisionMinute(
  t: TestApp,
  options: { heading?: string; meetingTitle?: string; date?: string; approved?: boolean } = {},
): Promise<DecisionMinute> {
  const group = await makeGroup(t);
  const meetingTitle = options.meetingTitle ?? `Decision meeting ${uniqueTag()}`;
  const meeting = await makeMeeting(t, group.id, {
    title: meetingTitle,
    date: options.date ?? '2025-03-12',
  });
  const approved = options.approved !== false;
  const [kept] = await t.services.db
    .insert(minutes)
    .values({
      meetingId: meeting.id,
      ...(approved && { status: 'approved' as const, approvedAt: new Date() }),
    })
    .returning({ id: minutes.id });
  const heading = options.heading ?? 'Recording stop and account';
  const [item] = await t.services.db
    .insert(minuteItems)
    .values({
      minutesId: kept!.id,
      position: 1,
      heading,
      body: 'Agreed after the consultation.',
    })
    .returning({ id: minuteItems.id });
  return {
    minuteItemId: item!.id,
    meetingId: meeting.id,
    meetingTitle,
    groupId: group.id,
    heading,
  };
}

/** A published tracker source with one recommendation and its action, ongoing unless told. */
export async function makeChangeSource(
  t: TestApp,
  options: {
    title?: string;
    recommendation?: string;
    action?: string;
    result?: string;
    narrative?: string;
    isPublic?: boolean;
  } = {},
): Promise<{ id: string; title: string }> {
  const title = options.title ?? `Stop and account response ${uniqueTag()}`;
  const id = await makeTrackerSource(t, [
    {
      source_title: title,
      source_kind: 'review',
      source_public: options.isPublic === false ? 'no' : 'yes',
      recommendation: '1',
      recommendation_text: options.recommendation ?? 'Keep recording stop and account',
      action: options.action ?? 'Keep the stop and account form in every borough',
      result: options.result ?? 'ongoing',
      narrative: options.narrative ?? 'Form kept in use; recording reviewed each quarter',
    },
  ]);
  return { id, title };
}
