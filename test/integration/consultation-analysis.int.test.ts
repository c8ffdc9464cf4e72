/**
 * Issue 25 item 5: the analysis of a consultation's responses through its pages: the figures
 * (counts, percentages, a rating's mean) of ~300 responses, a breakdown with small counts
 * suppressed (DP-01), the code frame with tags and quotes, the CSV of responses, the PDF, and
 * open data as the public reads it; with the refusals of those who may not.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import {
  consultationAnswerThemes,
  consultationThemes,
} from '../../src/modules/consultation/analysis/schema.js';
import {
  answers,
  consultations,
  questionnaireVersions,
  questionOptions,
  questions,
  responses,
} from '../../src/modules/consultation/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import {
  makeConsultation,
  makeResponse,
  type FactoryAnswer,
  type FactoryConsultation,
} from '../factories/consultation.js';
import { makeBorough } from '../factories/directory.js';
import { mainOf, rowRecords, tableOf, textOf, type Table } from '../html.js';
import { pagesText, pdfPages } from '../pdf-text.js';

let t: TestApp;
let officer: Agent;
let member: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
  member = await signInNewAccount(t, 'authority_member');
});
after(() => t.close());

/** The row whose first cell is exactly `first`. */
function rowOf(table: Table, first: string): Record<string, string> {
  const rows = rowRecords(table).filter((r) => r[table.headers[0]!] === first);
  assert.equal(rows.length, 1, `one row "${first}" in ${JSON.stringify(table.rows)}`);
  return rows[0]!;
}

const text = (html: string) => textOf(mainOf(html));
const analysisOf = (c: FactoryConsultation) => `/consultation/consultations/${c.id}/analysis`;

const QUESTIONS = [
  {
    kind: 'single' as const,
    text: 'Should neighbourhood policing be a priority?',
    options: ['Yes', 'No', 'Not sure'],
  },
  {
    kind: 'multiple' as const,
    text: 'What would help?',
    options: ['Lighting', 'Patrols', 'Youth work'],
  },
  { kind: 'rating' as const, text: 'How safe do you feel?', ratingScale: 5 },
  { kind: 'text' as const, text: 'What else should the police do?' },
];

async function consultationWith300() {
  const c = await makeConsultation(t, { questions: QUESTIONS });
  const big = await makeBorough(t);
  const small = await makeBorough(t);
  for (let i = 0; i < 300; i++) {
    const chosen = [...(i % 2 === 0 ? ['Lighting'] : []), ...(i % 3 === 0 ? ['Patrols'] : [])];
    const given: Record<number, FactoryAnswer> = {
      0: i < 180 ? 'Yes' : i < 270 ? 'No' : 'Not sure',
      2: (i % 5) + 1,
    };
    if (chosen.length) given[1] = chosen;
    if (i < 12) given[3] = i % 2 ? 'Better street lighting' : 'More patrols at night';
    await makeResponse(t, c, given, {
      boroughId: i < 295 ? big.id : small.id,
      monitoring: { sex: i % 2 === 0 ? 'female' : 'male' },
    });
  }
  // Neither a response not submitted nor one set aside is counted.
  await makeResponse(t, c, { 0: 'No' }, { submitted: false });
  const setAside = await makeResponse(t, c, { 0: 'No' });
  await t.services.db
    .update(responses)
    .set({ setAsideAt: new Date(), setAsideReason: 'A burst' })
    .where(eq(responses.id, setAside.id));
  return { c, big, small };
}

/** The consultation closed (early), as its close-early page would. */
async function closeEarly(c: FactoryConsultation) {
  await t.services.db
    .update(consultations)
    .set({ closedEarlyAt: new Date(), closedEarlyReason: 'Enough heard' })
    .where(eq(consultations.id, c.id));
}

const openDataEvents = async (c: FactoryConsultation) =>
  t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordId, c.id),
        eq(auditEvents.action, 'consultation-open-data.published'),
      ),
    );

let shared: Awaited<ReturnType<typeof consultationWith300>> | undefined;
const sharedConsultation = async () => (shared ??= await consultationWith300());

