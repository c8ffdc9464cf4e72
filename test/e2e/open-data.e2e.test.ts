/**
 * Issue 27 part 6: anyone goes from the public home page to the open-data catalogue, to a
 * dataset's page with its columns described, and downloads its CSV, holding the entry made here.
 * Axe checks every page.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { makeEntry } from '../factories/good-practice.js';
import { expectAccessible, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('anyone finds the open data from the home page, reads a dataset and downloads its CSV', async () => {
  await makeEntry(e2e.app, { title: 'Open data youth forum entry', public: true });
  const page = await e2e.newPage();
  await visit(page, '/');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Open data' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Open data' }).waitFor();
  await expectAccessible(page);
  const catalogue = await page.getByRole('main').innerText();
  assert.match(catalogue, /Open Government Licence v3\.0/);
  // Every public table: the new datasets too.
  for (const title of [
    'Custody visiting statistics',
    'Consultations and what came of them',
    "Partnerships' audits, strategies, targets and performance",
    'Performance indicators',
  ])
    assert.ok(catalogue.includes(title), title);

  await page.getByRole('main').getByRole('link', { name: 'Good practice', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Good practice' }).waitFor();
  await expectAccessible(page);
  const columns = await page.getByRole('table', { name: 'What each column holds' }).innerText();
  assert.match(columns, /published_on/);
  assert.match(columns, /The day it was published/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download as CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'good-practice.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  assert.match(csv, /^title,theme,borough,summary,lessons,published_on,url\n/);
  assert.match(csv, /Open data youth forum entry,Community engagement,Area-wide,/);

  // Another module's dataset: the public indicators, small counts withheld (DP-01).
  await visit(page, '/open-data');
  await page
    .getByRole('main')
    .getByRole('link', { name: 'Performance indicators', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Performance indicators' }).waitFor();
  await expectAccessible(page);
  const described = await page.getByRole('table', { name: 'What each column holds' }).innerText();
  assert.match(described, /value_shown/);
  assert.match(described, /fewer than 10/);
});
