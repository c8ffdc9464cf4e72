/**
 * Engagement groups' records a test makes for itself (CON-04): a standard of its own, an
 * assessment, a plan's heading, an issue, as real rows.
 */
import {
  engagementAssessments,
  engagementIssues,
  engagementPlanHeadings,
  engagementPlans,
  engagementStandards,
} from '../../src/modules/engagement/schema.js';
import type { PlanHeading, Standing } from '../../src/modules/engagement/rules.js';
import type { TestApp } from '../app.js';
import { uniqueTag } from './directory.js';

export async function makeStandard(t: TestApp, options: { title?: string } = {}) {
  const tag = uniqueTag();
  const [row] = await t.services.db
    .insert(engagementStandards)
    .values({
      code: `T${tag}`.slice(0, 20),
      title: options.title ?? `Standard ${tag}`,
      description: 'A standard a test made.',
      position: 1000,
    })
    .returning();
  return row!;
}

export async function makeAssessment(
  t: TestApp,
  groupId: string,
  standardId: string,
  standing: Standing,
  assessedOn = '2026-10-01',
) {
  const [row] = await t.services.db
    .insert(engagementAssessments)
    .values({ groupId, standardId, standing, evidence: 'Seen by a test.', assessedOn })
    .returning();
  return row!;
}

/** The year's plan with the headings given written. */
export async function makePlan(
  t: TestApp,
  groupId: string,
  headings: readonly PlanHeading[],
  startYear = 2026,
) {
  const db = t.services.db;
  const [plan] = await db.insert(engagementPlans).values({ groupId, startYear }).returning();
  if (headings.length)
    await db.insert(engagementPlanHeadings).values(
      headings.map((heading) => ({
        planId: plan!.id,
        heading,
        position: `Where we stand on ${heading}.`,
        plan: `What we plan on ${heading}.`,
      })),
    );
  return plan!;
}

export async function makeIssue(
  t: TestApp,
  groupId: string,
  options: { raisedOn?: string; issue?: string; answered?: boolean; closed?: boolean } = {},
) {
  const [row] = await t.services.db
    .insert(engagementIssues)
    .values({
      groupId,
      raisedOn: options.raisedOn ?? '2026-11-01',
      raisedTo: 'police',
      issue: options.issue ?? `Issue ${uniqueTag()}`,
      wanted: 'An answer.',
      ...(options.answered || options.closed
        ? { response: 'Answered.', respondedOn: '2026-11-10' }
        : {}),
      ...(options.closed ? { closedOn: '2026-11-12' } : {}),
    })
    .returning();
  return row!;
}
