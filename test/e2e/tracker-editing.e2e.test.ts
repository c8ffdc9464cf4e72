/**
 * Editing, removing and withdrawing (issue 23, TRK-01) in the browser with JavaScript off: a
 * manager changes a recommendation's text (a taken number refused first), removes an action
 * nothing has been reported on, withdraws the key point with the reason, changes the source's
 * details and summary, and withdraws the whole source. Axe checks each page, the forms with
 * their errors included.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { trackerRecommendations } from '../../src/modules/tracker/schema.js';
import { users } from '../../src/platform/auth/schema.js';
import { loadRoles } from '../../src/platform/auth/service.js';
import { trackerCsv } from '../factories/tracker.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('TRK-01: a manager changes a recommendation, removes an action, withdraws a key point, changes the source and withdraws it', async () => {
  const page = await e2e.newPage({ javaScript: false });
  const account = await signInWithRole(e2e, page, 'authority_officer');
  const [user] = await e2e.services.db.select().from(users).where(eq(users.email, account.email));
  const principal = {
    kind: 'user' as const,
    userId: user!.id,
    displayName: user!.displayName,
    email: account.email,
    roles: await loadRoles(e2e.services.db, user!.id),
  };
  const imported = await e2e.services.tracker.importCsv(
    principal,
    trackerCsv([
      {
        source_title: 'Stop and search review (editing journey)',
        source_kind: 'review',
        recommendation: '1',
        recommendation_text: 'Record every stop',
        key_point: 'Stops recorded',
        action: 'Issue body-worn video',
        result: 'ongoing',
      },
      { recommendation: '2', recommendation_text: 'Publish the figures' },
    ]),
  );
  const [first] = await e2e.services.db
    .select({ id: trackerRecommendations.id })
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.sourceId, imported.source.id))
    .orderBy(trackerRecommendations.position);
  const recommendationId = first!.id;

  await visit(page, `${e2e.baseUrl}/tracker/recommendations/${recommendationId}`);
  await page.getByRole('link', { name: 'Change its number, heading or text' }).click();
  await page.getByRole('heading', { level: 1, name: 'Change recommendation 1' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Number').fill('2');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expectErrors(page, [{ field: 'number', message: 'This source already has a number 2' }]);
  await expectAccessible(page);
  await page.getByLabel('Number').fill('1');
  await page.getByLabel('Text').fill('Record every stop and search');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expectSuccess(page, /The changes have been saved/);
  await page
    .getByText('Changed the text from “Record every stop” to “Record every stop and search”')
    .waitFor();
  await expectAccessible(page);

  await page
    .getByRole('link', { name: 'Remove or withdraw action: Issue body-worn video' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Remove or withdraw this action' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Remove it' }).click();
  await expectSuccess(page, /The action has been removed/);
  assert.equal(await page.getByRole('cell', { name: /Issue body-worn video/ }).count(), 0);

  await page.getByRole('link', { name: 'Remove or withdraw key point: Stops recorded' }).click();
  await page.getByRole('button', { name: 'Withdraw it' }).click();
  await expectErrors(page, [{ field: 'reason', message: 'Enter why it is withdrawn' }]);
  await expectAccessible(page);
  await page.getByLabel('Why is it withdrawn?').fill('Covered by the national recording standard');
  await page.getByRole('button', { name: 'Withdraw it' }).click();
  await expectSuccess(page, /The key point has been withdrawn/);
  await page.getByText('Withdrawn: Covered by the national recording standard').first().waitFor();
  await expectAccessible(page);

  await visit(page, `${e2e.baseUrl}/tracker/sources/${imported.source.id}`);
  await page.getByRole('link', { name: 'Change the source’s details' }).click();
  await page.getByRole('heading', { level: 1, name: 'Change the source’s details' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Committee it reports to (optional)').fill('Police and Crime Committee');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expectSuccess(page, /The changes have been saved/);
  await page.getByText('Set the reporting committee to “Police and Crime Committee”').waitFor();
  await expectAccessible(page);

  // The source's summary, introduction and reporting year (a review has none: refused).
  await page.getByRole('link', { name: 'Change the source’s details' }).click();
  await page.getByLabel('Summary (optional)').fill('A review of stop and search in 2026');
  await page.getByLabel('Reporting year it covers (optional)').fill('2026-27');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expectErrors(page, [
    {
      field: 'coversYear',
      message: 'Only a work plan or an annual report covers a reporting year',
    },
  ]);
  await expectAccessible(page);
  await page.getByLabel('Reporting year it covers (optional)').fill('');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expectSuccess(page, /The changes have been saved/);
  await page.getByText('A review of stop and search in 2026', { exact: true }).waitFor();

  // The whole source withdrawn, with the reason: shown grey, nothing more to change.
  await page.getByRole('link', { name: 'Remove or withdraw the source' }).click();
  await page.getByRole('heading', { level: 1, name: 'Remove or withdraw this source' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Withdraw it' }).click();
  await expectErrors(page, [{ field: 'reason', message: 'Enter why it is withdrawn' }]);
  await expectAccessible(page);
  await page.getByLabel('Why is it withdrawn?').fill('Overtaken by the 2027 review');
  await page.getByRole('button', { name: 'Withdraw it' }).click();
  await expectSuccess(page, /The source has been withdrawn/);
  await page.getByText('Withdrawn: Overtaken by the 2027 review').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Change the source’s details' }).count(), 0);
  await expectAccessible(page);
});
