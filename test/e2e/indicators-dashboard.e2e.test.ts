/**
 * Issue 27 part 4 (CON-01, CDRP-10): an authority officer opens the committee's dashboard from
 * the indicators, reads how many stand at each status and the one off target first, picks a
 * borough (a form that works without JavaScript) and reads its own figure, and downloads the
 * committee pack, whose words are read back from the PDF. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { referenceOrganisationId, uniqueTag } from '../factories/directory.js';
import { makeIndicator } from '../factories/indicators.js';
import { pdfPages } from '../pdf-text.js';
import { mainNavigation } from './pages/govuk.js';
import { expectAccessible, signInWithRole, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('an officer opens the committee dashboard, picks a borough and downloads the committee pack', async () => {
  const tag = uniqueTag();
  const now = new Date().toLocaleString('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
  });
  const [month, year] = now.split('/');
  const period = `${year}-${month}-01`;
  const camden = await referenceOrganisationId(e2e.app, 'E09000007');
  const late = await makeIndicator(e2e.app, {
    name: `Answered on time ${tag}`,
    unit: 'percent',
    breakdown: 'borough',
    values: { [period]: 7000 },
    targets: { [period]: 9000 },
    boroughValues: { [camden]: { [period]: 9250 } },
  });
  const visits = await makeIndicator(e2e.app, {
    name: `Visits made ${tag}`,
    values: { [period]: 4500 },
    targets: { [period]: 4000 },
  });

  const page = await e2e.newPage();
  await signInWithRole(e2e, page, 'authority_officer');
  await mainNavigation(page).getByRole('link', { name: 'Indicators' }).click();
  await page.getByRole('link', { name: /The dashboard/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Performance dashboard' }).waitFor();
  await expectAccessible(page);
  const counts = await page.locator('.govuk-summary-list').innerText();
  assert.match(counts, /Red: off target\s+1/);
  assert.match(counts, /Green: on target\s+1/);
  const rows = page.getByRole('table').getByRole('row');
  assert.match(await rows.nth(1).innerText(), new RegExp(`${late.name}\\s+.*70%\\s+90%\\s+Red`));
  assert.match(await rows.nth(2).innerText(), new RegExp(visits.name));
  assert.ok(await page.getByRole('img', { name: new RegExp(late.name) }).count(), 'its chart');

  await page.getByLabel('Show figures for').selectOption({ label: 'Camden' });
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByText('Camden', { exact: true }).first().waitFor();
  await expectAccessible(page);
  const camdenRow = await page.getByRole('table').getByRole('row').nth(1).innerText();
  assert.match(camdenRow, new RegExp(`${late.name}\\s+.*92.5%\\s+90%\\s+Green`));
  assert.equal(await page.getByRole('row', { name: new RegExp(visits.name) }).count(), 0);

  await page.getByLabel('Show figures for').selectOption({ label: 'The whole area' });
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('heading', { level: 1, name: 'Performance dashboard' }).waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Download the committee pack/ }).click();
  const bytes = readFileSync(await (await download).path());
  const lines = (await pdfPages(bytes)).flat().map((l) => l.text);
  assert.equal(lines[0], 'Committee pack: performance indicators');
  assert.ok(lines.includes('Area: The whole area'));
  assert.ok(lines.indexOf(late.name) < lines.indexOf(visits.name), 'off target first');
});
