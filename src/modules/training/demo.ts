/**
 * Training's part of the demonstration dataset (CDRP-11, IAG-34), from seeds 000 and 004: the
 * partnership courses (Working in Partnership, the Home Office introduction, project appraisal
 * with the University of the West of England) and the coordination unit's courses for police
 * staff in deployment and coordination roles; sessions in three boroughs with who attended; and
 * training needs, one met, one open, one overdue, and one of a role as a whole.
 */
import { inArray } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import type { Audience, NeedArea } from './rules.js';
import { trainingAttendance, trainingCourses, trainingNeeds, trainingSessions } from './schema.js';

/** Camden, Hackney and Islington (their ONS codes), where the demo's sessions are held. */
export const DEMO_TRAINING_BOROUGHS = ['E09000007', 'E09000012', 'E09000019'] as const;

/** Police staff the demo trains, beside the demo accounts' own people. */
export const DEMO_TRAINING_PEOPLE = [
  { fullName: 'PC Jamie Oduya', jobTitle: 'Safer Neighbourhoods officer, Camden' },
  { fullName: 'PS Ruth Kowalski', jobTitle: 'Partnership sergeant, Hackney' },
  { fullName: 'Lee Marsh', jobTitle: 'Deployment officer, IAG coordination unit' },
];

const COURSES: {
  key: string;
  title: string;
  audience: Audience;
  provider: string;
  description: string;
}[] = [
  {
    key: 'partnership',
    title: 'Working in Partnership',
    audience: 'partnership',
    provider: 'MPS Partnership Team',
    description:
      'Working in partnership, turning crime and disorder data into information, and problem solving with partners.',
  },
  {
    key: 'cdr',
    title: 'Introduction to Crime and Disorder Reduction',
    audience: 'partnership',
    provider: 'Home Office',
    description: 'For borough partnerships: the statutory duties and how partners work together.',
  },
  {
    key: 'appraisal',
    title: 'Project appraisal and evaluation',
    audience: 'partnership',
    provider: 'University of the West of England',
    description: 'Appraising and evaluating partnership projects.',
  },
  {
    key: 'deployment',
    title: 'Deploying independent advisors',
    audience: 'deployment',
    provider: 'IAG coordination unit',
    description:
      'Asking for and deploying independent advisors: briefing them, disclosure, and recording their advice.',
  },
  {
    key: 'coordination',
    title: 'Coordinating advisory groups',
    audience: 'coordination',
    provider: 'IAG coordination unit',
    description: 'Running the advisory group process: meetings, recruitment, vetting and expenses.',
  },
];

export interface TrainingDemoPeople {
  /** The coordination unit's account, which records the demo's courses. */
  coordinatorUser: string;
  coordinator: string;
  partnership: string;
  requester: string;
  ctset: string;
  /** DEMO_TRAINING_PEOPLE's entries, in order. */
  others: readonly string[];
}

