/**
 * Issue 26 part 5 (CDRP-08): an authority officer records good practice in Camden, with its
 * contact found in the directory (an empty form refused first), marks it public, and anyone then
 * finds it on the public site by its words and theme. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeBorough, makePerson } from '../factories/directory.js';
import { expectErrors, expectSuccess, mainNavigation, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('a manager records good practice, marks it public, and the public page shows it', async () => {
  const camden = await makeBorough(e2e.app, { name: 'Camden good-practice borough' });
  await makePerson(e2e.app, { fullName: 'Pat Youthworkerzz', jobTitle: 'Youth worker' });
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'authority_officer');

  await mainNavigation(page).getByRole('link', { name: 'Good practice' }).click();
  await page.getByRole('heading', { level: 1, name: 'Good-practice library' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Record good practice' }).click();
  await page.getByRole('heading', { level: 1, name: 'Record good practice' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await expectErrors(page, [
    { field: 'title', message: 'Enter the title' },
    { field: 'summary', message: 'Enter what was done' },
    { field: 'theme', message: 'Select the theme' },
  ]);

  await page.getByLabel('Title').fill('Young people question the commander');
  await page
    .getByLabel('What was done')
    .fill('A youth forum meets the borough commander quarterly.');
  await page.getByLabel('What worked and lessons learned').fill('Letting them chair it.');
  await page.getByLabel('Young people').check();
  await page.getByLabel('Borough').selectOption({ label: camden.name });
  // The contact, found in the directory: what was typed stays.
  await page.getByLabel('Find the contact person in the directory').fill('Youthworkerzz');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel('Pat Youthworkerzz').check();
  await expectAccessible(page);
  assert.equal(await page.getByLabel('Title').inputValue(), 'Young people question the commander');
  await page.getByRole('button', { name: 'Save' }).click();
  await expectSuccess(page, 'Young people question the commander has been recorded');
  await expectAccessible(page);
  assert.equal(await summaryValue(page, 'Contact person'), 'Pat Youthworkerzz');
  assert.equal(await summaryValue(page, 'Public'), 'Not public');

  await page.getByRole('button', { name: 'Mark as public' }).click();
  await expectSuccess(page, 'Young people question the commander is now public');
  await expectAccessible(page);
  assert.match(await summaryValue(page, 'Public'), /^Public since /);

  // Anyone, signed out, finds it by its words and theme.
  const visitor = await e2e.newPage();
  await visit(visitor, '/good-practice');
  await visitor.getByRole('heading', { level: 1, name: 'Good practice' }).waitFor();
  await expectAccessible(visitor);
  await visitor.getByLabel('Words in the title or summary').fill('youth forum');
  await visitor.getByLabel('Theme').selectOption({ label: 'Young people' });
  await visitor.getByRole('button', { name: 'Search' }).click();
  await expectAccessible(visitor);
  await visitor.getByRole('link', { name: 'Young people question the commander' }).click();
  await visitor
    .getByRole('heading', { level: 1, name: 'Young people question the commander' })
    .waitFor();
  await expectAccessible(visitor);
  const main = await visitor.getByRole('main').innerText();
  assert.match(main, /A youth forum meets the borough commander quarterly\./);
  assert.match(main, /Letting them chair it\./);
  assert.equal(await summaryValue(visitor, 'Borough'), camden.name);
  assert.doesNotMatch(main, /Pat Youthworkerzz/);
});
