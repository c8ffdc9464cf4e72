/**
 * Issue 25 item 6 (CON-07): "you said, we did". A consultation on stop and account has closed
 * (seed 001 para 19); the decision it fed is minuted and the change promised is tracked. The
 * officer writes what people said and what was done, chooses the minute and the tracker source,
 * is refused publishing a promised change without its source, then publishes; the public reads
 * it from the list, with the decision, its minutes' link and the action's status. Axe checks
 * every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { makeChangeSource, makeDecisionMinute } from '../factories/consultation-outcomes.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('the officer publishes you said, we did linked to the minute and the source; the public reads it with the action’s status', async () => {
  const consultation = await makeConsultation(e2e.app, {
    title: 'Recording stop and account',
    opensOn: '2024-01-08',
    closesOn: '2024-03-29',
  });
  await makeResponse(e2e.app, consultation, { 0: 'Yes' });
  await makeResponse(e2e.app, consultation, { 0: 'Yes' });
  await makeResponse(e2e.app, consultation, { 0: 'No' });
  const minute = await makeDecisionMinute(e2e.app, {
    heading: 'Stop and account: recording kept',
    meetingTitle: 'Race Independent Advisory Group, March meeting',
    date: '2025-03-12',
  });
  const source = await makeChangeSource(e2e.app, {
    title: 'Stop and account: keeping the record',
    action: 'Keep the stop and account form in every borough',
    result: 'ongoing',
  });

  const officer = await e2e.newPage();
  await signInWithRole(e2e, officer, 'authority_officer');
  await officer.goto(`${e2e.baseUrl}/consultation/consultations/${consultation.id}/outcome`);
  await officer
    .getByRole('heading', { level: 1, name: 'Write what came of Recording stop and account' })
    .waitFor();
  await expectAccessible(officer);
  await officer
    .getByLabel('You said')
    .fill('You told us that recording stop and account builds trust and should stay.');
  await officer
    .getByLabel('We did')
    .fill('The police kept recording stop and account in every borough.');
  await officer.getByLabel('Kind of body that decided').selectOption({ label: 'Advisory groups' });
  await officer.getByRole('button', { name: 'Show its minutes' }).click();
  await officer.getByRole('heading', { level: 1 }).waitFor();
  await expectAccessible(officer);
  await officer.getByLabel('Minute recording the decision').selectOption({
    label: `${minute.meetingTitle}, 12 March 2025: Stop and account: recording kept`,
  });
  await officer.getByRole('group', { name: 'Was a change promised?' }).getByLabel('Yes').check();
  // A promised change needs its tracker source.
  await officer.getByRole('button', { name: 'Save and publish' }).click();
  await expectErrors(officer, [
    {
      field: 'trackerSourceId',
      message: 'Choose the tracker source whose actions show the promised change happening',
    },
  ]);
  // What was typed is kept; the source is found by its title.
  assert.match(await officer.getByLabel('We did').inputValue(), /kept recording/);
  await officer.getByLabel('Find sources by title').fill('keeping the record');
  await officer.getByRole('button', { name: 'Find sources' }).click();
  await officer.getByRole('heading', { level: 1 }).waitFor();
  await officer.getByLabel('Tracker source').selectOption({ label: `${source.title} (Review)` });
  await officer.getByRole('button', { name: 'Save and publish' }).click();
  await expectSuccess(officer, 'The outcome was published.');
  await officer.getByRole('heading', { level: 2, name: 'How the change is going' }).waitFor();

  // The public finds it in the list and reads it.
  const reader = await e2e.newPage();
  await reader.goto(`${e2e.baseUrl}/consultations/you-said-we-did`);
  await reader.getByRole('heading', { level: 1, name: 'You said, we did' }).waitFor();
  await expectAccessible(reader);
  await reader.getByRole('link', { name: 'Recording stop and account' }).click();
  await reader
    .getByRole('heading', { level: 1, name: 'You said, we did: Recording stop and account' })
    .waitFor();
  await expectAccessible(reader);
  const main = (await reader.getByRole('main').innerText()).replace(/\s+/g, ' ');
  assert.match(main, /Responses received 3/);
  assert.match(main, /You said You told us that recording stop and account builds trust/);
  assert.match(main, /We did The police kept recording stop and account in every borough\./);
  assert.match(main, /The decision Stop and account: recording kept/);
  assert.match(main, /Decided at Race Independent Advisory Group, March meeting on 12 March 2025/);
  const row = (
    await reader
      .getByRole('row', { name: /Keep the stop and account form in every borough/ })
      .innerText()
  ).replace(/\s+/g, ' ');
  assert.match(row, /Ongoing/);
  await reader
    .getByRole('link', {
      name: 'Read the minutes of Race Independent Advisory Group, March meeting',
    })
    .click();
  await reader.waitForURL(new RegExp(`/meetings/${minute.meetingId}$`));
  await reader.goBack();
  await reader.getByRole('link', { name: `See all progress on ${source.title}` }).click();
  await reader.getByRole('heading', { level: 1, name: source.title }).waitFor();
});