export async function loadTrainingDemo(
  tx: Executor,
  people: TrainingDemoPeople,
  /** DEMO_TRAINING_BOROUGHS' ids by code. */
  boroughs: ReadonlyMap<string, string>,
  today: IsoDate,
): Promise<void> {
  const [camden, hackney, islington] = DEMO_TRAINING_BOROUGHS.map((code) => boroughs.get(code));
  if (!camden || !hackney || !islington) return;
  const [jamie, ruth, lee] = people.others;
  const rows = await tx
    .insert(trainingCourses)
    .values(COURSES.map(({ key: _key, ...c }) => ({ ...c, createdBy: people.coordinatorUser })))
    .returning({ id: trainingCourses.id, title: trainingCourses.title });
  const course = (key: string) =>
    rows.find((r) => r.title === COURSES.find((c) => c.key === key)!.title)!.id;
  const day = (n: number) => addCalendarDays(today, n);
  const sessions = await tx
    .insert(trainingSessions)
    .values([
      {
        courseId: course('partnership'),
        heldOn: day(-60),
        place: 'Camden Town Hall',
        boroughId: camden,
        capacity: 20,
      },
      {
        courseId: course('partnership'),
        heldOn: day(-20),
        place: 'Hackney Service Centre',
        boroughId: hackney,
        capacity: 15,
      },
      {
        courseId: course('cdr'),
        heldOn: day(-45),
        place: 'Islington Town Hall',
        boroughId: islington,
        capacity: 30,
      },
      {
        courseId: course('deployment'),
        heldOn: day(-30),
        place: 'New Scotland Yard',
        boroughId: camden,
        capacity: 12,
      },
      {
        courseId: course('coordination'),
        heldOn: day(21),
        place: 'New Scotland Yard',
        boroughId: camden,
        capacity: 12,
      },
    ])
    .returning({ id: trainingSessions.id });
  const [p1, p2, c1, d1] = sessions.map((s) => s.id);
  const attended = (
    sessionId: string | undefined,
    personId: string | undefined,
    status: 'attended' | 'absent' = 'attended',
  ) => (sessionId && personId ? [{ sessionId, personId, status }] : []);
  await tx
    .insert(trainingAttendance)
    .values([
      ...attended(p1, people.partnership),
      ...attended(p1, jamie),
      ...attended(p1, ruth, 'absent'),
      ...attended(p2, ruth),
      ...attended(c1, people.partnership),
      ...attended(c1, ruth),
      ...attended(d1, people.requester),
      ...attended(d1, lee),
      ...attended(d1, people.ctset, 'absent'),
    ]);
  const need = (
    area: NeedArea,
    personId: string | null,
    key: string,
    raised: number,
    due: number,
    notes: string | null = null,
  ) => ({
    area,
    personId,
    courseId: course(key),
    raisedOn: day(raised),
    dueBy: day(due),
    notes,
  });
  await tx.insert(trainingNeeds).values([
    // Met: Ruth attended Working in Partnership after the need was raised.
    need('partnership', ruth ?? null, 'partnership', -90, 30),
    // Met: Lee attended the deployment course.
    need('deployment', lee ?? null, 'deployment', -50, 10),
    // Overdue: the requester has not yet been on the coordination course.
    need('coordination', people.requester, 'coordination', -120, -5),
    // Open: the coordination unit's own officer, due after next month's session.
    need('coordination', people.coordinator, 'coordination', -10, 60),
    // A role as a whole: everyone in partnership work, on project appraisal (none yet held).
    need(
      'partnership',
      null,
      'appraisal',
      -30,
      150,
      'From the Safer Neighbourhoods training needs analysis.',
    ),
  ]);
}

/**
 * Removes the courses the demo's accounts recorded (their sessions and attendance go with them)
 * and every training record of the demo's people.
 */
export async function removeTrainingDemo(
  tx: Executor,
  demoUsers: readonly string[],
  demoPeople: readonly string[],
): Promise<void> {
  const courses = demoUsers.length
    ? (
        await tx
          .select({ id: trainingCourses.id })
          .from(trainingCourses)
          .where(inArray(trainingCourses.createdBy, [...demoUsers]))
      ).map((c) => c.id)
    : [];
  if (courses.length)
    await tx.delete(trainingNeeds).where(inArray(trainingNeeds.courseId, courses));
  if (demoPeople.length) {
    await tx.delete(trainingNeeds).where(inArray(trainingNeeds.personId, [...demoPeople]));
    await tx
      .delete(trainingAttendance)
      .where(inArray(trainingAttendance.personId, [...demoPeople]));
  }
  if (courses.length) await tx.delete(trainingCourses).where(inArray(trainingCourses.id, courses));
  // What the demo's accounts recorded of others' training stays, no longer naming them.
  if (demoUsers.length) {
    await tx
      .update(trainingAttendance)
      .set({ recordedBy: null })
      .where(inArray(trainingAttendance.recordedBy, [...demoUsers]));
    await tx
      .update(trainingNeeds)
      .set({ raisedBy: null })
      .where(inArray(trainingNeeds.raisedBy, [...demoUsers]));
  }
}
