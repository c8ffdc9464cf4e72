/**
 * Issue 25, the whole life of one consultation in the browser, as its people meet it (CON-01,
 * CON-03, CON-06, CON-07): an authority officer builds a major consultation open to anyone and
 * chooses a consultee for it with why; the strategy board meets and minutes its approval, which
 * the officer records naming the minute; the consultation page says so, and it is launched.
 * Three members of the public respond (one on a phone 360 pixels wide without JavaScript, one
 * who saves and finishes later by the link, one straight through) and read their confirmation.
 * The officer closes it early with the reason, codes the free-text answers against a code frame
 * and reads figures that match the three responses; writes "you said, we did" linked to the
 * decision's minute and a tracker source, which the public reads with who was asked. Last, a
 * citizens' panel consultation goes to a balanced sample of the panel, one member answers by
 * the e-mailed link, and the officer reads the wave's numbers. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import { formatDate } from '../../src/platform/i18n/dates.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { makeConsultation } from '../factories/consultation.js';
import { makeChangeSource, makeDecisionMinute } from '../factories/consultation-outcomes.js';
import { makePanelMembers } from '../factories/consultation-panel.js';
import { makePerson, uniqueTag } from '../factories/directory.js';
import { expectSuccess, fillDate, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const SAFE = 'Do you feel safe in your area after dark?';
const PRIORITIES = 'Which crimes should the police put first?';
const LISTEN = 'How well do the police listen to your community?';
const CHANGE = 'What one thing should the police change?';

/** A page arrived at: its heading, axe, and on a phone nothing wider than the window. */
async function arrive(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page);
  if ((page.viewportSize()?.width ?? 0) > 400) return;
  const past = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(past <= 0, `${page.url()} is ${past}px too wide`);
}

/** A table row's words, spaces collapsed. */
const words = async (within: Page | Locator, name: RegExp) =>
  (await within.getByRole('row', { name }).first().innerText()).replace(/\s+/g, ' ').trim();

