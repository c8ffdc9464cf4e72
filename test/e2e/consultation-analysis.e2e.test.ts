/**
 * Issue 25 item 5: an authority officer reads a consultation's analysis (its counts and a
 * breakdown with small counts suppressed, DP-01), builds a code frame for its free-text
 * question, tags a page of answers and picks a quote, downloads the responses as CSV and the
 * analysis as PDF, and, once the consultation has closed, publishes a question as open data,
 * which the public then reads. Axe
 * checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { consultations } from '../../src/modules/consultation/schema.js';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { makeBorough } from '../factories/directory.js';
import { pagesText, pdfPages } from '../pdf-text.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const words = async (within: Page | Locator, name: RegExp) =>
  (await within.getByRole('row', { name }).innerText()).replace(/\s+/g, ' ').trim();

test('an analyst reads the counts, codes the answers, picks a quote, downloads and publishes; the public reads the open data', async () => {
  const consultation = await makeConsultation(e2e.app, {
    title: 'Policing priorities for Camden',
  });
  const camden = await makeBorough(e2e.app, { name: `Camden ${Date.now()}` });
  const said = [
    'More patrols at night',
    'Better street lighting on the high road',
    'Patrol the park',
  ];
  for (let i = 0; i < 12; i++)
    await makeResponse(
      e2e.app,
      consultation,
      i < 3 ? { 0: 'Yes', 1: said[i]! } : { 0: i < 9 ? 'Yes' : 'No' },
      { boroughId: camden.id },
    );

  const analyst = await e2e.newPage();
  await signInWithRole(e2e, analyst, 'authority_officer');
  await analyst.goto(`${e2e.baseUrl}/consultation/consultations/${consultation.id}/analysis`);
  await analyst
    .getByRole('heading', { level: 1, name: 'Analysis of Policing priorities for Camden' })
    .waitFor();
  await expectAccessible(analyst);
  assert.match(await analyst.locator('#counted').innerText(), /Responses counted: 12/);
  assert.equal(await words(analyst, /^Yes/), 'Yes 9 75%');
  assert.equal(await words(analyst, /^No \d/), 'No 3 25%');

  // A breakdown by borough: 3 saying No is fewer than 10, and Camden's 12 (all the responses
  // counted but those without a borough) is not shown, as it would give the small counts away.
  await analyst.getByLabel('Break down by').selectOption({ label: 'borough' });
  await analyst.getByRole('button', { name: 'Show breakdown' }).click();
  const breakdown = analyst.getByRole('table', { name: /by borough/ });
  await breakdown.waitFor();
  await expectAccessible(analyst);
  assert.equal(
    await words(breakdown, new RegExp(`^${camden.name}`)),
    `${camden.name} not shown fewer than 10 fewer than 10 fewer than 10`,
  );

  // The code frame: a theme needs a name, then two themes.
  await analyst.getByRole('link', { name: /Code the answers to/ }).click();
  await analyst.getByRole('heading', { level: 1, name: /Code the answers to/ }).waitFor();
  await expectAccessible(analyst);
  await analyst.getByRole('button', { name: 'Add theme' }).click();
  await expectErrors(analyst, [{ field: 'name', message: "Enter the theme's name" }]);
  await expectAccessible(analyst);
  await analyst.getByLabel('Theme name').fill('Patrols');
  await analyst.getByRole('button', { name: 'Add theme' }).click();
  await expectSuccess(analyst, 'The theme Patrols has been added');
  await analyst.getByLabel('Theme name').fill('Lighting');
  await analyst.getByRole('button', { name: 'Add theme' }).click();
  await expectSuccess(analyst, 'The theme Lighting has been added');
  await expectAccessible(analyst);

  // Tag the page of answers at once, and pick a quote.
  const answer = (n: number) => analyst.getByRole('group', { name: `Answer ${n}` });
  await answer(1).getByLabel('Patrols').check();
  await answer(2).getByLabel('Lighting').check();
  await answer(3).getByLabel('Patrols').check();
  await answer(3).getByLabel('Use as a quote in the report').check();
  await analyst.getByRole('button', { name: "Save this page's themes and quotes" }).click();
  await expectSuccess(analyst, 'The themes and quotes of 3 answers have been saved');
  assert.equal(await answer(3).getByLabel('Use as a quote in the report').isChecked(), true);

  // The analysis counts the themes and shows the quote.
  await analyst.getByRole('link', { name: 'Analysis', exact: true }).click();
  const themes = analyst.getByRole('table', { name: /Themes in the answers/ });
  await themes.waitFor();
  assert.equal(await words(themes, /^Patrols/), 'Patrols 2');
  assert.equal(await words(themes, /^Lighting/), 'Lighting 1');
  assert.equal(await analyst.getByText('Patrol the park', { exact: true }).count(), 1);

  // The downloads.
  const csvHref = await analyst
    .getByRole('link', { name: 'Download all responses (CSV)' })
    .getAttribute('href');
  const csv = await analyst.request.get(`${e2e.baseUrl}${csvHref}`);
  assert.equal(csv.status(), 200);
  const lines = (await csv.text()).trim().split('\n');
  assert.equal(lines.length, 13);
  assert.match(lines[0]!, /^Reference,Submitted,Borough,Should neighbourhood policing/);
  const pdfHref = await analyst
    .getByRole('link', { name: 'Download the analysis (PDF)' })
    .getAttribute('href');
  const pdf = await analyst.request.get(`${e2e.baseUrl}${pdfHref}`);
  const text = pagesText(await pdfPages(await pdf.body()));
  assert.match(text, /Responses counted: 12/);
  assert.match(text, /“Patrol the park”/);

  // Open data: not while the consultation is open; once closed, the first question and quotes.
  await analyst.getByRole('link', { name: 'Choose what is published as open data' }).click();
  await analyst.getByRole('heading', { level: 1, name: 'Open data' }).waitFor();
  await expectAccessible(analyst);
  assert.match(
    await analyst.locator('#not-closed').innerText(),
    /Open data can be published once the consultation has closed/,
  );
  assert.equal(await analyst.getByRole('button', { name: 'Save what is published' }).count(), 0);
  await e2e.app.services.db
    .update(consultations)
    .set({ closedEarlyAt: new Date(), closedEarlyReason: 'Enough heard' })
    .where(eq(consultations.id, consultation.id));
  await analyst.reload();
  await analyst.getByRole('heading', { level: 1, name: 'Open data' }).waitFor();
  await analyst.getByLabel('Should neighbourhood policing be a priority?').check();
  await analyst.getByLabel('Publish the quotes picked for the report').check();
  await analyst.getByRole('button', { name: 'Save what is published' }).click();
  await expectSuccess(analyst, 'What is published as open data has been saved');
  await expectAccessible(analyst);

  const visitor = await e2e.newPage();
  await visitor.goto(`${e2e.baseUrl}/consultations/${consultation.id}/open-data`);
  await visitor
    .getByRole('heading', { level: 1, name: 'Open data: Policing priorities for Camden' })
    .waitFor();
  await expectAccessible(visitor);
  assert.equal(await words(visitor, /^Yes/), 'Yes 9 75%');
  assert.equal(await visitor.getByText('Patrol the park', { exact: true }).count(), 1);
  const open = await visitor.request.get(
    `${e2e.baseUrl}/consultations/${consultation.id}/open-data.csv`,
  );
  const openText = await open.text();
  assert.match(openText, new RegExp(`Yes,borough,${camden.name},fewer than 10,`));
  assert.doesNotMatch(openText, /More patrols at night/);
});
