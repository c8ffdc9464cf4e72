/**
 * TRK-01 (issue 23): everything inside something withdrawn is closed. Inside a withdrawn source,
 * part, recommendation or key point nothing is edited, moved, removed, withdrawn on its own or
 * progressed: each refused (409) with the "withdrawn" sentence, and no row changes. Through the
 * pages, as a clerk does it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount } from '../factories/accounts.js';
import {
  postedBy,
  sourceRows,
  typedInSource,
  type TypedInSource,
  WITHDRAWN_SAID,
} from '../factories/tracker-typed.js';
import { textOf } from '../html.js';

let t: TestApp;
let clerk: Agent;

before(async () => {
  t = await createTestApp({ demo: false });
  clerk = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
});
after(() => t.close());

const { noEdit: NO_EDIT, noProgress: NO_PROGRESS } = WITHDRAWN_SAID;

const posted = (url: string, fields: Record<string, string>) => postedBy(clerk, url, fields);
const makeSource = () => typedInSource(t, clerk);
const rowsOf = (sourceId: string) => sourceRows(t, sourceId);

/** Each of these posts is refused with 409 and the sentence; nothing in the source changes. */
type Attempt = [url: string, fields: Record<string, string>, said?: RegExp];

async function assertAllRefused(sourceId: string, attempts: readonly Attempt[]) {
  const start = await rowsOf(sourceId);
  for (const [url, fields, said = NO_EDIT] of attempts) {
    const refused = await clerk.post(url, fields);
    assert.equal(refused.statusCode, 409, `${url}: ${refused.body.slice(0, 1500)}`);
    assert.match(textOf(refused.body), said, url);
  }
  assert.deepEqual(await rowsOf(sourceId), start);
}

/** Editing, moving, standing, removing, withdrawing and progressing what is under a recommendation. */
function underRecommendation(s: TypedInSource): Attempt[] {
  const { keyPoint, action, ownAction } = s;
  return [
    [`/tracker/key-points/${keyPoint}/edit`, { text: 'Changed', version: 'x' }],
    [`/tracker/actions/${action.id}/details`, { description: 'Changed' }],
    [`/tracker/actions/${ownAction.id}/details`, { description: 'Changed' }],
    [`/tracker/move/key-point/${keyPoint}`, { direction: 'down' }],
    [`/tracker/move/action/${action.id}`, { direction: 'up' }],
    [`/tracker/key-points/${keyPoint}/withdraw`, { reason: 'Not needed' }],
    [`/tracker/key-points/${keyPoint}/remove`, {}],
    [`/tracker/actions/${action.id}/withdraw`, { reason: 'Not needed' }],
    [`/tracker/actions/${ownAction.id}/remove`, {}],
    [
      `/tracker/actions/${action.id}`,
      { result: 'awaits', narrative: 'Later', version: String(action.version) },
      NO_PROGRESS,
    ],
  ];
}

test('TRK-01: inside a withdrawn part nothing is edited, moved, removed, withdrawn or progressed, and nothing changes', async () => {
  const s = await makeSource();
  await posted(`/tracker/parts/${s.plan}/withdraw`, { reason: 'Next year' });
  await assertAllRefused(s.sourceId, [
    [
      `/tracker/recommendations/${s.recommendation}/edit`,
      { number: '2', text: 'Changed', version: 'x' },
    ],
    [`/tracker/move/recommendation/${s.recommendation}`, { direction: 'up' }],
    [`/tracker/recommendations/${s.recommendation}/part`, { part: s.objectives }],
    [
      `/tracker/recommendations/${s.recommendation}/standing`,
      { status: 'not_accepted', rationale: 'Not ours' },
    ],
    [`/tracker/recommendations/${s.recommendation}/withdraw`, { reason: 'Not needed' }],
    [`/tracker/recommendations/${s.recommendation}/remove`, {}],
    [`/tracker/parts/${s.plan}`, { title: 'Renamed' }],
    [`/tracker/move/part/${s.plan}`, { direction: 'up' }],
    ...underRecommendation(s),
  ]);

  // The pages offer none of it: no link or button to what would be refused.
  const page = await clerk.get(`/tracker/recommendations/${s.recommendation}`);
  assert.equal(page.statusCode, 200);
  assert.match(textOf(page.body), /Recommendation 2 Withdrawn/);
  for (const url of [
    `/tracker/recommendations/${s.recommendation}/edit`,
    `/tracker/recommendations/${s.recommendation}/withdraw`,
    `/tracker/recommendations/${s.recommendation}/standing`,
    `/tracker/key-points/${s.keyPoint}/edit`,
    `/tracker/key-points/${s.keyPoint}/withdraw`,
    `/tracker/actions/${s.action.id}/withdraw`,
    `/tracker/actions/${s.action.id}/details`,
    `/tracker/move/`,
  ])
    assert.ok(!page.body.includes(`"${url}`), url);
  // Typed in as an address, the remove-or-withdraw page is refused as its submission is.
  const typedIn = await clerk.get(`/tracker/actions/${s.action.id}/withdraw`);
  assert.equal(typedIn.statusCode, 409);
  assert.doesNotMatch(typedIn.body, /name="reason"/);
  assert.match(textOf(typedIn.body), /withdrawn/i);
  const source = await clerk.get(`/tracker/sources/${s.sourceId}`);
  assert.ok(!source.body.includes(`"/tracker/move/recommendation/${s.recommendation}"`));
  assert.ok(!source.body.includes(`"/tracker/move/part/${s.plan}"`));
  assert.ok(source.body.includes(`"/tracker/move/part/${s.objectives}"`));

  // The part next to it is still open: it moves, and its item's standing is changed.
  await posted(`/tracker/move/part/${s.objectives}`, { direction: 'down' });
  await posted(`/tracker/recommendations/${s.objective}/standing`, {
    status: 'not_accepted',
    rationale: 'Not ours',
  });
});

