/**
 * The demo panel's visit reports (ICV-07), so the report pages show something: one sent last
 * week (read by the demo custody inspector and scheme manager), a draft begun yesterday that
 * only its two visitors see, the demo lay visitor being one of them in each, and (ICV-09) a
 * terrorism report of three weeks ago: its copy to the authority sent by hand, the Independent
 * Reviewer's awaiting the scheme manager.
 */
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { loadCustodyFollowUpDemo } from '../follow-up/demo.js';
import {
  custodyVisitReportCopies,
  custodyVisitReportDetainees,
  custodyVisitReports,
} from './schema.js';

export async function loadCustodyReportsDemo(
  tx: Executor,
  demo: {
    panelId: string;
    suiteIds: readonly string[];
    /** The demo lay visitor's visitor record, then the two that visit with them. */
    visitorIds: readonly [string, string, string];
  },
  today: IsoDate,
): Promise<void> {
  const [val, amara, tom] = demo.visitorIds;
  const sentOn = new Date(`${addCalendarDays(today, -6)}T20:30:00Z`);
  const [sent] = await tx
    .insert(custodyVisitReports)
    .values([
      {
        suiteId: demo.suiteIds[0]!,
        panelId: demo.panelId,
        visitedOn: addCalendarDays(today, -6),
        firstVisitorId: val,
        secondVisitorId: amara,
        arrivedAt: '19:10',
        admittedAt: '19:25',
        delayReason: 'A detainee was being restrained in the corridor to the cells',
        delayAuthorisedBy: 'Inspector Kit Custody',
        detaineesPresent: 2,
        rightsCheck: 'satisfactory',
        healthCheck: 'concerns',
        healthNotes: 'No clean blankets in cells 3 and 4',
        cellsCheck: 'satisfactory',
        conditions: 'Clean and warm; the exercise yard was closed for repairs',
        issuesRaised: 'Blankets missing in two cells',
        actionTaken: 'The custody sergeant had blankets brought at once',
        followUp: 'Ask why the blanket store had run out',
        checksRecordedAt: sentOn,
        firstConfirmedAt: sentOn,
        secondConfirmedAt: sentOn,
        status: 'submitted',
        submittedAt: sentOn,
        idempotencyKey: randomUUID(),
      },
      {
        suiteId: demo.suiteIds[1] ?? demo.suiteIds[0]!,
        panelId: demo.panelId,
        visitedOn: addCalendarDays(today, -1),
        firstVisitorId: val,
        secondVisitorId: tom,
        arrivedAt: '11:00',
        admittedAt: '11:00',
        idempotencyKey: randomUUID(),
      },
    ])
    .returning({ id: custodyVisitReports.id });
  await tx.insert(custodyVisitReportDetainees).values([
    {
      reportId: sent!.id,
      custodyRecordNumber: '01CD/4471/26',
      child: true,
      vulnerable: false,
      consent: false,
      seen: false,
      notSeenReason: 'asleep',
      recordChecked: false,
      idempotencyKey: randomUUID(),
    },
    {
      reportId: sent!.id,
      custodyRecordNumber: '01CD/4468/26',
      child: false,
      vulnerable: false,
      consent: true,
      seen: true,
      recordChecked: true,
      observations: 'Had been offered a meal and legal advice; asked for a blanket, since given',
      idempotencyKey: randomUUID(),
    },
  ]);
  const terrorOn = addCalendarDays(today, -20);
  const terrorSent = new Date(`${terrorOn}T15:40:00Z`);
  const [terror] = await tx
    .insert(custodyVisitReports)
    .values({
      suiteId: demo.suiteIds[0]!,
      panelId: demo.panelId,
      visitedOn: terrorOn,
      firstVisitorId: val,
      secondVisitorId: amara,
      arrivedAt: '14:30',
      admittedAt: '14:30',
      detaineesPresent: 1,
      rightsCheck: 'satisfactory',
      healthCheck: 'satisfactory',
      cellsCheck: 'satisfactory',
      conditions: 'Clean; the detainee had been allowed a shower that morning',
      checksRecordedAt: terrorSent,
      firstConfirmedAt: terrorSent,
      secondConfirmedAt: terrorSent,
      status: 'submitted',
      submittedAt: terrorSent,
      terrorismReport: true,
      idempotencyKey: randomUUID(),
    })
    .returning({ id: custodyVisitReports.id });
  await tx.insert(custodyVisitReportDetainees).values({
    reportId: terror!.id,
    custodyRecordNumber: '01CD/3902/26',
    child: false,
    vulnerable: false,
    consent: true,
    seen: true,
    recordChecked: true,
    observations: 'Said the food was fine; asked about time outside',
    terrorism: true,
    recordingsViewed: true,
    recordingsNotes: 'Two recordings of the second day',
    idempotencyKey: randomUUID(),
  });
  await tx.insert(custodyVisitReportCopies).values([
    {
      reportId: terror!.id,
      recipient: 'authority',
      sentTo: 'The authority’s custody visiting office, by hand',
      sentAt: new Date(`${addCalendarDays(terrorOn, 1)}T12:00:00Z`),
      method: 'by_hand',
    },
    { reportId: terror!.id, recipient: 'terrorism_reviewer' },
  ]);
  // ICV-08: an earlier report, reviewed, with an open and a closed issue (last week's awaits review).
  await loadCustodyFollowUpDemo(
    tx,
    { panelId: demo.panelId, suiteId: demo.suiteIds[0]!, visitorIds: [val, amara] },
    today,
  );
}

/** The demo panels' reports (their detainees go with them), before their visitors go. */
export async function removeCustodyReportsDemo(
  tx: Executor,
  panelIds: readonly string[],
): Promise<void> {
  if (panelIds.length)
    await tx.delete(custodyVisitReports).where(inArray(custodyVisitReports.panelId, [...panelIds]));
}
