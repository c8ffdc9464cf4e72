/**
 * Custody visiting's part of the demonstration dataset (src/demo/demo-data.ts runs the parts in
 * order): the Camden panel, coordinated by the demo panel coordinator, and its two suites, so a
 * new user of the scheme sees filled pages. Writes only this module's tables.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import { addCalendarDays, addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import { loadCustodyApplicationsDemo, removeCustodyApplicationsDemo } from './applications/demo.js';
import { termEnd } from './rules.js';
import { custodyPanels, custodySuites, custodyVisitorCourses, custodyVisitors } from './schema.js';

export const DEMO_CUSTODY_AREA = 'Camden';

const DEMO_SUITES = [
  {
    name: 'Holborn Police Station',
    address: '10 Lamb’s Conduit Street, London WC1N 3NR',
    cells: 14,
  },
  {
    name: 'Kentish Town Police Station',
    address: '12A Holmes Road, London NW5 3AE',
    cells: 8,
  },
];

/** The Camden panel and its suites; the ids the demo accounts' scoped roles are held for. */
export async function loadCustodyVisitingDemo(
  tx: Executor,
  coordinatorId: string,
): Promise<{ panelId: string; suiteIds: string[] }> {
  const [panel] = await tx
    .insert(custodyPanels)
    .values({ name: 'Camden custody visiting panel', area: DEMO_CUSTODY_AREA, coordinatorId })
    .returning({ id: custodyPanels.id });
  const suites = await tx
    .insert(custodySuites)
    .values(DEMO_SUITES.map((s) => ({ ...s, area: DEMO_CUSTODY_AREA, targetVisitsPerWeek: 1 })))
    .returning({ id: custodySuites.id });
  return { panelId: panel!.id, suiteIds: suites.map((s) => s.id) };
}

/** The panels the demo people coordinate, and the demo suites, before the people go. */
export async function removeCustodyVisitingDemo(
  tx: Executor,
  demoPeople: readonly string[],
): Promise<void> {
  await removeCustodyApplicationsDemo(tx, demoPeople);
  if (demoPeople.length) {
    const panels = tx
      .select({ id: custodyPanels.id })
      .from(custodyPanels)
      .where(inArray(custodyPanels.coordinatorId, [...demoPeople]));
    // Their visitors first (their courses go with them), then the panels.
    await tx
      .delete(custodyVisitors)
      .where(
        or(
          inArray(custodyVisitors.panelId, panels),
          inArray(custodyVisitors.personId, [...demoPeople]),
        ),
      );
    await tx.delete(custodyPanels).where(inArray(custodyPanels.coordinatorId, [...demoPeople]));
  }
  await tx.delete(custodySuites).where(
    and(
      eq(custodySuites.area, DEMO_CUSTODY_AREA),
      inArray(
        custodySuites.name,
        DEMO_SUITES.map((s) => s.name),
      ),
    ),
  );
}

/** The demo panel's visitors besides the demo lay visitor's account, who hold no account. */
export const DEMO_VISITOR_PEOPLE = [
  'Amara Okafor',
  'Tom Reilly',
  'Grace Lindqvist',
  'Hassan Malik',
  'Niamh Doyle',
].map((fullName) => ({ fullName, jobTitle: 'Independent custody visitor' }));

const INDUCTION = 'Induction: the role, rights and entitlements, and the visit report';

/**
 * ICV-02: six visitors of the demo panel at every stage, so each of the visitor's pages shows
 * something: `people` are the demo lay visitor's entry, then `DEMO_VISITOR_PEOPLE`'s. Two can
 * be put on the rota, one on probation (paired with an experienced visitor), one suspended,
 * one whose vetting has expired, and one still an applicant.
 */
export async function loadCustodyVisitorsDemo(
  tx: Executor,
  panelId: string,
  people: readonly string[],
  today: IsoDate,
): Promise<void> {
  const ago = (months: number) => addCalendarMonths(today, -months);
  const appointed = (months: number, vettingLeft = 24) => ({
    declaredOn: ago(months + 3),
    interviewedOn: ago(months + 2),
    interviewPanel: 'Pip Panel (coordinator) and Val Visitor',
    interviewOutcome: 'suitable' as const,
    vettingResult: 'cleared' as const,
    vettedOn: ago(months + 1),
    vettingExpiresOn: addCalendarMonths(today, vettingLeft),
    appointedOn: ago(months),
    termEndsOn: termEnd(ago(months), 3),
  });
  const signedOff = (months: number) => ({
    probationSignedOffOn: ago(months - 6),
    probationSignedOffBy: 'Pip Panel',
  });
  const rows = [
    { ...appointed(26), ...signedOff(26) },
    {
      ...appointed(40),
      ...signedOff(40),
      renewedOn: ago(4),
      termEndsOn: termEnd(termEnd(ago(40), 3), 3),
    },
    appointed(2),
    {
      ...appointed(18),
      ...signedOff(18),
      suspendedFrom: addCalendarDays(today, -21),
      suspensionReason:
        'Three rostered visits missed without notice; under review by the scheme manager.',
    },
    { ...appointed(30, -1), ...signedOff(30) },
    {
      declaredOn: ago(1),
      interviewedOn: addCalendarDays(today, -7),
      interviewPanel: 'Pip Panel (coordinator) and Amara Okafor',
      interviewOutcome: 'suitable' as const,
    },
  ];
  const visitors = await tx
    .insert(custodyVisitors)
    .values(rows.map((row, i) => ({ ...row, panelId, personId: people[i]! })))
    .returning({ id: custodyVisitors.id, appointedOn: custodyVisitors.appointedOn });
  await tx.insert(custodyVisitorCourses).values(
    visitors.flatMap((v, i) =>
      v.appointedOn
        ? [
            { visitorId: v.id, name: INDUCTION, induction: true, completedOn: v.appointedOn },
            ...(i % 2 === 0
              ? [
                  {
                    visitorId: v.id,
                    name: 'Safeguarding children and vulnerable detainees',
                    induction: false,
                    completedOn: addCalendarDays(today, -60),
                  },
                ]
              : []),
          ]
        : [],
    ),
  );
  // ICV-02: and two applications through the public form, for the panel's area.
  const [panel] = await tx
    .select({ area: custodyPanels.area })
    .from(custodyPanels)
    .where(eq(custodyPanels.id, panelId));
  await loadCustodyApplicationsDemo(tx, panel!.area, today);
}
