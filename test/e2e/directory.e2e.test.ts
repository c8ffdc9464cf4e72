/**
 * The directory: an authority officer (an editor) searches, pages through the organisations,
 * adds an organisation and a person in it (after mistakes), changes the person, archives and
 * restores them; a requester reads the directory but is offered nothing to change, and does not
 * find archived people.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeOrganisation, makePerson, referenceOrganisationId } from '../factories/directory.js';
import { DirectoryPages } from './pages/directory.js';
import { expectErrors, expectSuccess, heading, summaryValue } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

let camdenEntries: Promise<void> | undefined;

/**
 * Camden's engagement group and partnership inspector, and the Director in her directorate,
 * made once for the file (on first asking): two of each would make the links ambiguous.
 */
function makeDirectoryEntries(): Promise<void> {
  camdenEntries ??= (async () => {
    const camden = await referenceOrganisationId(e2e.app, 'E09000007');
    await makeOrganisation(e2e.app, {
      name: 'Camden Community and Police Engagement Group',
      kind: 'community',
      email: 'cpeg@camden.example',
    });
    await makePerson(e2e.app, {
      fullName: 'Inspector Pat Partnership',
      jobTitle: 'Partnership inspector, Camden',
      organisationId: camden,
    });
    await makePerson(e2e.app, {
      fullName: 'Dana Director',
      jobTitle: 'Director, Diversity and Citizen Focus',
      organisationId: await referenceOrganisationId(e2e.app, 'dcfd'),
    });
  })();
  return camdenEntries;
}

