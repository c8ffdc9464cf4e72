/**
 * Issue 24 items 5 and 9 (ICV-08): an issue raised, answered by the custody inspector, closed
 * and seen in the public summary. The scheme manager reviews a sent report from the review
 * queue, has a summary with a custody record number refused, raises the issue and marks the
 * report reviewed; the custody inspector of the suite answers it; the manager closes it as
 * resolved; anyone reads it, with the police response, on the public summary linked from the
 * scheme's page. Axe checks every page.
 */
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeSentReport, makeVisitingPair } from '../factories/custody-reports.js';
import { makeAccount } from '../factories/accounts.js';
import { makeCustodyInspector } from '../factories/custody-visiting.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInThroughPages, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const SUITE = 'Kentish Town Custody Suite';
const SUMMARY = 'The blanket store in the custody suite had run out';
const RESPONSE = 'The store is now checked and restocked at every change of shift';

async function headed(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await expectAccessible(page);
}

test('ICV-08: an issue raised, answered by the custody inspector, closed and seen in the public summary', async () => {
  const pair = await makeVisitingPair(e2e.app, { suite: SUITE });
  const sentAt = new Date(Date.now() - 24 * 3600_000).toISOString();
  await makeSentReport(e2e.app, pair, {
    submittedAt: sentAt,
    recordNumbers: ['01CD/5150/26'],
    followUp: 'Ask why the blanket store had run out',
  });
  const managerAccount = await makeAccount(e2e.app, { role: 'scheme_manager' });
  const inspectorAccount = await makeCustodyInspector(e2e.app, pair.suite);

  // The scheme manager reviews the report from the queue and raises the issue.
  const manager = await e2e.newPage();
  await signInThroughPages(manager, managerAccount);
  await manager.getByRole('link', { name: 'Review visit reports' }).first().click();
  await headed(manager, 'Custody review queue');
  await manager
    .getByRole('row', { name: new RegExp(SUITE) })
    .getByRole('link')
    .click();
  await headed(manager, `Review the report on ${SUITE}`);
  await manager.getByText('Ask why the blanket store had run out').waitFor();
  await manager.getByLabel('Summary of the issue').fill('Detainee 01CD/5150/26 had no blanket');
  await manager.getByRole('group', { name: 'Is this issue significant?' }).getByLabel('No').check();
  await manager.getByRole('button', { name: 'Add issue' }).click();
  await expectErrors(manager, [
    {
      field: 'summary',
      message: 'Remove the custody record number: what is published must never identify a detainee',
    },
  ]);
  await manager.getByLabel('Summary of the issue').fill(SUMMARY);
  await manager.getByRole('group', { name: 'Is this issue significant?' }).getByLabel('No').check();
  await manager.getByRole('button', { name: 'Add issue' }).click();
  await expectSuccess(manager, 'Issue raised');
  await manager.getByRole('link', { name: SUMMARY }).waitFor();
  await manager.getByLabel('Note on the review (optional)').fill('One matter for the inspector');
  await manager.getByRole('button', { name: 'Mark reviewed' }).click();
  await expectSuccess(manager, 'Report marked reviewed');

  // The custody inspector of the suite answers it.
  const inspector = await e2e.newPage();
  await signInThroughPages(inspector, inspectorAccount);
  await inspector.getByRole('link', { name: 'Issues for follow-up' }).first().click();
  await headed(inspector, 'Issues for follow-up');
  await inspector.getByRole('link', { name: SUMMARY }).click();
  await headed(inspector, `Issue at ${SUITE}`);
  await inspector.getByLabel('The police response').fill(RESPONSE);
  await inspector.getByRole('button', { name: 'Send response' }).click();
  await expectSuccess(inspector, 'Response sent');

  // The manager closes it as resolved.
  await manager.goto('/custody-visiting/follow-up?status=answered');
  await headed(manager, 'Issues for follow-up');
  await manager.getByRole('link', { name: SUMMARY }).click();
  await headed(manager, `Issue at ${SUITE}`);
  await manager.getByText(RESPONSE).first().waitFor();
  await manager.getByLabel('Resolved', { exact: true }).check();
  await manager.getByLabel('Note on the closure').fill('Seen restocked on the next visit');
  await manager.getByRole('button', { name: 'Close issue' }).click();
  await expectSuccess(manager, 'Issue closed');

  // Anyone reads it in the public summary, linked from the scheme's page.
  const anyone = await e2e.newPage();
  await anyone.goto(`${e2e.baseUrl}/custody-visiting`);
  await anyone
    .getByRole('link', {
      name: 'Issues raised by custody visitors and how the police answered them',
    })
    .click();
  await headed(anyone, 'Issues raised by custody visitors');
  const row = anyone.getByRole('row', { name: new RegExp(SUMMARY) });
  await row.getByText(RESPONSE).waitFor();
  await row.getByText('Closed: Resolved').waitFor();
  await row.getByText(SUITE).waitFor();
});
