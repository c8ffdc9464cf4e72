/**
 * The demo's consultations answered by the public: the policing priorities for next year, open
 * now, with a question asked only of those who were victims of crime, eight responses sent, one
 * in progress and a burst of twelve from one address yesterday morning; and a consultation on stop
 * and search that closed last month. Launched by the demo authority officer, whose account
 * names them for removal.
 */
import { inArray } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { addCalendarDays, londonInstant, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { QuestionKind } from '../rules.js';
import {
  answers,
  consultations,
  questionnaireVersions,
  questionOptions,
  questions,
  responseMonitoring,
  responses,
} from '../schema.js';

interface DemoQuestion {
  kind: QuestionKind;
  text: string;
  options?: string[];
  required?: boolean;
  shownIf?: [number, string];
}

const PRIORITIES: DemoQuestion[] = [
  {
    kind: 'single',
    text: 'Have you been a victim of crime in the last year?',
    options: ['Yes', 'No'],
    required: true,
  },
  {
    kind: 'multiple',
    text: 'What kind of crime was it?',
    options: ['Burglary', 'Theft', 'Assault', 'Fraud', 'Something else'],
    shownIf: [0, 'Yes'],
  },
  { kind: 'rating', text: 'How safe do you feel in your neighbourhood after dark?' },
  {
    kind: 'multiple',
    text: 'Which should be the police’s priorities next year?',
    options: [
      'Knife crime',
      'Burglary',
      'Anti-social behaviour',
      'Violence against women and girls',
      'Road safety',
    ],
    required: true,
  },
  { kind: 'text', text: 'What else should the police do in your area?' },
];

/** A made-up address hash: the demo keeps no address. */
const demoHash = (n: number) => createHash('sha256').update(`demo-address-${n}`).digest('hex');

async function makeConsultation(
  tx: Executor,
  officerId: string,
  values: { title: string; purpose: string; opensOn: IsoDate; closesOn: IsoDate },
  spec: DemoQuestion[],
) {
  const [consultation] = await tx
    .insert(consultations)
    .values({
      ...values,
      audience: 'public',
      launchedAt: londonInstant(addCalendarDays(values.opensOn, -1), 9 * 60),
      createdBy: officerId,
    })
    .returning({ id: consultations.id });
  const [version] = await tx
    .insert(questionnaireVersions)
    .values({ consultationId: consultation!.id, number: 1, createdBy: officerId })
    .returning({ id: questionnaireVersions.id });
  const made: { id: string; options: Map<string, string> }[] = [];
  for (const [i, q] of spec.entries()) {
    const [question] = await tx
      .insert(questions)
      .values({
        versionId: version!.id,
        position: i + 1,
        kind: q.kind,
        text: q.text,
        required: q.required ?? false,
        ratingScale: q.kind === 'rating' ? 5 : null,
        shownIfOptionId: q.shownIf ? made[q.shownIf[0]]!.options.get(q.shownIf[1])! : null,
      })
      .returning({ id: questions.id });
    const options = (q.options ?? []).length
      ? await tx
          .insert(questionOptions)
          .values(
            (q.options ?? []).map((label, p) => ({
              questionId: question!.id,
              position: p + 1,
              label,
            })),
          )
          .returning({ id: questionOptions.id, label: questionOptions.label })
      : [];
    made.push({ id: question!.id, options: new Map(options.map((o) => [o.label, o.id])) });
  }
  return { id: consultation!.id, versionId: version!.id, questions: made };
}

type Made = Awaited<ReturnType<typeof makeConsultation>>;
type Given = Record<number, string | string[] | number>;

async function respond(
  tx: Executor,
  c: Made,
  given: Given,
  at: Date,
  extra: {
    hash?: string;
    submitted?: boolean;
    monitoring?: Omit<typeof responseMonitoring.$inferInsert, 'responseId'>;
  } = {},
) {
  const [response] = await tx
    .insert(responses)
    .values({
      consultationId: c.id,
      versionId: c.versionId,
      addressHash: extra.hash ?? null,
      startedAt: at,
      submittedAt: extra.submitted === false ? null : new Date(at.getTime() + 6 * 60_000),
    })
    .returning({ id: responses.id });
  const rows: (typeof answers.$inferInsert)[] = [];
  for (const [index, value] of Object.entries(given)) {
    const q = c.questions[Number(index)]!;
    if (typeof value === 'number')
      rows.push({ responseId: response!.id, questionId: q.id, rating: value });
    else if (q.options.size === 0)
      rows.push({ responseId: response!.id, questionId: q.id, textValue: String(value) });
    else
      for (const label of [value].flat())
        rows.push({ responseId: response!.id, questionId: q.id, optionId: q.options.get(label)! });
  }
  if (rows.length) await tx.insert(answers).values(rows);
  if (extra.monitoring)
    await tx.insert(responseMonitoring).values({ ...extra.monitoring, responseId: response!.id });
}

export async function loadRespondingDemo(tx: Executor, officerId: string, today: IsoDate) {
  const priorities = await makeConsultation(
    tx,
    officerId,
    {
      title: 'Crime and safety where you live',
      purpose:
        'The police authority sets the priorities of the policing plan each year. Tell us what matters most where you live.\n\nWe will publish what we heard, and what we did about it, when the consultation has closed.',
      opensOn: addCalendarDays(today, -20),
      closesOn: addCalendarDays(today, 25),
    },
    PRIORITIES,
  );
  const day = (n: number, minutes: number) => londonInstant(addCalendarDays(today, n), minutes);
  const sent: [Given, number][] = [
    [
      {
        0: 'Yes',
        1: ['Burglary'],
        2: 2,
        3: ['Burglary', 'Knife crime'],
        4: 'Faster answers to 101.',
      },
      -18,
    ],
    [{ 0: 'No', 2: 4, 3: ['Road safety'] }, -15],
    [{ 0: 'No', 2: 3, 3: ['Anti-social behaviour', 'Knife crime'] }, -12],
    [{ 0: 'Yes', 1: ['Fraud'], 2: 3, 3: ['Violence against women and girls'] }, -10],
    [
      { 0: 'No', 2: 5, 3: ['Road safety', 'Anti-social behaviour'], 4: 'More officers on foot.' },
      -7,
    ],
    [{ 0: 'Yes', 1: ['Theft', 'Assault'], 2: 1, 3: ['Knife crime'] }, -5],
    [{ 0: 'No', 2: 4, 3: ['Burglary'] }, -3],
    [{ 0: 'No', 2: 2, 3: ['Violence against women and girls', 'Knife crime'] }, -1],
  ];
  for (const [i, [given, n]] of sent.entries())
    await respond(tx, priorities, given, day(n, 10 * 60 + i * 37), {
      hash: demoHash(i),
      monitoring: { ageBand: i % 2 ? '35-44' : '55-64', ethnicGroup: i % 3 ? 'white' : 'black' },
    });
  await respond(tx, priorities, { 0: 'No' }, day(-1, 8 * 60), {
    hash: demoHash(50),
    submitted: false,
  });
  // A burst: twelve identical responses from one address in nine minutes yesterday morning.
  for (let i = 0; i < 12; i++)
    await respond(
      tx,
      priorities,
      { 0: 'No', 3: ['Road safety'] },
      day(-1, 7 * 60 + 2 + Math.floor((i * 3) / 4)),
      {
        hash: demoHash(99),
      },
    );

  const stopAndSearch = await makeConsultation(
    tx,
    officerId,
    {
      title: 'Stop and search in your borough',
      purpose: 'How stop and search is used, and how it should be explained to the people stopped.',
      opensOn: addCalendarDays(today, -80),
      closesOn: addCalendarDays(today, -35),
    },
    [
      { kind: 'rating', text: 'How confident are you that stop and search is used fairly?' },
      { kind: 'text', text: 'What would make stop and search fairer?' },
    ],
  );
  for (let i = 0; i < 3; i++)
    await respond(
      tx,
      stopAndSearch,
      { 0: 2 + i, 1: 'Explain the reason every time.' },
      day(-60 + i, 12 * 60),
    );
}

/** The demo officer's consultations go with their answers before the account does. */
export async function removeRespondingDemo(tx: Executor, demoUserIds: readonly string[]) {
  if (!demoUserIds.length) return;
  await tx.delete(consultations).where(inArray(consultations.createdBy, [...demoUserIds]));
}
