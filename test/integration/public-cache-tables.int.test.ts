/**
 * ADR 0016: a public page is kept, for anyone not signed in, until a counter of data_versions
 * moves. A table it reads whose changes move no counter would leave the page saying what is no
 * longer true. This reads every kept page on the demonstration data, notes every table its
 * queries name, and requires each to be counted (a trigger made by data_versions_count_table),
 * or to be named below with the reason it need not be.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.js';
import { createTestApp, type TestApp } from '../app.js';

/** Tables a kept page may read without being counted, each with why its changes cannot matter. */
const NOT_COUNTED: Record<string, string> = {
  // The counters themselves.
  data_versions: 'what a kept page is checked against',
  // Written only by a month's import, which writes stop_search_imports in its transaction; placed
  // in boroughs a month at a time when boundaries load, the run ending by marking its file in
  // stop_search_reference_files placed: a kept page shows the new placing when the run ends.
  stop_searches: 'changed with stop_search_imports, or placed before stop_search_reference_files',
};

/** Kept routes no page of the demonstration data links to, each with why that is safe. */
const NOT_REACHED: Record<string, string> = {
  // The page of a group's meeting (read below), for bodies the public site does not list.
  '/public/director-and-chairs/:bodyId/meetings/:meetingId': 'a group meeting page, read',
  '/public/annual-conference/:bodyId/meetings/:meetingId': 'a group meeting page, read',
  '/public/custody-visiting-panels/:bodyId/meetings/:meetingId': 'a group meeting page, read',
  '/public/engagement-groups/:bodyId/meetings/:meetingId': 'a group meeting page, read',
  // The demonstration publishes no consultation's open data (consultation_open_data is counted).
  '/consultations/:consultationId/open-data': 'none published in the demonstration',
  '/consultations/:consultationId/open-data.csv': 'none published in the demonstration',
};

let t: TestApp;
let recording = false;
const queries: string[] = [];
before(async () => {
  t = await createTestApp({
    demo: true,
    onQuery: (query) => {
      if (recording) queries.push(query);
    },
  });
});
after(() => t.close());

/** The pages the kept pages link to: where a record's page is found. */
const linked = new Set<string>();
/** A page that asks for a query (a year's report), as a kept page links to it. */
const asked = new Map<string, string>();

/**
 * The addresses to read for a kept route: its own; or, for a record's page (`/things/:id`), the
 * first two of its addresses the other kept pages link to (every dataset, for open data).
 */
function addressesOf(url: string, most = 2): string[] {
  if (!url.includes(':')) return [url];
  const pattern = new RegExp(
    `^${url.replace(/[.?+*()]/g, '\\$&').replace(/:[A-Za-z]+/g, '[A-Za-z0-9-]+')}$`,
  );
  const found = [...linked].filter((href) => pattern.test(href));
  return url.startsWith('/open-data/') ? found : found.slice(0, most);
}

/** The names after FROM and JOIN in a query: its tables (and any alias of a subquery). */
function tablesNamed(query: string): string[] {
  return [...query.matchAll(/\b(?:from|join)\s+"?([a-z_][a-z0-9_]*)"?/gi)].map((m) =>
    m[1]!.toLowerCase(),
  );
}

test('ADR 0016: every table a kept public page reads is counted, so a change to it refreshes the page', async () => {
  const kept = t.routes.filter((r) => r.method === 'GET' && r.publicCache);
  assert.ok(kept.length >= 8, `only ${kept.length} kept routes found`);

  // Three rounds: a group's page is linked from the register, its meetings from the group's page.
  const visited = new Set<string>();
  for (let round = 0; round < 3; round++)
    for (const url of kept.flatMap((r) => addressesOf(r.url, 50)).filter((u) => !visited.has(u))) {
      visited.add(url);
      // With a parameter no page reads, so the page is answered afresh and not kept: the pass
      // below must find every page unkept, to see its queries.
      const res = await t.app.inject({ method: 'GET', url: `${url}?discovering=1` });
      for (const [, href, query] of res.body.matchAll(/href="(\/[^"?#]*)(\?[^"#]*)?/g)) {
        linked.add(href!);
        if (query && !asked.has(href!))
          asked.set(href!, `${href}${query.replaceAll('&amp;', '&')}`);
      }
    }
  // The open-data catalogue links each dataset's downloads.
  for (const [, id] of (await t.app.inject({ method: 'GET', url: '/open-data' })).body.matchAll(
    /href="\/open-data\/([a-z0-9-]+)"/g,
  ))
    for (const suffix of ['', '.csv', '.json']) linked.add(`/open-data/${id}${suffix}`);

  const unreached: string[] = [];
  const readBy = new Map<string, Set<string>>();
  for (const route of kept) {
    const addresses = addressesOf(route.url);
    if (!addresses.length && !(route.url in NOT_REACHED)) unreached.push(route.url);
    for (const address of addresses) {
      const url = asked.get(address) ?? address;
      recording = true;
      queries.length = 0;
      const res = await t.app.inject({ method: 'GET', url });
      recording = false;
      assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
      for (const table of queries.flatMap(tablesNamed)) {
        readBy.set(table, (readBy.get(table) ?? new Set()).add(url));
      }
    }
  }

  assert.deepEqual(unreached, [], 'kept routes no page of the demonstration data links to');
  const tables = new Set(
    (
      await queryRows<{ name: string }>(
        t.services.db,
        sql`select tablename as name from pg_tables where schemaname = 'public'`,
      )
    ).map((r) => r.name),
  );
  const counted = new Set(
    (
      await queryRows<{ name: string }>(
        t.services.db,
        sql`select c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
            where g.tgname = c.relname || '_version'`,
      )
    ).map((r) => r.name),
  );
  const read = [...readBy.keys()].filter((name) => tables.has(name));
  assert.ok(read.includes('advisory_groups') && read.includes('indicators'), read.join(', '));
  const uncounted = read
    .filter((name) => !counted.has(name) && !(name in NOT_COUNTED))
    .map((name) => `${name} (read by ${[...readBy.get(name)!].join(', ')})`);
  assert.deepEqual(uncounted, [], 'tables read by kept public pages but not counted');
});
