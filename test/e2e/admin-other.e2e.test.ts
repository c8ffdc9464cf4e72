/**
 * The rest of administration: API tokens (issued after a mistake, shown once, used from another
 * system, revoked), the audit trail that recorded it all, the API documentation, and the pages
 * for a path that does not exist and for a page a role may not see.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { callApi, ApiTokenPages } from './pages/api-tokens.js';
import {
  expectErrors,
  expectSuccess,
  heading,
  mainNavigation,
  summaryValue,
} from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

/** A calendar date in London, as a date field takes it (YYYY-MM-DD). */
function londonDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

test('an administrator issues an API token, another system uses it, it is revoked, and the audit trail shows it all', async () => {
  const page = await e2e.newPage();
  const tokens = new ApiTokenPages(page);
  const admin = await signInWithRole(e2e, page, 'administrator');
  await tokens.openFromNavigation();
  await tokens.startIssuing();

  await tokens.issue({ name: '', read: false, write: false, days: 'soon' });
  await expectErrors(page, [
    { field: 'name', message: 'Enter a name that says which system will use the token' },
    { field: 'scopes', message: 'Select what the token may do' },
    { field: 'expiresInDays', message: 'Enter a number of days from 1 to 730, or leave it empty' },
  ]);
  await tokens.issue({ name: 'Borough intranet directory', read: true, write: false, days: '30' });
  const token = await tokens.shownToken();
  await expectAccessible(page);
  assert.ok(token.length >= 30, 'a long random token');

  // It is shown once: the list names it but does not show it.
  await page.getByRole('link', { name: 'Back to API tokens' }).click();
  await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
  await expectAccessible(page);
  const row = page.getByRole('row').filter({ hasText: 'Borough intranet directory' });
  assert.match(await row.innerText(), /directory:read/);
  assert.ok(!(await page.content()).includes(token), 'the token is not shown again');

  // Another system calls the API with it.
  const path = '/api/v1/organisations?q=Camden';
  const answer = await callApi(e2e.baseUrl, path, token);
  assert.equal(answer.status, 200);
  assert.match(answer.contentType, /^application\/json/);
  const names = (answer.body.items as { name: string }[]).map((o) => o.name);
  assert.ok(names.includes('Camden'), names.join(', '));
  assert.equal((await callApi(e2e.baseUrl, path)).status, 401);
  await page.reload();
  assert.doesNotMatch(await row.innerText(), /Not used/);

  await page.getByRole('button', { name: 'Revoke token Borough intranet directory' }).click();
  await expectSuccess(page, 'Token revoked. Systems using it can no longer call the API');
  assert.match(await row.innerText(), /Revoked/);
  const refused = await callApi(e2e.baseUrl, path, token);
  assert.equal(refused.status, 401);
  assert.match(refused.contentType, /^application\/problem\+json/);

  // The audit trail, filtered by the administrator and by today, shows what was done.
  await mainNavigation(page).getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Person (e-mail address)').fill('nobody@bridge.example');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expectErrors(page, [
    { field: 'person', message: 'Enter the e-mail address of a Bridge user' },
  ]);
  await page.getByLabel('Person (e-mail address)').fill(admin.email);
  await page.getByLabel('Date from').fill(londonDate());
  await page.getByLabel('Date to').fill(londonDate(-1));
  await page.getByRole('button', { name: 'Filter' }).click();
  await expectErrors(page, [
    { field: 'to', message: 'Date to must be the same as or after date from' },
  ]);
  await page.getByLabel('Date to').fill(londonDate());
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL((url) => url.searchParams.get('to') === londonDate());
  await expectAccessible(page);
  const events = page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
  const listed = await events.allInnerTexts();
  assert.ok(listed.length >= 3, listed.join('\n'));
  assert.ok(
    listed.every((e) => e.includes(admin.name)),
    'only the administrator’s events',
  );
  assert.match(listed[0]!, /api-token\.revoked/, 'newest first');
  assert.ok(listed.some((e) => /api-token\.issued/.test(e)));
  assert.ok(listed.some((e) => /session\.signed-in/.test(e)));

  // Yesterday, nothing.
  await page.getByLabel('Date from').fill(londonDate(-1));
  await page.getByLabel('Date to').fill(londonDate(-1));
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByText('No events match.').waitFor();
  await expectAccessible(page);

  // One event in full.
  await page.goBack();
  await events.filter({ hasText: 'api-token.issued' }).getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: /^Audit event \d+$/ }).waitFor();
  await expectAccessible(page);
  assert.equal(await summaryValue(page, 'What'), 'api-token.issued');
  assert.equal(await summaryValue(page, 'Who'), admin.name);
  assert.match(await page.getByRole('main').innerText(), /Borough intranet directory/);
});

