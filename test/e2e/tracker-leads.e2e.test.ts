/**
 * Leads who are not users (issue 23 item 4, CON-08), in the browser with JavaScript off: a clerk
 * adds a strand with two leads typed by name: one of two people of that name, chosen when the
 * form asks which, and one not yet in the directory, added to it in the same step. Axe checks
 * each page, the form with its extra row, its errors and its choices included.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { people } from '../../src/modules/directory/schema.js';
import { trackerRecommendations } from '../../src/modules/tracker/schema.js';
import { users } from '../../src/platform/auth/schema.js';
import { loadRoles } from '../../src/platform/auth/service.js';
import { makePerson } from '../factories/directory.js';
import { trackerCsv } from '../factories/tracker.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('CON-08: a strand gets two leads by name, one chosen from two of that name, one added to the directory', async () => {
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
  await makePerson(e2e.app, { fullName: 'Sam Jones', email: null, jobTitle: 'Chief Inspector' });
  const youthWorker = await makePerson(e2e.app, {
    fullName: 'Sam Jones',
    email: null,
    jobTitle: 'Youth worker',
  });
  const imported = await e2e.services.tracker.importCsv(
    principal,
    trackerCsv([
      {
        source_title: 'Race IAG work plan 2006-07 (leads journey)',
        source_kind: 'review',
        recommendation: '1',
        recommendation_text: 'Advise on every critical incident in the year',
      },
    ]),
  );
  const [recommendation] = await e2e.services.db
    .select({ id: trackerRecommendations.id })
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.sourceId, imported.source.id));
  const recommendationId = recommendation!.id;

  await visit(page, `${e2e.baseUrl}/tracker/recommendations/${recommendationId}/key-points/new`);
  await page.getByLabel('Key point').fill('Youth strand');
  await page.locator('#lead-0-name').fill('Sam Jones');
  await page.getByRole('button', { name: 'Add another lead' }).click();
  await page.getByRole('group', { name: 'Lead 2' }).waitFor();
  await expectAccessible(page);
  assert.equal(await page.locator('#lead-0-name').inputValue(), 'Sam Jones');
  await page.locator('#lead-1-name').fill('Rosa Lead');
  await page.getByRole('button', { name: 'Add the key point' }).click();
  await expectErrors(page, [
    {
      field: 'lead-0-name',
      message: '2 people in the directory are called Sam Jones: choose which one',
    },
    {
      field: 'lead-1-name',
      message:
        'Nobody in the directory is called Rosa Lead: tick the box to add them, or choose a unit',
    },
  ]);
  await page.getByRole('group', { name: 'Which Sam Jones?' }).waitFor();
  await page.locator(`input[value="${youthWorker.id}"]`).check();
  await page.locator('#lead-1-add').check();
  await page.locator('#lead-1-jobTitle').fill('Strand lead');
  await page.getByRole('button', { name: 'Add the key point' }).click();
  await expectSuccess(page, /key point has been added/);
  await page.getByText('Lead: Sam Jones, Rosa Lead').waitFor();
  const [rosa] = await e2e.services.db
    .select()
    .from(people)
    .where(eq(people.fullName, 'Rosa Lead'));
  assert.equal(rosa!.jobTitle, 'Strand lead');
});
