/**
 * Group pages at the scale of a large area: 60 groups and 2,000 past and present members. The
 * number of queries a page makes must not grow with the rows it shows (no query per row).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeGroup } from '../factories/groups.js';

let t: TestApp;
let counting = false;
let queries = 0;
let coordinator: Agent;

before(async () => {
  t = await createTestApp({ demo: false, onQuery: () => void (counting && queries++) });
  await t.services.db.execute(sql`
    insert into advisory_groups (name, type, owner_id, purpose, meeting_interval_months)
    select 'Scale group ' || lpad(g::text, 2, '0'), 'community',
           (select id from organisations where kind = 'borough' order by code offset (g % 33) limit 1),
           'A community advisory group for the scale test.', 3
    from generate_series(1, 55) g`);
  await t.services.db.execute(sql`
    insert into people (full_name, email)
    select 'Scale Person ' || p, 'scale' || p || '@example.org' from generate_series(1, 2000) p`);
  await t.services.db.execute(sql`
    insert into memberships (group_id, person_id, term_number, starts_on, ends_on, status, left_on)
    select g.id, pe.id, 1, date '2018-01-01' + (pe.n % 2000)::int, date '2022-01-01' + (pe.n % 2000)::int,
           (case when pe.n % 4 = 0 then 'current' else 'ended' end)::membership_status,
           case when pe.n % 4 = 0 then null else date '2022-01-01' + (pe.n % 2000)::int end
    from (select id, row_number() over (order by email) as n from people where email like 'scale%') pe
    join (select id, row_number() over (order by name) as k from advisory_groups where name like 'Scale group%') g
      on g.k = (pe.n % 55) + 1`);
  coordinator = await signInNewAccount(t, 'coordination_unit');
});
after(() => t.close());

async function queriesFor(agent: Agent, url: string): Promise<number> {
  queries = 0;
  counting = true;
  const started = performance.now();
  const response = await agent.get(url);
  counting = false;
  assert.equal(response.statusCode, 200, url);
  t.app.log.info({ url, queries, ms: Math.round(performance.now() - started) }, 'scale check');
  return queries;
}

test('60 groups and 2,000 members: the register, a group and its history make the same queries whatever their size', async () => {
  const [big] = await t.services.db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.name, 'Scale group 01'));
  const empty = await makeGroup(t);
  const list1 = await queriesFor(coordinator, '/groups');
  const list3 = await queriesFor(coordinator, '/groups?page=3');
  // A page with nothing to look up skips that one query; beyond that, rows cost nothing.
  const same = (a: number, b: number, what: string) =>
    assert.ok(Math.abs(a - b) <= 1, `${what}: ${a} and ${b} queries`);
  same(list1, list3, 'pages of the register');
  const bigPage = await queriesFor(coordinator, `/groups/${big!.id}`);
  const emptyPage = await queriesFor(coordinator, `/groups/${empty.id}`);
  assert.ok(
    bigPage <= emptyPage + 1,
    `a group with members: ${bigPage} queries; without: ${emptyPage}`,
  );
  const bigHistory = await queriesFor(coordinator, `/groups/${big!.id}/members`);
  const emptyHistory = await queriesFor(coordinator, `/groups/${empty.id}/members`);
  same(bigHistory, emptyHistory, 'a long and an empty membership history');
  const visitor = new Agent(t.app);
  same(
    await queriesFor(visitor, '/advisory-groups'),
    await queriesFor(visitor, '/advisory-groups?page=2'),
    'pages of the public list',
  );
  for (const count of [list1, bigPage, bigHistory]) assert.ok(count < 30, `${count} queries`);
});
