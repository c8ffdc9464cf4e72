/**
 * An application as its readers in grants share it (the applicant's pages, assessment, award):
 * the one finder with its round and fund, its budget lines and outcomes, and its fund's criteria.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import {
  grantApplications,
  grantBudgetLines,
  grantFunds,
  grantFundYears,
  grantOutcomes,
  grantRounds,
} from './schema.js';

/** The application with its round and fund; locked (the application's row) when asked. */
export async function findApplication(executor: Executor, id: string, lock = false) {
  if (!isUuid(id)) throw new NotFoundError();
  const query = executor
    .select({ application: grantApplications, round: grantRounds, fund: grantFunds })
    .from(grantApplications)
    .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
    .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
    .where(eq(grantApplications.id, id));
  const [row] = lock ? await query.for('update', { of: grantApplications }) : await query;
  if (!row) throw new NotFoundError();
  return row;
}

export type FoundApplication = Awaited<ReturnType<typeof findApplication>>;

/** What the application asks for and promises, as the assessors and the panel read it. */
export async function contentOf(executor: Executor, applicationId: string) {
  const [budgetLines, outcomes] = await Promise.all([
    executor
      .select()
      .from(grantBudgetLines)
      .where(eq(grantBudgetLines.applicationId, applicationId))
      .orderBy(asc(grantBudgetLines.position)),
    executor
      .select()
      .from(grantOutcomes)
      .where(eq(grantOutcomes.applicationId, applicationId))
      .orderBy(asc(grantOutcomes.position)),
  ]);
  return { budgetLines, outcomes };
}

/** The fund's budget for the round's reporting year, if it has one. */
export async function fundYearOf(executor: Executor, fundId: string, startYear: number) {
  const [year] = await executor
    .select()
    .from(grantFundYears)
    .where(and(eq(grantFundYears.fundId, fundId), eq(grantFundYears.startYear, startYear)));
  return year;
}
