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

/**
 * The addresses to read for a kept route: its own; or, for a record's page (`/things/:id`), the
 * first records its list links to; or each dataset the open-data catalogue lists.
 */
async function addressesOf(url: string): Promise<string[]> {
  if (!url.includes(':')) return [url];
  const at = url.indexOf('/:');
  const list = url.startsWith('/open-data/:id') ? '/open-data/catalogue.jsonld' : url.slice(0, at);
  const res = await t.app.inject({ method: 'GET', url: list });
  const prefix = url.slice(0, at + 1).replaceAll('/', '\\/');
  const ids = new Set(
    [...res.body.matchAll(new RegExp(`${prefix}([a-z0-9-]+)(?:\\.csv)?"`, 'g'))].map((m) => m[1]!),
  );
  const rest = url.slice(url.indexOf('/', at + 1) < 0 ? url.length : url.indexOf('/', at + 1));
  const suffix = url.endsWith('.csv') ? '.csv' : url.endsWith('.json') ? '.json' : '';
  return [...ids]
    .filter((id) => id !== 'catalogue')
    .slice(0, url.startsWith('/open-data/') ? undefined : 2)
    .map((id) => `${url.slice(0, at + 1)}${id}${suffix}${suffix ? '' : rest}`);
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

  const readBy = new Map<string, Set<string>>();
  for (const route of kept) {
    const addresses = await addressesOf(route.url);
    assert.ok(addresses.length, `${route.url}: no record of the demonstration data to read`);
    for (const url of addresses) {
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
