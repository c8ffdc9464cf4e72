/**
 * The demo's consultations answered by the public (issue 25 item 4): anyone reads the open and
 * the closed one, staff read the open one's burst, and they go with the rest of the demo.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count } from 'drizzle-orm';
import { removeDemoData } from '../../src/demo/demo-data.js';
import { consultations } from '../../src/modules/consultation/schema.js';
import { Agent, createTestApp, signInAs, type TestApp } from '../app.js';
import { mainOf, summaryOf, textOf } from '../html.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true });
});
after(() => t.close());

test('the demo has an open consultation with a burst and a closed one, removed with the demo', async () => {
  const list = textOf(mainOf((await new Agent(t.app).get('/consultations')).body));
  assert.match(list, /Open consultations Crime and safety where you live/);
  assert.match(list, /Recently closed consultations Stop and search in your borough/);
  const id = (
    await t.services.db
      .select({ id: consultations.id, title: consultations.title })
      .from(consultations)
  ).find((c) => c.title === 'Crime and safety where you live')!.id;
  const officer = await signInAs(t, 'authority_officer');
  const page = await officer.get(`/consultation/consultations/${id}/responses`);
  const summary = summaryOf(page.body);
  assert.deepEqual([summary.get('Sent'), summary.get('In progress')], ['20', '1']);
  assert.match(
    textOf(page.body),
    /12 responses between 7:02am and 7:10am from one address \(ref [0-9a-f]{8}\)/,
  );

  await removeDemoData(t.services.db);
  const [left] = await t.services.db.select({ n: count() }).from(consultations);
  assert.equal(left!.n, 0);
});
