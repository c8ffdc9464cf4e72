/**
 * Freedom of Information's part of the demonstration dataset (FOI-01): two requests logged by the
 * demo coordination unit officer, one still open and one answered with a part withheld (s.40)
 * and published in the disclosure log. ILLUSTRATIVE: the requesters and questions are made up.
 * Removed by who logged them.
 */
import { inArray } from 'drizzle-orm';
import { addCalendarDays, londonInstant, ukWorkingDays } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { answeredOnTime, dayOfReceipt, dueState } from './rules.js';
import { foiAnswerParts, foiRequests } from './schema.js';

export async function loadFoiDemo(tx: Executor, coordinatorUser: string, today: string) {
  // Received at 10:00 on working days before today: one a week ago, one six weeks ago.
  const openDay = ukWorkingDays.addWorkingDays(today, -5);
  const answeredDay = ukWorkingDays.addWorkingDays(today, -30);
  const open = dayOfReceipt(londonInstant(openDay, 10 * 60));
  const answered = dayOfReceipt(londonInstant(answeredDay, 10 * 60));
  const answeredDue = dueState(answered.date).due!;
  const answeredOn = ukWorkingDays.addWorkingDays(answeredDue, -2);
  const [, published] = await tx
    .insert(foiRequests)
    .values([
      {
        receivedAt: londonInstant(openDay, 10 * 60),
        receivedOn: open.date,
        receiptMoved: open.moved,
        requesterName: 'Sam Example',
        requesterContact: 'sam@example.org',
        channel: 'email',
        asked:
          'How many times did the advisory groups meet in the last year, and who chaired them?',
        dueOn: dueState(open.date).due,
        createdBy: coordinatorUser,
      },
      {
        receivedAt: londonInstant(answeredDay, 10 * 60),
        receivedOn: answered.date,
        requesterName: 'Jo Sample',
        requesterContact: '12 Example Street, London',
        channel: 'letter',
        asked:
          'Copies of the advice the advisory groups gave on stop and search, with the names of the advisors.',
        dueOn: answeredDue,
        answeredOn,
        onTime: answeredOnTime(answeredOn, answeredDue),
        publicSummary:
          'Copies of the advisory groups’ advice on stop and search. The advice was released; the advisors’ names were withheld.',
        publishedAt: londonInstant(addCalendarDays(answeredOn, 1), 9 * 60),
        publishedBy: coordinatorUser,
        createdBy: coordinatorUser,
      },
    ])
    .returning({ id: foiRequests.id });
  await tx.insert(foiAnswerParts).values([
    {
      requestId: published!.id,
      position: 1,
      description: 'The advice given on stop and search',
      outcome: 'released',
    },
    {
      requestId: published!.id,
      position: 2,
      description: 'The names of the advisors',
      outcome: 'withheld-in-full',
      exemption: 's.40',
      exemptionName: 'Personal information',
    },
  ]);
}

/** Removes the requests the demo's accounts logged (their stops, parts and documents go with them). */
export async function removeFoiDemo(tx: Executor, demoUsers: readonly string[]) {
  if (!demoUsers.length) return;
  await tx.delete(foiRequests).where(inArray(foiRequests.createdBy, [...demoUsers]));
}
