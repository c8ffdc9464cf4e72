/**
 * Reading the tracker's records, for its services: a source, the names of owners, a source's
 * whole tree of recommendations, key points and actions (each a page's worth in a few queries
 * however large the source), and who is asking as the rules see them.
 */
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import { can } from '../../platform/auth/permissions.js';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { todayInLondon } from '../../platform/calendar/index.js';
import type { Db, Executor } from '../../platform/db/database.js';
import type { PageRequest } from '../../platform/db/search.js';
import { NotFoundError, type FieldError } from '../../platform/errors.js';
import { text, tooLong } from '../../platform/http/form-fields.js';
import { isUuid } from '../../platform/http/params.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { DirectoryService } from '../directory/index.js';
import {
  isOverdue,
  itemNoun,
  mayUpdateAction,
  recommendationProgress,
  resultLabel,
  type ActionOwner,
  type TrackerUser,
} from './rules.js';
import { parseRecommendationNumber } from './numbering-rules.js';
import { completedOf } from './progress.js';
import { notWithdrawn } from './withdrawal.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerParts,
  trackerRecommendations,
  trackerSources,
} from './schema.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_HEADING = 300;
const MAX_ITEM_TEXT = 20_000;

/** A key point's lead or an action's owner: a person in the directory, or an organisation. */
export interface Lead {
  personId: string | null;
  organisationId: string | null;
}

/** Several leads' or owners' names as one line, for a page, a report or its PDF. */
export const joinNames = (names: readonly string[]): string | null =>
  names.length ? names.join(', ') : null;

/** The same in a CSV cell, as the tracker's file writes several references: "; " between. */
export const NAMES_SEPARATOR = '; ';

/** An action nobody owns: no lead row names it. */
export const unownedAction = sql`not exists (select 1 from ${trackerLeads} where ${trackerLeads.actionId} = ${trackerActions.id})`;

/**
 * TRK-01: a recommendation's or objective's fields as the add and edit forms give them: its
 * number as the source numbers it, the heading it sits under, and its text. Each bad field is
 * added to errors.
 */
export function readRecommendationFields(input: Input, errors: FieldError[], t: Translate) {
  const number = parseRecommendationNumber(text(input.number) ?? '');
  if (!number)
    errors.push({ field: 'number', message: t('tracker:records.recommendation.number.missing') });
  const section = text(input.section);
  tooLong(
    t,
    errors,
    'section',
    t('tracker:records.recommendation.section.name'),
    section,
    MAX_HEADING,
  );
  const body = text(input.text);
  if (!body)
    errors.push({ field: 'text', message: t('tracker:records.recommendation.text.missing') });
  tooLong(t, errors, 'text', t('tracker:records.recommendation.text.name'), body, MAX_ITEM_TEXT);
  return { number, section, body };
}

/** A lead or owner as the rows name them: a person or an organisation. */
type Named = { personId: string | null; organisationId: string | null };

/**
 * Issue 23 item 10: marks an action with whether this person may record progress on it (its
 * owner, their unit, or a manager: mayUpdateAction), never on anything withdrawn. Given whether
 * what the action sits under is withdrawn; the part it is in, the action itself says (treeOf).
 */
export function progressRight(who: TrackerUser, ownerOf: (owner: Named) => ActionOwner) {
  return (withdrawn: boolean) =>
    <
      A extends {
        owners: readonly Named[];
        withdrawnAt: Date | null;
        inWithdrawnPart?: boolean;
      },
    >(
      a: A,
    ) => ({
      ...a,
      mayUpdate:
        !withdrawn &&
        !a.withdrawnAt &&
        !a.inWithdrawnPart &&
        mayUpdateAction(who, a.owners.map(ownerOf)),
    });
}

/** Rows by a key, in the order they came. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Actions with their result counts (what is withdrawn left out), for a list of sources or one. */
export const actionCounts = {
  total: sql<number>`(count(${trackerActions.id}) filter (where ${notWithdrawn}))::int`,
  completed: sql<number>`(count(${trackerActions.id}) filter (where ${trackerActions.result} = 'completed' and ${notWithdrawn}))::int`,
};

