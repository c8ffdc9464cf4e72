/**
 * TRK-01 (issue 23): a source's parts removed while empty or withdrawn with the reason, an item
 * moved from one part to another, nothing added under what is withdrawn, and the history of each
 * in what Bridge holds about the clerk who made it. Through the pages, as a clerk does it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, asc, count, eq } from 'drizzle-orm';
import { buildServices } from '../../src/app.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerParts,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from '../../src/modules/tracker/schema.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { assertInOrder, mainOf, textOf } from '../html.js';
import { pagesText, pdfPages } from '../pdf-text.js';

let t: TestApp;
let clerkAccount: FactoryAccount;
let clerk: Agent;
/** An authority member: reads the tracker, does not manage it. */
let member: Agent;

before(async () => {
  t = await createTestApp({ demo: false });
  clerkAccount = await makeAccount(t, { role: 'authority_officer' });
  clerk = await signInAccount(t, clerkAccount);
  member = await signInAccount(t, await makeAccount(t, { role: 'authority_member' }));
});
after(() => t.close());

const idFrom = (location: string | undefined) => location!.split('?')[0]!.split('/').pop()!;

async function postAndFollow(agent: Agent, url: string, fields: Record<string, string>) {
  const posted = await agent.post(url, fields);
  assert.equal(posted.statusCode, 303, posted.body.slice(0, 2000));
  return agent.get(posted.headers.location!);
}

/**
 * A plan of its own, typed in through the pages: parts "Objectives" (items 1 and 2), "Action
 * plan" (items 1 and 3) and "Spare" (empty); each item with one action directly under it,
 * Ongoing. Gives the ids.
 */
