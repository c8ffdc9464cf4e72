/**
 * Information rights' part of the demonstration dataset (issue 28 part 5): two requests logged by
 * the demo coordination unit officer: a correction agreed and waiting for the corrections, and an
 * erasure refused with its reasons. ILLUSTRATIVE: what is asked is made up. (No erasure is left
 * to carry out: carrying one out would close a demo account.) Removed by who logged them, or
 * whom they are about.
 */
import { inArray } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { dueDate } from './rules.js';
import { erasureRequests } from './schema.js';

export async function loadInformationRightsDemo(
  tx: Executor,
  demo: { coordinatorUser: string; correctPerson: string; erasePerson: string },
  today: IsoDate,
) {
  const at = (day: IsoDate) => new Date(`${day}T10:00:00Z`);
  const corrected = addCalendarDays(today, -6);
  const refused = addCalendarDays(today, -40);
  await tx.insert(erasureRequests).values([
    {
      kind: 'correct',
      personId: demo.correctPerson,
      receivedOn: corrected,
      dueOn: dueDate(corrected),
      asked: 'My job title in the directory is out of date, and my phone number is wrong.',
      loggedBy: demo.coordinatorUser,
      loggedAt: at(corrected),
      decision: 'agreed',
      decisionReasons:
        'The directory entry is corrected. Minutes that gave the old job title are kept as written: they record what was said at the time.',
      decidedBy: demo.coordinatorUser,
      decidedAt: at(addCalendarDays(corrected, 2)),
      version: 2,
    },
    {
      kind: 'erase',
      personId: demo.erasePerson,
      receivedOn: refused,
      dueOn: dueDate(refused),
      asked: 'Please erase everything Bridge holds about me.',
      loggedBy: demo.coordinatorUser,
      loggedAt: at(refused),
      decision: 'refused',
      decisionReasons:
        'The person is a serving lay visitor: their visit reports and rota are needed to run the scheme. Their expense claims are kept six years for audit. They can ask again when they leave.',
      decidedBy: demo.coordinatorUser,
      decidedAt: at(addCalendarDays(refused, 10)),
      closedAt: at(addCalendarDays(refused, 10)),
      version: 2,
    },
  ]);
}

/** Removes the requests the demo's accounts logged, and any about the demo's people. */
export async function removeInformationRightsDemo(
  tx: Executor,
  demoUsers: readonly string[],
  demoPeople: readonly string[],
) {
  if (demoUsers.length)
    await tx.delete(erasureRequests).where(inArray(erasureRequests.loggedBy, [...demoUsers]));
  if (demoPeople.length)
    await tx.delete(erasureRequests).where(inArray(erasureRequests.personId, [...demoPeople]));
}