export type TrackerAccess = ReturnType<typeof createTrackerAccess>;

/** What each of the tracker's services is made from. */
export interface TrackerServiceDeps {
  db: Db;
  directory: DirectoryService;
  /** The default language's messages: the words of its refusals, files and reports (ADR 0015). */
  t: Translate;
  now?: () => Date;
}

/** A service's clock (now, and today in London) and its reading of the tracker's records. */
export function createTrackerAccess(deps: { directory: DirectoryService; now?: () => Date }) {
  const { directory } = deps;
  const now = () => (deps.now ? deps.now() : new Date());
  const today = () => todayInLondon(now());

  async function findSource(executor: Executor, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    const [source] = await executor.select().from(trackerSources).where(eq(trackerSources.id, id));
    if (!source) throw new NotFoundError();
    return source;
  }

  /**
   * The leads of these key points and the owners of these actions, each in their order (a whole
   * page's worth in one query), by key point or action id.
   */
  async function leadsOf(
    executor: Executor,
    of: { keyPointIds?: readonly string[]; actionIds?: readonly string[] },
  ): Promise<Map<string, Lead[]>> {
    const keyPointIds = [...(of.keyPointIds ?? [])];
    const actionIds = [...(of.actionIds ?? [])];
    const found = new Map<string, Lead[]>();
    if (!keyPointIds.length && !actionIds.length) return found;
    const rows = await executor
      .select({
        keyPointId: trackerLeads.keyPointId,
        actionId: trackerLeads.actionId,
        personId: trackerLeads.personId,
        organisationId: trackerLeads.organisationId,
      })
      .from(trackerLeads)
      .where(
        or(
          keyPointIds.length ? inArray(trackerLeads.keyPointId, keyPointIds) : undefined,
          actionIds.length ? inArray(trackerLeads.actionId, actionIds) : undefined,
        ),
      )
      .orderBy(asc(trackerLeads.position), asc(trackerLeads.id));
    for (const r of rows) {
      const key = (r.keyPointId ?? r.actionId)!;
      const lead = { personId: r.personId, organisationId: r.organisationId };
      const list = found.get(key);
      if (list) list.push(lead);
      else found.set(key, [lead]);
    }
    return found;
  }

  /** The names of the people and organisations owning or leading, a whole page's worth at once. */
  async function ownerNames(
    executor: Executor,
    rows: readonly { personId: string | null; organisationId: string | null }[],
  ) {
    const [peopleById, organisationsById] = await Promise.all([
      directory.lookups.people(
        executor,
        rows.map((r) => r.personId).filter((id): id is string => !!id),
      ),
      directory.lookups.organisations(
        executor,
        rows.map((r) => r.organisationId).filter((id): id is string => !!id),
      ),
    ]);
    return {
      name(r: { personId: string | null; organisationId: string | null }): string | null {
        if (r.personId) return peopleById.get(r.personId)?.fullName ?? null;
        if (r.organisationId) return organisationsById.get(r.organisationId)?.name ?? null;
        return null;
      },
      /** An action's owner as mayUpdateAction reads it: with the owning person's unit. */
      ownerOf(r: { personId: string | null; organisationId: string | null }): ActionOwner {
        return {
          personId: r.personId,
          organisationId: r.organisationId,
          personOrganisationId: r.personId
            ? (peopleById.get(r.personId)?.organisationId ?? null)
            : null,
        };
      },
      /** Several, in their order, each named; one no longer in the directory is left out. */
      named(leads: readonly Lead[]) {
        return leads.flatMap((lead) => {
          const name = this.name(lead);
          return name === null ? [] : [{ ...lead, name }];
        });
      },
      /** How an export file names them again: code, e-mail, or directory id. */
      reference(r: { personId: string | null; organisationId: string | null }): string | null {
        if (r.personId) return peopleById.get(r.personId)?.email ?? r.personId;
        if (r.organisationId)
          return organisationsById.get(r.organisationId)?.code ?? r.organisationId;
        return null;
      },
    };
  }

  /** A source's parts, in its order (issue 23): none where it has one list of items. */
  function partsOf(executor: Executor, sourceId: string) {
    return executor
      .select()
      .from(trackerParts)
      .where(eq(trackerParts.sourceId, sourceId))
      .orderBy(asc(trackerParts.position));
  }

  /**
   * The whole tree of a source: its parts, recommendations (those outside any part first, then
   * each part's in turn), their own actions, key points and the key points' actions, in order.
   */
  async function treeOf(executor: Executor, sourceId: string, recommendationIds?: string[]) {
    const [parts, unordered] = await Promise.all([
      partsOf(executor, sourceId),
      executor
        .select()
        .from(trackerRecommendations)
        .where(
          recommendationIds
            ? inArray(trackerRecommendations.id, recommendationIds)
            : eq(trackerRecommendations.sourceId, sourceId),
        )
        .orderBy(asc(trackerRecommendations.position)),
    ]);
    const partAt = new Map(parts.map((p, i) => [p.id, i]));
    const partOf = new Map(parts.map((p) => [p.id, p]));
    const recommendations = [...unordered].sort(
      (a, b) =>
        (a.partId ? partAt.get(a.partId)! : -1) - (b.partId ? partAt.get(b.partId)! : -1) ||
        a.position - b.position,
    );
    const ids = recommendations.map((r) => r.id);
    const [keyPoints, actions] = ids.length
      ? await Promise.all([
          executor
            .select()
            .from(trackerKeyPoints)
            .where(inArray(trackerKeyPoints.recommendationId, ids))
            .orderBy(asc(trackerKeyPoints.position)),
          executor
            .select()
            .from(trackerActions)
            .where(inArray(trackerActions.recommendationId, ids))
            .orderBy(asc(trackerActions.position)),
        ])
      : [[], []];
    const leads = await leadsOf(executor, {
      keyPointIds: keyPoints.map((k) => k.id),
      actionIds: actions.map((a) => a.id),
    });
    const names = await ownerNames(executor, [...leads.values()].flat());
    /** Its leads or owners: each with their name, the names alone, and them as one line. */
    const leadsView = (id: string) => {
      const list = leads.get(id) ?? [];
      const named = names.named(list);
      const listed = named.map((l) => l.name);
      return { leads: list, named, names: listed, joined: joinNames(listed) };
    };
    const numberOf = new Map(recommendations.map((r) => [r.id, r.number]));
    const allNumbers = recommendations.some(
      (r) => r.supersededById && !numberOf.has(r.supersededById),
    )
      ? new Map(
          (
            await executor
              .select({ id: trackerRecommendations.id, number: trackerRecommendations.number })
              .from(trackerRecommendations)
              .where(eq(trackerRecommendations.sourceId, sourceId))
          ).map((r) => [r.id, r.number]),
        )
      : numberOf;
    const day = today();
    // Issue 23: the items of a withdrawn part, and all under them, are withdrawn with it.
    const inWithdrawnPart = new Set(
      recommendations.filter((r) => r.partId && partOf.get(r.partId)?.withdrawnAt).map((r) => r.id),
    );
    // Grouped once, so a source of thousands of actions is read in one pass, not one per parent.
    const pointsOf = groupBy(keyPoints, (k) => k.recommendationId);
    // An action directly under its recommendation (no key point) is grouped apart, by its
    // recommendation.
    const actionsOf = groupBy(
      actions,
      (a) => a.keyPointId ?? `recommendation:${a.recommendationId}`,
    );
    const actionView = (a: (typeof actions)[number]) => {
      const completed = completedOf(a);
      const owner = leadsView(a.id);
      return {
        ...a,
        completed,
        resultLabel: resultLabel(a.result, completed),
        overdue: isOverdue(a, day),
        owners: owner.leads,
        namedOwners: owner.named,
        ownerNames: owner.names,
        ownerName: owner.joined,
        inWithdrawnPart: inWithdrawnPart.has(a.recommendationId),
      };
    };
    return {
      names,
      parts,
      recommendations: recommendations.map((r) => {
        const points = (pointsOf.get(r.id) ?? []).map((k) => {
          const lead = leadsView(k.id);
          return {
            ...k,
            leads: lead.leads,
            namedLeads: lead.named,
            leadNames: lead.names,
            leadName: lead.joined,
            actions: (actionsOf.get(k.id) ?? []).map(actionView),
          };
        });
        // Issue 23: an action directly under the recommendation or objective, no key point.
        const own = (actionsOf.get(`recommendation:${r.id}`) ?? []).map(actionView);
        // What is withdrawn is left out of whether it is complete.
        const results = [
          ...own.filter((a) => !a.withdrawnAt),
          ...points
            .filter((k) => !k.withdrawnAt)
            .flatMap((k) => k.actions.filter((a) => !a.withdrawnAt)),
        ].map((a) => a.result);
        return {
          ...r,
          part: r.partId ? (partOf.get(r.partId) ?? null) : null,
          inWithdrawnPart: inWithdrawnPart.has(r.id),
          // Issue 23: it may move only to another part still open (moveToPart refuses the rest).
          anotherLivePart: !!r.partId && parts.some((p) => p.id !== r.partId && !p.withdrawnAt),
          supersededByNumber: r.supersededById ? (allNumbers.get(r.supersededById) ?? null) : null,
          progress: recommendationProgress(results),
          actions: own,
          keyPoints: points,
        };
      }),
    };
  }

  function sourceView(source: typeof trackerSources.$inferSelect, ownerName: string | null) {
    return {
      ...source,
      noun: itemNoun(source.kind),
      ownerName,
    };
  }

  async function findRecommendation(executor: Executor, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    const [recommendation] = await executor
      .select()
      .from(trackerRecommendations)
      .where(eq(trackerRecommendations.id, id));
    if (!recommendation) throw new NotFoundError();
    return { recommendation, source: await findSource(executor, recommendation.sourceId) };
  }

  /** A key point, with its recommendation and source. */
  async function findKeyPoint(executor: Executor, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    const [keyPoint] = await executor
      .select()
      .from(trackerKeyPoints)
      .where(eq(trackerKeyPoints.id, id));
    if (!keyPoint) throw new NotFoundError();
    return { keyPoint, ...(await findRecommendation(executor, keyPoint.recommendationId)) };
  }

  /** Who is asking, as the rules see them: their directory entry, unit and boroughs. */
  async function trackerUser(executor: Executor, user: UserPrincipal): Promise<TrackerUser> {
    const person = await directory.lookups.personOfUser(executor, user.userId);
    return {
      manages: can(user, 'tracker.manage'),
      personId: person?.id ?? null,
      organisationId: person?.organisationId ?? null,
      boroughIds: user.roles
        .filter((g) => g.role === 'partnership_officer' && g.scopeType === 'borough' && g.scopeId)
        .map((g) => g.scopeId!),
    };
  }

  /** A page of a source's recommendations, in its order, with their key points and actions. */
  async function pageOfTree(executor: Executor, sourceId: string, page: PageRequest) {
    const ids = await executor
      .select({ id: trackerRecommendations.id })
      .from(trackerRecommendations)
      .leftJoin(trackerParts, eq(trackerParts.id, trackerRecommendations.partId))
      .where(eq(trackerRecommendations.sourceId, sourceId))
      .orderBy(
        sql`${trackerParts.position} asc nulls first`,
        asc(trackerRecommendations.position),
        asc(trackerRecommendations.id),
      )
      .limit(page.limit)
      .offset(page.offset);
    return treeOf(
      executor,
      sourceId,
      ids.map((r) => r.id),
    );
  }

  async function ownerOrganisationName(executor: Executor, id: string | null) {
    if (!id) return null;
    return (await directory.lookups.organisations(executor, [id])).get(id)?.name ?? null;
  }

  return {
    now,
    today,
    findSource,
    findRecommendation,
    findKeyPoint,
    ownerNames,
    leadsOf,
    partsOf,
    treeOf,
    sourceView,
    trackerUser,
    pageOfTree,
    ownerOrganisationName,
  };
}