async function makePlan() {
  const created = await clerk.post('/tracker/new', {
    title: `Consultative groups action plan ${randomBytes(3).toString('hex')}`,
    kind: 'review',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
  const sourceId = idFrom(created.headers.location);
  for (const title of ['Objectives', 'Action plan', 'Spare'])
    assert.equal(
      (await clerk.post(`/tracker/sources/${sourceId}/parts/new`, { title })).statusCode,
      303,
    );
  const [objectives, plan, spare] = (
    await t.services.db
      .select()
      .from(trackerParts)
      .where(eq(trackerParts.sourceId, sourceId))
      .orderBy(asc(trackerParts.position))
  ).map((p) => p.id);
  const item = async (part: string, number: string) => {
    const added = await clerk.post(`/tracker/sources/${sourceId}/recommendations/new`, {
      part,
      number,
      text: `Item ${number} of ${part === objectives ? 'the objectives' : 'the plan'}`,
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 1500));
    const id = idFrom(added.headers.location);
    const action = await clerk.post(`/tracker/recommendations/${id}/actions/new`, {
      description: `Do item ${number}`,
      result: 'ongoing',
    });
    assert.equal(action.statusCode, 303, action.body.slice(0, 1500));
    return id;
  };
  return {
    sourceId,
    objectives: objectives!,
    plan: plan!,
    spare: spare!,
    objective1: await item(objectives!, '1'),
    objective2: await item(objectives!, '2'),
    plan1: await item(plan!, '1'),
    plan3: await item(plan!, '3'),
  };
}

const partsOf = async (sourceId: string) =>
  (
    await t.services.db
      .select({ title: trackerParts.title, withdrawnReason: trackerParts.withdrawnReason })
      .from(trackerParts)
      .where(eq(trackerParts.sourceId, sourceId))
      .orderBy(asc(trackerParts.position))
  ).map((p) => [p.title, p.withdrawnReason]);

const actionOf = async (recommendationId: string) =>
  (
    await t.services.db
      .select()
      .from(trackerActions)
      .where(eq(trackerActions.recommendationId, recommendationId))
  )[0]!;

test('TRK-01: an empty part is removed, one holding items is not, and the removal is kept in the source’s history', async () => {
  const plan = await makePlan();
  const before = await partsOf(plan.sourceId);

  // Holding items with no progress: refused, saying to move or remove them first.
  const full = await clerk.get(`/tracker/parts/${plan.objectives}/withdraw`);
  assert.equal(full.statusCode, 200);
  assert.match(textOf(mainOf(full.body)), /It still holds items: move each to another part/);
  const refused = await clerk.post(`/tracker/parts/${plan.objectives}/remove`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(
    textOf(refused.body),
    /It still holds items: move each to another part, or remove it, then remove the part/,
  );
  assert.deepEqual(await partsOf(plan.sourceId), before);

  // Nobody but a manager removes one.
  assert.equal((await member.get(`/tracker/parts/${plan.spare}/withdraw`)).statusCode, 403);
  assert.equal((await member.post(`/tracker/parts/${plan.spare}/remove`, {})).statusCode, 403);
  assert.deepEqual(await partsOf(plan.sourceId), before);

  const empty = await clerk.get(`/tracker/parts/${plan.spare}/withdraw`);
  assert.match(textOf(mainOf(empty.body)), /Nothing is in it, so it can be removed/);
  const page = await postAndFollow(clerk, `/tracker/parts/${plan.spare}/remove`, {});
  const text = textOf(mainOf(page.body));
  assert.match(text, /The part Spare has been removed/);
  assert.deepEqual(await partsOf(plan.sourceId), [
    ['Objectives', null],
    ['Action plan', null],
  ]);
  assertInOrder(text, [
    'Changes to this source',
    `${clerkAccount.name} removed a part of the source`,
    'The part: “Spare”',
  ]);
});

test('TRK-01: a part with progress reported in it is withdrawn, with the reason: shown grey, left out of the counts, closed to progress; renaming it is kept in the history', async () => {
  const plan = await makePlan();
  // Renamed: the history says what it was.
  const renamed = await postAndFollow(clerk, `/tracker/parts/${plan.plan}`, {
    title: 'MPA Action Plan 2002/03',
  });
  assertInOrder(textOf(mainOf(renamed.body)), [
    `${clerkAccount.name} changed a part of the source`,
    'Changed the title from “Action plan” to “MPA Action Plan 2002/03”',
  ]);

  const action = await actionOf(plan.plan3);
  const progress = await clerk.post(`/tracker/actions/${action.id}`, {
    result: 'awaits',
    narrative: 'Waiting for the budget',
    version: String(action.version),
  });
  assert.equal(progress.statusCode, 303, progress.body.slice(0, 2000));
  const offered = await clerk.get(`/tracker/parts/${plan.plan}/withdraw`);
  assert.match(
    textOf(mainOf(offered.body)),
    /Progress has been reported against something in it, so it cannot be removed: withdraw it instead/,
  );
  const refused = await clerk.post(`/tracker/parts/${plan.plan}/remove`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(textOf(refused.body), /withdraw it instead, giving the reason/);

  // A reason is needed; without one, nothing changes.
  const noReason = await clerk.post(`/tracker/parts/${plan.plan}/withdraw`, { reason: ' ' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Enter why it is withdrawn/);
  assert.equal(
    (await member.post(`/tracker/parts/${plan.plan}/withdraw`, { reason: 'No' })).statusCode,
    403,
  );
  assert.deepEqual(await partsOf(plan.sourceId), [
    ['Objectives', null],
    ['MPA Action Plan 2002/03', null],
    ['Spare', null],
  ]);

  const source = await postAndFollow(clerk, `/tracker/parts/${plan.plan}/withdraw`, {
    reason: 'Folded into next year’s plan',
  });
  const text = textOf(mainOf(source.body));
  assert.match(text, /The part MPA Action Plan 2002\/03 has been withdrawn/);
  // Only the objectives' two actions are counted now.
  assert.match(text, /2 actions: 0 completed, 2 ongoing, 0 awaiting\./);
  assertInOrder(text, [
    'Objectives',
    'Item 1 of the objectives',
    'MPA Action Plan 2002/03 Withdrawn',
    'Withdrawn: Folded into next year’s plan',
    'Item 1 of the plan',
    'Changes to this source',
    `${clerkAccount.name} withdrew a part of the source`,
    'The part: “MPA Action Plan 2002/03”',
    'Reason: Folded into next year’s plan',
  ]);
  // Its items take no more progress, and offer none.
  assert.doesNotMatch(source.body, new RegExp(`/tracker/actions/${action.id}"`));
  const again = await clerk.post(`/tracker/actions/${action.id}`, {
    result: 'ongoing',
    version: String(action.version + 1),
  });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /This action has been withdrawn, or what it is under has/);

  const report = textOf(mainOf((await clerk.get(`/tracker/sources/${plan.sourceId}/report`)).body));
  assertInOrder(report, [
    'Ongoing 2',
    'Every action 2',
    '0 of 2 recommendations have every action completed.',
    'MPA Action Plan 2002/03 Withdrawn',
    'Withdrawn: Folded into next year’s plan',
  ]);
  // The committee PDF holds what the page holds.
  const pdf = await clerk.get(`/tracker/sources/${plan.sourceId}/report.pdf`);
  assert.equal(pdf.statusCode, 200);
  assertInOrder(pagesText(await pdfPages(pdf.rawPayload)).replace(/\s+/g, ' '), [
    'Every action 2',
    '0 of 2 recommendations have every action completed.',
    'MPA Action Plan 2002/03 Withdrawn',
    'Withdrawn: Folded into next year’s plan',
    'Item 1 of the plan',
  ]);
  const partHistory = await t.services.db
    .select({ n: count() })
    .from(trackerUpdates)
    .where(and(eq(trackerUpdates.subjectId, plan.plan), eq(trackerUpdates.subject, 'part')));
  assert.equal(partHistory[0]!.n, 2); // renamed, then withdrawn
});

test('TRK-01: an item moves to another part, to its place by number there, and the move is in its history; a number already in that part is refused', async () => {
  const plan = await makePlan();
  // Offered on the source page and the item's own page.
  for (const url of [
    `/tracker/sources/${plan.sourceId}`,
    `/tracker/recommendations/${plan.objective2}`,
  ])
    assert.match(
      (await clerk.get(url)).body,
      new RegExp(`href="/tracker/recommendations/${plan.objective2}/part"`),
      url,
    );
  const form = await clerk.get(`/tracker/recommendations/${plan.objective2}/part`);
  assert.equal(form.statusCode, 200);
  const formText = textOf(mainOf(form.body));
  assert.match(formText, /Move recommendation 2 to another part/);
  assert.match(formText, /It is in the part Objectives\./);
  assert.equal(
    (await member.get(`/tracker/recommendations/${plan.objective2}/part`)).statusCode,
    403,
  );

  const numbers = async (partId: string) =>
    (
      await t.services.db
        .select({ number: trackerRecommendations.number })
        .from(trackerRecommendations)
        .where(eq(trackerRecommendations.partId, partId))
        .orderBy(asc(trackerRecommendations.position))
    ).map((r) => r.number);

  // Number 1 is taken in the action plan: refused, naming it; nothing moves.
  const taken = await clerk.post(`/tracker/recommendations/${plan.objective1}/part`, {
    part: plan.plan,
  });
  assert.equal(taken.statusCode, 409);
  assert.match(textOf(taken.body), /The part Action plan already has a number 1/);
  const none = await clerk.post(`/tracker/recommendations/${plan.objective1}/part`, {});
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /Select the part to move it to/);
  const byMember = await member.post(`/tracker/recommendations/${plan.objective2}/part`, {
    part: plan.plan,
  });
  assert.equal(byMember.statusCode, 403);
  assert.deepEqual(await numbers(plan.objectives), ['1', '2']);
  assert.deepEqual(await numbers(plan.plan), ['1', '3']);

  const page = await postAndFollow(clerk, `/tracker/recommendations/${plan.objective2}/part`, {
    part: plan.plan,
  });
  assert.deepEqual(await numbers(plan.objectives), ['1']);
  assert.deepEqual(await numbers(plan.plan), ['1', '2', '3']);
  assertInOrder(textOf(mainOf(page.body)), [
    'It has been moved to the part Action plan',
    'Recommendation 2',
    `${clerkAccount.name} changed recommendation`,
    'Changed the part from “Objectives” to “Action plan”',
  ]);
  // Its action went with it.
  assert.equal((await actionOf(plan.objective2)).recommendationId, plan.objective2);
  const source = textOf(mainOf((await clerk.get(`/tracker/sources/${plan.sourceId}`)).body));
  assertInOrder(source, [
    'Item 1 of the objectives',
    'Action plan',
    'Item 1 of the plan',
    'Item 2 of the objectives',
    'Item 3 of the plan',
  ]);
});

test('TRK-01: nothing is added under a withdrawn source, part, recommendation or key point; the refusal names the field and nothing is written', async () => {
  const plan = await makePlan();
  const db = t.services.db;
  const written = async () => {
    const [[r], [k], [a]] = await Promise.all([
      db
        .select({ n: count() })
        .from(trackerRecommendations)
        .where(eq(trackerRecommendations.sourceId, plan.sourceId)),
      db
        .select({ n: count() })
        .from(trackerKeyPoints)
        .innerJoin(
          trackerRecommendations,
          eq(trackerRecommendations.id, trackerKeyPoints.recommendationId),
        )
        .where(eq(trackerRecommendations.sourceId, plan.sourceId)),
      db
        .select({ n: count() })
        .from(trackerActions)
        .where(eq(trackerActions.sourceId, plan.sourceId)),
    ]);
    return [r!.n, k!.n, a!.n];
  };
  const refusal =
    /What you are adding to has been withdrawn, or what it is under has: nothing more is added under it/;

  // A key point of objective 1, then withdrawn.
  const keyPoint = await clerk.post(`/tracker/recommendations/${plan.objective1}/key-points/new`, {
    text: 'Groups across London',
  });
  assert.equal(keyPoint.statusCode, 303);
  const [point] = await db
    .select()
    .from(trackerKeyPoints)
    .where(eq(trackerKeyPoints.recommendationId, plan.objective1));
  await postAndFollow(clerk, `/tracker/key-points/${point!.id}/withdraw`, { reason: 'Merged' });
  const start = await written();
  const underPoint = await clerk.post(`/tracker/key-points/${point!.id}/actions/new`, {
    description: 'Hold a seminar',
  });
  assert.equal(underPoint.statusCode, 409);
  assert.match(underPoint.body, refusal);
  assert.match(underPoint.body, /href="#description"/);

  // A withdrawn recommendation: no key point, no action.
  await postAndFollow(clerk, `/tracker/recommendations/${plan.objective2}/withdraw`, {
    reason: 'Done elsewhere',
  });
  const pointUnder = await clerk.post(
    `/tracker/recommendations/${plan.objective2}/key-points/new`,
    {
      text: 'Something more',
    },
  );
  assert.equal(pointUnder.statusCode, 409);
  assert.match(pointUnder.body, refusal);
  assert.match(pointUnder.body, /href="#text"/);
  const actionUnder = await clerk.post(`/tracker/recommendations/${plan.objective2}/actions/new`, {
    description: 'Something more',
  });
  assert.equal(actionUnder.statusCode, 409);
  assert.match(actionUnder.body, refusal);

  // A withdrawn part: no item in it, nothing under its items.
  await postAndFollow(clerk, `/tracker/parts/${plan.plan}/withdraw`, { reason: 'Next year' });
  const form = await clerk.get(`/tracker/sources/${plan.sourceId}/recommendations/new`);
  assert.doesNotMatch(form.body, new RegExp(`value="${plan.plan}"`));
  const inPart = await clerk.post(`/tracker/sources/${plan.sourceId}/recommendations/new`, {
    part: plan.plan,
    number: '4',
    text: 'A fourth item',
  });
  assert.equal(inPart.statusCode, 409);
  assert.match(inPart.body, refusal);
  assert.match(inPart.body, /href="#part"/);
  for (const url of [
    `/tracker/recommendations/${plan.plan1}/key-points/new`,
    `/tracker/recommendations/${plan.plan1}/actions/new`,
  ]) {
    const refused = await clerk.post(url, { text: 'More', description: 'More' });
    assert.equal(refused.statusCode, 409, url);
    assert.match(refused.body, refusal);
  }
  const moveIn = await clerk.post(`/tracker/recommendations/${plan.objective1}/part`, {
    part: plan.plan,
  });
  assert.equal(moveIn.statusCode, 409);

  // A withdrawn source (withdrawn by hand here): nothing added to it at all.
  await db
    .update(trackerSources)
    .set({ withdrawnAt: t.clock.now(), withdrawnReason: 'Superseded' })
    .where(eq(trackerSources.id, plan.sourceId));
  const toSource = await clerk.post(`/tracker/sources/${plan.sourceId}/recommendations/new`, {
    part: plan.objectives,
    number: '9',
    text: 'A ninth objective',
  });
  assert.equal(toSource.statusCode, 409);
  assert.match(toSource.body, refusal);
  const underObjective = await clerk.post(
    `/tracker/recommendations/${plan.objective1}/key-points/new`,
    {
      text: 'More',
    },
  );
  assert.equal(underObjective.statusCode, 409);

  assert.deepEqual(await written(), start);
});

test('DP-02: the updates a clerk wrote about a source or a part, with no recommendation, are in what Bridge holds about them', async () => {
  const clerk2Account = await makeAccount(t, { role: 'authority_officer' });
  const clerk2 = await signInAccount(t, clerk2Account);
  const plan = await makePlan();
  // A minute apart, so the export lists them in the order they were written.
  const later = () => t.clock.advanceMinutes(1);
  later();
  await postAndFollow(clerk2, `/tracker/parts/${plan.spare}`, { title: 'Appendix' });
  later();
  await postAndFollow(clerk2, `/tracker/parts/${plan.spare}/withdraw`, { reason: 'Not needed' });
  later();
  await postAndFollow(clerk2, `/tracker/recommendations/${plan.objective2}/part`, {
    part: plan.plan,
  });

  const { modules } = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  });
  const tracker = modules.find((m) => m.name === 'tracker')!;
  const sections = await tracker.personData!(t.services.db, {
    personId: clerk2Account.personId,
    userId: clerk2Account.userId,
  });
  const rows = sections.find((s) => s.title === 'Updates they recorded')!.rows;
  assert.deepEqual(
    rows.map((r) => [r.Recommendation, r.Kind, r['Made to'], r.Part, r.Rationale]),
    [
      [null, 'edited', 'part', 'Appendix', null],
      [null, 'withdrawn', 'part', 'Appendix', 'Not needed'],
      ['2', 'edited', 'recommendation', null, null],
    ],
  );
  assert.ok(rows.every((r) => typeof r.Source === 'string' && r.Source.startsWith('Consultative')));
});
