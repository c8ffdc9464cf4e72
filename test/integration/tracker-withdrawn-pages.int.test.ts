/**
 * TRK-01 (issue 23): what the pages say and offer about what is withdrawn, at every level. A
 * withdrawn action, or one in something withdrawn, is left out of "My actions" and its page
 * offers no progress form; the source's count of items leaves out what is withdrawn; nothing
 * withdrawn is offered a move or a change of details, and a form opened by its address inside
 * something withdrawn is refused (409, the withdrawn sentence) as its submission is. Two
 * withdrawals, or a removal and an update, at once: one of them is refused, never both done.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import {
  trackerActions,
  trackerSources,
  trackerUpdates,
} from '../../src/modules/tracker/schema.js';
import { createTestApp, dateFields, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { postedBy, sourceRows, typedInSource, WITHDRAWN_SAID } from '../factories/tracker-typed.js';
import { mainOf, textOf } from '../html.js';

let t: TestApp;
let clerk: Agent;

before(async () => {
  t = await createTestApp({ demo: false });
  clerk = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
});
after(() => t.close());

const { noEdit: NO_EDIT, noProgress: NO_PROGRESS, notAdded: NOT_ADDED } = WITHDRAWN_SAID;

const posted = (url: string, fields: Record<string, string>) => postedBy(clerk, url, fields);
const makeSource = () => typedInSource(t, clerk);
const pageText = async (agent: Agent, url: string) => {
  const page = await agent.get(url);
  assert.equal(page.statusCode, 200, url);
  return textOf(mainOf(page.body));
};
/** A form posting to the tracker, for "the page offers no form". */
const trackerForm = /<form method="post" action="\/tracker\//;

/** Each address is refused (409) with the sentence, and shows no form. */
async function assertPagesRefused(urls: readonly string[], said: RegExp = NO_EDIT) {
  for (const url of urls) {
    const page = await clerk.get(url);
    assert.equal(page.statusCode, 409, `${url}: ${page.body.slice(0, 1500)}`);
    assert.match(textOf(page.body), said, url);
    assert.doesNotMatch(page.body, trackerForm, url);
  }
}

test('TRK-01: a withdrawn source is not marked received: its form is refused and the submission changes nothing', async () => {
  const sourceId = await posted('/tracker/new', {
    title: `Annual review ${randomBytes(3).toString('hex')}`,
    kind: 'review',
    ...dateFields('dueOn', '2026-07-31'),
  });
  const url = `/tracker/sources/${sourceId}/received`;
  assert.equal((await clerk.get(url)).statusCode, 200);
  await posted(`/tracker/sources/${sourceId}/withdraw`, { reason: 'Not needed' });
  await assertPagesRefused([url]);
  const refused = await clerk.post(url, dateFields('receivedOn', '2026-10-01'));
  assert.equal(refused.statusCode, 409);
  assert.match(textOf(refused.body), NO_EDIT);
  const [row] = await t.services.db
    .select({ receivedOn: trackerSources.receivedOn })
    .from(trackerSources)
    .where(eq(trackerSources.id, sourceId));
  assert.equal(row!.receivedOn, null);
  assert.doesNotMatch(await pageText(clerk, `/tracker/sources/${sourceId}`), /Mark it received/);
});

/** Makes `owner` the owner of these actions (keeping their wording), due on a day past. */
async function ownOverdue(
  owner: FactoryAccount,
  actions: readonly { id: string; description: string | null }[],
) {
  for (const a of actions)
    await posted(`/tracker/actions/${a.id}/details`, {
      description: a.description ?? '',
      'owner-0-name': owner.email,
      ...dateFields('dueOn', '2026-01-15'),
    });
}