test('the analysis of 300 responses: counts, percentages of those who answered, and a mean', async () => {
  const { c } = await sharedConsultation();
  const page = await member.get(analysisOf(c));
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body), /Responses counted: 300/);
  const single = tableOf(page.body, /Should neighbourhood policing/);
  assert.deepEqual(rowOf(single, 'Yes'), { Answer: 'Yes', Count: '180', Percentage: '60%' });
  assert.deepEqual(rowOf(single, 'No'), { Answer: 'No', Count: '90', Percentage: '30%' });
  assert.deepEqual(rowOf(single, 'Not sure'), {
    Answer: 'Not sure',
    Count: '30',
    Percentage: '10%',
  });
  // 200 chose at least one: 150 lighting, 100 patrols.
  const multiple = tableOf(page.body, /What would help/);
  assert.equal(rowOf(multiple, 'Lighting').Count, '150');
  assert.equal(rowOf(multiple, 'Lighting').Percentage, '75%');
  assert.equal(rowOf(multiple, 'Patrols').Percentage, '50%');
  assert.equal(rowOf(multiple, 'Youth work').Count, '0');
  assert.match(text(page.body), /What would help\? Answered by 200/);
  const rating = tableOf(page.body, /How safe/);
  assert.equal(rowOf(rating, '1').Count, '60');
  assert.equal(rowOf(rating, '5').Percentage, '20%');
  assert.match(text(page.body), /Mean rating: 3/);
  assert.match(text(page.body), /What else should the police do\? Answered by 12/);
  // The chart is decorative: the table is its equivalent.
  assert.match(page.body, /<svg class="app-chart"[^>]*aria-hidden="true"/);
});

test('DP-01: a breakdown by borough or sex shows counts below 10 as "fewer than 10"', async () => {
  const { c, big, small } = await sharedConsultation();
  const page = await member.get(`${analysisOf(c)}?by=borough`);
  const table = tableOf(page.body, /Should neighbourhood policing.*by borough/);
  assert.deepEqual(rowOf(table, big.name), {
    Group: big.name,
    Respondents: '295',
    Yes: '180',
    No: '90',
    'Not sure': '25',
  });
  assert.deepEqual(rowOf(table, small.name), {
    Group: small.name,
    Respondents: 'fewer than 10',
    Yes: 'fewer than 10',
    No: 'fewer than 10',
    'Not sure': 'fewer than 10',
  });
  // The PDF of the page with its breakdown suppresses the same counts.
  assert.match(page.body, /report\.pdf\?by=borough/);
  const pdf = await member.get(`${analysisOf(c)}/report.pdf?by=borough`);
  const words = pagesText(await pdfPages(pdf.rawPayload));
  assert.match(words, new RegExp(`${big.name}\\n295\\n180\\n90\\n25`));
  assert.match(
    words,
    new RegExp(`${small.name}\\nfewer than 10\\nfewer than 10\\nfewer than 10\\nfewer than 10`),
  );
  const bySex = await member.get(`${analysisOf(c)}?by=sex`);
  const sexes = tableOf(bySex.body, /Should neighbourhood policing.*by sex/);
  assert.equal(rowOf(sexes, 'Female').Respondents, '150');
  assert.equal(rowOf(sexes, 'Not given').Respondents, 'fewer than 10');
});

