/**
 * Issue 27 part 5: the transparency site's home. Someone not signed in reads each public area's
 * headline figures on the home page, follows a heading to the page behind it and reads the same
 * figure there. Axe checks every page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeEntry } from '../factories/good-practice.js';
import { makeIndicator } from '../factories/indicators.js';
import { expectAccessible, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

test('anyone reads what is published at a glance on the home page and follows it to the figures behind it', async () => {
  await makeEntry(e2e.app, { title: 'Transparency home youth forum', public: true });
  await makeIndicator(e2e.app, {
    name: 'Transparency home measure',
    isPublic: true,
    values: { '2026-01-01': 120 },
    targets: { '2026-01-01': 100 },
  });
  const page = await e2e.newPage();
  await visit(page, '/');
  await page.getByRole('heading', { level: 2, name: 'What is published here' }).waitFor();
  await expectAccessible(page);
  const said = await page.getByRole('main').innerText();
  assert.match(said, /1\s+account of what worked, and the lessons learned/);
  assert.match(said, /1\s+measure published/);
  assert.match(said, /1\s+on target by its latest figure/);

  await page.getByRole('link', { name: 'Performance against targets' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectAccessible(page);
  assert.match(await page.getByRole('main').innerText(), /Transparency home measure/);

  await visit(page, '/');
  await page.getByRole('link', { name: 'Good practice', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Good practice' }).waitFor();
  assert.match(await page.getByRole('main').innerText(), /Transparency home youth forum/);
});
