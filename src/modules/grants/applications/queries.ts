/**
 * The reads applications' actions share: what a person represents (CON-04), whether an
 * application is one of theirs, an application with its lines and outcomes, and staff's lists.
 */
import { and, count, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { UserPrincipal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { prefixTsQuery, type PageRequest } from '../../../platform/db/search.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { EngagementApi } from '../../engagement/index.js';
import { APPLICATION_STATUSES } from '../constants.js';
import { contentOf, findApplication } from '../application-records.js';
import { grantApplications, grantFunds, grantRounds } from '../schema.js';
import { requestedPence, sectionStatuses, type Represents } from './rules.js';

export interface ApplicationFilter {
  fund?: string | undefined;
  round?: string | undefined;
  status?: string | undefined;
  borough?: string | undefined;
  q?: string | undefined;
}

export function createApplicationQueries(deps: {
  db: Db;
  directory: DirectoryApi;
  engagement: EngagementApi;
  t: Translate;
}) {
  const { db, directory, engagement, t } = deps;
  const lookups = directory.directory.lookups;

  /**
   * CON-04: what a person represents, from their roles and their own directory entry. The
   * groups' names come from the engagement module (read outside any transaction), so only when
   * `named`: deciding whether they represent an applicant needs the ids alone.
   */
  async function representsOf(
    executor: Executor,
    user: UserPrincipal,
    named = true,
  ): Promise<Represents> {
    const scoped = (role: string, type: string) => [
      ...new Set(
        user.roles
          .filter((g) => g.role === role && g.scopeType === type && g.scopeId)
          .map((g) => g.scopeId!),
      ),
    ];
    const groupIds = scoped('engagement_officer', 'engagement_group');
    const boroughIds = scoped('partnership_officer', 'borough');
    const person = await lookups.personOfUser(executor, user.userId);
    const orgIds = [...boroughIds, ...(person?.organisationId ? [person.organisationId] : [])];
    const [groupNames, organisations] = await Promise.all([
      // A closed group no longer applies (CON-04); its names read in one query.
      named
        ? engagement
            .groupsNamed(groupIds)
            .then((groups) =>
              groups.filter((g) => !g.closedOn).map(({ id, name }) => ({ id, name })),
            )
        : Promise.resolve(groupIds.map((id) => ({ id, name: id }))),
      lookups.organisations(executor, orgIds),
    ]);
    const own = person?.organisationId ? organisations.get(person.organisationId) : undefined;
    return {
      engagementGroups: groupNames.flatMap((g) => (g.name ? [{ id: g.id, name: g.name }] : [])),
      boroughs: boroughIds.flatMap((id) => {
        const b = organisations.get(id);
        return b && b.kind === 'borough' && !b.archived ? [{ id, name: b.name }] : [];
      }),
      organisation:
        own && own.kind === 'community' && !own.archived ? { id: own.id, name: own.name } : null,
    };
  }

  const applicantNames = {
    partnership: (borough: string) => t('grants:applications.partnershipOf', { borough }),
    borough: (borough: string) => t('grants:applications.boroughOf', { borough }),
  };

  /** Where an application's applicant is one of what the person represents. */
  function representedSql(r: Represents): SQL {
    const clauses: SQL[] = [sql`false`];
    const groups = r.engagementGroups.map((g) => g.id);
    const boroughs = r.boroughs.map((b) => b.id);
    if (groups.length) clauses.push(inArray(grantApplications.engagementGroupId, groups));
    if (boroughs.length)
      clauses.push(
        and(
          inArray(grantApplications.applicantKind, ['partnership', 'borough']),
          inArray(grantApplications.organisationId, boroughs),
        )!,
      );
    if (r.organisation)
      clauses.push(
        and(
          eq(grantApplications.applicantKind, 'organisation'),
          eq(grantApplications.organisationId, r.organisation.id),
        )!,
      );
    return or(...clauses)!;
  }

  /** An application with its round, fund, lines and outcomes; `lock` holds it for a change. */
  async function load(executor: Executor, id: string, lock = false) {
    const row = await findApplication(executor, id, lock);
    const { budgetLines: lines, outcomes } = await contentOf(executor, id);
    const a = row.application;
    const draft = {
      projectTitle: a.projectTitle,
      summary: a.summary,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      objectives: a.objectives,
      activities: a.activities,
      lines: lines.length,
      outcomes: outcomes.length,
    };
    return {
      ...row,
      lines,
      outcomes,
      draft,
      sections: sectionStatuses(draft),
      totalPence: requestedPence(lines),
    };
  }

  /** Staff's filters, each on an indexed column (the fund through its rounds). */
  function staffWhere(filter: ApplicationFilter, roundId?: string) {
    const status = APPLICATION_STATUSES.find((s) => s === filter.status && s !== 'draft');
    const words = filter.q ? prefixTsQuery(filter.q) : null;
    return and(
      // Submitted at some time: a draft withdrawn unsent stays the applicant's alone.
      isNotNull(grantApplications.submittedAt),
      roundId ? eq(grantApplications.roundId, roundId) : undefined,
      !roundId && filter.round && isUuid(filter.round)
        ? eq(grantApplications.roundId, filter.round)
        : undefined,
      filter.fund && isUuid(filter.fund) ? eq(grantRounds.fundId, filter.fund) : undefined,
      status ? eq(grantApplications.status, status) : undefined,
      filter.borough && isUuid(filter.borough)
        ? eq(grantApplications.boroughId, filter.borough)
        : undefined,
      words ? sql`${grantApplications.search} @@ to_tsquery('english', ${words})` : undefined,
    );
  }

  async function staffList(filter: ApplicationFilter, page: PageRequest, roundId?: string) {
    const where = staffWhere(filter, roundId);
    const [items, totals] = await Promise.all([
      db
        .select({
          id: grantApplications.id,
          reference: grantApplications.reference,
          applicantName: grantApplications.applicantName,
          projectTitle: grantApplications.projectTitle,
          status: grantApplications.status,
          requestedPence: grantApplications.requestedPence,
          submittedAt: grantApplications.submittedAt,
          roundTitle: grantRounds.title,
          fundName: grantFunds.name,
          borough: directory.organisationNameSql(grantApplications.boroughId),
        })
        .from(grantApplications)
        .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
        .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
        .where(where)
        .orderBy(desc(grantApplications.submittedAt), desc(grantApplications.reference))
        .limit(page.limit)
        .offset(page.offset),
      db
        .select({
          n: count(),
          requested: sql<number>`coalesce(sum(${grantApplications.requestedPence}), 0)::bigint`,
        })
        .from(grantApplications)
        .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
        .where(where),
    ]);
    return {
      items,
      total: Number(totals[0]?.n ?? 0),
      requestedPence: Number(totals[0]?.requested ?? 0),
    };
  }

  return { representsOf, representedSql, applicantNames, load, staffList };
}