const mainText = async (page: Page) =>
  (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');

const next = (page: Page) => page.getByRole('button', { name: 'Continue' }).click();

async function addQuestion(
  page: Page,
  fields: { kind: string; text: string; choices?: string; scale?: string; required?: boolean },
): Promise<void> {
  await page.getByRole('button', { name: 'Add a question' }).click();
  await arrive(page, 'Add a question');
  await page.getByLabel(fields.kind, { exact: true }).check();
  await page.getByLabel('Question', { exact: true }).fill(fields.text);
  if (fields.choices)
    await page.getByLabel('Choices (single and multiple choice)').fill(fields.choices);
  if (fields.scale) await page.getByLabel('Top of the scale (rating)').fill(fields.scale);
  if (fields.required)
    await page.getByRole('group', { name: 'Must it be answered?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Save question' }).click();
}

/** From the public list to the first question, reading who may respond on the way. */
async function startResponse(page: Page, title: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Consultations' }).first().click();
  await arrive(page, 'Have your say: consultations');
  await page.getByRole('link', { name: title }).click();
  await arrive(page, title);
  assert.equal(await summaryValue(page, 'Who can respond'), 'Anyone');
  await page.getByRole('button', { name: 'Respond' }).click();
  await arrive(page, SAFE);
}

/** The confirmation a respondent reads once their response is sent. */
async function sendAndReadConfirmation(page: Page): Promise<void> {
  await arrive(page, 'Check your answers before sending your response');
  await page.getByRole('button', { name: 'Send response' }).click();
  await arrive(page, 'Response sent');
  const text = await mainText(page);
  assert.match(text, /Thank you for your response\./);
  assert.match(
    text,
    /When the consultation has closed, we will publish what people told us and what we did about it/,
  );
}

test('one consultation from the builder to you said, we did, and a panel wave to a balanced sample', async () => {
  const today = todayInLondon(new Date());
  const day = formatDate(e2e.services.t, today);
  const tag = uniqueTag();
  const title = `Policing priorities ${tag}`;
  const youthCouncil = `Youth Council ${tag}`;
  const chair = await makePerson(e2e.app, { fullName: `Councillor Amina Shah ${tag}` });
  const police = await makePerson(e2e.app, { fullName: `Superintendent Joe Park ${tag}` });

  // 1. The officer builds a major consultation, open to anyone, from today for eight weeks.
  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.getByRole('link', { name: 'Consultation', exact: true }).first().click();
  await arrive(officer, 'Consultation');
  await officer.getByRole('link', { name: 'Consultations', exact: true }).click();
  await arrive(officer, 'Consultations');
  await officer.getByRole('button', { name: 'Create a consultation' }).click();
  await arrive(officer, 'Create a consultation');
  await officer.getByLabel('Title').fill(title);
  await officer
    .getByLabel('Purpose')
    .fill('Tell us what the police should put first in your area next year.');
  await fillDate(officer, 'Opening date', today);
  await fillDate(officer, 'Closing date', addCalendarDays(today, 56));
  await officer.getByLabel('The public').check();
  await officer
    .getByRole('group', { name: 'Is this a major consultation?' })
    .getByLabel('Yes')
    .check();
  await officer.getByRole('button', { name: 'Create consultation' }).click();
  await expectSuccess(officer, `The consultation ‘${title}’ has been created`);
  const consultationUrl = officer.url();
  assert.equal(
    await summaryValue(officer, 'Strategy board’s approval'),
    'Needs the strategy board’s approval',
  );

  await officer.getByRole('link', { name: 'Build the questionnaire' }).click();
  await arrive(officer, 'Questionnaire, version 1');
  await addQuestion(officer, {
    kind: 'Single choice',
    text: SAFE,
    choices: 'Safe\nNot safe',
    required: true,
  });
  await expectSuccess(officer, 'Question 1 has been added');
  await addQuestion(officer, {
    kind: 'Multiple choice',
    text: PRIORITIES,
    choices: 'Burglary\nKnife crime\nRoad safety',
  });
  await expectSuccess(officer, 'Question 2 has been added');
  await addQuestion(officer, { kind: 'Rating', text: LISTEN, scale: '5' });
  await expectSuccess(officer, 'Question 3 has been added');
  await addQuestion(officer, { kind: 'Text', text: CHANGE });
  await expectSuccess(officer, 'Question 4 has been added');
  assert.deepEqual(await officer.locator('.govuk-summary-card__title').allInnerTexts(), [
    `1. ${SAFE}`,
    `2. ${PRIORITIES}`,
    `3. ${LISTEN}`,
    `4. ${CHANGE}`,
  ]);

  // CON-03, CON-07: besides the public, a consultee asked directly, with why.
  await officer.goto('/consultation/consultees/new');
  await arrive(officer, 'Add a consultee');
  await officer.getByLabel('Name').fill(youthCouncil);
  await officer.getByLabel('Organisation').check();
  await officer.getByLabel('Category').selectOption({ label: 'Young people' });
  await officer.getByRole('button', { name: 'Add the consultee' }).click();
  await expectSuccess(officer, `${youthCouncil} has been added to the consultees`);
  await officer.goto(consultationUrl);
  await arrive(officer, title);
  await officer.getByRole('link', { name: 'Consultees chosen' }).click();
  await arrive(officer, 'Consultees chosen');
  await officer.getByLabel("Consultee's name").fill(youthCouncil);
  await officer.getByRole('button', { name: 'Find' }).click();
  await officer.getByLabel(youthCouncil).check();
  await officer.getByLabel('Why they were chosen').last().fill('Young people are most affected');
  await officer.getByRole('button', { name: 'Choose the consultee' }).click();
  await expectSuccess(officer, `${youthCouncil} has been chosen`);

  // 2. The strategy board meets (today, from midnight, so it has begun) and minutes its approval.
  await officer.goto('/');
  await officer.getByRole('link', { name: 'Consultation strategy board' }).first().click();
  await arrive(officer, 'Consultation strategy board');
  for (const [person, side, role] of [
    [chair, 'The authority', 'Chair'],
    [police, 'The police service', 'Member'],
  ] as const) {
    await officer.getByRole('button', { name: 'Add a member' }).click();
    await arrive(officer, 'Add a member');
    await officer.getByLabel('Their e-mail address in the directory').fill(person.email!);
    await officer.getByLabel(side).check();
    await officer.getByLabel(role, { exact: true }).check();
    await fillDate(officer, 'The day they join', today);
    await officer.getByRole('button', { name: 'Add the member' }).click();
    await expectSuccess(officer, `${person.fullName} has been added to the board`);
  }
  await officer.getByRole('link', { name: 'The board’s meetings, agendas and minutes' }).click();
  await arrive(officer, 'Meetings');
  await officer.getByRole('button', { name: 'Schedule a meeting' }).click();
  await expectAccessible(officer);
  const meetingTitle = `Strategy board ${tag}`;
  await officer.getByLabel('Title').fill(meetingTitle);
  await fillDate(officer, 'Date', today);
  await officer.getByLabel('Start time').fill('12:00am');
  await officer.getByLabel('In person', { exact: true }).check();
  await officer.getByLabel('Venue').fill('City Hall, Committee Room 4');
  await officer.getByRole('button', { name: 'Schedule' }).click();
  await expectSuccess(officer, 'The meeting has been scheduled');
  const approvalItem = `Approval of the consultation ${title}`;
  await officer.getByRole('button', { name: 'Table an item' }).click();
  await expectAccessible(officer);
  await officer.getByLabel('What is the item about?').fill(approvalItem);
  await officer.getByRole('button', { name: 'Table the item' }).click();
  await expectSuccess(officer, /is on the agenda/);
  await officer.getByRole('button', { name: 'Record attendance' }).click();
  await arrive(officer, 'Record attendance');
  for (const person of [chair, police])
    await officer.getByRole('group', { name: person.fullName }).getByLabel('Present').check();
  await officer.getByRole('button', { name: 'Save attendance' }).click();
  await expectSuccess(officer, 'Attendance has been recorded');
  await officer.getByRole('link', { name: 'Draft the minutes' }).click();
  await arrive(officer, 'Draft the minutes');
  await officer
    .getByLabel(`1. ${approvalItem}`)
    .fill('The board approved the consultation, its questions and its dates.');
  await officer.getByRole('button', { name: 'Save the draft' }).click();
  await expectSuccess(officer, 'The draft minutes have been saved');

  // The officer records the approval from the consultation's page, naming the minute.
  await officer.goto(consultationUrl);
  await arrive(officer, title);
  await officer.getByRole('link', { name: 'The strategy board’s approval' }).click();
  await arrive(officer, 'The board’s approval');
  assert.match(await mainText(officer), /The board has not approved this consultation yet\./);
  await officer.getByLabel(approvalItem).check();
  await officer.getByRole('button', { name: 'Record the approval' }).click();
  await expectSuccess(officer, `naming the minute “${approvalItem}”`);
  assert.equal(await summaryValue(officer, 'Meeting'), meetingTitle);
  await officer.goto(consultationUrl);
  await arrive(officer, title);
  const approval = (await summaryValue(officer, 'Strategy board’s approval')).replace(/\s+/g, ' ');
  assert.match(approval, new RegExp(`^Approved on ${day}`));
  assert.match(approval, new RegExp(`Minute: ${approvalItem}, ${meetingTitle}, ${day}`));

  await officer.getByRole('button', { name: 'Launch the consultation' }).click();
  await arrive(officer, 'Launch the consultation');
  await officer.getByRole('button', { name: 'Launch', exact: true }).click();
  await expectSuccess(officer, `‘${title}’ has been launched`);
  await officer.getByText('Open', { exact: true }).first().waitFor();

  // 3a. On a phone 360 pixels wide without JavaScript: one question a page.
  const phone = await e2e.newPage({ javaScript: false });
  await phone.setViewportSize({ width: 360, height: 740 });
  await startResponse(phone, title);
  assert.equal(
    await phone.evaluate(() => document.body.classList.contains('js-enabled')),
    false,
    'no page script ran',
  );
  await phone.getByLabel('Not safe').check();
  await next(phone);
  await arrive(phone, `${PRIORITIES} (optional)`);
  await phone.getByLabel('Burglary').check();
  await phone.getByLabel('Knife crime').check();
  await next(phone);
  await arrive(phone, `${LISTEN} (optional)`);
  await phone.getByLabel('2', { exact: true }).check();
  await next(phone);
  await arrive(phone, `${CHANGE} (optional)`);
  await phone.getByLabel(`${CHANGE} (optional)`).fill('More patrols on the high street at night.');
  await next(phone);
  await arrive(phone, 'About you');
  await next(phone);
  await arrive(phone, 'Check your answers before sending your response');
  assert.equal(await summaryValue(phone, SAFE.replace(/\?/g, '\\?')), 'Not safe');
  await sendAndReadConfirmation(phone);

  // 3b. One who saves after the first question and finishes later by the link.
  const first = await e2e.newPage();
  await startResponse(first, title);
  await first.getByLabel('Safe', { exact: true }).check();
  await first.getByRole('button', { name: 'Save and finish later' }).click();
  await arrive(first, 'Your answers have been saved');
  assert.match(await mainText(first), /Use this link to come back to your response\./);
  const link = (
    await first.getByRole('link', { name: /\/consultations\/resume\// }).innerText()
  ).trim();
  const later = await e2e.newPage();
  await later.goto(link.replace(e2e.app.config.publicUrl, e2e.baseUrl));
  await arrive(later, `${PRIORITIES} (optional)`);
  await later.getByLabel('Road safety').check();
  await next(later);
  await arrive(later, `${LISTEN} (optional)`);
  await later.getByLabel('4', { exact: true }).check();
  await next(later);
  await arrive(later, `${CHANGE} (optional)`);
  await later.getByLabel(`${CHANGE} (optional)`).fill('Better street lighting by the station.');
  await next(later);
  await arrive(later, 'About you');
  await next(later);
  assert.equal(await summaryValue(later, SAFE.replace(/\?/g, '\\?')), 'Safe');
  await sendAndReadConfirmation(later);

  // 3c. One straight through.
  const third = await e2e.newPage();
  await startResponse(third, title);
  await third.getByLabel('Not safe').check();
  await next(third);
  await third.getByLabel('Knife crime').check();
  await next(third);
  await third.getByLabel('3', { exact: true }).check();
  await next(third);
  await third.getByLabel(`${CHANGE} (optional)`).fill('Patrols by the park after school.');
  await next(third);
  await arrive(third, 'About you');
  await next(third);
  await sendAndReadConfirmation(third);

  // 4. The officer reads three sent, and closes it early with the reason.
  await officer.goto(consultationUrl);
  await arrive(officer, title);
  assert.equal(await summaryValue(officer, 'Submitted'), '3');
  await officer.getByRole('button', { name: 'Close the consultation early' }).click();
  await arrive(officer, 'Close the consultation early');
  const reason = 'Enough responses to inform the plan before the panel meets';
  await officer.getByLabel('Why is it being closed early?').fill(reason);
  await officer.getByRole('button', { name: 'Close early' }).click();
  await expectSuccess(officer, `‘${title}’ has been closed early`);
  assert.match(await summaryValue(officer, 'Closed early'), new RegExp(`${reason}$`));

  // The public can no longer respond, and is told when it closed.
  const visitor = await e2e.newPage();
  await visitor.goto('/consultations');
  await arrive(visitor, 'Have your say: consultations');
  await visitor.getByRole('link', { name: title }).click();
  await arrive(visitor, title);
  assert.match(await mainText(visitor), new RegExp(`This consultation closed on ${day}\\.`));
  assert.equal(await visitor.getByRole('button', { name: 'Respond' }).count(), 0);

  // The analysis: figures matching the three responses; the free text coded with themes.
  await officer.getByRole('link', { name: 'Analysis', exact: true }).click();
  await arrive(officer, `Analysis of ${title}`);
  assert.match(await officer.locator('#counted').innerText(), /Responses counted: 3/);
  const safeTable = officer.getByRole('table', { name: new RegExp(SAFE.replace('?', '\\?')) });
  assert.equal(await words(safeTable, /^Safe/), 'Safe 1 33%');
  assert.equal(await words(safeTable, /^Not safe/), 'Not safe 2 67%');
  const priorities = officer.getByRole('table', {
    name: new RegExp(PRIORITIES.replace('?', '\\?')),
  });
  assert.match(await words(priorities, /^Knife crime/), /^Knife crime 2 /);
  assert.match(await words(priorities, /^Burglary/), /^Burglary 1 /);
  assert.match(await words(priorities, /^Road safety/), /^Road safety 1 /);
  const rating = await officer
    .locator('section', { has: officer.getByRole('heading', { name: LISTEN }) })
    .innerText();
  assert.match(rating, /Answered by 3/);
  assert.match(rating, /Mean rating: 3(\.0)?\b/);

  await officer.getByRole('link', { name: `Code the answers to: ${CHANGE}` }).click();
  await arrive(officer, /Code the answers to/);
  for (const theme of ['Patrols', 'Lighting']) {
    await officer.getByLabel('Theme name').fill(theme);
    await officer.getByRole('button', { name: 'Add theme' }).click();
    await expectSuccess(officer, `The theme ${theme} has been added`);
  }
  const answer = (said: string) => officer.getByRole('group').filter({ hasText: said });
  await answer('More patrols on the high street').getByLabel('Patrols').check();
  await answer('Better street lighting').getByLabel('Lighting').check();
  await answer('Patrols by the park').getByLabel('Patrols').check();
  await answer('Patrols by the park').getByLabel('Use as a quote in the report').check();
  await officer.getByRole('button', { name: "Save this page's themes and quotes" }).click();
  await expectSuccess(officer, 'The themes and quotes of 3 answers have been saved');
  await officer.getByRole('link', { name: 'Analysis', exact: true }).click();
  await arrive(officer, `Analysis of ${title}`);
  const themes = officer.getByRole('table', { name: /Themes in the answers/ });
  assert.equal(await words(themes, /^Patrols/), 'Patrols 2');
  assert.equal(await words(themes, /^Lighting/), 'Lighting 1');
  await officer.getByText('Patrols by the park after school.', { exact: true }).waitFor();

  // 5. You said, we did. The decision it fed (an advisory group's minute) and the tracker source
  // carrying the change are made by the factories: their own journeys prove those pages.
  const decision = await makeDecisionMinute(e2e.app, {
    heading: `Policing plan: knife crime first ${tag}`,
    meetingTitle: `Advisory group on policing priorities ${tag}`,
    date: today,
  });
  const source = await makeChangeSource(e2e.app, {
    title: `Knife crime patrols ${tag}`,
    recommendation: 'Patrol high streets in the evening',
    action: 'Add evening patrols on high streets in every borough',
    result: 'ongoing',
  });
  await officer.goto(consultationUrl);
  await arrive(officer, title);
  await officer.getByRole('link', { name: 'You said, we did' }).click();
  await arrive(officer, `Write what came of ${title}`);
  assert.equal(await summaryValue(officer, 'Ran'), `${day} to ${day}`);
  assert.equal(await summaryValue(officer, 'Responses received'), '3');
  await officer
    .getByLabel('You said')
    .fill('You told us knife crime should come first, and asked for patrols and better lighting.');
  await officer
    .getByLabel('We did')
    .fill('The policing plan puts knife crime first and adds evening patrols on high streets.');
  await officer.getByLabel('Kind of body that decided').selectOption({ label: 'Advisory groups' });
  await officer.getByRole('button', { name: 'Show its minutes' }).click();
  await arrive(officer, `Write what came of ${title}`);
  await officer.getByLabel('Minute recording the decision').selectOption({
    label: `${decision.meetingTitle}, ${day}: ${decision.heading}`,
  });
  await officer.getByRole('group', { name: 'Was a change promised?' }).getByLabel('Yes').check();
  await officer.getByLabel('Find sources by title').fill(source.title);
  await officer.getByRole('button', { name: 'Find sources' }).click();
  await arrive(officer, `Write what came of ${title}`);
  await officer.getByLabel('Tracker source').selectOption({ label: `${source.title} (Review)` });
  await officer.getByRole('button', { name: 'Save and publish' }).click();
  await expectSuccess(officer, 'The outcome was published.');

  // The public reads it, with who was asked and the action's status.
  await visitor.goto('/consultations/you-said-we-did');
  await arrive(visitor, 'You said, we did');
  // Closed early, it ran until today, not to its planned closing date.
  assert.equal(await words(visitor, new RegExp(title)), `${title} ${day} to ${day} ${day}`);
  await visitor.getByRole('link', { name: title }).click();
  await arrive(visitor, `You said, we did: ${title}`);
  const published = await mainText(visitor);
  assert.match(published, new RegExp(`Ran ${day} to ${day}`));
  assert.match(published, /Responses received 3/);
  assert.match(published, /Who we asked .*directly, by kind: Young people 1/);
  assert.match(published, /You said You told us knife crime should come first/);
  assert.match(published, /We did The policing plan puts knife crime first/);
  assert.match(published, new RegExp(`The decision ${decision.heading}`));
  assert.match(published, new RegExp(`Decided at ${decision.meetingTitle} on ${day}`));
  assert.match(
    await words(visitor, /Add evening patrols on high streets in every borough/),
    /^1\. Patrol high streets in the evening Add evening patrols .* Ongoing/,
  );

  // 6. A citizens' panel consultation goes to a balanced sample of the panel.
  const boroughs = await e2e.services.directory.scopeCatalogue.options('borough');
  const croydon = boroughs.find((b) => b.name === 'Croydon')!.id;
  const members = await makePanelMembers(e2e.app, [
    ...Array.from({ length: 12 }, () => ({ boroughId: croydon, sex: 'female' as const })),
    ...Array.from({ length: 8 }, () => ({ boroughId: croydon, sex: 'male' as const })),
  ]);
  const panelTitle = `Panel wave: confidence in policing ${tag}`;
  await makeConsultation(e2e.app, {
    audience: 'panel',
    title: panelTitle,
    questions: [
      {
        kind: 'single',
        text: 'Do you trust the police in your area?',
        options: ['Yes', 'No'],
        required: true,
      },
    ],
  });
  await officer.goto('/consultation/panel/waves');
  await arrive(officer, 'Waves sent to the panel');
  await officer.getByRole('button', { name: 'Send a wave' }).click();
  await arrive(officer, 'Send a wave');
  await officer.getByLabel(panelTitle).check();
  await officer.getByRole('radio', { name: 'A balanced sample' }).check();
  await officer.getByLabel('For a balanced sample: how many members?').fill('10');
  await officer.getByRole('button', { name: 'Send the wave' }).click();
  await expectSuccess(officer, `${panelTitle} sent to 10 members.`);

  // One member of the sample answers by the link in their e-mail.
  const mails = await e2e.services.db
    .select({ to: outbox.toAddress, body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.subject, `Citizens' panel: ${panelTitle}`))
    .orderBy(desc(outbox.createdAt));
  assert.equal(mails.length, 10);
  assert.ok(members.some((m) => m.email === mails[0]!.to));
  const invited = /\/consultations\/invited\/[A-Za-z0-9_-]+/.exec(mails[0]!.body)![0];
  const member = await e2e.newPage();
  await member.goto(invited);
  await arrive(member, panelTitle);
  await member.getByRole('button', { name: 'Start now' }).click();
  await arrive(member, 'Do you trust the police in your area?');
  await member.getByLabel('Yes').check();
  await next(member);
  await arrive(member, 'About you');
  await next(member);
  await sendAndReadConfirmation(member);

  await officer.reload();
  await expectAccessible(officer);
  assert.match(await mainText(officer), /Response rate 10\.0%/);
  await officer.getByRole('link', { name: 'Waves sent to the panel' }).click();
  await arrive(officer, 'Waves sent to the panel');
  assert.match(
    await words(officer, new RegExp(panelTitle)),
    /A balanced sample of 10 10 1 10\.0%$/,
  );
});