test('TRK-01: under a withdrawn recommendation, and under a withdrawn key point, nothing is changed', async () => {
  const s = await makeSource();
  await posted(`/tracker/recommendations/${s.recommendation}/withdraw`, {
    reason: 'Done elsewhere',
  });
  await assertAllRefused(s.sourceId, underRecommendation(s));

  const other = await makeSource();
  await posted(`/tracker/key-points/${other.keyPoint}/withdraw`, { reason: 'Done elsewhere' });
  await assertAllRefused(other.sourceId, [
    [`/tracker/actions/${other.action.id}/details`, { description: 'Changed' }],
    [`/tracker/move/action/${other.action.id}`, { direction: 'up' }],
    [`/tracker/actions/${other.action.id}/withdraw`, { reason: 'Not needed' }],
    [`/tracker/actions/${other.action.id}/remove`, {}],
  ]);
  const page = await clerk.get(`/tracker/recommendations/${other.recommendation}`);
  for (const url of [
    `/tracker/actions/${other.action.id}/withdraw`,
    `/tracker/actions/${other.action.id}/details`,
    `/tracker/move/action/${other.action.id}`,
  ])
    assert.ok(!page.body.includes(`"${url}`), url);
  // The recommendation's own action, not under the key point, is still open.
  assert.ok(page.body.includes(`"/tracker/actions/${other.ownAction.id}/details"`));
  await posted(`/tracker/actions/${other.ownAction.id}/details`, { description: 'Changed' });
});

test('TRK-01: in a withdrawn source no part is added, renamed, moved, removed or withdrawn, and nothing in it changes', async () => {
  const s = await makeSource();
  await posted(`/tracker/sources/${s.sourceId}/withdraw`, { reason: 'Superseded' });
  await assertAllRefused(s.sourceId, [
    [`/tracker/sources/${s.sourceId}/parts/new`, { title: 'Another' }, /has been withdrawn/],
    [`/tracker/parts/${s.objectives}`, { title: 'Renamed' }],
    [`/tracker/move/part/${s.plan}`, { direction: 'up' }],
    [`/tracker/parts/${s.objectives}/withdraw`, { reason: 'Not needed' }],
    [`/tracker/parts/${s.objectives}/remove`, {}],
    [`/tracker/move/recommendation/${s.recommendation}`, { direction: 'up' }],
    [`/tracker/recommendations/${s.objective}/part`, { part: s.plan }],
    ...underRecommendation(s),
  ]);
});

test('TRK-01: the report CSV gives each row of a withdrawn action, key point, item, part or source the reason of the nearest one withdrawn', async () => {
  const s = await makeSource();
  const csvRows = async () => {
    const csv = await clerk.get(`/tracker/sources/${s.sourceId}/report.csv`);
    assert.equal(csv.statusCode, 200);
    const rows = parse(csv.body.replace(/^\uFEFF/, '')) as string[][];
    assert.equal(rows[0]![16], 'Withdrawn');
    // Part, number, key point, action, withdrawn.
    return rows.slice(1).map((r) => [r[0], r[1], r[7], r[10], r[16]]);
  };
  assert.deepEqual(await csvRows(), [
    ['Objectives', '1', '', '', ''],
    ['Action plan', '1', '', '', ''],
    ['Action plan', '2', '', 'Report on the budget', ''],
    ['Action plan', '2', 'A budget strategy', 'Agree the budget', ''],
    ['Action plan', '2', 'A budget strategy', 'Publish the budget', ''],
  ]);

  await posted(`/tracker/actions/${s.action.id}/withdraw`, { reason: 'Merged' });
  await posted(`/tracker/parts/${s.plan}/withdraw`, { reason: 'Next year' });
  assert.deepEqual(await csvRows(), [
    ['Objectives', '1', '', '', ''],
    ['Action plan', '1', '', '', 'Next year'],
    ['Action plan', '2', '', 'Report on the budget', 'Next year'],
    ['Action plan', '2', 'A budget strategy', 'Agree the budget', 'Next year'],
    ['Action plan', '2', 'A budget strategy', 'Publish the budget', 'Merged'],
  ]);

  await posted(`/tracker/sources/${s.sourceId}/withdraw`, { reason: 'Superseded' });
  assert.deepEqual(
    (await csvRows()).map((r) => r[4]),
    ['Superseded', 'Next year', 'Next year', 'Next year', 'Merged'],
  );
});
