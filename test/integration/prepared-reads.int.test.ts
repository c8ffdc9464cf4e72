/**
 * Prepared reads (src/platform/db/prepared.ts): built once, given new values each call, the same
 * rows as the query built afresh; inside a transaction they read what the transaction sees
 * (and, on PGlite, do not wait for the connection the transaction holds).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { asc, count, eq, sql } from 'drizzle-orm';
import { preparedPages, preparedRead, preparedShapes } from '../../src/platform/db/prepared.js';
import { people } from '../../src/modules/directory/schema.js';
import { createTestDatabase, type TestDatabase } from '../database.js';

let t: TestDatabase;
let built = 0;
before(async () => {
  t = await createTestDatabase();
  await t.database.db.insert(people).values([
    { fullName: 'Ada Okafor', email: 'ada@example.org' },
    { fullName: 'Ben Shah', email: 'ben@example.org' },
    { fullName: 'Cleo Ward', email: null },
  ]);
});
after(() => t.drop());

function peopleNamed() {
  return preparedRead(t.database.db, 'bridge_test_people_by_ids', (executor) => {
    built++;
    return executor
      .select({ id: people.id, name: people.fullName })
      .from(people)
      .where(sql`${people.id} = any(${sql.placeholder('ids')}::uuid[])`)
      .orderBy(asc(people.fullName));
  });
}

test('a prepared read is built once and gives each call the rows for its own values', async () => {
  const { db } = t.database;
  const all = await db.select({ id: people.id, name: people.fullName }).from(people);
  const idOf = (name: string) => all.find((p) => p.name === name)!.id;
  const read = peopleNamed();
  built = 0;
  assert.deepEqual(
    (await read(db, { ids: [idOf('Ben Shah'), idOf('Ada Okafor')] })).map((r) => r.name),
    ['Ada Okafor', 'Ben Shah'],
  );
  assert.deepEqual(
    (await read(db, { ids: [idOf('Cleo Ward')] })).map((r) => r.name),
    ['Cleo Ward'],
  );
  assert.deepEqual(await read(db, { ids: [] }), []);
  assert.equal(built, 1);
});

test('in a transaction it reads what the transaction has written, and nothing waits', async () => {
  const { db } = t.database;
  const read = peopleNamed();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(people)
      .values({ fullName: 'Dev Patel' })
      .returning({ id: people.id });
    assert.deepEqual(
      (await read(tx, { ids: [row!.id] })).map((r) => r.name),
      ['Dev Patel'],
    );
    await tx.delete(people).where(eq(people.id, row!.id));
  });
});

test('each shape is its own prepared read, made when first asked for', async () => {
  const { db } = t.database;
  const shapes: string[] = [];
  const byShape = preparedShapes(
    db,
    'bridge_test_people',
    (shape: { withEmail: boolean }) => (shape.withEmail ? 'with_email' : 'all'),
    (executor, shape) => {
      shapes.push(shape.withEmail ? 'with_email' : 'all');
      return executor
        .select({ name: people.fullName })
        .from(people)
        .where(shape.withEmail ? sql`${people.email} is not null` : undefined)
        .orderBy(asc(people.fullName))
        .limit(sql.placeholder('limit'));
    },
  );
  const names = async (withEmail: boolean, limit: number) =>
    (await byShape({ withEmail })(db, { limit })).map((r) => r.name);
  assert.deepEqual(await names(true, 10), ['Ada Okafor', 'Ben Shah']);
  assert.deepEqual(await names(false, 10), ['Ada Okafor', 'Ben Shah', 'Cleo Ward']);
  assert.deepEqual(await names(true, 1), ['Ada Okafor']);
  assert.deepEqual(await names(false, 2), ['Ada Okafor', 'Ben Shah']);
  assert.deepEqual(shapes, ['with_email', 'all']);
});

test('a page of a list comes with how many there are in all, for its shape and values', async () => {
  const { db } = t.database;
  const list = preparedPages(
    db,
    'bridge_test_people_pages',
    (shape: { withEmail: boolean }) => (shape.withEmail ? 'with_email' : 'all'),
    {
      page: (executor, shape) =>
        executor
          .select({ name: people.fullName })
          .from(people)
          .where(shape.withEmail ? sql`${people.email} is not null` : undefined)
          .orderBy(asc(people.fullName))
          .limit(sql.placeholder('limit'))
          .offset(sql.placeholder('offset')),
      count: (executor, shape) =>
        executor
          .select({ n: count() })
          .from(people)
          .where(shape.withEmail ? sql`${people.email} is not null` : undefined),
    },
  );
  const second = await list({ withEmail: false }, { limit: 1, offset: 1 });
  assert.deepEqual(second, { items: [{ name: 'Ben Shah' }], total: 3 });
  const withEmail = await list({ withEmail: true }, { limit: 10, offset: 0 });
  assert.deepEqual(withEmail, {
    items: [{ name: 'Ada Okafor' }, { name: 'Ben Shah' }],
    total: 2,
  });
});
