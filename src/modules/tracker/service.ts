/**
 * TRK-01: sources and their recommendations, key points and actions; recording progress on an
 * action (its owner, their unit, or the tracker's managers); a recommendation's standing
 * (superseded, not accepted); and bringing a whole source in from CSV, or taking it out again.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { can, requireUser } from '../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { reportingYear, reportingYearOf, todayInLondon } from '../../platform/calendar/index.js';
import { isUniqueViolation, type Db, type Executor } from '../../platform/db/database.js';
import type { PageRequest } from '../../platform/db/search.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../platform/errors.js';
import { dateField, text, tooLong } from '../../platform/http/form-fields.js';
import { isUuid } from '../../platform/http/params.js';
import type { DirectoryService } from '../directory/index.js';
import type { GroupsApi } from '../groups/index.js';
import {
  RECOMMENDATION_STATUS_LABELS,
  SOURCE_KIND_LABELS,
  duplicateSourceProblem,
  isOverdue,
  isRecommendationStatus,
  isSourceKind,
  itemNoun,
  mayUpdateAction,
  needsMonitoringGroup,
  recommendationStandingProblem,
  sourceIdentity,
  type SourceKind,
  type TrackerUser,
} from './rules.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from './schema.js';
import {
  completedOf,
  completionColumns,
  createTrackerAccess,
  onAcceptedRecommendation,
  readProgress,
  resultLabel,
} from './access.js';
import {
  parseTrackerCsv,
  writeTrackerCsv,
  type OwnerMention,
  type TrackerCsvProblem,
  type TrackerFile,
} from './transfer.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_TITLE = 300;
const MAX_TEXT = 20_000;

/** A CSV that cannot be imported: every bad line, against the file field. */
export class TrackerImportError extends ValidationError {
  constructor(readonly problems: TrackerCsvProblem[]) {
    super(problems.map((p) => ({ field: 'file', message: `Line ${p.line}: ${p.message}` })));
  }
}

/** Rows per insert: a large source stays within PostgreSQL's 65,535 bind parameters. */
const SLICE = 1000;

async function insertInSlices<T, R>(rows: T[], insert: (slice: T[]) => Promise<R[]>) {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += SLICE)
    out.push(...(await insert(rows.slice(i, i + SLICE))));
  return out;
}

export type TrackerService = ReturnType<typeof createTrackerService>;

