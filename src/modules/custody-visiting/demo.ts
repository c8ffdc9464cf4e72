/**
 * Custody visiting's part of the demonstration dataset (src/demo/demo-data.ts runs the parts in
 * order): the Camden panel, coordinated by the demo panel coordinator, and its two suites, so a
 * new user of the scheme sees filled pages. Writes only this module's tables.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { addCalendarDays, addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import {
  drawRota,
  nextQuarter,
  quarterOf,
  quarterTarget,
  quarterWeeks,
  seededRandom,
} from './rota-rules.js';
import { onProbation, rotaEligibility, termEnd } from './visitor-rules.js';
import {
  custodyPanels,
  custodyRotaRounds,
  custodySuites,
  custodyVisitorCourses,
  custodyVisitors,
  custodyVisits,
} from './schema.js';
import { loadCustodyReportsDemo, removeCustodyReportsDemo } from './reports/demo.js';
import { loadCustodyApplicationsDemo, removeCustodyApplicationsDemo } from './applications/demo.js';
import { loadCommunityDemo } from './community/demo.js';
import { loadSurgeDemo, removeSurgeDemo } from './surges/demo.js';

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
    // Their visit reports, then their visitors (their courses go with them), then the panels.
    await removeCustodyReportsDemo(
      tx,
      (await panels).map((p) => p.id),
    );
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
  const demoSuites = and(
    eq(custodySuites.area, DEMO_CUSTODY_AREA),
    inArray(
      custodySuites.name,
      DEMO_SUITES.map((s) => s.name),
    ),
  );
  await removeSurgeDemo(
    tx,
    (await tx.select({ id: custodySuites.id }).from(custodySuites).where(demoSuites)).map(
      (s) => s.id,
    ),
  );
  await tx.delete(custodySuites).where(demoSuites);
}

/** The demo panel's visitors besides the demo lay visitor's account, who hold no account. */
export const DEMO_VISITOR_PEOPLE = [
  'Amara Okafor',
  'Tom Reilly',
  'Grace Lindqvist',
  'Hassan Malik',
  'Niamh Doyle',
  'Dev Patel',
].map((fullName) => ({ fullName, jobTitle: 'Independent custody visitor' }));

const INDUCTION = 'Induction: the role, rights and entitlements, and the visit report';

/**
 * ICV-02: seven visitors of the demo panel at every stage, so each of the visitor's pages shows
 * something: `people` are the demo lay visitor's entry, then `DEMO_VISITOR_PEOPLE`'s. Two can
 * be put on the rota, one on probation (paired with an experienced visitor), one suspended,
 * one whose vetting has expired, one still an applicant, and one who has left.
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
    // ICV-10: one who left last month (recruitment counts leavers).
    {
      ...appointed(34),
      ...signedOff(34),
      leftOn: addCalendarDays(today, -30),
      leavingReason: 'resigned' as const,
    },
  ];
  const visitors = await tx
    .insert(custodyVisitors)
    .values(rows.map((row, i) => ({ ...row, panelId, personId: people[i]! })))
    .returning({ id: custodyVisitors.id, appointedOn: custodyVisitors.appointedOn });
  // ICV-07: a report sent last week and a draft, the demo lay visitor on each.
  const suites = await tx
    .select({ id: custodySuites.id })
    .from(custodySuites)
    .where(
      and(
        eq(custodySuites.area, DEMO_CUSTODY_AREA),
        inArray(
          custodySuites.name,
          DEMO_SUITES.map((s) => s.name),
        ),
      ),
    )
    .orderBy(custodySuites.name);
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
  await loadCustodyReportsDemo(
    tx,
    {
      panelId,
      suiteIds: suites.map((s) => s.id),
      visitorIds: [visitors[0]!.id, visitors[1]!.id, visitors[2]!.id],
    },
    today,
  );
  // ICV-02: and two applications through the public form, for the panel's area.
  const [panel] = await tx
    .select({ area: custodyPanels.area })
    .from(custodyPanels)
    .where(eq(custodyPanels.id, panelId));
  await loadCustodyApplicationsDemo(tx, panel!.area, today);
  // ICV-10, LEG-05: how the panel told its community this past year, and a past surge.
  await loadCommunityDemo(tx, panelId, today);
  await loadSurgeDemo(tx, suites[0]!.id, today);
}

/** The days and times the demo's made visits were fixed for: spread, as a panel aims to. */
const DEMO_SLOTS = [
  { day: 1, minutes: 10 * 60 },
  { day: 3, minutes: 19 * 60 + 30 },
  { day: 5, minutes: 14 * 60 },
  { day: 6, minutes: 20 * 60 },
  { day: 2, minutes: 11 * 60 + 15 },
  { day: 4, minutes: 18 * 60 + 45 },
];

