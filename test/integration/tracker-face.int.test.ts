/**
 * The tracker's face (ADR 0014, CON-07): sources to choose from by title, and a source's progress
 * (its actions in the source's order with their result, latest note and dates) with where staff
 * and the public read it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { trackerSources } from '../../src/modules/tracker/schema.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeTrackerSource } from '../factories/tracker.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());

const tag = () => randomBytes(4).toString('hex');

test('sources are offered by title, at most the number asked, withdrawn ones left out', async () => {
  const word = `Stopaccount${tag()}`;
  const first = await makeTrackerSource(t, [
    {
      source_title: `A ${word} review`,
      source_kind: 'review',
      recommendation: '1',
      recommendation_text: 'Record stops',
      action: 'Record',
      result: 'ongoing',
    },
  ]);
  await makeTrackerSource(t, [
    {
      source_title: `B ${word} scrutiny`,
      source_kind: 'scrutiny',
      recommendation: '1',
      recommendation_text: 'Monitor',
      action: 'Monitor',
      result: 'awaits',
    },
  ]);
  const gone = await makeTrackerSource(t, [
    {
      source_title: `C ${word} gone`,
      source_kind: 'review',
      recommendation: '1',
      recommendation_text: 'Gone',
      action: 'Gone',
      result: 'awaits',
    },
  ]);
  await t.services.db
    .update(trackerSources)
    .set({ withdrawnAt: new Date(), withdrawnReason: 'Made in error' })
    .where(eq(trackerSources.id, gone));

  const face = t.services.trackerSourcesFace;
  const found = await face.choose(t.services.db, { title: word.toLowerCase(), limit: 10 });
  assert.deepEqual(
    found.map((s) => [s.title, s.kindLabel]),
    [
      [`A ${word} review`, 'Review'],
      [`B ${word} scrutiny`, 'Scrutiny'],
    ],
  );
  assert.equal(found[0]!.id, first);
  const one = await face.choose(t.services.db, { title: word, limit: 1 });
  assert.deepEqual(
    one.map((s) => s.title),
    [`A ${word} review`],
  );
  // A title's % and _ are searched as themselves.
  assert.deepEqual(await face.choose(t.services.db, { title: `${word}%`, limit: 10 }), []);
});

test('a source’s progress: its actions in order with result, note and dates, and its pages', async () => {
  const title = `Stop and account review ${tag()}`;
  const sourceId = await makeTrackerSource(t, [
    {
      source_title: title,
      source_kind: 'review',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: 'Keep recording stop and account',
      action: 'Keep the recording form',
      due_on: '2030-03-31',
      result: 'ongoing',
      narrative: 'Form kept in use in all boroughs',
    },
    {
      recommendation: '2',
      recommendation_text: 'Tell the community',
      action: 'Publish the figures',
      result: 'completed',
      completed_on: '2024-06-30',
      narrative: 'Published quarterly',
    },
  ]);
  const hidden = await makeTrackerSource(t, [
    {
      source_title: `Private ${tag()}`,
      source_kind: 'review',
      source_public: 'no',
      recommendation: '1',
      recommendation_text: 'x',
      action: 'y',
      result: 'awaits',
    },
  ]);
  const face = t.services.trackerSourcesFace;
  const progress = await face.progress(t.services.db, [sourceId, hidden, 'not-an-id']);
  assert.equal(progress.size, 2);
  const source = progress.get(sourceId)!;
  assert.equal(source.title, title);
  assert.equal(source.kindLabel, 'Review');
  assert.equal(source.href, `/tracker/sources/${sourceId}`);
  assert.equal(source.publicHref, `/recommendations/${sourceId}`);
  assert.deepEqual(
    source.actions.map((a) => [
      a.itemNumber,
      a.description,
      a.resultLabel,
      a.narrative,
      a.dueOn,
      a.completedOn,
    ]),
    [
      [
        '1',
        'Keep the recording form',
        'Ongoing',
        'Form kept in use in all boroughs',
        '2030-03-31',
        null,
      ],
      ['2', 'Publish the figures', 'Completed', 'Published quarterly', null, '2024-06-30'],
    ],
  );
  assert.equal(progress.get(hidden)!.publicHref, null);
  assert.equal((await face.progress(t.services.db, [])).size, 0);
});