test('an authority officer searches the directory and pages through the organisations', async () => {
  const page = await e2e.newPage();
  await makeDirectoryEntries();
  const directory = new DirectoryPages(page);
  await signInWithRole(e2e, page, 'authority_officer');
  await directory.openFromNavigation();

  await directory.search('Camden');
  const camdenOrganisations = await directory.resultsUnder('Organisations');
  assert.ok(camdenOrganisations.includes('Camden'), camdenOrganisations.join(', '));
  assert.ok(camdenOrganisations.includes('Camden Community and Police Engagement Group'));
  assert.ok((await directory.resultsUnder('People')).includes('Inspector Pat Partnership'));

  await directory.search('Diversity');
  assert.deepEqual(await directory.resultsUnder('Organisations'), [
    'Diversity and Citizen Focus Directorate',
  ]);
  await page.getByRole('link', { name: 'Diversity and Citizen Focus Directorate' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Diversity and Citizen Focus Directorate' })
    .waitFor();
  await expectAccessible(page);
  assert.equal(await summaryValue(page, 'Part of'), 'Metropolitan Police Service');
  await page.getByRole('link', { name: 'Dana Director' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dana Director' }).waitFor();
  await expectAccessible(page);
  assert.equal(await summaryValue(page, 'Organisation'), 'Diversity and Citizen Focus Directorate');

  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: 'Directory' })
    .click();
  await directory.search('zzzz nothing like this');
  assert.deepEqual(await directory.resultsUnder('Organisations'), []);
  assert.match(await page.getByRole('main').innerText(), /No organisations match\./);

  // Over 40 organisations: the list has a second page.
  await directory.openOrganisations();
  const first = await directory.listCaption();
  const total = Number(/of (\d+)$/.exec(first)?.[1]);
  assert.ok(total > 40, first);
  assert.equal(first, `Showing 1 to 25 of ${total}`);
  const firstPage = await directory.listedNames();
  const pagination = page.getByRole('navigation', { name: 'Pagination' });
  await pagination.getByRole('link', { name: /Next/ }).click();
  await page.waitForURL(/page=2/);
  await expectAccessible(page);
  assert.equal(await directory.listCaption(), `Showing 26 to ${total} of ${total}`);
  const secondPage = await directory.listedNames();
  assert.equal(secondPage.length, total - 25);
  assert.deepEqual(
    secondPage.filter((n) => firstPage.includes(n)),
    [],
    'no organisation on both pages',
  );
  await pagination.getByRole('link', { name: /Previous/ }).click();
  await page.waitForURL((url) => !url.searchParams.has('page'));
  assert.deepEqual(await directory.listedNames(), firstPage);

  // A filter is kept from page to page: the 32 boroughs and the City of London.
  await page.getByLabel('Type').selectOption({ label: 'Borough' });
  await page
    .getByRole('search', { name: 'Organisations' })
    .getByRole('button', { name: 'Search' })
    .click();
  await page.waitForURL(/kind=borough/);
  await expectAccessible(page);
  assert.equal(await directory.listCaption(), 'Showing 1 to 25 of 33');
  await pagination.getByRole('link', { name: /Next/ }).click();
  await page.waitForURL(/kind=borough.*page=2/);
  await expectAccessible(page);
  assert.equal(await directory.listCaption(), 'Showing 26 to 33 of 33');
  assert.equal(await page.getByLabel('Type').locator('option:checked').innerText(), 'Borough');
});

test('an authority officer adds an organisation and a person, changes, archives and restores the person', async () => {
  const editor = await e2e.newPage();
  const directory = new DirectoryPages(editor);
  await signInWithRole(e2e, editor, 'authority_officer');
  await directory.openOrganisations();
  await editor.getByRole('button', { name: 'Add an organisation' }).click();
  await editor.getByRole('heading', { level: 1, name: 'Add an organisation' }).waitFor();
  await expectAccessible(editor);

  await directory.save();
  await expectErrors(editor, [
    { field: 'name', message: 'Enter the name of the organisation' },
    { field: 'kind', message: 'Select the type of organisation' },
  ]);
  const organisation = {
    name: 'Brixton Faith Forum',
    type: 'Community organisation',
    description: 'Faith leaders who meet monthly with the borough commander.',
    email: 'not-an-address',
    phone: 'call us',
    website: 'brixton-faith.example',
  };
  await directory.fillOrganisation(organisation);
  await directory.save();
  await expectErrors(editor, [
    {
      field: 'email',
      message: 'Enter an e-mail address in the correct format, like name@example.org',
    },
    { field: 'phone', message: 'Enter a telephone number, like 020 7946 0000 or +44 20 7946 0000' },
    { field: 'website', message: 'Enter a web address that starts with https://' },
  ]);
  // What was typed is kept.
  assert.equal(await editor.getByLabel('Name', { exact: true }).inputValue(), organisation.name);
  await directory.fillOrganisation({
    email: 'hello@brixtonfaith.example',
    phone: '020 7946 0999',
    website: 'https://brixtonfaith.example',
    partOf: 'Lambeth',
  });
  await directory.save();
  await expectSuccess(editor, 'Brixton Faith Forum has been added to the directory');
  assert.equal(await heading(editor), 'Brixton Faith Forum');
  assert.equal(await summaryValue(editor, 'E-mail'), 'hello@brixtonfaith.example');
  assert.equal(await summaryValue(editor, 'Part of'), 'Lambeth');

  // A person in it.
  await editor.getByRole('link', { name: 'Add a person to Brixton Faith Forum' }).click();
  await editor.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
  await expectAccessible(editor);
  assert.equal(
    await editor.getByLabel('Organisation (optional)').locator('option:checked').innerText(),
    'Brixton Faith Forum',
  );
  await directory.fillPerson({ jobTitle: 'Chair', email: 'nope' });
  await directory.save();
  await expectErrors(editor, [
    { field: 'fullName', message: 'Enter the person’s full name' },
    {
      field: 'email',
      message: 'Enter an e-mail address in the correct format, like name@example.org',
    },
  ]);
  await directory.fillPerson({ fullName: 'Imam Yusuf Quill', email: 'yusuf@brixtonfaith.example' });
  await directory.save();
  await expectSuccess(editor, 'Imam Yusuf Quill has been added to the directory');
  assert.equal(await summaryValue(editor, 'Organisation'), 'Brixton Faith Forum');
  assert.equal(await summaryValue(editor, 'Job title'), 'Chair');
  const personPath = new URL(editor.url()).pathname;

  // Change the person.
  await editor.getByRole('button', { name: 'Change' }).click();
  await editor.getByRole('heading', { level: 1, name: 'Change person' }).waitFor();
  await expectAccessible(editor);
  assert.equal(await editor.getByLabel('Full name').inputValue(), 'Imam Yusuf Quill');
  await directory.fillPerson({ fullName: '', jobTitle: 'Vice-chair' });
  await directory.save();
  await expectErrors(editor, [{ field: 'fullName', message: 'Enter the person’s full name' }]);
  await directory.fillPerson({ fullName: 'Imam Yusuf Quill', phone: '020 7946 0998' });
  await directory.save();
  await expectSuccess(editor, 'Imam Yusuf Quill has been updated');
  assert.equal(await summaryValue(editor, 'Job title'), 'Vice-chair');
  assert.equal(await summaryValue(editor, 'Telephone'), '020 7946 0998');

  // Archive: hidden from a requester, kept for the editor.
  await editor.getByRole('button', { name: 'Archive person' }).click();
  await expectSuccess(editor, 'The person has been archived');
  assert.match(await heading(editor), /Imam Yusuf Quill\s+Archived/);

  const requester = await e2e.newPage();
  const readOnly = new DirectoryPages(requester);
  await signInWithRole(e2e, requester, 'requester');
  await readOnly.openPeople();
  assert.equal(await requester.getByLabel('Include archived').count(), 0);
  await readOnly.searchList('People', 'Quill');
  assert.deepEqual(await readOnly.listedNames(), []);
  await visit(requester, personPath, 404);

  await directory.openPeople();
  await directory.searchList('People', 'Quill', false);
  assert.deepEqual(await directory.listedNames(), []);
  await directory.searchList('People', 'Quill', true);
  assert.deepEqual(await directory.listedNames(), ['Imam Yusuf Quill Archived']);
  await editor.getByRole('link', { name: 'Imam Yusuf Quill' }).click();
  await editor.getByRole('button', { name: 'Restore person' }).click();
  await expectSuccess(editor, 'The person has been restored');
  assert.equal(await heading(editor), 'Imam Yusuf Quill');

  await readOnly.openPeople();
  await readOnly.searchList('People', 'Quill');
  assert.deepEqual(await readOnly.listedNames(), ['Imam Yusuf Quill']);
});

test('a requester reads the directory but is offered nothing to change', async () => {
  const page = await e2e.newPage();
  await makeDirectoryEntries();
  const directory = new DirectoryPages(page);
  await signInWithRole(e2e, page, 'requester');
  await directory.openFromNavigation();
  assert.deepEqual(await directory.editingControls(), []);
  await directory.search('Camden');
  await page.getByRole('link', { name: 'Camden Community and Police Engagement Group' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Camden Community and Police Engagement Group' })
    .waitFor();
  await expectAccessible(page);
  assert.equal(await summaryValue(page, 'E-mail'), 'cpeg@camden.example');
  assert.deepEqual(await directory.editingControls(), []);
  await directory.openOrganisations();
  assert.deepEqual(await directory.editingControls(), []);
  await page.getByRole('link', { name: 'Camden', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Camden' }).waitFor();
  await expectAccessible(page);
  assert.deepEqual(await directory.editingControls(), []);
  await page.getByRole('link', { name: 'Inspector Pat Partnership' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inspector Pat Partnership' }).waitFor();
  await expectAccessible(page);
  assert.deepEqual(await directory.editingControls(), []);
  await directory.openPeople();
  assert.deepEqual(await directory.editingControls(), []);
  // Nor can they reach the forms by their addresses.
  await visit(page, '/directory/organisations/new', 403);
  await visit(page, '/directory/people/new', 403);
});
