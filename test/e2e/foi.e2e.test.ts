/**
 * Issue 28 part 1 (FOI-01, Rec 10): the coordination unit logs a Freedom of Information request
 * (a form sent empty first, refused field by field), stops the clock for clarification and
 * restarts it (the due date moves on by the working days stopped, as the page shows), answers
 * with a part withheld under s.40, publishes it with a released document, and a member of the
 * public reads it in the disclosure log, with no requester named. Issue 28 part 2: a request
 * names the advisory group it touches, and the group's page shows the request, linked to it.
 * Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectErrors, expectSuccess, fillDate, mainNavigation } from './pages/govuk.js';
import { makeGroup } from '../factories/groups.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

test('a request is logged, its clock stopped and restarted, answered with a part withheld, published, and read in the disclosure log', async () => {
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'coordination_unit');
  await mainNavigation(page).getByRole('link', { name: 'FOI requests' }).click();
  await page.getByRole('heading', { level: 1, name: 'Freedom of Information requests' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log a request' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Log a Freedom of Information request' })
    .waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log request' }).click();
  await expectErrors(page, [
    { field: 'received-day', message: 'Enter the date the request was received' },
    {
      field: 'receivedTime',
      message: 'Enter the time the request was received, such as 14:30 or 5:45pm',
    },
    { field: 'requesterName', message: 'Enter the requester’s name' },
    {
      field: 'requesterContact',
      message: 'Enter the requester’s contact details: an email or postal address',
    },
    { field: 'channel', message: 'Select how the request came' },
    { field: 'asked', message: 'Enter what is asked' },
  ]);

  // Monday 2 March 2026 at 10:00: due Tuesday 31 March.
  await fillDate(page, 'When the request was received', '2026-03-02');
  await page.getByLabel('Time received').fill('10:00');
  await page.getByLabel('Requester’s name').fill('Robin Private');
  await page.getByLabel('Requester’s contact details').fill('robin@example.org');
  await page.getByRole('radio', { name: 'Email' }).check();
  const asked = 'The minutes of the advisory group on stop and search, 2025';
  await page.getByLabel('What is asked').fill(asked);
  await page.getByRole('button', { name: 'Log request' }).click();
  await expectSuccess(page, /logged: due 31 March 2026/);
  const requestUrl = page.url();
  assert.match(await page.locator('#due').innerText(), /Due 31 March 2026 \(/);

  // Clarification asked for on Monday 9 March: the clock stops.
  await page.getByRole('button', { name: 'Stop the clock' }).click();
  await page.getByRole('heading', { level: 1, name: 'Stop the clock' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('radio', { name: 'Awaiting clarification' }).check();
  await fillDate(page, /fee notice or request for clarification was sent/, '2026-03-09');
  await page.getByRole('button', { name: 'Stop the clock' }).click();
  await expectSuccess(page, 'Clock stopped');
  assert.match(await page.locator('#due').innerText(), /The clock is stopped/);

  // The clarification arrives on Monday 16 March: twenty working days afresh from then (St
  // Patrick's Day, Good Friday and Easter Monday not counted): Thursday 16 April.
  await page.getByRole('button', { name: 'Restart the clock' }).click();
  await page.getByRole('heading', { level: 1, name: 'Restart the clock' }).waitFor();
  await expectAccessible(page);
  await fillDate(page, 'The day the fee or clarification arrived', '2026-03-16');
  await page.getByRole('button', { name: 'Restart the clock' }).click();
  await expectSuccess(page, 'Clock restarted: the due date has moved');
  assert.match(await page.locator('#due').innerText(), /Due 16 April 2026/);

  await page.getByRole('button', { name: 'Record the answer' }).click();
  await page.getByRole('heading', { level: 1, name: 'Record the answer' }).waitFor();
  await expectAccessible(page);
  await fillDate(page, 'The date the answer was sent', '2026-04-08');
  const part1 = page.getByRole('group', { name: 'Part 1' });
  await part1.getByLabel('What this part is').fill('The minutes');
  await part1.getByRole('radio', { name: 'Released' }).check();
  const part2 = page.getByRole('group', { name: 'Part 2' });
  await part2.getByLabel('What this part is').fill('Names of members of the public who spoke');
  await part2.getByRole('radio', { name: 'Withheld in part' }).check();
  await page.getByRole('button', { name: 'Record answer' }).click();
  await expectErrors(page, [
    { field: 'part2Exemption', message: 'Select the exemption relied on to withhold part 2' },
  ]);
  await page
    .getByRole('group', { name: 'Part 2' })
    .getByLabel('Exemption relied on')
    .selectOption('s.40');
  await page.getByRole('button', { name: 'Record answer' }).click();
  await expectSuccess(page, 'Answer recorded');
  assert.match(
    await page.locator('#due').innerText(),
    /It was due 16 April 2026\. Answered on time, 8 April 2026\./,
  );

  await page.getByRole('button', { name: 'Publish in the disclosure log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Publish in the disclosure log' }).waitFor();
  await expectAccessible(page);
  const summary = 'The minutes of the stop and search advisory group for 2025, released.';
  await page.getByLabel('Summary for the public').fill(summary);
  await page.getByLabel('I confirm the summary names nobody').check();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expectSuccess(page, 'Published in the disclosure log');

  await page.getByRole('button', { name: 'Attach a released document' }).click();
  await page.getByRole('heading', { level: 1, name: 'Attach a released document' }).waitFor();
  await expectAccessible(page);
  await page
    .getByLabel('Document', { exact: true })
    .setInputFiles({ name: 'minutes-2025.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByLabel('I confirm that personal data has been removed').check();
  await page.getByRole('button', { name: 'Attach document' }).click();
  await expectSuccess(page, 'minutes-2025.pdf attached');
  assert.equal(page.url(), requestUrl);

  // A member of the public, without JavaScript, reads it in the disclosure log.
  const visitor = await e2e.newPage({ javaScript: false });
  await visitor.goto('/disclosure-log');
  await visitor
    .getByRole('heading', { level: 1, name: 'Freedom of Information disclosure log' })
    .waitFor();
  await expectAccessible(visitor);
  const main = await visitor.getByRole('main').innerText();
  assert.ok(main.includes(summary));
  assert.match(main, /Released in part/);
  assert.match(main, /s\.40 Personal information/);
  assert.doesNotMatch(main, /Robin Private|robin@example\.org/);
  const download = visitor.getByRole('link', { name: 'minutes-2025.pdf' });
  const href = await download.getAttribute('href');
  const file = await visitor.request.get(href!);
  assert.equal(file.status(), 200);
  assert.equal(file.headers()['content-type'], 'application/pdf');

  // A name is found left in the document: the unit removes it and takes the entry out of the log.
  await page.reload();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Remove minutes-2025.pdf' }).click();
  await expectSuccess(page, 'minutes-2025.pdf removed');
  await page.getByRole('button', { name: 'Take out of the disclosure log' }).click();
  await expectSuccess(page, /Taken out of the disclosure log/);
  await expectAccessible(page);
  await visitor.goto('/disclosure-log');
  assert.ok(!(await visitor.getByRole('main').innerText()).includes(summary));
  assert.equal((await visitor.request.get(href!)).status(), 404);
});

test('issue 28 part 2: a request names the advisory group it touches; the group’s page shows the request, and its link leads back to it', async () => {
  const { name: group } = await makeGroup(e2e.app, { name: 'Linked Journey IAG' });
  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'coordination_unit');
  await page.goto('/foi-requests/new');
  await fillDate(page, 'When the request was received', '2026-03-02');
  await page.getByLabel('Time received').fill('10:00');
  await page.getByLabel('Requester’s name').fill('Sam Asker');
  await page.getByLabel('Requester’s contact details').fill('sam@example.org');
  await page.getByRole('radio', { name: 'Email' }).check();
  const asked = 'Everything the Linked Journey group was told about the operation';
  await page.getByLabel('What is asked').fill(asked);
  await page.getByRole('button', { name: 'Log request' }).click();
  await expectSuccess(page, /logged: due 31 March 2026/);
  const requestUrl = page.url();
  const reference = (await page.getByRole('heading', { level: 1 }).innerText()).replace(
    'Request ',
    '',
  );

  await page.getByRole('radio', { name: 'Advisory group' }).check();
  await page.getByLabel('Advisory group (for an advisory group)').selectOption({ label: group });
  await page.getByRole('button', { name: 'Name the record' }).click();
  await expectSuccess(page, 'Record named');
  await expectAccessible(page);

  // The group's page, opened from the request, says which requests concern it.
  await page.getByRole('link', { name: group }).click();
  await page.getByRole('heading', { level: 1, name: group }).waitFor();
  await page
    .getByRole('heading', {
      level: 2,
      name: 'Freedom of Information requests concerning this group',
    })
    .waitFor();
  await expectAccessible(page);
  const row = page.getByRole('row', { name: new RegExp(reference) });
  assert.match(
    await row.innerText(),
    new RegExp(`${reference}\\s+${asked}\\s+2 March 2026\\s+31 March 2026\\s+Open`),
  );
  await row.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { level: 1, name: `Request ${reference}` }).waitFor();
  assert.equal(page.url(), requestUrl);
});