test('TRK-01: "My actions" leaves out an action withdrawn, or in a withdrawn key point, item, part or source; its page offers no progress form', async () => {
  const ownerAccount = await makeAccount(t, { role: 'authority_member', name: 'Olu Owner' });
  const owner = await signInAccount(t, ownerAccount);
  const s = await makeSource();
  await ownOverdue(ownerAccount, [s.firstAction, s.action, s.ownAction]);
  const mine = () => pageText(owner, '/tracker/my-actions');
  let text = await mine();
  assert.match(text, /3 actions/);
  for (const words of ['Agree the budget', 'Publish the budget', 'Report on the budget'])
    assert.ok(text.includes(words), words);
  assert.equal(text.match(/Overdue/g)?.length, 3);

  // The action itself withdrawn: gone from the list, its page offers no form.
  await posted(`/tracker/actions/${s.action.id}/withdraw`, { reason: 'Merged' });
  text = await mine();
  assert.match(text, /2 actions/);
  assert.ok(!text.includes('Publish the budget'));
  assert.equal(text.match(/Overdue/g)?.length, 2);
  const page = await owner.get(`/tracker/actions/${s.action.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(textOf(mainOf(page.body)), NO_PROGRESS);
  assert.doesNotMatch(page.body, /name="result"/);
  assert.doesNotMatch(page.body, trackerForm);
  // Its submission is refused: the sentence, no error summary pointing at a missing field.
  const start = await sourceRows(t, s.sourceId);
  const refused = await owner.post(`/tracker/actions/${s.action.id}`, {
    result: 'awaits',
    version: String(s.action.version + 1),
  });
  assert.equal(refused.statusCode, 409);
  assert.match(textOf(refused.body), NO_PROGRESS);
  assert.doesNotMatch(refused.body, /href="#result"/);
  assert.deepEqual(await sourceRows(t, s.sourceId), start);

  // Its key point withdrawn: its other action goes too, and offers no form.
  await posted(`/tracker/key-points/${s.keyPoint}/withdraw`, { reason: 'Done elsewhere' });
  text = await mine();
  assert.match(text, /1 action\b/);
  assert.ok(!text.includes('Agree the budget'));
  assert.ok(text.includes('Report on the budget'));
  assert.match(await pageText(owner, `/tracker/actions/${s.firstAction.id}`), NO_PROGRESS);
  assert.doesNotMatch((await owner.get(`/tracker/actions/${s.firstAction.id}`)).body, trackerForm);

  // Its item's part withdrawn: the item's own action goes too.
  await posted(`/tracker/parts/${s.plan}/withdraw`, { reason: 'Next year' });
  text = await mine();
  assert.match(text, /0 actions/);
  assert.match(text, /You have no actions to report on/);
  assert.match(await pageText(owner, `/tracker/actions/${s.ownAction.id}`), NO_PROGRESS);

  // An item withdrawn, and a whole source withdrawn: theirs go too.
  const other = await makeSource();
  await ownOverdue(ownerAccount, [other.ownAction, other.firstAction]);
  assert.match(await mine(), /2 actions/);
  await posted(`/tracker/recommendations/${other.recommendation}/withdraw`, { reason: 'Merged' });
  assert.match(await mine(), /0 actions/);
  const third = await makeSource();
  await ownOverdue(ownerAccount, [third.ownAction]);
  assert.match(await mine(), /1 action\b/);
  await posted(`/tracker/sources/${third.sourceId}/withdraw`, { reason: 'Superseded' });
  assert.match(await mine(), /0 actions/);
  assert.doesNotMatch(
    (await owner.get(`/tracker/actions/${third.ownAction.id}`)).body,
    trackerForm,
  );
});

test('TRK-01: a withdrawn action, under its item or under a key point, shows Withdrawn with its reason, keeps its remove-or-withdraw link, and offers no move or change of details', async () => {
  const s = await makeSource();
  await posted(`/tracker/recommendations/${s.recommendation}/actions/new`, {
    description: 'Audit the budget',
    result: 'ongoing',
  });
  const [second] = await t.services.db
    .select({ id: trackerActions.id })
    .from(trackerActions)
    .where(
      and(
        eq(trackerActions.recommendationId, s.recommendation),
        eq(trackerActions.description, 'Audit the budget'),
      ),
    );
  const url = `/tracker/recommendations/${s.recommendation}`;
  const has = (body: string, href: string) => body.includes(`"${href}"`);
  let page = (await clerk.get(url)).body;
  assert.ok(has(page, `/tracker/move/action/${s.ownAction.id}`));
  assert.ok(has(page, `/tracker/actions/${s.ownAction.id}/details`));
  assert.ok(has(page, `/tracker/actions/${s.ownAction.id}/withdraw`));

  await posted(`/tracker/actions/${s.ownAction.id}/withdraw`, { reason: 'Reported in the plan' });
  await posted(`/tracker/actions/${s.action.id}/withdraw`, { reason: 'Merged' });
  page = (await clerk.get(url)).body;
  const text = textOf(mainOf(page));
  assert.match(text, /Report on the budget No owner Withdrawn Withdrawn: Reported in the plan /);
  assert.match(text, /Publish the budget No owner Withdrawn Withdrawn: Merged /);
  for (const a of [s.ownAction.id, s.action.id]) {
    assert.ok(has(page, `/tracker/actions/${a}/withdraw`), a);
    assert.ok(!has(page, `/tracker/move/action/${a}`), a);
    assert.ok(!has(page, `/tracker/actions/${a}/details`), a);
  }
  // Those still open keep theirs.
  for (const a of [second!.id, s.firstAction.id]) {
    assert.ok(has(page, `/tracker/move/action/${a}`), a);
    assert.ok(has(page, `/tracker/actions/${a}/details`), a);
  }
});

test('TRK-01: the source page counts only the items not withdrawn, and says how many are', async () => {
  const s = await makeSource();
  const counted = async () =>
    /(\d+ recommendations?(?: \(and \d+ withdrawn, not counted\))?);/.exec(
      await pageText(clerk, `/tracker/sources/${s.sourceId}`),
    )?.[1];
  assert.equal(await counted(), '3 recommendations');
  await posted(`/tracker/recommendations/${s.objective}/withdraw`, { reason: 'Met' });
  assert.equal(await counted(), '2 recommendations (and 1 withdrawn, not counted)');
  await posted(`/tracker/parts/${s.plan}/withdraw`, { reason: 'Next year' });
  assert.equal(await counted(), '0 recommendations (and 3 withdrawn, not counted)');
  const other = await makeSource();
  await posted(`/tracker/sources/${other.sourceId}/withdraw`, { reason: 'Superseded' });
  assert.match(
    await pageText(clerk, `/tracker/sources/${other.sourceId}`),
    /0 recommendations \(and 3 withdrawn, not counted\); 0 actions/,
  );
});

test('TRK-01: a form opened by its address inside something withdrawn is refused, as its submission is', async () => {
  const s = await makeSource();
  const inPlan = [
    `/tracker/parts/${s.plan}`,
    `/tracker/recommendations/${s.recommendation}/part`,
    `/tracker/recommendations/${s.recommendation}/edit`,
    `/tracker/recommendations/${s.recommendation}/standing`,
    `/tracker/key-points/${s.keyPoint}/edit`,
    `/tracker/actions/${s.ownAction.id}/details`,
    `/tracker/actions/${s.action.id}/details`,
  ];
  for (const url of inPlan) assert.equal((await clerk.get(url)).statusCode, 200, url);
  await posted(`/tracker/parts/${s.plan}/withdraw`, { reason: 'Next year' });
  await assertPagesRefused(inPlan);
  // The withdrawn part's own remove-or-withdraw page still opens; the other part's forms too.
  assert.equal((await clerk.get(`/tracker/parts/${s.plan}/withdraw`)).statusCode, 200);
  assert.equal((await clerk.get(`/tracker/parts/${s.objectives}`)).statusCode, 200);
  assert.equal((await clerk.get(`/tracker/recommendations/${s.objective}/edit`)).statusCode, 200);

  // A withdrawn action's details, and in a withdrawn source, every form.
  const other = await makeSource();
  await posted(`/tracker/actions/${other.action.id}/withdraw`, { reason: 'Merged' });
  await assertPagesRefused([`/tracker/actions/${other.action.id}/details`]);
  await posted(`/tracker/sources/${other.sourceId}/withdraw`, { reason: 'Superseded' });
  await assertPagesRefused([
    `/tracker/sources/${other.sourceId}/edit`,
    `/tracker/parts/${other.objectives}`,
    `/tracker/parts/${other.objectives}/withdraw`,
    `/tracker/recommendations/${other.objective}/edit`,
    `/tracker/recommendations/${other.objective}/standing`,
    `/tracker/key-points/${other.keyPoint}/edit`,
    `/tracker/actions/${other.firstAction.id}/details`,
  ]);
});

test('TRK-01: an item moves only to a part still open; where every part is withdrawn, no item is added, and the form says why', async () => {
  const s = await makeSource();
  const source = `/tracker/sources/${s.sourceId}`;
  const recommendation = `/tracker/recommendations/${s.recommendation}`;
  const moveLink = /Move to another part/;
  assert.match(await pageText(clerk, source), moveLink);
  assert.match(await pageText(clerk, recommendation), moveLink);

  await posted(`/tracker/parts/${s.objectives}/withdraw`, { reason: 'Met' });
  assert.doesNotMatch(await pageText(clerk, source), moveLink);
  assert.doesNotMatch(await pageText(clerk, recommendation), moveLink);
  assert.match(await pageText(clerk, source), /Add a recommendation/);

  await posted(`/tracker/parts/${s.plan}/withdraw`, { reason: 'Next year' });
  assert.doesNotMatch(await pageText(clerk, source), /Add a recommendation/);
  await assertPagesRefused([`${source}/recommendations/new`], NOT_ADDED);
  const start = await sourceRows(t, s.sourceId);
  const refused = await clerk.post(`${source}/recommendations/new`, {
    number: '9',
    text: 'A ninth',
  });
  assert.equal(refused.statusCode, 409);
  assert.match(textOf(refused.body), NOT_ADDED);
  assert.doesNotMatch(textOf(refused.body), /Select the part/);
  assert.deepEqual(await sourceRows(t, s.sourceId), start);
});

test('TRK-01: two withdrawals of one thing at once: one is done, the other refused, and the history has one', async () => {
  const s = await makeSource();
  for (const url of [
    `/tracker/actions/${s.action.id}/withdraw`,
    `/tracker/parts/${s.objectives}/withdraw`,
  ]) {
    const both = await Promise.all([
      clerk.post(url, { reason: 'First' }),
      clerk.post(url, { reason: 'Second' }),
    ]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [303, 409], url);
  }
  const withdrawals = await t.services.db
    .select({ subjectId: trackerUpdates.subjectId })
    .from(trackerUpdates)
    .where(and(eq(trackerUpdates.sourceId, s.sourceId), eq(trackerUpdates.kind, 'withdrawn')));
  const of = (id: string) => withdrawals.filter((w) => w.subjectId === id).length;
  assert.equal(of(s.action.id), 1);
  assert.equal(of(s.objectives), 1);
});

test('TRK-01: an action removed while progress is recorded on it: never both', async () => {
  const s = await makeSource();
  const [removed, progressed] = await Promise.all([
    clerk.post(`/tracker/actions/${s.firstAction.id}/remove`, {}),
    clerk.post(`/tracker/actions/${s.firstAction.id}`, {
      result: 'awaits',
      narrative: 'Waiting on the board',
      version: String(s.firstAction.version),
    }),
  ]);
  const codes = [removed.statusCode, progressed.statusCode];
  // Removed first, the update finds nothing (404); updated first, the removal is refused (409).
  assert.ok(
    (codes[0] === 303 && codes[1] === 404) || (codes[0] === 409 && codes[1] === 303),
    `removal ${codes[0]}, progress ${codes[1]}`,
  );
  const rows = await sourceRows(t, s.sourceId);
  const kept = rows.actions.find((a) => a.id === s.firstAction.id);
  if (codes[0] === 303) assert.equal(kept, undefined);
  else assert.equal(kept!.result, 'awaits');
});

test('TRK-01: the export leaves out what is withdrawn, so imported again nothing withdrawn comes back live; a withdrawn source is not exported', async () => {
  const s = await makeSource();
  await posted(`/tracker/actions/${s.action.id}/withdraw`, { reason: 'Merged' });
  await posted(`/tracker/recommendations/${s.objective}/withdraw`, { reason: 'Met' });
  const exportOf = async (sourceId: string) => {
    const exported = await clerk.get(`/tracker/sources/${sourceId}/export.csv`);
    assert.equal(exported.statusCode, 200);
    return exported.body;
  };
  const csv = await exportOf(s.sourceId);
  const actions = (body: string) =>
    (parse(body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]).map((r) => [
      r.recommendation,
      r.key_point,
      r.action,
    ]);
  assert.deepEqual(actions(csv), [
    ['1', '', ''],
    ['2', '', 'Report on the budget'],
    ['', 'A budget strategy', 'Agree the budget'],
  ]);
  assert.ok(!csv.includes('Publish the budget'));

  // Imported again under another title: only what was live, each live.
  const copy = csv.replace(s.title, `${s.title} copy`);
  const imported = await clerk.postFile(
    '/tracker/import',
    {},
    { field: 'file', name: 'copy.csv', bytes: Buffer.from(copy), type: 'text/csv' },
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 2000));
  const copyPage = await pageText(clerk, imported.headers.location!.split('?')[0]!);
  assert.doesNotMatch(copyPage, /Withdrawn|Publish the budget/);
  assert.match(copyPage, /2 recommendations; 2 actions/);

  // The import page says so; a withdrawn source is not exported, nor offered.
  assert.match(
    await pageText(clerk, '/tracker/import'),
    /What has been withdrawn is not in an export: a withdrawn source is not exported/,
  );
  await posted(`/tracker/sources/${s.sourceId}/withdraw`, { reason: 'Superseded' });
  const refused = await clerk.get(`/tracker/sources/${s.sourceId}/export.csv`);
  assert.equal(refused.statusCode, 409);
  assert.match(textOf(refused.body), /This source has been withdrawn, so it is not exported/);
  assert.doesNotMatch(await pageText(clerk, `/tracker/sources/${s.sourceId}`), /Export as CSV/);
});
