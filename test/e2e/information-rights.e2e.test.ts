/**
 * Issue 28 part 3 (DP-02): the coordination unit logs a subject access request for a person found
 * in the directory, records how their identity was checked (an answer before it is refused), and
 * answers it with the archive, whose summary names the person's expense claim; the person
 * downloads their own export from Your account. Part 5: the unit logs a request to erase, decides
 * it agreed with reasons, carries it out and reads the counts, and the directory no longer names
 * the person. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { todayInLondon } from '../../src/platform/calendar/index.js';
import { groupIdByCode } from '../app.js';
import type { FactoryAccount } from '../factories/accounts.js';
import { makeExpenseClaim } from '../factories/expenses.js';
import { makeMember } from '../factories/groups.js';
import { makeMeeting } from '../factories/meetings.js';
import { expectErrors, expectSuccess } from './pages/govuk.js';
import {
  expectAccessible,
  signInThroughPages,
  signInWithRole,
  startE2E,
  type E2E,
} from './support.js';

let e2e: E2E;
let avery: FactoryAccount;
let blake: FactoryAccount;
before(async () => {
  e2e = await startE2E({ demo: false });
  const race = await groupIdByCode(e2e.app, 'iag-race');
  avery = await makeMember(e2e.app, race, { name: 'Avery Marchbanks' });
  blake = await makeMember(e2e.app, race, { name: 'Blake Thornycroft' });
  const held = await makeMeeting(e2e.app, race, {
    title: 'Race IAG on access',
    date: '2026-11-09',
  });
  await makeExpenseClaim(e2e.app, avery, {
    occasion: `meeting:${held.id}`,
    costs: [{ incurredOn: '2026-11-09', description: 'Tram to Croydon', amount: '2.80' }],
  });
});
after(() => e2e.close());

const summaryOf = (path: string) =>
  strFromU8(unzipSync(new Uint8Array(readFileSync(path)))['summary.html']!);

test('the coordination unit logs a subject access request, checks identity and answers it with the archive', async () => {
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'coordination_unit');
  await page.getByRole('link', { name: 'Subject access' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Subject access requests' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log a request' }).click();
  await page.getByRole('heading', { level: 1, name: 'Log a request' }).waitFor();
  await expectAccessible(page);

  // Nobody chosen and no date: each is named.
  await page.getByRole('button', { name: 'Log request' }).click();
  await expectErrors(page, [
    { field: 'personId', message: 'Choose the person the request is about' },
    { field: 'receivedOn-day', message: 'Enter the date the request was received' },
  ]);
  await expectAccessible(page);

  await page.getByLabel('Who is the request about?').fill('Marchbanks');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByLabel('Avery Marchbanks').check();
  const [year, month, day] = todayInLondon(new Date()).split('-') as [string, string, string];
  const received = page.getByRole('group', { name: 'When was the request received?' });
  await received.getByLabel('Day').fill(String(Number(day)));
  await received.getByLabel('Month').fill(String(Number(month)));
  await received.getByLabel('Year').fill(year);
  await page.getByRole('button', { name: 'Log request' }).click();
  await expectSuccess(page, 'The request has been logged');
  await page
    .getByRole('heading', { level: 1, name: 'Subject access request: Avery Marchbanks' })
    .waitFor();
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Identity checked\s+Not yet checked/);

  await page.getByLabel('How was their identity checked?').fill('Driving licence seen');
  await page.getByRole('button', { name: 'Record identity check' }).click();
  await expectSuccess(page, 'The identity check has been recorded');
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Driving licence seen/);

  await page.getByRole('button', { name: 'Answer with the archive' }).click();
  await expectSuccess(page, /The request has been answered/);
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the archive sent (ZIP)' }).click(),
  ]);
  const summary = summaryOf((await download.path())!);
  assert.match(summary, /What Bridge holds about Avery Marchbanks/);
  assert.match(summary, /Tram to Croydon/);

  // The register shows it answered.
  await page.goto('/information-rights/subject-access?status=answered');
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Avery Marchbanks[\s\S]*Answered/);
});

test('a person downloads their own data from Your account', async () => {
  const page = await e2e.newPage();
  await signInThroughPages(page, avery);
  await page.getByRole('link', { name: 'Your account' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await page.getByRole('link', { name: 'Download your data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Download your data' }).waitFor();
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download your data (ZIP)' }).click(),
  ]);
  const summary = summaryOf((await download.path())!);
  assert.match(summary, /What Bridge holds about Avery Marchbanks/);
  assert.match(summary, /Tram to Croydon/);
  assert.match(summary, new RegExp(avery.email.replace(/[.]/g, '\\.')));
});

test('the coordination unit logs a request to erase, agrees it with reasons and carries it out; the directory no longer names the person', async () => {
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'coordination_unit');
  await page.getByRole('link', { name: 'Requests to erase or correct' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Requests to erase or correct' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log a request to erase or correct' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Log a request to erase or correct' })
    .waitFor();
  await expectAccessible(page);

  // Nothing given: each field is named.
  await page.getByRole('button', { name: 'Log request' }).click();
  await expectErrors(page, [
    { field: 'personId', message: 'Choose the person the request is about' },
    { field: 'kind', message: 'Choose whether the person asks to erase or to correct' },
    { field: 'receivedOn-day', message: 'Enter the date the request was received' },
    { field: 'asked', message: 'Enter what is asked' },
  ]);
  await expectAccessible(page);

  await page.getByLabel('Who is the request about?').fill('Thornycroft');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByLabel('Blake Thornycroft').check();
  await page.getByLabel('Erase', { exact: true }).check();
  const [year, month, day] = todayInLondon(new Date()).split('-') as [string, string, string];
  const received = page.getByRole('group', { name: 'When was the request received?' });
  await received.getByLabel('Day').fill(String(Number(day)));
  await received.getByLabel('Month').fill(String(Number(month)));
  await received.getByLabel('Year').fill(year);
  await page.getByLabel('What is asked').fill('Erase everything you hold about me.');
  await page.getByRole('button', { name: 'Log request' }).click();
  await expectSuccess(page, 'The request has been logged');
  await page
    .getByRole('heading', { level: 1, name: 'Request to erase: Blake Thornycroft' })
    .waitFor();
  await expectAccessible(page);

  // A decision without reasons is refused, naming them.
  await page.getByLabel('Agreed', { exact: true }).check();
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expectErrors(page, [
    { field: 'reasons', message: 'Enter the reasons, saying what must be kept and why' },
  ]);
  await page.getByLabel('Agreed', { exact: true }).check();
  await page
    .getByLabel('Reasons')
    .fill('Minutes and decisions are kept, naming nobody; expense claims are kept for audit.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expectSuccess(page, 'The decision has been recorded');
  assert.match(await page.getByRole('main').innerText(), /Decided\s+Agreed/);

  await page.getByRole('button', { name: 'Erase the person’s data' }).click();
  await expectSuccess(page, 'The person’s data has been erased');
  await page.getByRole('heading', { level: 1, name: 'Request to erase: Erased person' }).waitFor();
  const table = page.getByRole('table', { name: /What was erased or anonymised/ });
  assert.match(await table.innerText(), /Directory\s+directory entry\s+1\s+Anonymised/);
  assert.match(await table.innerText(), /Advisory groups\s+memberships\s+1\s+Anonymised/);
  assert.doesNotMatch(await page.getByRole('main').innerText(), /Thornycroft/);

  // The directory no longer names them; their entry stays, anonymised.
  await page.goto(`/directory/people/${blake.personId}`);
  await page.getByRole('heading', { level: 1, name: 'Erased person' }).waitFor();
  await expectAccessible(page);
  assert.doesNotMatch(await page.getByRole('main').innerText(), /Blake|Thornycroft/);
  await page.goto('/directory/people?q=Thornycroft');
  await expectAccessible(page);
  assert.doesNotMatch(await page.getByRole('main').innerText(), /Blake Thornycroft/);
});