export function createTrackerService(deps: {
  db: Db;
  directory: DirectoryService;
  groups: GroupsApi;
  now?: () => Date;
}) {
  const { db, directory, groups } = deps;
  const now = () => (deps.now ? deps.now() : new Date());
  const today = () => todayInLondon(now());
  const { findSource, findRecommendation, ownerNames, treeOf, sourceView } = createTrackerAccess({
    directory,
    today,
  });

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

  /** Actions with their result counts, for a list of sources or one. */
  const actionCounts = {
    total: sql<number>`count(${trackerActions.id})::int`,
    completed: sql<number>`(count(${trackerActions.id}) filter (where ${trackerActions.result} = 'completed'))::int`,
  };

  /** A page of a source's recommendations, in its order, with their key points and actions. */
  async function pageOfTree(sourceId: string, page: PageRequest) {
    const ids = await db
      .select({ id: trackerRecommendations.id })
      .from(trackerRecommendations)
      .where(eq(trackerRecommendations.sourceId, sourceId))
      .orderBy(asc(trackerRecommendations.position))
      .limit(page.limit)
      .offset(page.offset);
    return treeOf(
      db,
      sourceId,
      ids.map((r) => r.id),
    );
  }

  async function ownerOrganisationName(executor: Executor, id: string | null) {
    if (!id) return null;
    return (await directory.lookups.organisations(executor, [id])).get(id)?.name ?? null;
  }

  /** The source form's fields, checked: a title, its kind, dates, owner, committee, monitor. */
  async function readSourceForm(input: Input) {
    const errors: FieldError[] = [];
    const title = text(input.title);
    if (!title) errors.push({ field: 'title', message: 'Enter the title of the source' });
    tooLong(errors, 'title', 'The title', title, MAX_TITLE);
    const kind = text(input.kind);
    if (!isSourceKind(kind))
      errors.push({ field: 'kind', message: 'Select what kind of source it is' });
    const sourceDate = dateField(input, 'sourceDate', 'the date of the source', errors, {
      required: false,
    });
    const dueOn = dateField(input, 'dueOn', 'the date it is due', errors, { required: false });
    const reference = text(input.reference);
    const reportsTo = text(input.reportsTo);
    const monitoredBy = text(input.monitoredBy);
    for (const [field, label, value] of [
      ['reference', 'Where it was published', reference],
      ['reportsTo', 'The committee', reportsTo],
      ['monitoredBy', 'The monitoring group', monitoredBy],
    ] as const)
      tooLong(errors, field, label, value, MAX_TITLE);
    if (isSourceKind(kind) && needsMonitoringGroup(kind) && !monitoredBy)
      errors.push({
        field: 'monitoredBy',
        message: 'Enter the group that monitors it to completion (LEG-07)',
      });
    const ownerId = text(input.owner);
    let ownerOrganisationId: string | null = null;
    if (ownerId) {
      const found = isUuid(ownerId)
        ? (await directory.lookups.organisations(db, [ownerId])).get(ownerId)
        : undefined;
      if (!found || found.archived)
        errors.push({ field: 'owner', message: 'Select the body that owns the response' });
      else ownerOrganisationId = found.id;
    }
    // IAG-25, IAG-26: a group's work schedule or annual report is for one reporting year.
    const groupId = text(input.group);
    const year = Number(text(input.coversYear));
    let coversYear: number | null = null;
    if (groupId) {
      const known =
        isUuid(groupId) && (await groups.workingGroups(db)).some((g) => g.id === groupId);
      if (!known)
        errors.push({ field: 'group', message: 'Select the advisory group from the list' });
      if (kind !== 'work_plan' && kind !== 'annual_report')
        errors.push({
          field: 'group',
          message: 'Only a work plan (its work schedule) or an annual report belongs to a group',
        });
      if (!Number.isInteger(year) || year < 2000 || year > 9000)
        errors.push({ field: 'coversYear', message: 'Select the reporting year it covers' });
      else coversYear = year;
    }
    if (errors.length) throw new ValidationError(errors);
    return {
      groupId: groupId ?? null,
      coversYear,
      title: title!,
      kind: kind as SourceKind,
      reference,
      sourceDate,
      ownerOrganisationId,
      reportsTo,
      monitoredBy,
      isPublic: text(input.isPublic) === 'yes',
      dueOn,
    };
  }

  return {
    /** Every source, with how far its actions have got, a page at a time. */
    async list(principal: Principal, input: Input, page: PageRequest) {
      requireUser(principal, 'tracker.view');
      const kind = text(input.kind);
      const q = text(input.q);
      const filters: SQL[] = [];
      if (isSourceKind(kind)) filters.push(eq(trackerSources.kind, kind));
      if (q) filters.push(ilike(trackerSources.title, `%${q.replace(/[\\%_]/g, '\\$&')}%`));
      const where = filters.length ? and(...filters) : undefined;
      const day = today();
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: trackerSources.id,
            title: trackerSources.title,
            kind: trackerSources.kind,
            sourceDate: trackerSources.sourceDate,
            reportsTo: trackerSources.reportsTo,
            isPublic: trackerSources.isPublic,
            total: actionCounts.total,
            completed: actionCounts.completed,
            overdue: sql<number>`(count(${trackerActions.id}) filter (where ${trackerActions.result} <> 'completed' and ${trackerActions.dueOn} < ${day} and ${onAcceptedRecommendation}))::int`,
          })
          .from(trackerSources)
          .leftJoin(trackerActions, eq(trackerActions.sourceId, trackerSources.id))
          .where(where)
          .groupBy(trackerSources.id)
          .orderBy(asc(trackerSources.title))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trackerSources).where(where),
      ]);
      return {
        items: rows.map((r) => ({
          ...r,
          kindLabel: SOURCE_KIND_LABELS[r.kind],
          percentComplete: r.total ? Math.round((100 * r.completed) / r.total) : null,
        })),
        total: total?.n ?? 0,
        filters: { kind: isSourceKind(kind) ? kind : '', q: q ?? '' },
        mayManage: can(principal, 'tracker.manage'),
      };
    },

    /** What the new-source form offers as owners: the directory's units, directorates, boroughs. */
    async sourceForm(principal: Principal) {
      requireUser(principal, 'tracker.manage');
      const current = reportingYearOf(today()).startYear;
      const [owners, workingGroups] = await Promise.all([
        directory.lookups.ownerOrganisations(db),
        groups.workingGroups(db),
      ]);
      return {
        owners,
        groups: workingGroups,
        years: [current + 1, current, current - 1, current - 2].map((y) => reportingYear(y)),
      };
    },

    async createSource(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const values = await readSourceForm(input);
      const at = now();
      const duplicate = () =>
        new ConflictError(
          `This group already has a ${SOURCE_KIND_LABELS[values.kind].toLowerCase()} for ${reportingYear(values.coversYear!).label}`,
          'group',
        );
      return db.transaction(async (tx) => {
        if (values.groupId) {
          const [taken] = await tx
            .select({ id: trackerSources.id })
            .from(trackerSources)
            .where(
              and(
                eq(trackerSources.kind, values.kind),
                eq(trackerSources.groupId, values.groupId),
                eq(trackerSources.coversYear, values.coversYear!),
              ),
            );
          if (taken) throw duplicate();
        }
        const [source] = await tx
          .insert(trackerSources)
          .values({ ...values, createdBy: user.userId, createdAt: at, updatedAt: at })
          .returning()
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) throw duplicate();
            throw error;
          });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.source.created',
          recordType: 'tracker_source',
          recordId: source!.id,
          after: source,
        });
        return source!;
      });
    },

    /** A source's own record, for a page that is about it but not its recommendations. */
    async sourceRecord(principal: Principal, id: string) {
      requireUser(principal, 'tracker.view');
      return sourceView(await findSource(db, id), null);
    },

    /** A source with its recommendations (a page of them), their key points and actions. */
    async source(principal: Principal, id: string, page: PageRequest) {
      const user = requireUser(principal, 'tracker.view');
      const source = await findSource(db, id);
      const [tree, [counts], [recommendationCount]] = await Promise.all([
        pageOfTree(id, page),
        db
          .select({
            total: actionCounts.total,
            completed: actionCounts.completed,
            ongoing: sql<number>`(count(*) filter (where ${trackerActions.result} = 'ongoing'))::int`,
            awaits: sql<number>`(count(*) filter (where ${trackerActions.result} = 'awaits'))::int`,
            unowned: sql<number>`(count(*) filter (where ${trackerActions.ownerPersonId} is null and ${trackerActions.ownerOrganisationId} is null))::int`,
          })
          .from(trackerActions)
          .where(eq(trackerActions.sourceId, id)),
        db
          .select({ n: count() })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.sourceId, id)),
      ]);
      const [group] = source.groupId ? await groups.groupsByIds(db, [source.groupId]) : [];
      return {
        source: {
          ...sourceView(source, await ownerOrganisationName(db, source.ownerOrganisationId)),
          groupName: group?.name ?? null,
          yearLabel: source.coversYear ? reportingYear(source.coversYear).label : null,
        },
        recommendations: tree.recommendations,
        counts: counts!,
        total: recommendationCount?.n ?? 0,
        mayManage: can(user, 'tracker.manage'),
      };
    },

    /** One recommendation: its key points and actions, and every update as one timeline. */
    async recommendation(principal: Principal, id: string) {
      const user = requireUser(principal, 'tracker.view');
      if (!isUuid(id)) throw new NotFoundError();
      const [row] = await db
        .select({ sourceId: trackerRecommendations.sourceId })
        .from(trackerRecommendations)
        .where(eq(trackerRecommendations.id, id));
      if (!row) throw new NotFoundError();
      const source = await findSource(db, row.sourceId);
      const [tree, updates] = await Promise.all([
        treeOf(db, source.id, [id]),
        db
          .select()
          .from(trackerUpdates)
          .where(eq(trackerUpdates.recommendationId, id))
          .orderBy(desc(trackerUpdates.recordedAt), desc(trackerUpdates.id)),
      ]);
      // Who may record progress on which action: its owner, their unit, or a manager.
      const who = await trackerUser(db, user);
      const recommendation = {
        ...tree.recommendations[0]!,
        keyPoints: tree.recommendations[0]!.keyPoints.map((k) => ({
          ...k,
          actions: k.actions.map((a) => ({
            ...a,
            mayUpdate: mayUpdateAction(
              who,
              tree.names.ownerOf({
                personId: a.ownerPersonId,
                organisationId: a.ownerOrganisationId,
              }),
            ),
          })),
        })),
      };
      const actionText = new Map(
        recommendation.keyPoints.flatMap((k) =>
          k.actions.map((a) => [a.id, a.description ?? k.text] as const),
        ),
      );
      return {
        source: sourceView(source, null),
        recommendation,
        timeline: updates.map((u) => ({
          ...u,
          actionText: u.actionId ? (actionText.get(u.actionId) ?? '') : '',
          resultText: u.result ? resultLabel(u.result, completedOf(u)) : '',
          standingText: u.standing
            ? u.standing === 'superseded'
              ? `Superseded by ${itemNoun(source.kind).one} ${u.supersededByNumber}`
              : RECOMMENDATION_STATUS_LABELS[u.standing]
            : '',
        })),
        mayManage: can(user, 'tracker.manage'),
      };
    },

    /** The action's update form: where it stands, who owns it, and its history. */
    async actionForm(principal: Principal, actionId: string) {
      const user = requireUser(principal);
      const found = await findAction(db, actionId);
      const who = await trackerUser(db, user);
      if (!mayUpdateAction(who, found.owner)) throw new NotFoundError();
      const [source, history] = await Promise.all([
        findSource(db, found.action.sourceId),
        db
          .select()
          .from(trackerUpdates)
          .where(eq(trackerUpdates.actionId, actionId))
          .orderBy(desc(trackerUpdates.recordedAt), desc(trackerUpdates.id)),
      ]);
      const completed = completedOf(found.action);
      return {
        source: sourceView(source, null),
        recommendation: found.recommendation,
        keyPoint: found.keyPoint,
        action: {
          ...found.action,
          completed,
          resultText: resultLabel(found.action.result, completed),
          ownerName: found.ownerName,
        },
        history: history.map((u) => ({
          ...u,
          resultText: u.result ? resultLabel(u.result, completedOf(u)) : '',
        })),
        mayViewSource: can(user, 'tracker.view'),
      };
    },

    /**
     * TRK-01: records progress on an action: its result (Completed with the date, Ongoing,
     * Awaits) and narrative, as an update with its date and author. Only the owner, their unit
     * or the tracker's managers may; a form read before someone else's update is refused.
     */
    async updateAction(principal: Principal, actionId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const { result, completed, narrative } = readProgress(input, errors, today());
      const version = Number(text(input.version));
      if (errors.length || !result) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const found = await findAction(tx, actionId, { lock: true });
        if (!mayUpdateAction(await trackerUser(tx, user), found.owner)) throw new NotFoundError();
        if (version !== found.action.version)
          throw new ConflictError(
            'Someone else has updated this action since you opened it. Check its history below and record your update again',
            'result',
          );
        const at = now();
        const [after] = await tx
          .update(trackerActions)
          .set({
            result,
            ...completionColumns(completed),
            narrative,
            version: found.action.version + 1,
            updatedAt: at,
          })
          .where(eq(trackerActions.id, actionId))
          .returning();
        await tx.insert(trackerUpdates).values({
          actionId,
          recommendationId: found.action.recommendationId,
          sourceId: found.action.sourceId,
          kind: 'progress',
          recordedAt: at,
          authorUserId: user.userId,
          authorLabel: user.displayName,
          result,
          ...completionColumns(completed),
          narrative,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.action.updated',
          recordType: 'tracker_action',
          recordId: actionId,
          before: found.action,
          after,
        });
        return { action: after!, recommendationId: found.action.recommendationId };
      });
    },

    /** The standing form of a recommendation (manager only). */
    async standingForm(principal: Principal, recommendationId: string) {
      requireUser(principal, 'tracker.manage');
      const { recommendation, source } = await findRecommendation(db, recommendationId);
      const others = await db
        .select({ id: trackerRecommendations.id, number: trackerRecommendations.number })
        .from(trackerRecommendations)
        .where(eq(trackerRecommendations.sourceId, source.id))
        .orderBy(asc(trackerRecommendations.position));
      return {
        source: sourceView(source, null),
        recommendation,
        supersededByNumber:
          others.find((o) => o.id === recommendation.supersededById)?.number ?? null,
      };
    },

    /**
     * A recommendation accepted, superseded by another of the source (naming it), or not
     * accepted (with the rationale).
     */
    async setStanding(
      principal: Principal,
      recommendationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const status = text(input.status);
      if (!isRecommendationStatus(status))
        throw new ValidationError([{ field: 'status', message: 'Select its standing' }]);
      const supersededBy = status === 'superseded' ? text(input.supersededBy) : null;
      const rationale = text(input.rationale);
      const errors: FieldError[] = [];
      tooLong(errors, 'rationale', 'The rationale', rationale, MAX_TEXT);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const { recommendation, source } = await findRecommendation(tx, recommendationId);
        const siblings = await tx
          .select({ id: trackerRecommendations.id, number: trackerRecommendations.number })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.sourceId, source.id));
        const problem = recommendationStandingProblem({
          number: recommendation.number,
          status,
          supersededBy,
          rationale,
          numbers: new Set(siblings.map((s) => s.number)),
        });
        if (problem) throw new ValidationError([problem]);
        const [after] = await tx
          .update(trackerRecommendations)
          .set({
            status,
            supersededById: supersededBy
              ? siblings.find((s) => s.number === supersededBy)!.id
              : null,
            rationale,
            updatedAt: now(),
          })
          .where(eq(trackerRecommendations.id, recommendationId))
          .returning();
        // TRK-01: a change of standing is in the recommendation's history, and its reports.
        await tx.insert(trackerUpdates).values({
          recommendationId,
          sourceId: source.id,
          kind: 'standing',
          recordedAt: now(),
          authorUserId: user.userId,
          authorLabel: user.displayName,
          standing: status,
          supersededByNumber: supersededBy,
          rationale,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.recommendation.standing',
          recordType: 'tracker_recommendation',
          recordId: recommendationId,
          before: recommendation,
          after,
        });
        return after!;
      });
    },

    /**
     * Brings in a whole source from CSV. Every row is checked first, owners included; if any is
     * bad, each is reported by its line and nothing is imported.
     */
    async importCsv(principal: Principal, csv: string, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const { file, problems, owners } = parseTrackerCsv(csv, today());
      // Every bad line at once: the file's own problems and any owner not in the directory.
      const references = await resolveOwners(db, owners);
      const all = [...problems, ...references.problems].sort((a, b) => a.line - b.line);
      if (all.length || !file) throw new TrackerImportError(all);
      return db.transaction(async (tx) => {
        // TRK-01: a source is tracked once. Imports take turns, so the same file sent twice at
        // once cannot pass this check twice.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tracker.import'))`);
        const identity = sourceIdentity(file.source);
        const sameKind = await tx
          .select({
            title: trackerSources.title,
            kind: trackerSources.kind,
            reference: trackerSources.reference,
            createdAt: trackerSources.createdAt,
          })
          .from(trackerSources)
          // A police area has tens of sources of a kind, not thousands: compared here, by the
          // one rule (sourceIdentity), not by a second spelling of it in SQL.
          .where(eq(trackerSources.kind, file.source.kind));
        const existing = sameKind.find((s) => sourceIdentity(s) === identity);
        if (existing)
          throw new ValidationError([
            {
              field: 'file',
              message: duplicateSourceProblem({
                ...existing,
                createdOn: todayInLondon(existing.createdAt),
              }),
            },
          ]);
        const at = now();
        const [source] = await tx
          .insert(trackerSources)
          .values({
            title: file.source.title,
            kind: file.source.kind,
            reference: file.source.reference,
            sourceDate: file.source.date,
            ownerOrganisationId: references.organisation(file.source.owner),
            reportsTo: file.source.reportsTo,
            monitoredBy: file.source.monitoredBy,
            isPublic: file.source.isPublic,
            dueOn: file.source.dueOn,
            createdBy: user.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        const sourceId = source!.id;
        const recommendations = await insertInSlices(
          file.recommendations.map((r, i) => ({
            sourceId,
            number: r.number,
            position: i + 1,
            section: r.section,
            text: r.text,
            // Superseding is set once every recommendation has its id.
            status: r.status === 'superseded' ? ('accepted' as const) : r.status,
            rationale: r.rationale,
            createdAt: at,
            updatedAt: at,
          })),
          (slice) =>
            tx
              .insert(trackerRecommendations)
              .values(slice)
              .returning({ id: trackerRecommendations.id, number: trackerRecommendations.number }),
        );
        const idOf = new Map(recommendations.map((r) => [r.number, r.id]));
        for (const r of file.recommendations.filter((r) => r.status === 'superseded'))
          await tx
            .update(trackerRecommendations)
            .set({ status: 'superseded', supersededById: idOf.get(r.supersededBy!)! })
            .where(eq(trackerRecommendations.id, idOf.get(r.number)!));
        // A standing other than accepted is in each recommendation's history from the start.
        const standings = file.recommendations.filter((r) => r.status !== 'accepted');
        await insertInSlices(standings, (slice) =>
          tx
            .insert(trackerUpdates)
            .values(
              slice.map((r) => ({
                recommendationId: idOf.get(r.number)!,
                sourceId,
                kind: 'standing' as const,
                recordedAt: at,
                authorUserId: user.userId,
                authorLabel: user.displayName,
                standing: r.status,
                supersededByNumber: r.supersededBy,
                rationale: r.rationale,
              })),
            )
            .returning({ id: trackerUpdates.id }),
        );
        const keyPointRows = file.recommendations.flatMap((r) =>
          r.keyPoints.map((k, i) => ({
            recommendationId: idOf.get(r.number)!,
            position: i + 1,
            text: k.text,
            leadPersonId: references.person(k.lead),
            leadOrganisationId: references.organisation(k.lead),
            createdAt: at,
            updatedAt: at,
          })),
        );
        const keyPointIds = await insertInSlices(keyPointRows, (slice) =>
          tx.insert(trackerKeyPoints).values(slice).returning({ id: trackerKeyPoints.id }),
        );
        let k = 0;
        const actionRows = file.recommendations.flatMap((r) =>
          r.keyPoints.flatMap((point) => {
            const keyPointId = keyPointIds[k++]!.id;
            return point.actions.map((a, i) => ({
              keyPointId,
              sourceId,
              recommendationId: idOf.get(r.number)!,
              position: i + 1,
              description: a.description,
              ownerPersonId: references.person(a.owner),
              ownerOrganisationId: references.organisation(a.owner),
              dueOn: a.dueOn,
              result: a.result,
              ...completionColumns(a.completedOn),
              narrative: a.narrative,
              createdAt: at,
              updatedAt: at,
            }));
          }),
        );
        for (let i = 0; i < actionRows.length; i += SLICE) {
          const slice = actionRows.slice(i, i + SLICE);
          const inserted = await tx
            .insert(trackerActions)
            .values(slice)
            .returning({ id: trackerActions.id });
          await tx.insert(trackerUpdates).values(
            slice.map((a, j) => ({
              actionId: inserted[j]!.id,
              recommendationId: a.recommendationId,
              sourceId,
              kind: 'imported' as const,
              recordedAt: at,
              authorUserId: user.userId,
              authorLabel: user.displayName,
              result: a.result,
              completedOn: a.completedOn,
              completedPrecision: a.completedPrecision,
              narrative: a.narrative,
            })),
          );
        }
        const summary = {
          recommendations: recommendations.length,
          keyPoints: keyPointRows.length,
          actions: actionRows.length,
        };
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.source.imported',
          recordType: 'tracker_source',
          recordId: sourceId,
          after: { source, ...summary },
        });
        return { source: source!, ...summary };
      });
    },

    /** The source and its whole tree, in the import format. */
    async exportCsv(principal: Principal, sourceId: string) {
      requireUser(principal, 'tracker.view');
      const source = await findSource(db, sourceId);
      const tree = await treeOf(db, sourceId);
      const sourceOwner = { personId: null, organisationId: source.ownerOrganisationId };
      const ownerReference = (await ownerNames(db, [sourceOwner])).reference(sourceOwner);
      const file: TrackerFile = {
        source: {
          title: source.title,
          kind: source.kind,
          reference: source.reference,
          date: source.sourceDate,
          owner: ownerReference,
          reportsTo: source.reportsTo,
          monitoredBy: source.monitoredBy,
          isPublic: source.isPublic,
          dueOn: source.dueOn,
        },
        recommendations: tree.recommendations.map((r) => ({
          line: 0,
          number: r.number,
          section: r.section,
          text: r.text,
          status: r.status,
          supersededBy: r.supersededByNumber,
          rationale: r.rationale,
          keyPoints: r.keyPoints.map((k) => ({
            line: 0,
            text: k.text,
            lead: tree.names.reference({
              personId: k.leadPersonId,
              organisationId: k.leadOrganisationId,
            }),
            actions: k.actions.map((a) => ({
              line: 0,
              description: a.description,
              owner: tree.names.reference({
                personId: a.ownerPersonId,
                organisationId: a.ownerOrganisationId,
              }),
              dueOn: a.dueOn,
              result: a.result,
              completedOn: a.completed,
              narrative: a.narrative,
            })),
          })),
        })),
      };
      return { source, csv: writeTrackerCsv(file) };
    },

    /** Sources published on the public site, with how far their actions have got. */
    async publicList(page: PageRequest) {
      const where = eq(trackerSources.isPublic, true);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: trackerSources.id,
            title: trackerSources.title,
            kind: trackerSources.kind,
            sourceDate: trackerSources.sourceDate,
            reportsTo: trackerSources.reportsTo,
            total: actionCounts.total,
            completed: actionCounts.completed,
          })
          .from(trackerSources)
          .leftJoin(trackerActions, eq(trackerActions.sourceId, trackerSources.id))
          .where(where)
          .groupBy(trackerSources.id)
          .orderBy(asc(trackerSources.title))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trackerSources).where(where),
      ]);
      return {
        items: rows.map((r) => ({ ...r, kindLabel: SOURCE_KIND_LABELS[r.kind] })),
        total: total?.n ?? 0,
      };
    },

    /**
     * A published source's recommendations and where each action stands, a page at a time.
     * Actions are shown with the unit that owns them, never a person's name.
     */
    async publicSource(id: string, page: PageRequest) {
      const source = await findSource(db, id);
      if (!source.isPublic) throw new NotFoundError();
      const [tree, [recommendationCount], [counts]] = await Promise.all([
        pageOfTree(id, page),
        db
          .select({ n: count() })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.sourceId, id)),
        db
          .select({ total: actionCounts.total, completed: actionCounts.completed })
          .from(trackerActions)
          .where(eq(trackerActions.sourceId, id)),
      ]);
      return {
        source: sourceView(source, await ownerOrganisationName(db, source.ownerOrganisationId)),
        recommendations: tree.recommendations.map((r) => ({
          ...r,
          keyPoints: r.keyPoints.map((k) => ({
            ...k,
            leadName: k.leadPersonId ? null : k.leadName,
            actions: k.actions.map((a) => ({
              ...a,
              ownerName: a.ownerPersonId ? null : a.ownerName,
            })),
          })),
        })),
        total: recommendationCount?.n ?? 0,
        counts: counts!,
      };
    },

    /** The actions this person may update as their owner or in the owner's unit. */
    async myActions(principal: Principal, page: PageRequest) {
      const user = requireUser(principal);
      const who = await trackerUser(db, user);
      const mine: SQL[] = [];
      if (who.personId) mine.push(eq(trackerActions.ownerPersonId, who.personId));
      const units = [who.organisationId, ...who.boroughIds].filter((u): u is string => !!u);
      if (units.length) mine.push(inArray(trackerActions.ownerOrganisationId, units));
      if (who.organisationId)
        mine.push(
          sql`${trackerActions.ownerPersonId} in (select id from people where organisation_id = ${who.organisationId})`,
        );
      if (mine.length === 0) return { items: [], total: 0 };
      const where = or(...mine);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            action: trackerActions,
            keyPoint: trackerKeyPoints.text,
            number: trackerRecommendations.number,
            sourceTitle: trackerSources.title,
            sourceKind: trackerSources.kind,
          })
          .from(trackerActions)
          .innerJoin(trackerKeyPoints, eq(trackerKeyPoints.id, trackerActions.keyPointId))
          .innerJoin(
            trackerRecommendations,
            eq(trackerRecommendations.id, trackerActions.recommendationId),
          )
          .innerJoin(trackerSources, eq(trackerSources.id, trackerActions.sourceId))
          .where(where)
          .orderBy(
            sql`${trackerActions.result} = 'completed'`,
            sql`${trackerActions.dueOn} asc nulls last`,
            asc(trackerSources.title),
            asc(trackerRecommendations.position),
            asc(trackerActions.position),
          )
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(trackerActions).where(where),
      ]);
      const day = today();
      return {
        items: rows.map((r) => {
          const completed = completedOf(r.action);
          return {
            ...r,
            noun: itemNoun(r.sourceKind).one,
            resultText: resultLabel(r.action.result, completed),
            overdue: isOverdue(r.action, day),
          };
        }),
        total: total?.n ?? 0,
      };
    },
  };

  async function findAction(executor: Executor, id: string, options: { lock?: boolean } = {}) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(trackerActions).where(eq(trackerActions.id, id));
    const [action] = options.lock ? await query.for('update') : await query;
    if (!action) throw new NotFoundError();
    const [[keyPoint], [recommendation]] = await Promise.all([
      executor.select().from(trackerKeyPoints).where(eq(trackerKeyPoints.id, action.keyPointId)),
      executor
        .select()
        .from(trackerRecommendations)
        .where(eq(trackerRecommendations.id, action.recommendationId)),
    ]);
    const owner = { personId: action.ownerPersonId, organisationId: action.ownerOrganisationId };
    const names = await ownerNames(executor, [owner]);
    return {
      action,
      keyPoint: keyPoint!,
      recommendation: recommendation!,
      ownerName: names.name(owner),
      owner: names.ownerOf(owner),
    };
  }

  /** Every owner and lead the file names, found in the directory; an unknown one fails its line. */
  async function resolveOwners(executor: Executor, owners: readonly OwnerMention[]) {
    const found = await directory.lookups.resolveReferences(
      executor,
      owners.map((o) => o.reference),
    );
    const problems = owners
      .filter(
        (o) =>
          !found.has(o.reference) ||
          (o.column === 'source_owner' && !found.get(o.reference)!.organisationId),
      )
      .map((o) => ({
        line: o.line,
        message:
          o.column === 'source_owner'
            ? `source_owner "${o.reference}" is not an organisation code in the directory`
            : `${o.column} "${o.reference}" is not in the directory: give an organisation's code or a person's e-mail address`,
      }));
    const get = (reference: string | null) => (reference ? found.get(reference.trim()) : undefined);
    return {
      problems,
      person: (reference: string | null) => get(reference)?.personId ?? null,
      /** A reference that names both a person and an organisation is the person. */
      organisation: (reference: string | null) => {
        const f = get(reference);
        return f && !f.personId ? f.organisationId : null;
      },
    };
  }
}