test('issue 21 item 16: an administrator uploads GOV.UK’s bank-holidays file; a wrong file is named', async () => {
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'administrator');
  await page.getByRole('link', { name: 'Bank holidays' }).click();
  assert.equal(await heading(page), 'Bank holidays');
  assert.match(await page.getByRole('main').innerText(), /Bridge knows them from 2020 to 2030/);
  await expectAccessible(page);
  const file = (text: string) => ({
    name: 'bank-holidays.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await page.getByLabel('GOV.UK’s bank-holidays file').setInputFiles(file('not json'));
  await page.getByRole('button', { name: 'Upload the bank holidays' }).click();
  await expectErrors(page, [
    {
      field: 'file',
      message:
        'The file must be the bank-holidays file GOV.UK publishes at https://www.gov.uk/bank-holidays.json, but it is not JSON',
    },
  ]);
  await expectAccessible(page);
  const division = (events: string) => ({
    events: [{ title: 'New Year’s Day', date: `${events}-01-01`, notes: '', bunting: true }],
  });
  await page.getByLabel('GOV.UK’s bank-holidays file').setInputFiles(
    file(
      JSON.stringify({
        'england-and-wales': division('2031'),
        scotland: division('2031'),
        'northern-ireland': division('2031'),
      }),
    ),
  );
  await page.getByRole('button', { name: 'Upload the bank holidays' }).click();
  await expectSuccess(page, /Bank holidays are now known from 2020 to 2031/);
  await expectAccessible(page);
});

test("issue 21 item 27: the footer's API documentation is a page of Bridge's own that passes axe; administrators open the interactive reference", async () => {
  const page = await e2e.newPage();
  await visit(page, '/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'API documentation' }).click();
  await page.getByRole('heading', { level: 1, name: 'The Bridge API' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/api-documentation');
  await expectAccessible(page);
  assert.ok(await page.getByRole('cell', { name: 'List or search organisations' }).isVisible());
  assert.equal(await page.getByRole('link', { name: /interactive reference/ }).count(), 0);

  await signInWithRole(e2e, page, 'administrator');
  await visit(page, '/api-documentation');
  await page.getByRole('link', { name: 'try the API in the interactive reference' }).click();
  await page.waitForURL(/\/admin\/api-reference/);
  // Swagger UI is third-party markup drawn by its own script: not checked with axe here.
  await page.getByRole('heading', { name: /Bridge API/ }).waitFor();
  await page.getByText('/api/v1/organisations', { exact: true }).first().waitFor();
});

test('an unknown address, a malformed id and an unknown id give the page-not-found page', async () => {
  const page = await e2e.newPage();
  await visit(page, '/no-such-page', 404);
  assert.equal(await heading(page), 'Page not found');
  await signInWithRole(e2e, page, 'requester');
  for (const path of [
    '/no-such-page',
    '/directory/people/not-a-uuid',
    '/directory/organisations/not-a-uuid',
    '/directory/organisations/00000000-0000-4000-8000-000000000000',
  ]) {
    await visit(page, path, 404);
    assert.equal(await heading(page), 'Page not found', path);
  }
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
});

test('an advisor who opens an administration page is told they may not see it', async () => {
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'advisor');
  for (const path of ['/admin/users', '/admin/audit', '/admin/api-tokens', '/directory']) {
    await visit(page, path, 403);
    assert.equal(await heading(page), 'You do not have permission to see this page');
  }
  // Signed out, the same address asks the person to sign in first.
  const signedOut = await e2e.newPage();
  await visit(signedOut, '/admin/users');
  await signedOut.getByRole('heading', { name: 'Sign in to Bridge' }).waitFor();
});
