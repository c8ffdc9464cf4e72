/**
 * Issue 25 item 4 (CON-01, CON-07): an authority officer creates a major consultation, builds
 * its questionnaire with a question of each kind and one asked only after an earlier answer,
 * moves a question, previews it as a respondent sees it, is refused its launch for want of the
 * strategy board's approval, and launches it once approved (set here in the database: the
 * board's approval has its own pages). Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { consultations } from '../../src/modules/consultation/schema.js';
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import { expectErrors, expectSuccess, fillDate, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

async function addQuestion(
  page: Page,
  fields: { kind: string; text: string; choices?: string; scale?: string; shownIf?: string },
) {
  await page.getByRole('button', { name: 'Add a question' }).click();
  await heading(page, 'Add a question');
  await page.getByLabel(fields.kind, { exact: true }).check();
  await page.getByLabel('Question', { exact: true }).fill(fields.text);
  if (fields.choices)
    await page.getByLabel('Choices (single and multiple choice)').fill(fields.choices);
  if (fields.scale) await page.getByLabel('Top of the scale (rating)').fill(fields.scale);
  if (fields.shownIf)
    await page.getByLabel('When is it asked?').selectOption({ label: fields.shownIf });
  await page.getByRole('button', { name: 'Save question' }).click();
}

test('an officer builds a consultation’s questionnaire, previews it, is refused launch without the board’s approval, then launches it', async () => {
  const today = todayInLondon(new Date());
  const title = `Policing priorities ${Date.now()}`;
  // The builder works without JavaScript: every change is a form and a button.
  const page = await e2e.newPage({ javaScript: false });
  await signInWithRole(e2e, page, 'authority_officer');

  await page.getByRole('link', { name: 'Consultation', exact: true }).first().click();
  await heading(page, 'Consultation');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Consultations', exact: true }).click();
  await heading(page, 'Consultations');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create a consultation' }).click();
  await heading(page, 'Create a consultation');
  await expectAccessible(page);

  // Its title missing: refused, naming the field.
  await page.getByLabel('Purpose').fill('What should the police put first next year?');
  await fillDate(page, 'Opening date', addCalendarDays(today, 7));
  await fillDate(page, 'Closing date', addCalendarDays(today, 60));
  await page.getByLabel('The public').check();
  await page
    .getByRole('group', { name: 'Is this a major consultation?' })
    .getByLabel('Yes')
    .check();
  await page.getByRole('button', { name: 'Create consultation' }).click();
  await expectErrors(page, [{ field: 'title', message: 'Enter the consultation’s title' }]);
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create consultation' }).click();
  await expectSuccess(page, `The consultation ‘${title}’ has been created`);
  assert.equal(
    await summaryValue(page, 'Strategy board’s approval'),
    'Needs the strategy board’s approval',
  );

  // The questionnaire: a question of each kind, one asked only after "Not safe".
  await page.getByRole('link', { name: 'Build the questionnaire' }).click();
  await heading(page, 'Questionnaire, version 1');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add a question' }).click();
  await heading(page, 'Add a question');
  await expectAccessible(page);
  await page.getByLabel('Single choice').check();
  await page.getByLabel('Question', { exact: true }).fill('Do you feel safe after dark?');
  await page.getByLabel('Choices (single and multiple choice)').fill('Safe');
  await page.getByRole('button', { name: 'Save question' }).click();
  await expectErrors(page, [
    { field: 'choices', message: 'Enter at least two choices, one a line' },
  ]);
  await page.getByLabel('Choices (single and multiple choice)').fill('Safe\nNot safe');
  await page.getByRole('button', { name: 'Save question' }).click();
  await expectSuccess(page, 'Question 1 has been added');
  await addQuestion(page, {
    kind: 'Text',
    text: 'What makes you feel unsafe?',
    shownIf: 'Only if question 1 (Do you feel safe after dark?) is answered ‘Not safe’',
  });
  await expectSuccess(page, 'Question 2 has been added');
  await addQuestion(page, {
    kind: 'Multiple choice',
    text: 'Which should be priorities?',
    choices: 'Burglary\nKnife crime\nRoad safety',
  });
  await expectSuccess(page, 'Question 3 has been added');
  await addQuestion(page, { kind: 'Rating', text: 'How well do the police listen?', scale: '5' });
  await expectSuccess(page, 'Question 4 has been added');

  // The question shown after question 1 cannot move above it; the rating moves up.
  await page.getByRole('button', { name: 'Move up question 2' }).click();
  await expectErrors(page, [
    {
      field: 'questionnaire',
      message: 'Question 2 is shown only after an answer to question 1, so it must come after it',
    },
  ]);
  await page.getByRole('button', { name: 'Move up question 4' }).click();
  await expectSuccess(page, 'Question 4 is now question 3');
  const titles = await page.locator('.govuk-summary-card__title').allInnerTexts();
  assert.deepEqual(titles, [
    '1. Do you feel safe after dark?',
    '2. What makes you feel unsafe?',
    '3. How well do the police listen?',
    '4. Which should be priorities?',
  ]);

  // A question changed through its own page.
  await page.getByRole('link', { name: 'Change question 3' }).click();
  await heading(page, 'Change question 3');
  await expectAccessible(page);
  await page.getByLabel('Top of the scale (rating)').fill('10');
  await page.getByRole('button', { name: 'Save question' }).click();
  await expectSuccess(page, 'Question 3 has been saved');

  // Removing question 1 would clear question 2's link: the remove page says so first.
  await page.getByRole('link', { name: 'Remove question 1' }).click();
  await heading(page, 'Remove question 1');
  await page.getByText('2. What makes you feel unsafe?').waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Back to the questionnaire' }).click();

  // The preview, as a respondent sees it.
  await page.getByRole('link', { name: 'Preview the questionnaire' }).click();
  await heading(page, title);
  await expectAccessible(page);
  await page.getByRole('group', { name: '1. Do you feel safe after dark?' }).waitFor();
  await page.getByText('Only if question 1 is answered ‘Not safe’').waitFor();
  const rating = page.getByRole('group', { name: /^3\. How well do the police listen\?/ });
  assert.equal(await rating.getByRole('radio').count(), 10);
  await page.getByRole('link', { name: title }).click();

  // CON-01: major and not approved: launch refused.
  await heading(page, title);
  await page.getByRole('button', { name: 'Launch the consultation' }).click();
  await heading(page, 'Launch the consultation');
  await expectAccessible(page);
  await page
    .getByText('It is a major consultation and needs the strategy board’s approval first')
    .first()
    .waitFor();
  await page.getByRole('button', { name: 'Launch', exact: true }).click();
  await expectErrors(page, [
    {
      field: 'launch',
      message: 'It is a major consultation and needs the strategy board’s approval first',
    },
  ]);

  // The board approves it (its own pages record that); now it launches.
  await e2e.services.db
    .update(consultations)
    .set({ approvedOn: today })
    .where(eq(consultations.title, title));
  await page.goto(page.url());
  await heading(page, 'Launch the consultation');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Launch', exact: true }).click();
  await expectSuccess(page, `‘${title}’ has been launched`);
  await page.getByText('Upcoming', { exact: true }).waitFor();
  assert.match(await summaryValue(page, 'Strategy board’s approval'), /^Approved on /);

  // Closed early, with its reason.
  await page.getByRole('button', { name: 'Close the consultation early' }).click();
  await heading(page, 'Close the consultation early');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Close early' }).click();
  await expectErrors(page, [{ field: 'reason', message: 'Enter why it is being closed early' }]);
  await page.getByLabel('Why is it being closed early?').fill('Replaced by the joint survey');
  await page.getByRole('button', { name: 'Close early' }).click();
  await expectSuccess(page, `‘${title}’ has been closed early`);
  assert.match(await summaryValue(page, 'Closed early'), /Replaced by the joint survey$/);
});
