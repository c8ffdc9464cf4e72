/**
 * Everything works with JavaScript off: signing in with a second factor, adding to the
 * directory after the error summary, and signing out, in a browser that runs no scripts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DirectoryPages } from './pages/directory.js';
import { expectErrors, expectSuccess, heading, signOut, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('the coordination unit signs in with a second factor, adds an organisation and signs out without JavaScript', async () => {
  const page = await e2e.newPage({ javaScript: false });
  await signInWithRole(e2e, page, 'coordination_unit');
  const scriptsRan = await page.evaluate(() => document.body.classList.contains('js-enabled'));
  assert.equal(scriptsRan, false, 'no page script ran');

  const directory = new DirectoryPages(page);
  await directory.openFromNavigation();
  await directory.search('Diversity');
  assert.deepEqual(await directory.resultsUnder('Organisations'), [
    'Diversity and Citizen Focus Directorate',
  ]);
  await page.getByRole('link', { name: 'Add an organisation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add an organisation' }).waitFor();
  await expectAccessible(page);

  await directory.fillOrganisation({ website: 'ftp://example.org' });
  await directory.save();
  await expectErrors(page, [
    { field: 'name', message: 'Enter the name of the organisation' },
    { field: 'kind', message: 'Select the type of organisation' },
    { field: 'website', message: 'Enter a web address that starts with https://' },
  ]);
  await directory.fillOrganisation({
    name: 'Southwark Street Pastors',
    type: 'Partner organisation',
    partOf: 'Southwark',
    website: 'https://southwarkpastors.example',
  });
  await directory.save();
  await expectSuccess(page, 'Southwark Street Pastors has been added to the directory');
  assert.equal(await heading(page), 'Southwark Street Pastors');
  assert.equal(await summaryValue(page, 'Part of'), 'Southwark');
  assert.equal(await summaryValue(page, 'Website'), 'https://southwarkpastors.example');

  await signOut(page);
});
