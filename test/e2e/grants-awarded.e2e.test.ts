/**
 * Issue 27 parts 5 and 6 (CON-04, DP-01): someone not signed in goes from the funding page to the
 * grants awarded, narrows them to a borough, finds a grant made there, and downloads the grants in
 * the 360Giving Data Standard. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { makeBorough, uniqueTag } from '../factories/directory.js';
import { makeAwardedApplication, makeFund, makeRound } from '../factories/grants.js';
import { expectAccessible, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('anyone finds a grant awarded in their borough and downloads the 360Giving file', async () => {
  const tag = uniqueTag();
  const borough = await makeBorough(e2e.app, { name: `Riverside ${tag}` });
  const fund = await makeFund(e2e.app, { name: `Community Fund ${tag}` });
  const round = await makeRound(e2e.app, fund.id, { title: `Autumn round ${tag}` });
  const grant = await makeAwardedApplication(e2e.app, round.id, {
    boroughId: borough.id,
    projectTitle: `Youth listening events ${tag}`,
    lines: [750_00, 500_00],
  });
  await makeAwardedApplication(e2e.app, round.id, { projectTitle: `Elsewhere ${tag}` });

  const page = await e2e.newPage();
  await visit(page, '/funding');
  await expectAccessible(page);
  await page
    .getByRole('link', { name: /Grants awarded/ })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: 'Grants awarded' }).waitFor();
  await expectAccessible(page);

  await page.getByLabel('Borough').selectOption({ label: `Riverside ${tag}` });
  await page.getByRole('button', { name: 'Show grants' }).click();
  await page.getByRole('heading', { level: 1, name: 'Grants awarded' }).waitFor();
  await expectAccessible(page);
  const table = page.getByRole('table', { name: /^Grants awarded$/ });
  const row = table.getByRole('row', { name: new RegExp(`Youth listening events ${tag}`) });
  const said = await row.innerText();
  assert.match(said, new RegExp(grant.applicantName));
  assert.match(said, /Engagement group/);
  assert.match(said, new RegExp(`Community Fund ${tag}`));
  assert.match(said, /£1,250\.00/);
  assert.match(said, /15 November 2026/);
  assert.doesNotMatch(await table.innerText(), new RegExp(`Elsewhere ${tag}`));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download in the 360Giving Data Standard (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'grants-360giving.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  assert.match(csv, /^Identifier,Title,Description,Currency,Amount Awarded,Award Date,/);
  assert.match(csv, new RegExp(`360G-bridge-G-${grant.reference},Youth listening events ${tag},`));

  // The 360Giving JSON, at its stable address, holds the same grant.
  const json = await page.request.get('/open-data/grants-360giving.json');
  const pack = (await json.json()) as { grants: { id: string; amountAwarded: number }[] };
  const found = pack.grants.find((g) => g.id === `360G-bridge-G-${grant.reference}`);
  assert.equal(found?.amountAwarded, 1250);

  // Its page describes the standard's columns.
  await visit(page, '/funding/grants-awarded');
  await page.getByRole('link', { name: 'About the 360Giving file and its columns' }).click();
  await page.getByRole('heading', { level: 1, name: 'Grants awarded (360Giving)' }).waitFor();
  await expectAccessible(page);
  assert.match(
    await page.getByRole('table', { name: 'What each column holds' }).innerText(),
    /Recipient Org:Name/,
  );
});
