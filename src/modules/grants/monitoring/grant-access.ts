/**
 * An awarded grant as monitoring finds it, and who may do what with it: staff read every grant
 * (`grants.view`) and the authority's officers act on it (`grants.manage`); the applicant (those
 * who act for it now: its current role holders or members) reads its own grant and sends its
 * returns.
 * Everyone else is refused.
 */
import { eq } from 'drizzle-orm';
import { can } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { DirectoryApi } from '../../directory/index.js';
import { grantApplications, grantFunds, grantRounds } from '../schema.js';
import { mayActForApplicant } from './rules.js';

export type Grant = Awaited<ReturnType<typeof findGrant>>;

/** An awarded grant with its round's fund and year; `lock` holds it for the transaction. */
export async function findGrant(
  executor: Executor,
  directory: DirectoryApi,
  id: string,
  lock = false,
) {
  if (!isUuid(id)) throw new NotFoundError();
  const query = executor
    .select({
      application: grantApplications,
      fundId: grantFunds.id,
      fundName: grantFunds.name,
      startYear: grantRounds.startYear,
      roundTitle: grantRounds.title,
      borough: directory.organisationNameSql(grantApplications.boroughId),
    })
    .from(grantApplications)
    .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
    .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
    .where(eq(grantApplications.id, id));
  const [row] = lock ? await query.for('update', { of: grantApplications }) : await query;
  if (!row || row.application.status !== 'awarded') throw new NotFoundError();
  return { ...row, awardedPence: row.application.awardedPence ?? 0 };
}

export interface GrantAccess {
  staff: boolean;
  manage: boolean;
  applicant: boolean;
}

/** What the person may do with the grant; refused when they may not even read it. */
export async function accessTo(
  executor: Executor,
  directory: DirectoryApi,
  principal: Principal,
  application: typeof grantApplications.$inferSelect,
): Promise<GrantAccess> {
  if (principal?.kind !== 'user') throw new ForbiddenError();
  const person =
    application.applicantKind === 'organisation'
      ? await directory.directory.lookups.personOfUser(executor, principal.userId)
      : undefined;
  const access = {
    staff: can(principal, 'grants.view'),
    manage: can(principal, 'grants.manage'),
    // Who acts for the applicant now: whoever sent the application may since have left it.
    applicant: mayActForApplicant(principal, application, person?.organisationId),
  };
  if (!access.staff && !access.applicant) throw new ForbiddenError();
  return access;
}
