/**
 * Issue 25 item 4 (DP-01, DP-03): three members of the public answer one consultation, which
 * asks a question only of those who answered "Yes" before it: one on a phone 360 pixels wide
 * with JavaScript off, one who saves and finishes later through the link, and one straight
 * through. An invited consultee's link, used again after responding, says they already have.
 * Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { invitations, responses } from '../../src/modules/consultation/schema.js';
import { hashToken, newToken } from '../../src/platform/auth/credentials.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { makeConsultation, type FactoryConsultation } from '../factories/consultation.js';
import { expectErrors, expectSuccess, summaryValue } from './pages/govuk.js';
import { expectAccessible, startE2E, type E2E } from './support.js';

let e2e: E2E;
let consultation: FactoryConsultation;
const TITLE = 'Policing priorities for 2027';
const VICTIM = 'Have you been a victim of crime in the last year?';
const KIND = 'What kind of crime was it?';
const SAFE = 'How safe do you feel after dark? (optional)';
const DIFFERENTLY = 'What should the police do differently? (optional)';

before(async () => {
  e2e = await startE2E({ demo: false });
  consultation = await makeConsultation(e2e.app, {
    title: TITLE,
    purpose: 'Tell us what matters most to you about policing where you live.',
    questions: [
      { kind: 'single', text: VICTIM, options: ['Yes', 'No'], required: true },
      {
        kind: 'multiple',
        text: KIND,
        options: ['Burglary', 'Theft', 'Assault'],
        required: true,
        shownIf: [0, 'Yes'],
      },
      { kind: 'rating', text: 'How safe do you feel after dark?', ratingScale: 5 },
      { kind: 'text', text: 'What should the police do differently?' },
    ],
  });
});
after(() => e2e.close());

/** A page arrived at: its heading, axe, and nothing wider than the window. */
async function arrive(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page);
  const past = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(past <= 0, `the page is ${past}px too wide`);
}

/** The answer beside a question (or "about you" question) on the check page. */
const answerTo = (page: Page, question: string) =>
  summaryValue(page, question.replace(/[?()]/g, '\\$&'));

const next = (page: Page) => page.getByRole('button', { name: 'Continue' }).click();

async function startFromList(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Consultations' }).first().click();
  await arrive(page, 'Have your say: consultations');
  await page.getByRole('link', { name: TITLE }).click();
  await arrive(page, TITLE);
  assert.equal(await summaryValue(page, 'Who can respond'), 'Anyone');
  await page.getByRole('button', { name: 'Respond' }).click();
  await arrive(page, VICTIM);
}

test('on a phone 360 pixels wide with JavaScript off, a member of the public answers, changes an answer and sends', async () => {
  const page = await e2e.newPage({ javaScript: false });
  await page.setViewportSize({ width: 360, height: 740 });
  await startFromList(page);
  assert.equal(
    await page.evaluate(() => document.body.classList.contains('js-enabled')),
    false,
    'no page script ran',
  );

  await next(page);
  await expectErrors(page, [{ field: 'answer', message: `Select an answer to: ${VICTIM}` }]);
  await page.getByLabel('Yes').check();
  await next(page);
  // Asked only because of "Yes", decided on the server.
  await arrive(page, KIND);
  await next(page);
  await expectErrors(page, [
    { field: 'answer', message: `Select at least one answer to: ${KIND}` },
  ]);
  await page.getByLabel('Burglary').check();
  await page.getByLabel('Assault').check();
  await next(page);
  await arrive(page, SAFE);
  await page.getByLabel('4', { exact: true }).check();
  await next(page);
  await arrive(page, DIFFERENTLY);
  await page.getByLabel(DIFFERENTLY).fill('Answer 999 calls faster at night.');
  await next(page);

  await arrive(page, 'About you');
  await page.getByLabel('Which borough do you live or work in?').selectOption({ label: 'Camden' });
  await page.getByRole('group', { name: 'Your age' }).getByLabel('35 to 44').check();
  await page.getByRole('group', { name: 'Your sex' }).getByLabel('Prefer not to say').check();
  await next(page);

  await arrive(page, 'Check your answers before sending your response');
  assert.equal(await answerTo(page, VICTIM), 'Yes');
  assert.equal((await answerTo(page, KIND)).replace(/\s+/g, ' '), 'Burglary Assault');
  assert.equal(await answerTo(page, 'How safe do you feel after dark?'), '4 / 5');
  assert.equal(await answerTo(page, 'Which borough do you live or work in?'), 'Camden');
  assert.equal(await summaryValue(page, 'Your age'), '35 to 44');
  assert.equal(await summaryValue(page, 'Your sex'), 'Prefer not to say');
  assert.equal(await summaryValue(page, 'Your ethnic group'), 'Prefer not to say');

  // Changed to "No": the question about the crime is no longer asked.
  await page.getByRole('link', { name: `Change ${VICTIM}` }).click();
  await arrive(page, VICTIM);
  await page.getByLabel('No').check();
  await next(page);
  await arrive(page, 'Check your answers before sending your response');
  assert.equal(await answerTo(page, VICTIM), 'No');
  assert.equal(await page.locator('dt', { hasText: KIND }).count(), 0);
  await page.getByRole('button', { name: 'Send response' }).click();
  await arrive(page, 'Response sent');
});

