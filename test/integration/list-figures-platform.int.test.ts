/**
 * Issue 21, "Must show": the figures on the directory's and the administrator's list pages, read
 * off the page as a person reads them and compared with counts made here, directly in the
 * database.
 *
 * The lists and what each shows:
 *   /directory                       "All N matching organisations", "All N matching people"
 *   /directory/organisations         "N organisations", or "Showing 1 to 25 of N"
 *   /directory/organisations/:id     heading "People (N)"
 *   /directory/people                "N people", or "Showing 1 to 25 of N" (archived left out)
 *   /admin/users                     "N users", or "Showing 1 to 25 of N"
 *   /admin/audit                     "N events", or "Showing 1 to 25 of N"
 *   /admin/outbox                    "N messages", or "Showing 1 to 25 of N"
 *   /admin/api-tokens                one row per token
 * The other modules' lists are in list-figures-<module>.int.test.ts. Pages with lists but no
 * figure to count, left out: the home page (tasks, no counts), /groups/guides (titles and review
 * dates), /groups/:id/elections and /police-attendance (records, no totals),
 * /deployments/availability, /my-meetings/calendar, /tracker/process-review; the Director's and
 * the conference's meetings use the group meetings' page and query.
 * Two organisations are made here with different numbers of people (3, one of them archived,
 * and 1), so a count that includes the archived, or is swapped, fails.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.js';
import { Agent, createTestApp, principalFor, type TestApp } from '../app.js';
import { accountFor, signInAsRole } from '../factories/accounts.js';
import { countIn, mainOf, paginationOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let coordinator: Agent;
let admin: Agent;
const org: Record<'north' | 'south', string> = { north: '', south: '' };

before(async () => {
  t = await createTestApp({ demo: false });
  coordinator = await signInAsRole(t, 'coordination_unit');
  admin = await signInAsRole(t, 'administrator');
  const cu = await principalFor(t, (await accountFor(t, 'coordination_unit')).email);
  for (const [key, name] of [
    ['north', 'Figures North Residents Association'],
    ['south', 'Figures South Residents Association'],
  ] as const)
    org[key] = (
      await t.services.directory.organisations.create(cu, { name, kind: 'community' })
    ).id;
  const made: string[] = [];
  for (const [name, at] of [
    ['Fay Figures', org.north],
    ['Gus Figures', org.north],
    ['Hal Figures', org.north],
    ['Ivy Figures', org.south],
  ] as const)
    made.push(
      (
        await t.services.directory.people.create(cu, {
          fullName: name,
          organisationId: at,
          email: `${name.toLowerCase().replace(' ', '.')}.${made.length}@example.org`,
        })
      ).id,
    );
  await t.services.directory.people.setArchived(cu, made[2]!, true, undefined);
});
after(() => t.close());

async function n(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.services.db, query);
  return row!.n;
}

/** A list's total as its caption says it: "N things" when it fits a page, else the pagination. */
function listTotal(html: string, noun: RegExp): number {
  const table = tableOf(html);
  const pagination = paginationOf(html);
  if (pagination) {
    assert.equal(pagination.from, 1);
    assert.equal(table.rows.length, pagination.to);
    return pagination.total;
  }
  const match = new RegExp(`^([\\d,]+) ${noun.source}$`).exec(table.caption);
  assert.ok(match, `caption "${table.caption}"`);
  assert.equal(table.rows.length, Number(match[1]!.replace(/,/g, '')));
  return Number(match[1]!.replace(/,/g, ''));
}

test('must show: the directory lists count the organisations and the people not archived, as the database holds them', async () => {
  const people = await n(sql`select count(*)::int as n from people where archived_at is null`);
  const organisations = await n(
    sql`select count(*)::int as n from organisations where archived_at is null`,
  );
  assert.equal(listTotal((await coordinator.get('/directory/people')).body, /people/), people);
  assert.equal(
    listTotal((await coordinator.get('/directory/organisations')).body, /organisations/),
    organisations,
  );
  const search = await coordinator.get('/directory?q=Figures');
  const text = textOf(mainOf(search.body));
  assert.match(text, /All 2 matching organisations/);
  assert.match(text, /All 3 matching people/, 'the archived person is not counted');
  assert.equal(listTotal((await coordinator.get('/directory/people?q=Figures')).body, /people/), 3);
});

test("must show: an organisation's page counts its people, the archived left out", async () => {
  for (const key of ['north', 'south'] as const) {
    const expected = await n(
      sql`select count(*)::int as n from people where organisation_id = ${org[key]} and archived_at is null`,
    );
    assert.equal(expected, key === 'north' ? 2 : 1, 'the data is as made');
    const page = await (
      await signInAsRole(t, 'requester')
    ).get(`/directory/organisations/${org[key]}`);
    assert.equal(page.statusCode, 200);
    assert.equal(countIn(page.body, /^People \((\d+)\)$/), expected, `people of ${key}`);
  }
});

test("must show: the administrator's lists of users, audit events and messages count what the database holds", async () => {
  const users = await n(sql`select count(*)::int as n from users`);
  assert.equal(listTotal((await admin.get('/admin/users')).body, /users/), users);
  // Two messages: password resets asked for two accounts.
  for (const role of ['advisor', 'chair'] as const)
    await new Agent(t.app).post('/forgotten-password', {
      email: (await accountFor(t, role)).email,
    });
  // The reset mail is queued after the answer (issue 21 item 22): wait for it.
  await t.services.auth.settled();
  const messages = await n(sql`select count(*)::int as n from mail_outbox`);
  assert.ok(messages >= 2);
  assert.equal(listTotal((await admin.get('/admin/outbox')).body, /messages/), messages);
  // The audit list counts up to 10,000 events; the reference data and this file make far fewer.
  const audit = await admin.get('/admin/audit');
  const events = await n(sql`select count(*)::int as n from audit_events`);
  assert.ok(events < 10_000);
  assert.equal(listTotal(audit.body, /events/), events);
});

test('must show: the API tokens page shows one row for each token', async () => {
  assert.equal(
    (
      await admin.post('/admin/api-tokens/new', {
        name: 'Figures token',
        scopes: 'directory:read',
        expiresInDays: '30',
      })
    ).statusCode,
    200,
  );
  const tokens = await n(sql`select count(*)::int as n from api_tokens`);
  assert.ok(tokens >= 1);
  const page = await admin.get('/admin/api-tokens');
  assert.equal(tableOf(page.body, /API tokens/).rows.length, tokens);
});