test('DP-01: no small count can be worked out by subtraction, on the page, in the PDF or in the open data', async () => {
  const c = await makeConsultation(t, {
    questions: [{ kind: 'single', text: 'Do you feel safe at night?', options: ['Yes', 'No'] }],
  });
  const [a, b, small] = [await makeBorough(t), await makeBorough(t), await makeBorough(t)];
  const given = [
    ...Array.from({ length: 30 }, () => ['Yes', a.id] as const),
    ...Array.from({ length: 20 }, () => ['Yes', b.id] as const),
    ...Array.from({ length: 7 }, () => ['No', small.id] as const),
    ...Array.from({ length: 12 }, () => ['Yes', undefined] as const),
  ];
  for (const [answer, boroughId] of given)
    await makeResponse(t, c, { 0: answer }, boroughId ? { boroughId } : {});
  // 69 counted, 30 + 20 + 12 shown would give the 7 away: the 12 is not shown either.
  const page = await member.get(`${analysisOf(c)}?by=borough`);
  assert.match(text(page.body), /Responses counted: 69/);
  const table = tableOf(page.body, /Do you feel safe at night\?, by borough/);
  const respondents = (name: string) => rowOf(table, name).Respondents;
  assert.deepEqual([a.name, b.name, small.name, 'Not given'].map(respondents), [
    '30',
    '20',
    'fewer than 10',
    'not shown',
  ]);
  assert.deepEqual(rowOf(table, 'Not given'), {
    Group: 'Not given',
    Respondents: 'not shown',
    Yes: '12',
    No: 'fewer than 10',
  });
  assert.equal(rowOf(table, small.name).No, 'fewer than 10');
  assert.match(text(page.body), /a larger count is "not shown" where it would let a smaller one/);
  const pdf = await member.get(`${analysisOf(c)}/report.pdf?by=borough`);
  const words = pagesText(await pdfPages(pdf.rawPayload));
  assert.match(words, /Not given\nnot shown\n12\nfewer than 10/);
  assert.match(words, new RegExp(`${small.name}\\nfewer than 10\\nfewer than 10\\nfewer than 10`));

  await closeEarly(c);
  assert.equal(
    (await officer.post(`${analysisOf(c)}/open-data`, { questions: c.questions[0]!.id }))
      .statusCode,
    303,
  );
  const csv = (await new Agent(t.app).get(`/consultations/${c.id}/open-data.csv`)).body;
  assert.match(csv, /Do you feel safe at night\?,Yes,everyone,,62,90/);
  assert.match(csv, /Do you feel safe at night\?,No,everyone,,7,10/);
  assert.match(csv, new RegExp(`No,borough,${small.name},fewer than 10,`));
  assert.match(csv, /Yes,borough,Not given,12,/);
  // Everyone's 62 "Yes" less 30, 20 and 12 leaves none for the small borough: no one is picked
  // out by it; its 7 "No" are among four cells of fewer than 10 and cannot be told apart.
  assert.match(csv, new RegExp(`Yes,borough,${small.name},fewer than 10,`));
});

test('the responses as CSV: one row per counted response, options joined, no monitoring answers', async () => {
  const { c, big } = await sharedConsultation();
  assert.equal((await member.get(`${analysisOf(c)}/responses.csv`)).statusCode, 403);
  const csv = await officer.get(`${analysisOf(c)}/responses.csv`);
  assert.equal(csv.statusCode, 200);
  const lines = csv.body.trim().split('\n');
  assert.equal(lines.length, 301);
  assert.equal(
    lines[0],
    'Reference,Submitted,Borough,Should neighbourhood policing be a priority?,What would help?,How safe do you feel?,What else should the police do?',
  );
  const first = await t.services.db
    .select({ id: responses.id })
    .from(responses)
    .where(eq(responses.consultationId, c.id));
  assert.ok(
    lines.some((l) => l.includes(`${big.name},Yes,Lighting; Patrols,1,More patrols at night`)),
  );
  assert.ok(lines.slice(1).every((l) => first.some((r) => l.startsWith(r.id))));
  assert.doesNotMatch(csv.body, /female/);
});