test('a member of the public saves and finishes later through the link', async () => {
  const page = await e2e.newPage();
  await startFromList(page);
  await page.getByLabel('No').check();
  await page.getByRole('button', { name: 'Save and finish later' }).click();
  await arrive(page, 'Your answers have been saved');
  const link = (
    await page.getByRole('link', { name: /\/consultations\/resume\// }).innerText()
  ).trim();
  await page.getByLabel('Email address (optional)').fill('no-at-sign');
  await page.getByRole('button', { name: 'Send me the link' }).click();
  await expectErrors(page, [
    {
      field: 'email',
      message: 'Enter an email address in the correct format, like name@example.com',
    },
  ]);
  await page.getByLabel('Email address (optional)').fill('jo.later@example.org');
  await page.getByRole('button', { name: 'Send me the link' }).click();
  await expectSuccess(page, 'We have sent the link to jo.later@example.org');
  const [mail] = await e2e.services.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, 'jo.later@example.org'));
  assert.ok(mail!.bodyText.includes(link), 'the e-mail carries the link');

  // Later, in another browser, with only the link: on from the first question not answered.
  const later = await e2e.newPage();
  await later.goto(link.replace(e2e.app.config.publicUrl, e2e.baseUrl));
  await arrive(later, SAFE);
  await next(later);
  await arrive(later, DIFFERENTLY);
  await later.getByLabel(DIFFERENTLY).fill('More officers on foot in the town centre.');
  await next(later);
  await arrive(later, 'About you');
  await next(later);
  await arrive(later, 'Check your answers before sending your response');
  assert.equal(await answerTo(later, VICTIM), 'No');
  await later.getByRole('button', { name: 'Send response' }).click();
  await arrive(later, 'Response sent');
  // The link is spent.
  const spent = await later.goto(link.replace(e2e.app.config.publicUrl, e2e.baseUrl));
  assert.equal(spent?.status(), 404);
});

test('a third member of the public answers straight through; three responses are sent', async () => {
  const page = await e2e.newPage();
  await startFromList(page);
  await page.getByLabel('No').check();
  await next(page);
  await arrive(page, SAFE);
  await page.getByLabel('2', { exact: true }).check();
  await next(page);
  await arrive(page, DIFFERENTLY);
  await next(page);
  await arrive(page, 'About you');
  await next(page);
  await arrive(page, 'Check your answers before sending your response');
  assert.equal(await answerTo(page, 'What should the police do differently?'), 'Not answered');
  await page.getByRole('button', { name: 'Send response' }).click();
  await arrive(page, 'Response sent');
  const sent = (
    await e2e.services.db
      .select({ submittedAt: responses.submittedAt })
      .from(responses)
      .where(eq(responses.consultationId, consultation.id))
  ).filter((r) => r.submittedAt);
  assert.equal(sent.length, 3);
});

test('CON-03: an invited consultee responds through their link; used again, it says they already have', async () => {
  const invited = await makeConsultation(e2e.app, {
    title: 'Faith leaders on hate crime',
    audience: 'invited',
    questions: [
      { kind: 'text', text: 'What would make reporting hate crime easier?', required: true },
    ],
  });
  const token = newToken();
  await e2e.services.db.insert(invitations).values({
    consultationId: invited.id,
    consulteeId: '00000000-0000-4000-8000-000000000001',
    tokenHash: hashToken(token),
  });
  const page = await e2e.newPage();
  await page.goto(`/consultations/invited/${token}`);
  await arrive(page, 'Faith leaders on hate crime');
  await page.getByRole('button', { name: 'Start now' }).click();
  await arrive(page, 'What would make reporting hate crime easier?');
  await page
    .getByLabel('What would make reporting hate crime easier?')
    .fill('Reporting at the place of worship, with someone we trust.');
  await next(page);
  await arrive(page, 'About you');
  await next(page);
  await arrive(page, 'Check your answers before sending your response');
  await page.getByRole('button', { name: 'Send response' }).click();
  await arrive(page, 'Response sent');

  const again = await e2e.newPage();
  await again.goto(`/consultations/invited/${token}`);
  await arrive(again, 'You have already responded to this consultation');
  assert.equal(await again.getByRole('button', { name: 'Start now' }).count(), 0);
});
