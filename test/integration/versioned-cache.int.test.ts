import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createVersionedCache } from '../../src/platform/cache/versioned-cache.js';
import { queryRows } from '../../src/platform/db/database.js';
import { createTestApp, type TestApp } from '../app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** A cache of the groups' names, counting how often it had to build them. */
function groupNames() {
  let builds = 0;
  const cache = createVersionedCache<{ names: string[] }>(t.services.db, {
    kinds: ['groups'],
    max: 4,
  });
  const read = () =>
    cache.get('all', async () => {
      builds++;
      const rows = await queryRows<{ name: string }>(
        t.services.db,
        sql`select name from advisory_groups order by name`,
      );
      return { names: rows.map((r) => r.name) };
    });
  return { read, builds: () => builds };
}

test('kept while its data is unchanged; built again after any write to its tables, however made', async () => {
  const cache = groupNames();
  const first = await cache.read();
  assert.equal(await cache.read(), first);
  assert.equal(cache.builds(), 1);

  // A write to another kind of data leaves it kept.
  await t.services.db.execute(sql`update people set full_name = full_name where false`);
  await cache.read();
  assert.equal(cache.builds(), 1);

  // A write that is rolled back changes nothing, so it is still kept.
  await assert.rejects(
    t.services.db.transaction(async (tx) => {
      await tx.execute(sql`update advisory_groups set name = name || ' (renamed)'`);
      throw new Error('rolled back');
    }),
  );
  assert.equal(await cache.read(), first);
  assert.equal(cache.builds(), 1);

  // A write straight to the table, not through any service, is seen.
  await t.services.db.execute(
    sql`update advisory_groups set name = name || ' (renamed)' where code = 'iag-race'`,
  );
  const renamed = await cache.read();
  assert.equal(cache.builds(), 2);
  assert.ok(renamed.names.some((n) => n.endsWith(' (renamed)')));
  await t.services.db.execute(
    sql`update advisory_groups set name = replace(name, ' (renamed)', '') where code = 'iag-race'`,
  );
  assert.ok(!(await cache.read()).names.some((n) => n.endsWith(' (renamed)')));
});

test('requests at the same moment share one build; a build that fails is forgotten', async () => {
  const cache = groupNames();
  const [a, b, c] = await Promise.all([cache.read(), cache.read(), cache.read()]);
  assert.equal(cache.builds(), 1);
  assert.ok(a === b && b === c);

  let fail = true;
  const failing = createVersionedCache<{ n: number }>(t.services.db, { kinds: ['groups'], max: 4 });
  const build = async () => {
    if (fail) throw new Error('the database was busy');
    return { n: 1 };
  };
  await assert.rejects(failing.get('k', build), /busy/);
  fail = false;
  assert.deepEqual(await failing.get('k', build), { n: 1 });
});
