/**
 * A tracker source a test types in through the pages, as a clerk does (issue 23's withdrawal
 * tests): parts, items, a key point and actions, each added by posting its form; and every row of
 * a source as it stands, for "nothing changed".
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import {
  trackerActions,
  trackerKeyPoints,
  trackerParts,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from '../../src/modules/tracker/schema.js';
import type { Agent, TestApp } from '../app.js';

/** The sentences a refusal inside something withdrawn says, as a person reads them. */
export const WITHDRAWN_SAID = {
  noEdit: /This has been withdrawn: it can no longer be changed/,
  noProgress:
    /This action has been withdrawn, or what it is under has: no more progress is recorded on it/,
  notAdded:
    /What you are adding to has been withdrawn, or what it is under has: nothing more is added under it/,
};

const idFrom = (location: string | undefined) => location!.split('?')[0]!.split('/').pop()!;

/** Posts a form that must succeed (303); gives the id its redirect names. */
export async function postedBy(agent: Agent, url: string, fields: Record<string, string>) {
  const response = await agent.post(url, fields);
  assert.equal(response.statusCode, 303, `${url}: ${response.body.slice(0, 1500)}`);
  return idFrom(response.headers.location);
}

/**
 * A source of its own, typed in through the pages by `clerk`: parts "Objectives" (item 1) and
 * "Action plan" (items 1 and 2); the plan's item 2 has a key point with two actions and an
 * action of its own, each Ongoing. Gives the ids.
 */
export async function typedInSource(t: TestApp, clerk: Agent) {
  const posted = (url: string, fields: Record<string, string>) => postedBy(clerk, url, fields);
  const title = `Consultation review ${randomBytes(3).toString('hex')}`;
  const sourceId = await posted('/tracker/new', { title, kind: 'review' });
  for (const part of ['Objectives', 'Action plan'])
    await posted(`/tracker/sources/${sourceId}/parts/new`, { title: part });
  const [objectives, plan] = (
    await t.services.db
      .select({ id: trackerParts.id })
      .from(trackerParts)
      .where(eq(trackerParts.sourceId, sourceId))
      .orderBy(asc(trackerParts.position))
  ).map((p) => p.id);
  const item = (part: string, number: string) =>
    posted(`/tracker/sources/${sourceId}/recommendations/new`, {
      part,
      number,
      text: `Item ${number}`,
    });
  const objective = await item(objectives!, '1');
  await item(plan!, '1');
  const recommendation = await item(plan!, '2');
  await posted(`/tracker/recommendations/${recommendation}/key-points/new`, {
    text: 'A budget strategy',
  });
  const [keyPoint] = await t.services.db
    .select({ id: trackerKeyPoints.id })
    .from(trackerKeyPoints)
    .where(eq(trackerKeyPoints.recommendationId, recommendation));
  for (const description of ['Agree the budget', 'Publish the budget'])
    await posted(`/tracker/key-points/${keyPoint!.id}/actions/new`, {
      description,
      result: 'ongoing',
    });
  await posted(`/tracker/recommendations/${recommendation}/actions/new`, {
    description: 'Report on the budget',
    result: 'ongoing',
  });
  const actions = await t.services.db
    .select({
      id: trackerActions.id,
      version: trackerActions.version,
      description: trackerActions.description,
    })
    .from(trackerActions)
    .where(eq(trackerActions.recommendationId, recommendation));
  const actionOf = (description: string) => actions.find((a) => a.description === description)!;
  return {
    sourceId,
    title,
    objectives: objectives!,
    plan: plan!,
    objective,
    recommendation,
    keyPoint: keyPoint!.id,
    /** The key point's first action. */
    firstAction: actionOf('Agree the budget'),
    /** The key point's second action (it can move up), then the recommendation's own. */
    action: actionOf('Publish the budget'),
    ownAction: actionOf('Report on the budget'),
  };
}

export type TypedInSource = Awaited<ReturnType<typeof typedInSource>>;

/** Every row of the source as it stands, for "nothing changed". */
export async function sourceRows(t: TestApp, sourceId: string) {
  const db = t.services.db;
  return {
    source: await db.select().from(trackerSources).where(eq(trackerSources.id, sourceId)),
    parts: await db
      .select()
      .from(trackerParts)
      .where(eq(trackerParts.sourceId, sourceId))
      .orderBy(asc(trackerParts.id)),
    recommendations: await db
      .select()
      .from(trackerRecommendations)
      .where(eq(trackerRecommendations.sourceId, sourceId))
      .orderBy(asc(trackerRecommendations.id)),
    keyPoints: await db
      .select()
      .from(trackerKeyPoints)
      .innerJoin(
        trackerRecommendations,
        eq(trackerRecommendations.id, trackerKeyPoints.recommendationId),
      )
      .where(eq(trackerRecommendations.sourceId, sourceId))
      .orderBy(asc(trackerKeyPoints.id)),
    actions: await db
      .select()
      .from(trackerActions)
      .where(eq(trackerActions.sourceId, sourceId))
      .orderBy(asc(trackerActions.id)),
    updates: await db
      .select()
      .from(trackerUpdates)
      .where(eq(trackerUpdates.sourceId, sourceId))
      .orderBy(asc(trackerUpdates.id)),
  };
}