test('a code frame: themes added, renamed and removed, a page of answers tagged, a quote picked; counts on the page and in the PDF', async () => {
  const c = await makeConsultation(t);
  for (const [i, words] of [
    'More patrols at night',
    'Better street lighting',
    'Patrol the park',
  ].entries())
    await makeResponse(t, c, { 0: i ? 'Yes' : 'No', 1: words });
  const coding = `${analysisOf(c)}/questions/${c.questions[1]!.id}`;
  assert.equal((await member.get(coding)).statusCode, 403);
  let page = await officer.get(coding);
  assert.match(text(page.body), /Answers \(3\)/);

  assert.equal((await officer.post(`${coding}/themes`, { name: 'Patrols' })).statusCode, 303);
  assert.equal((await officer.post(`${coding}/themes`, { name: 'Lighting ' })).statusCode, 303);
  const taken = await officer.post(`${coding}/themes`, { name: 'patrols' });
  assert.equal(taken.statusCode, 400);
  assert.match(text(taken.body), /There is a problem.*already has a theme called patrols/);
  const themes = await t.services.db
    .select()
    .from(consultationThemes)
    .where(eq(consultationThemes.questionId, c.questions[1]!.id));
  assert.deepEqual(themes.map((x) => x.name).sort(), ['Lighting', 'Patrols']);
  const patrols = themes.find((x) => x.name === 'Patrols')!;
  const lighting = themes.find((x) => x.name === 'Lighting')!;

  page = await officer.get(coding);
  const ids = [...page.body.matchAll(/name="answers" value="([^"]+)"/g)].map((m) => m[1]!);
  assert.equal(ids.length, 3);
  const tagged = await officer.post(coding, {
    answers: ids,
    tags: [`${ids[0]}:${patrols.id}`, `${ids[2]}:${patrols.id}`, `${ids[1]}:${lighting.id}`],
    quotes: [ids[2]!],
  });
  assert.equal(tagged.statusCode, 303);
  // A tag for an answer not on the page is refused, and nothing changes.
  const bad = await officer.post(coding, { answers: [ids[0]!], tags: [`${ids[1]}:${patrols.id}`] });
  assert.equal(bad.statusCode, 400);

  const renamed = await officer.post(`${analysisOf(c)}/themes/${patrols.id}`, {
    name: 'Patrols and visibility',
  });
  assert.equal(renamed.statusCode, 303);
  const analysis = await member.get(analysisOf(c));
  const counts = tableOf(analysis.body, /Themes in the answers/);
  assert.equal(rowOf(counts, 'Patrols and visibility').Count, '2');
  assert.equal(rowOf(counts, 'Lighting').Count, '1');
  assert.match(text(analysis.body), /Patrol the park/);

  const pdf = await member.get(`${analysisOf(c)}/report.pdf`);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const words = pagesText(await pdfPages(pdf.rawPayload));
  assert.match(words, /Responses counted: 3/);
  assert.match(words, /Yes\n2\n67%/);
  assert.match(words, /Patrols and visibility\n2/);
  assert.match(words, /“Patrol the park”/);

  assert.equal(
    (await officer.post(`${analysisOf(c)}/themes/${lighting.id}/remove`, {})).statusCode,
    303,
  );
  assert.equal(
    (
      await t.services.db
        .select()
        .from(consultationAnswerThemes)
        .where(inArray(consultationAnswerThemes.answerId, ids))
    ).length,
    2,
  );
  const audits = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(inArray(auditEvents.recordId, [patrols.id, lighting.id, c.questions[1]!.id]));
  assert.deepEqual(audits.map((a) => a.action).sort(), [
    'consultation-answers.tagged',
    'consultation-theme.added',
    'consultation-theme.added',
    'consultation-theme.removed',
    'consultation-theme.renamed',
  ]);
});

