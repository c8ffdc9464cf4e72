/**
 * Issue 21 item 28: every page's title says what the page is. Each role (and someone signed
 * out) follows the links from their home page to every page pattern they can reach; no title
 * says "Bridge – Bridge", and no two page patterns share a title (the public page of a group and
 * the staff page of the same group, say).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { trackerSources } from '../../src/modules/tracker/schema.js';
import { ROLES } from '../../src/platform/auth/roles.js';
import { Agent, createTestApp, signInAs, type TestApp } from '../app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  // A published source, so its public page and its staff page are both reached.
  await t.services.db.insert(trackerSources).values({
    title: 'Titles Test Scrutiny',
    kind: 'review',
    isPublic: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
});
after(() => t.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Links that are not pages: downloads, feeds, the administrators' Swagger UI. */
const NOT_PAGES =
  /\.(csv|ics|pdf|json)$|\/receipt$|\/document$|\/documents\/:id$|\/papers\/:id$|^\/admin\/api-reference|^\/calendar\/|^\/assets\//;
const PER_ROLE = 150;

const patternOf = (path: string) => path.replace(UUID, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

test('issue 21 item 28: every page pattern has a title of its own, and none says "Bridge – Bridge"', async () => {
  /** Each title, and the page patterns (with the address seen) that bear it. */
  const titles = new Map<string, Map<string, string>>();
  const failures: string[] = [];
  for (const role of ['signed out', ...ROLES] as const) {
    const agent = role === 'signed out' ? new Agent(t.app) : await signInAs(t, role);
    const queue = ['/'];
    const queued = new Set(queue.map(patternOf));
    let visited = 0;
    while (queue.length && visited < PER_ROLE) {
      const path = queue.shift()!;
      const response = await agent.get(path);
      if (response.statusCode !== 200) continue;
      if (!String(response.headers['content-type']).startsWith('text/html')) continue;
      visited += 1;
      const title = decode(/<title>([^<]*)<\/title>/.exec(response.body)?.[1]?.trim() ?? '');
      if (!title || /Bridge – Bridge/.test(title)) failures.push(`${path} as ${role}: "${title}"`);
      const pattern = patternOf(path);
      const bearers = titles.get(title) ?? new Map<string, string>();
      if (!bearers.has(pattern)) bearers.set(pattern, `${path} as ${role}`);
      titles.set(title, bearers);
      for (const [, href] of response.body.matchAll(/<a [^>]*href="(\/[^"#?]*)[^"]*"/g)) {
        const next = decode(href!);
        const nextPattern = patternOf(next);
        if (queued.has(nextPattern) || NOT_PAGES.test(nextPattern) || next === '/sign-out')
          continue;
        queued.add(nextPattern);
        queue.push(next);
      }
    }
  }
  for (const [title, bearers] of titles)
    if (bearers.size > 1) failures.push(`"${title}" on ${[...bearers.values()].join(', ')}`);
  const patterns = new Set([...titles.values()].flatMap((b) => [...b.keys()]));
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
