/**
 * ICV-08: the demo panel's follow-up, so its pages show something: a report of three weeks ago,
 * reviewed by the demo scheme manager, with one issue answered by the custody inspector and
 * closed, and one still open and past its working days (due to go to the chief inspector).
 * The demo report of last week stays in the review queue.
 */
import { randomUUID } from 'node:crypto';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import { addCalendarDays, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { custodyVisitReportDetainees, custodyVisitReports } from '../reports/schema.js';
import { custodyIssues } from './schema.js';

export async function loadCustodyFollowUpDemo(
  tx: Executor,
  demo: { panelId: string; suiteId: string; visitorIds: readonly [string, string] },
  today: IsoDate,
): Promise<void> {
  const [manager] = await activeRoleHolders(tx, 'scheme_manager');
  if (!manager) return;
  const [inspector] = await activeRoleHolders(tx, 'custody_inspector', {
    type: 'suite',
    id: demo.suiteId,
  });
  const at = (daysAgo: number, hour = 10) =>
    new Date(`${addCalendarDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00Z`);
  const sentAt = at(21, 21);
  const [report] = await tx
    .insert(custodyVisitReports)
    .values({
      suiteId: demo.suiteId,
      panelId: demo.panelId,
      visitedOn: addCalendarDays(today, -21),
      firstVisitorId: demo.visitorIds[0],
      secondVisitorId: demo.visitorIds[1],
      arrivedAt: '20:00',
      admittedAt: '20:00',
      detaineesPresent: 3,
      rightsCheck: 'concerns',
      rightsNotes: 'The poster on legal advice was missing from the booking-in area',
      healthCheck: 'satisfactory',
      cellsCheck: 'concerns',
      cellsNotes: 'The call bell in one cell did not work',
      conditions: 'Busy; clean',
      issuesRaised: 'A call bell not working',
      actionTaken: 'The cell was taken out of use until repaired',
      followUp: 'The legal advice poster to be replaced; the call bell to be repaired',
      checksRecordedAt: sentAt,
      firstConfirmedAt: sentAt,
      secondConfirmedAt: sentAt,
      status: 'submitted',
      submittedAt: sentAt,
      reviewedAt: at(19),
      reviewedBy: manager.userId,
      reviewNote: 'Two matters raised with the custody inspector',
      idempotencyKey: randomUUID(),
    })
    .returning({ id: custodyVisitReports.id });
  await tx.insert(custodyVisitReportDetainees).values({
    reportId: report!.id,
    custodyRecordNumber: '01CD/3902/26',
    child: false,
    vulnerable: true,
    consent: true,
    seen: true,
    recordChecked: true,
    observations: 'Said they had been offered a solicitor and a meal',
    idempotencyKey: randomUUID(),
  });
  const raised = { reportId: report!.id, suiteId: demo.suiteId, raisedBy: manager.userId };
  await tx.insert(custodyIssues).values([
    {
      ...raised,
      summary: 'A cell call bell was not working',
      significant: true,
      status: 'closed',
      raisedAt: at(19),
      raisedOn: addCalendarDays(today, -19),
      response: 'The call bell was repaired the next day and all bells are now tested each shift',
      answeredAt: at(15),
      answeredBy: inspector?.userId ?? null,
      outcome: 'resolved',
      closeNote: 'Checked on the next visit: working',
      closedAt: at(12),
      closedOn: addCalendarDays(today, -12),
      authorityEscalatedAt: at(19, 11),
    },
    {
      ...raised,
      summary: 'The poster on free legal advice was missing from the booking-in area',
      significant: false,
      status: 'open',
      raisedAt: at(19),
      raisedOn: addCalendarDays(today, -19),
    },
  ]);
}