test('open data: staff publish a question; the public reads its counts, breakdowns suppressed below 10', async () => {
  const { c, small } = await sharedConsultation();
  const public_ = new Agent(t.app);
  assert.equal((await public_.get(`/consultations/${c.id}/open-data`)).statusCode, 404);
  assert.equal(
    (await member.post(`${analysisOf(c)}/open-data`, { questions: c.questions[0]!.id })).statusCode,
    403,
  );
  // Not before it has closed: the form is not offered, and a post is refused, changing nothing.
  const early = await officer.get(`${analysisOf(c)}/open-data`);
  assert.match(
    text(early.body),
    /Open data can be published once the consultation has closed\. It closes on 31 December 2099\./,
  );
  assert.doesNotMatch(text(early.body), /Save what is published/);
  const tooSoon = await officer.post(`${analysisOf(c)}/open-data`, {
    questions: c.questions[0]!.id,
  });
  assert.equal(tooSoon.statusCode, 400);
  assert.match(
    text(tooSoon.body),
    /There is a problem The consultation has not closed: its figures can be published as open data once it has/,
  );
  // The summary's link lands on the explanation, as there is no form to fill.
  assert.match(tooSoon.body, /href="#questions"/);
  assert.match(tooSoon.body, /<div id="questions">/);
  assert.doesNotMatch(text(tooSoon.body), /Save what is published/);
  assert.equal((await public_.get(`/consultations/${c.id}/open-data`)).statusCode, 404);
  assert.deepEqual(await openDataEvents(c), []);
  assert.doesNotMatch(text((await officer.get(`${analysisOf(c)}/open-data`)).body), /Last changed/);
  await closeEarly(c);
  const refused = await officer.post(`${analysisOf(c)}/open-data`, {
    questions: c.questions[3]!.id,
  });
  assert.equal(refused.statusCode, 400);
  const saved = await officer.post(`${analysisOf(c)}/open-data`, {
    questions: c.questions[0]!.id,
    quotes: 'yes',
  });
  assert.equal(saved.statusCode, 303);
  const staff = await officer.get(`${analysisOf(c)}/open-data`);
  assert.match(text(staff.body), /Last changed .+ by .+\./);
  assert.match(staff.body, new RegExp(`value="${c.questions[0]!.id}" checked`));
  const page = await public_.get(`/consultations/${c.id}/open-data`);
  assert.equal(page.statusCode, 200);
  assert.equal(rowOf(tableOf(page.body, /Should neighbourhood/), 'Yes').Count, '180');
  assert.doesNotMatch(text(page.body), /What would help/);
  const csv = (await public_.get(`/consultations/${c.id}/open-data.csv`)).body;
  assert.match(csv, /^Question,Answer,Breakdown,Group,Count,Percentage/);
  assert.match(csv, /Should neighbourhood policing be a priority\?,Yes,everyone,,180,60/);
  assert.match(csv, new RegExp(`Yes,borough,${small.name},fewer than 10,`));
  assert.match(csv, /Yes,sex,Female,90,/);
  assert.doesNotMatch(csv, /What would help|More patrols/);
});

test("an earlier version's answers count for the newest question with the same position, kind and text", async () => {
  const c = await makeConsultation(t);
  await makeResponse(t, c, { 0: 'Yes' });
  await makeResponse(t, c, { 0: 'No' });
  // Version 2 asks the same first question, with a new option, and rewords the second.
  const [v2] = await t.services.db
    .insert(questionnaireVersions)
    .values({ consultationId: c.id, number: 2 })
    .returning();
  const [q1, q2] = await t.services.db
    .insert(questions)
    .values([
      { versionId: v2!.id, position: 1, kind: 'single', text: c.questions[0]!.text },
      { versionId: v2!.id, position: 2, kind: 'text', text: 'Anything else?' },
    ])
    .returning();
  const opts = await t.services.db
    .insert(questionOptions)
    .values(
      ['Yes', 'No', 'Not sure', 'Only at night'].map((label, i) => ({
        questionId: q1!.id,
        position: i + 1,
        label,
      })),
    )
    .returning();
  const [r] = await t.services.db
    .insert(responses)
    .values({ consultationId: c.id, versionId: v2!.id, submittedAt: new Date() })
    .returning();
  await t.services.db.insert(answers).values([
    { responseId: r!.id, questionId: q1!.id, optionId: opts.find((o) => o.label === 'Yes')!.id },
    { responseId: r!.id, questionId: q2!.id, textValue: 'Nothing' },
  ]);
  const page = await member.get(analysisOf(c));
  const single = tableOf(page.body, /Should neighbourhood/);
  assert.equal(rowOf(single, 'Yes').Count, '2');
  assert.equal(rowOf(single, 'No').Count, '1');
  assert.equal(rowOf(single, 'Only at night').Count, '0');
  assert.match(text(page.body), /Anything else\? Answered by 1/);
  assert.ok(
    (
      await t.services.db
        .select()
        .from(answers)
        .where(and(eq(answers.responseId, r!.id)))
    ).length === 2,
  );
});

test('an unknown consultation or question is not found, never a 500', async () => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  assert.equal(
    (await member.get(`/consultation/consultations/${unknown}/analysis`)).statusCode,
    404,
  );
  assert.equal(
    (await member.get('/consultation/consultations/nonsense/analysis?by=x')).statusCode,
    404,
  );
  const c = await makeConsultation(t);
  assert.equal(
    (await officer.get(`${analysisOf(c)}/questions/${c.questions[0]!.id}`)).statusCode,
    404,
  );
});
