/** The demo Camden panel's community activities over the past year (ICV-10), newest last. */
import { addCalendarDays, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { custodyCommunityActivities } from './schema.js';

const DEMO_ACTIVITIES = [
  { daysAgo: 330, kind: 'stall', description: 'Stall at the Camden Summer Fair', reached: 220 },
  {
    daysAgo: 250,
    kind: 'talk',
    description: 'Talk to the Kentish Town tenants’ association',
    reached: 35,
  },
  {
    daysAgo: 160,
    kind: 'article',
    description: 'Article in the Camden New Journal on a night visit',
    reached: null,
  },
  {
    daysAgo: 100,
    kind: 'talk',
    description: 'Talk to sixth-formers at Camden School for Girls',
    reached: 60,
  },
  {
    daysAgo: 40,
    kind: 'other',
    description: 'Recruitment evening at Swiss Cottage Library',
    reached: 18,
  },
  {
    daysAgo: 12,
    kind: 'talk',
    description: 'Talk to the Holborn neighbourhood panel',
    reached: 25,
  },
] as const;

export async function loadCommunityDemo(tx: Executor, panelId: string, today: IsoDate) {
  await tx.insert(custodyCommunityActivities).values(
    DEMO_ACTIVITIES.map((a) => ({
      panelId,
      heldOn: addCalendarDays(today, -a.daysAgo),
      kind: a.kind,
      description: a.description,
      reached: a.reached,
    })),
  );
}