/**
 * ICV-03: the demo panel's rota for the current quarter, drawn (always the same way) from its
 * visitors who can be put on the rota; the visits of the weeks gone are made, on days and at
 * times across the week; the next quarter's availability has been asked for. With three
 * visitors able to visit, one pair a week, the suites' gaps show.
 */
export async function loadCustodyRotaDemo(
  tx: Executor,
  panelId: string,
  today: IsoDate,
): Promise<void> {
  const quarter = quarterOf(today);
  const [visitors, courses, suites] = await Promise.all([
    tx.select().from(custodyVisitors).where(eq(custodyVisitors.panelId, panelId)),
    tx
      .select()
      .from(custodyVisitorCourses)
      .innerJoin(custodyVisitors, eq(custodyVisitors.id, custodyVisitorCourses.visitorId))
      .where(eq(custodyVisitors.panelId, panelId)),
    tx
      .select()
      .from(custodySuites)
      .where(sql`lower(${custodySuites.area}) = lower(${DEMO_CUSTODY_AREA})`)
      .orderBy(custodySuites.name),
  ]);
  const rotaVisitors = visitors
    .map((v) => ({
      v,
      record: {
        ...v,
        courses: courses
          .filter((c) => c.custody_visitor_courses.visitorId === v.id)
          .map((c) => c.custody_visitor_courses),
      },
    }))
    .filter(({ record }) => rotaEligibility(record, quarter > today ? quarter : today) === null)
    .sort((a, b) => a.v.personId.localeCompare(b.v.personId))
    .map(({ v, record }) => ({
      id: v.id,
      experienced: !onProbation(record),
      unavailableWeeks: [],
    }));
  // The year before is drawn the same way and its visits made, one in nine missed: the
  // statistics have a year to show (ICV-10).
  const quarters = [4, 3, 2, 1].map((n) => addCalendarMonths(quarter, -3 * n));
  await tx
    .insert(custodyRotaRounds)
    .values([
      ...quarters.map((q) => ({ panelId, quarterStart: q, drawnAt: new Date(`${q}T09:00:00Z`) })),
      { panelId, quarterStart: quarter, drawnAt: new Date(`${quarter}T09:00:00Z`) },
      { panelId, quarterStart: nextQuarter(quarter) },
    ]);
  for (const [n, q] of [...quarters, quarter].entries()) {
    const weeks = quarterWeeks(q);
    const { visits } = drawRota({
      visitors: rotaVisitors,
      suites: suites.map((s) => ({
        id: s.id,
        target: quarterTarget(s.targetVisitsPerWeek, weeks.length),
      })),
      weeks,
      earlierPairs: [],
      random: seededRandom(2022 + n), // this quarter's: 2026, as it always was
    });
    if (!visits.length) continue;
    await tx.insert(custodyVisits).values(
      visits.map((v, i) => {
        const slot = DEMO_SLOTS[i % DEMO_SLOTS.length]!;
        const on = addCalendarDays(v.week, slot.day);
        const status = on >= today ? 'planned' : q < quarter && i % 9 === 8 ? 'missed' : 'made';
        const made = status === 'made';
        return {
          panelId,
          suiteId: v.suiteId,
          quarterStart: q,
          weekStarting: v.week,
          firstVisitorId: v.visitorIds[0],
          secondVisitorId: v.visitorIds[1],
          status: status as 'planned' | 'missed' | 'made',
          visitOn: made ? on : null,
          visitMinutes: made ? slot.minutes : null,
        };
      }),
    );
  }
}
