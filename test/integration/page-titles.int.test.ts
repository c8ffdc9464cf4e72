/**
 * Each role (and someone signed out) follows the links from their home page to every page
 * pattern they can reach. Issue 21 item 28: every page's title says what the page is; none says
 * "Bridge – Bridge", and no two page patterns share a title (the public page of a group and the
 * staff page of the same group, say). Issue 21 item 25: no link a person is shown leads to 403.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { trackerSources } from '../../src/modules/tracker/schema.js';
import { ROLES } from '../../src/platform/auth/roles.js';
import { Agent, createTestApp, signInAs, type TestApp } from '../app.js';

let t: TestApp;
before(async () => {
  // Walks every route over the demo data, which gives each page a record to show.
  t = await createTestApp({ demo: true });
  // A published source, so its public page and its staff page are both reached.
  await t.services.db.insert(trackerSources).values({
    title: 'Titles Test Scrutiny',
    kind: 'review',
    isPublic: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await crawl();
});
after(() => t.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Links that are not pages: downloads, feeds, the administrators' Swagger UI. */
const NOT_PAGES =
  /\.(csv|ics|pdf|json|zip)$|\/receipt$|\/document$|\/documents\/:id$|\/papers\/:id$|^\/admin\/api-reference|^\/calendar\/|^\/assets\//;
const PER_ROLE = 150;

const patternOf = (path: string) => path.replace(UUID, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

interface Visit {
  role: string;
  path: string;
  pattern: string;
  title: string;
}
/** Every page reached, by each role, once per page pattern. */
const visits: Visit[] = [];
/** Links that answered 403 to the person shown them. */
const refused: string[] = [];

async function crawl(): Promise<void> {
  for (const role of ['signed out', ...ROLES] as const) {
    const agent = role === 'signed out' ? new Agent(t.app) : await signInAs(t, role);
    const queue = ['/'];
    const queued = new Set(queue.map(patternOf));
    const linkedFrom = new Map<string, string>();
    let visited = 0;
    while (queue.length && visited < PER_ROLE) {
      const path = queue.shift()!;
      const response = await agent.get(path);
      if (response.statusCode === 403)
        refused.push(`${path} as ${role}, linked from ${linkedFrom.get(path)}`);
      if (response.statusCode !== 200) continue;
      if (!String(response.headers['content-type']).startsWith('text/html')) continue;
      visited += 1;
      const title = decode(/<title>([^<]*)<\/title>/.exec(response.body)?.[1]?.trim() ?? '');
      visits.push({ role, path, pattern: patternOf(path), title });
      for (const [, href] of response.body.matchAll(/<a [^>]*href="(\/[^"#?]*)[^"]*"/g)) {
        const next = decode(href!);
        const nextPattern = patternOf(next);
        if (queued.has(nextPattern) || NOT_PAGES.test(nextPattern) || next === '/sign-out')
          continue;
        queued.add(nextPattern);
        linkedFrom.set(next, path);
        queue.push(next);
      }
    }
  }
}

test('issue 21 item 28: every page pattern has a title of its own, and none says "Bridge – Bridge"', () => {
  const failures: string[] = [];
  /** Each title, and the page patterns (with the address seen) that bear it. */
  const titles = new Map<string, Map<string, string>>();
  for (const v of visits) {
    if (!v.title || /Bridge – Bridge/.test(v.title))
      failures.push(`${v.path} as ${v.role}: "${v.title}"`);
    const bearers = titles.get(v.title) ?? new Map<string, string>();
    if (!bearers.has(v.pattern)) bearers.set(v.pattern, `${v.path} as ${v.role}`);
    titles.set(v.title, bearers);
  }
  for (const [title, bearers] of titles)
    if (bearers.size > 1) failures.push(`"${title}" on ${[...bearers.values()].join(', ')}`);
  const patterns = new Set(visits.map((v) => v.pattern));
  assert.ok(patterns.size > 80, `only ${patterns.size} page patterns were reached`);
  for (const twin of [
    '/advisory-groups/:id',
    '/groups/:id',
    '/recommendations/:id',
    '/tracker/sources/:id',
  ])
    assert.ok(patterns.has(twin), `${twin} was reached`);
  assert.deepEqual(failures, []);
});

test('issue 21 item 25: no link any role is shown, on any page they reach, answers 403', () => {
  assert.ok(visits.length > 300, `only ${visits.length} pages were read`);
  assert.deepEqual(refused, []);
});
