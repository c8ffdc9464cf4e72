/**
 * Issue 21 item 26. Every page pattern each role can reach, followed link by link from
 * their home page, reflows at 320 CSS pixels wide (WCAG 1.4.10): the page never scrolls
 * sideways; a wide table scrolls in its own region. The register and directory lists also fit
 * at 200% zoom (640 pixels of a 1280-pixel window). Each page is checked with axe as it goes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ROLES, type Role } from '../../src/platform/auth/roles.js';
import { expectAccessible, signInThroughPages, startE2E, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  // The demo data: its groups, requests and claims are what gives every page pattern a row.
  e2e = await startE2E({ demo: true });
});
after(() => e2e.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Links that are not pages: downloads, feeds, the administrators' Swagger UI. */
const NOT_PAGES =
  /\.(csv|ics|pdf|json|zip)$|\/receipt$|\/document$|\/documents\/:id$|\/papers\/:id$|^\/admin\/api-reference|^\/calendar\/|^\/assets\//;
/** Pages per role at most, so a long list of one kind of page does not run on. */
const PER_ROLE = 120;

const patternOf = (path: string) => path.replace(UUID, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');

/** How far the page reaches past the window's right edge, in CSS pixels (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function linksOn(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.$$eval('main a[href], nav a[href], footer a[href]', (as) =>
    as.map((a) => (a as HTMLAnchorElement).href),
  );
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === origin && !u.searchParams.has('page'))
    .map((u) => u.pathname);
}

test('issue 21 item 26: at 320 pixels wide no page any role reaches scrolls sideways; wide tables scroll in a labelled region', async (t) => {
  const checked = new Set<string>();
  const failures: string[] = [];
  let tablesSeen = 0;
  for (const role of ['signed out', ...ROLES] as const) {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    if (role !== 'signed out') await signInThroughPages(page, role as Role);
    // Each pattern is followed once per role (what a role can reach from it differs), and
    // measured once in all.
    const queue = ['/'];
    const queued = new Set(queue.map(patternOf));
    let visited = 0;
    while (queue.length && visited < PER_ROLE) {
      const path = queue.shift()!;
      const pattern = patternOf(path);
      const response = await page.goto(path);
      if (!response || response.status() !== 200) continue;
      if (!String(response.headers()['content-type']).startsWith('text/html')) continue;
      visited += 1;
      if (!checked.has(pattern)) {
        checked.add(pattern);
        const past = await overflow(page);
        if (past > 0) failures.push(`${pattern} as ${role}: ${past}px too wide`);
        // A table is inside its scroll region, and only the region scrolls.
        const tables = await page.$$eval('table.govuk-table', (ts) =>
          ts.map((t) => {
            const region = t.parentElement!;
            return {
              wrapped:
                region.classList.contains('app-table-scroll') &&
                region.getAttribute('role') === 'region' &&
                region.getAttribute('tabindex') === '0' &&
                (region.getAttribute('aria-label') ?? '').length > 0,
              fits: region.getBoundingClientRect().right <= window.innerWidth + 0.5,
            };
          }),
        );
        tablesSeen += tables.length;
        for (const [i, t] of tables.entries())
          if (!t.wrapped || !t.fits)
            failures.push(`${pattern} as ${role}: table ${i + 1} ${JSON.stringify(t)}`);
        await expectAccessible(page);
      }
      for (const next of await linksOn(page, e2e.baseUrl)) {
        const nextPattern = patternOf(next);
        if (queued.has(nextPattern) || NOT_PAGES.test(nextPattern)) continue;
        queued.add(nextPattern);
        queue.push(next);
      }
    }
  }
  t.diagnostic(`page patterns checked: ${[...checked].sort().join(' ')}`);
  assert.ok(checked.size > 60, `only ${checked.size} page patterns were reached`);
  assert.ok(tablesSeen > 20, 'the pages with tables were reached');
  assert.deepEqual(failures, []);
});

test('issue 21 item 26: at 200% zoom the groups register and the directory lists do not scroll sideways', async () => {
  const page = await e2e.newPage();
  await page.setViewportSize({ width: 640, height: 400 });
  await signInThroughPages(page, 'coordination_unit');
  for (const path of ['/groups', '/directory', '/directory/organisations', '/directory/people']) {
    await page.goto(path);
    assert.equal(await overflow(page), 0, `${path} fits 640 pixels`);
  }
});
