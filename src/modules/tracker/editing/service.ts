/**
 * TRK-01 (issue 23): changing what a manager wrote, and taking it back. A source's details, a
 * recommendation's number, heading and text, a key point's text and leads are edited; a
 * recommendation, key point or action is removed while no progress has been reported against
 * it (rules.removalRefusal), and withdrawn, with the reason, once it has. Each is recorded in
 * the history (tracker_updates: 'edited', 'removed', 'withdrawn') with only what changed.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { formatDate, reportingYear } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import {
  createTrackerAccess,
  joinNames,
  readRecommendationFields,
  type Lead,
  type TrackerServiceDeps,
} from '../access.js';
import { createLeadReader, leadValues, writeLeads } from '../records/leads.js';
import { removalRefusal } from '../rules.js';
import { createSourceFieldReader, refuseGroupYearTaken } from '../sources/source-fields.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
  type FieldChange,
} from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_TEXT = 20_000;

/** What can be removed or withdrawn: the address's word for each, and the history's. */
export const REMOVABLE = ['recommendation', 'key_point', 'action'] as const;
export type Removable = (typeof REMOVABLE)[number];

/** The fields that differ, before and after, as text; none when nothing changed. */
export function changedFields(
  before: Record<string, string | null>,
  after: Record<string, string | null>,
): FieldChange[] {
  return Object.keys(after)
    .filter((field) => (before[field] ?? null) !== (after[field] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** The version an edit form carries: what it edits as it stood, and when it last changed. */
export function versionOf(updatedAt: Date, values: Record<string, string | null>): string {
  return createHash('sha256')
    .update(JSON.stringify([updatedAt.toISOString(), values]))
    .digest('hex')
    .slice(0, 24);
}

const dateText = (date: string | null) => (date ? formatDate(date) : null);

export type EditingService = ReturnType<typeof createEditingService>;

export function createEditingService(deps: TrackerServiceDeps) {
  const { db, directory, t } = deps;
  const { now, findSource, findRecommendation, findKeyPoint, sourceView, leadsOf, ownerNames } =
    createTrackerAccess(deps);
  const leadReader = createLeadReader(deps);
  const readSourceFields = createSourceFieldReader(deps);

  /**
   * A form read before someone else changed the record is refused, naming the first field: the
   * form carries the version it was read at, made from what it shows and when it last changed.
   */
  function refuseStale(input: Input, version: string, field: string) {
    if (text(input.version) !== version) throw new ConflictError(t('tracker:editing.stale'), field);
  }

  function refuseWithdrawn(item: { withdrawnAt: Date | null }, field: string) {
    if (item.withdrawnAt) throw new ConflictError(t('tracker:editing.withdrawn.noEdit'), field);
  }

  /** One 'edited' row in the history, with only the fields that changed. */
  async function recordEdit(
    tx: Executor,
    user: UserPrincipal,
    at: Date,
    row: {
      sourceId: string;
      recommendationId: string | null;
      subject: 'source' | 'recommendation' | 'key_point';
      subjectId: string;
      changes: FieldChange[];
    },
  ) {
    await tx.insert(trackerUpdates).values({
      ...row,
      kind: 'edited',
      recordedAt: at,
      authorUserId: user.userId,
      authorLabel: user.displayName,
    });
  }

  async function findAction(executor: Executor, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    const [action] = await executor.select().from(trackerActions).where(eq(trackerActions.id, id));
    if (!action) throw new NotFoundError();
    return { action, ...(await findRecommendation(executor, action.recommendationId)) };
  }

  /** The names of leads, as one line, for the history. */
  async function leadLine(executor: Executor, leads: readonly Lead[]) {
    const names = await ownerNames(executor, leads);
    return joinNames(names.named(leads).map((l) => l.name));
  }

  /** A source's fields as the history writes them. */
  const sourceText = (
    s: Pick<
      typeof trackerSources.$inferSelect,
      | 'title'
      | 'summary'
      | 'introduction'
      | 'reference'
      | 'sourceDate'
      | 'reportsTo'
      | 'monitoredBy'
      | 'coversYear'
      | 'dueOn'
      | 'isPublic'
    >,
    ownerName: string | null,
  ) => ({
    title: s.title,
    summary: s.summary,
    introduction: s.introduction,
    sourceDate: dateText(s.sourceDate),
    reference: s.reference,
    owner: ownerName,
    reportsTo: s.reportsTo,
    monitoredBy: s.monitoredBy,
    coversYear: s.coversYear === null ? null : reportingYear(s.coversYear).label,
    dueOn: dateText(s.dueOn),
    isPublic: t(s.isPublic ? 'tracker:common.yes' : 'tracker:common.no'),
  });

  /**
   * The actions under a recommendation, key point or action, each with the updates recorded to
   * it, for removalRefusal; with the ids of the key points and actions that would go with it.
   */
  async function under(executor: Executor, subject: Removable, id: string) {
    const actions = await executor
      .select()
      .from(trackerActions)
      .where(
        subject === 'recommendation'
          ? eq(trackerActions.recommendationId, id)
          : subject === 'key_point'
            ? eq(trackerActions.keyPointId, id)
            : eq(trackerActions.id, id),
      )
      .orderBy(asc(trackerActions.position));
    const keyPoints =
      subject === 'recommendation'
        ? await executor
            .select()
            .from(trackerKeyPoints)
            .where(eq(trackerKeyPoints.recommendationId, id))
            .orderBy(asc(trackerKeyPoints.position))
        : [];
    const actionIds = actions.map((a) => a.id);
    const updates = actionIds.length
      ? await executor
          .select({
            actionId: trackerUpdates.actionId,
            kind: trackerUpdates.kind,
            result: trackerUpdates.result,
          })
          .from(trackerUpdates)
          .where(inArray(trackerUpdates.actionId, actionIds))
          .orderBy(asc(trackerUpdates.recordedAt), asc(trackerUpdates.id))
      : [];
    const refusal = removalRefusal(
      actions.map((a) => ({
        result: a.result,
        updates: updates.filter((u) => u.actionId === a.id),
      })),
    );
    return { actions, keyPoints, refusal };
  }

  /** The thing to remove or withdraw, with its source and recommendation and what it says. */
  async function findRemovable(executor: Executor, subject: Removable, id: string) {
    if (subject === 'recommendation') {
      const found = await findRecommendation(executor, id);
      return { ...found, item: found.recommendation, words: found.recommendation.text };
    }
    if (subject === 'key_point') {
      const found = await findKeyPoint(executor, id);
      return { ...found, item: found.keyPoint, words: found.keyPoint.text };
    }
    const found = await findAction(executor, id);
    return { ...found, item: found.action, words: found.action.description ?? '' };
  }

  const ownerName = async (executor: Executor, id: string | null) =>
    id ? ((await directory.lookups.organisations(executor, [id])).get(id)?.name ?? null) : null;
  const sourceVersion = async (executor: Executor, s: typeof trackerSources.$inferSelect) =>
    versionOf(s.updatedAt, sourceText(s, await ownerName(executor, s.ownerOrganisationId)));
  const recommendationVersion = (r: typeof trackerRecommendations.$inferSelect) =>
    versionOf(r.updatedAt, { number: r.number, section: r.section, text: r.text });
  const keyPointVersion = async (executor: Executor, k: typeof trackerKeyPoints.$inferSelect) =>
    versionOf(k.updatedAt, {
      text: k.text,
      leads: await leadLine(
        executor,
        (await leadsOf(executor, { keyPointIds: [k.id] })).get(k.id) ?? [],
      ),
    });

  return {
    async sourceEditForm(principal: Principal, sourceId: string) {
      requireUser(principal, 'tracker.manage');
      const source = await findSource(db, sourceId);
      return {
        source: sourceView(source, null),
        version: await sourceVersion(db, source),
        owners: await directory.lookups.ownerOrganisations(db),
      };
    },

    /** TRK-01: a source's details, changed; only what changed is recorded. */
    async editSource(principal: Principal, sourceId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const before = await findSource(db, sourceId);
      refuseWithdrawn(before, 'title');
      const { owner, kind, groupId, ...columns } = await readSourceFields(input, {
        kind: before.kind,
        groupId: before.groupId,
      });
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(trackerSources)
          .where(eq(trackerSources.id, sourceId))
          .for('update');
        if (!current) throw new NotFoundError();
        refuseWithdrawn(current, 'title');
        refuseStale(input, await sourceVersion(tx, current), 'title');
        const ownerBefore = await ownerName(tx, current.ownerOrganisationId);
        const changes = changedFields(
          sourceText(current, ownerBefore),
          sourceText(columns, owner?.name ?? null),
        );
        if (!changes.length) return { source: current, changed: false };
        await refuseGroupYearTaken(tx, t, {
          kind,
          groupId,
          coversYear: columns.coversYear,
          exceptId: sourceId,
        });
        const at = now();
        const [after] = await tx
          .update(trackerSources)
          .set({ ...columns, ownerOrganisationId: owner?.id ?? null, updatedAt: at })
          .where(eq(trackerSources.id, sourceId))
          .returning();
        await recordEdit(tx, user, at, {
          sourceId,
          recommendationId: null,
          subject: 'source',
          subjectId: sourceId,
          changes,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.source.edited',
          recordType: 'tracker_source',
          recordId: sourceId,
          before: current,
          after,
        });
        return { source: after!, changed: true };
      });
    },

    async recommendationEditForm(principal: Principal, recommendationId: string) {
      requireUser(principal, 'tracker.manage');
      const { recommendation, source } = await findRecommendation(db, recommendationId);
      return {
        recommendation,
        version: recommendationVersion(recommendation),
        source: sourceView(source, null),
      };
    },

    /** TRK-01: a recommendation's number (unique in its part or source), heading and text. */
    async editRecommendation(
      principal: Principal,
      recommendationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const { number, section, body } = readRecommendationFields(input, errors, t);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.id, recommendationId))
          .for('update');
        if (!before) throw new NotFoundError();
        refuseWithdrawn(before, 'number');
        refuseStale(input, recommendationVersion(before), 'number');
        const changes = changedFields(
          { number: before.number, section: before.section, text: before.text },
          { number, section, text: body },
        );
        if (!changes.length) return { recommendation: before, changed: false };
        const [taken] = await tx
          .select({ id: trackerRecommendations.id })
          .from(trackerRecommendations)
          .where(
            and(
              eq(trackerRecommendations.sourceId, before.sourceId),
              before.partId
                ? eq(trackerRecommendations.partId, before.partId)
                : isNull(trackerRecommendations.partId),
              eq(trackerRecommendations.number, number!),
              ne(trackerRecommendations.id, recommendationId),
            ),
          );
        if (taken)
          throw new ConflictError(
            t('tracker:records.recommendation.number.taken', { number }),
            'number',
          );
        const at = now();
        const [after] = await tx
          .update(trackerRecommendations)
          .set({ number: number!, section, text: body!, updatedAt: at })
          .where(eq(trackerRecommendations.id, recommendationId))
          .returning();
        await recordEdit(tx, user, at, {
          sourceId: before.sourceId,
          recommendationId,
          subject: 'recommendation',
          subjectId: recommendationId,
          changes,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.recommendation.edited',
          recordType: 'tracker_recommendation',
          recordId: recommendationId,
          before,
          after,
        });
        return { recommendation: after!, changed: true };
      });
    },

    async keyPointEditForm(principal: Principal, keyPointId: string) {
      requireUser(principal, 'tracker.manage');
      const { keyPoint, recommendation, source } = await findKeyPoint(db, keyPointId);
      const current = (await leadsOf(db, { keyPointIds: [keyPoint.id] })).get(keyPoint.id) ?? [];
      return {
        keyPoint,
        version: await keyPointVersion(db, keyPoint),
        recommendation,
        source: sourceView(source, null),
        /** Its leads as the form's rows start. */
        leadValues: leadValues('lead', (await ownerNames(db, current)).named(current)),
        owners: await directory.lookups.ownerOrganisations(db),
        choices: (values: Input, prefix: 'lead' | 'owner') =>
          leadReader.choices(db, values, prefix),
      };
    },

    /** TRK-01, CON-08: a key point's text and its leads. */
    async editKeyPoint(principal: Principal, keyPointId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const body = text(input.text);
      if (!body)
        errors.push({ field: 'text', message: t('tracker:records.keyPoint.text.missing') });
      tooLong(t, errors, 'text', t('tracker:records.keyPoint.text.name'), body, MAX_TEXT);
      const pendingLeads = await leadReader.read(db, input, 'lead', errors);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(trackerKeyPoints)
          .where(eq(trackerKeyPoints.id, keyPointId))
          .for('update');
        if (!before) throw new NotFoundError();
        refuseWithdrawn(before, 'text');
        refuseStale(input, await keyPointVersion(tx, before), 'text');
        const leadsBefore =
          (await leadsOf(tx, { keyPointIds: [keyPointId] })).get(keyPointId) ?? [];
        const leads = await leadReader.settle(tx, user, 'lead', pendingLeads, requestId);
        const changes = changedFields(
          { text: before.text, leads: await leadLine(tx, leadsBefore) },
          { text: body, leads: await leadLine(tx, leads) },
        );
        if (!changes.length) return { keyPoint: before, changed: false };
        const at = now();
        const [after] = await tx
          .update(trackerKeyPoints)
          .set({ text: body!, updatedAt: at })
          .where(eq(trackerKeyPoints.id, keyPointId))
          .returning();
        await writeLeads(tx, { keyPointId }, leads, at);
        const { recommendation } = await findRecommendation(tx, before.recommendationId);
        await recordEdit(tx, user, at, {
          sourceId: recommendation.sourceId,
          recommendationId: recommendation.id,
          subject: 'key_point',
          subjectId: keyPointId,
          changes,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.key-point.edited',
          recordType: 'tracker_key_point',
          recordId: keyPointId,
          before: { ...before, leads: leadsBefore },
          after: { ...after, leads },
        });
        return { keyPoint: after!, changed: true };
      });
    },

    /** The remove-or-withdraw page: what it is, and whether it may still be removed. */
    async removalForm(principal: Principal, subject: Removable, id: string) {
      requireUser(principal, 'tracker.manage');
      const found = await findRemovable(db, subject, id);
      const { refusal } = await under(db, subject, id);
      return {
        subject,
        id,
        words: found.words,
        withdrawn: found.item.withdrawnAt !== null,
        recommendation: found.recommendation,
        source: sourceView(found.source, null),
        refusal,
      };
    },

    /**
     * TRK-01: removes it and all under it, with their updates, while no progress has been
     * reported against any of it; the removal is recorded on its recommendation (or, for a
     * recommendation, on its source) with what was removed.
     */
    async remove(principal: Principal, subject: Removable, id: string, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      return db.transaction(async (tx) => {
        const found = await findRemovable(tx, subject, id);
        const { actions, keyPoints, refusal } = await under(tx, subject, id);
        if (refusal) throw new ConflictError(t(refusal));
        if (subject === 'recommendation') {
          const [supersedes] = await tx
            .select({ number: trackerRecommendations.number })
            .from(trackerRecommendations)
            .where(eq(trackerRecommendations.supersededById, id));
          if (supersedes)
            throw new ConflictError(
              t('tracker:editing.remove.supersedes', { number: supersedes.number }),
            );
        }
        const keyPointIds = subject === 'key_point' ? [id] : keyPoints.map((k) => k.id);
        const actionIds = actions.map((a) => a.id);
        const gone = [...keyPointIds, ...actionIds, ...(subject === 'recommendation' ? [id] : [])];
        // What was removed, as the history lists it: the thing itself, then what was under it.
        const changes: FieldChange[] = [
          ...(subject === 'recommendation'
            ? [
                { field: 'number', before: found.recommendation.number, after: null },
                { field: 'text', before: found.words, after: null },
                ...keyPoints.map((k) => ({ field: 'keyPoint', before: k.text, after: null })),
              ]
            : subject === 'key_point'
              ? [{ field: 'keyPoint', before: found.words, after: null }]
              : []),
          ...actions.map((a) => ({ field: 'action', before: a.description ?? '', after: null })),
        ];
        if (keyPointIds.length || actionIds.length)
          await tx
            .delete(trackerLeads)
            .where(
              or(
                keyPointIds.length ? inArray(trackerLeads.keyPointId, keyPointIds) : undefined,
                actionIds.length ? inArray(trackerLeads.actionId, actionIds) : undefined,
              ),
            );
        await tx
          .delete(trackerUpdates)
          .where(
            or(
              actionIds.length ? inArray(trackerUpdates.actionId, actionIds) : undefined,
              inArray(trackerUpdates.subjectId, gone),
              subject === 'recommendation' ? eq(trackerUpdates.recommendationId, id) : undefined,
            ),
          );
        if (actionIds.length)
          await tx.delete(trackerActions).where(inArray(trackerActions.id, actionIds));
        if (keyPointIds.length)
          await tx.delete(trackerKeyPoints).where(inArray(trackerKeyPoints.id, keyPointIds));
        if (subject === 'recommendation')
          await tx.delete(trackerRecommendations).where(eq(trackerRecommendations.id, id));
        await tx.insert(trackerUpdates).values({
          sourceId: found.source.id,
          recommendationId: subject === 'recommendation' ? null : found.recommendation.id,
          kind: 'removed',
          recordedAt: now(),
          authorUserId: user.userId,
          authorLabel: user.displayName,
          subject,
          subjectId: id,
          changes,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: `tracker.${subject.replace('_', '-')}.removed`,
          recordType: `tracker_${subject}`,
          recordId: id,
          before: { item: found.item, keyPoints, actions },
        });
        return { source: found.source, recommendation: found.recommendation };
      });
    },

    /**
     * TRK-01: withdraws it, with the reason: it stays in the record and its history, shown as
     * withdrawn and left out of the report's counts; it is no longer edited or progressed.
     */
    async withdraw(
      principal: Principal,
      subject: Removable,
      id: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const reason = text(input.reason);
      if (!reason)
        errors.push({ field: 'reason', message: t('tracker:editing.withdraw.reason.missing') });
      tooLong(t, errors, 'reason', t('tracker:editing.withdraw.reason.name'), reason, MAX_TEXT);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const found = await findRemovable(tx, subject, id);
        if (found.item.withdrawnAt)
          throw new ConflictError(t('tracker:editing.withdraw.already'), 'reason');
        const at = now();
        const set = { withdrawnAt: at, withdrawnReason: reason!, updatedAt: at };
        const table =
          subject === 'recommendation'
            ? trackerRecommendations
            : subject === 'key_point'
              ? trackerKeyPoints
              : trackerActions;
        await tx.update(table).set(set).where(eq(table.id, id));
        await tx.insert(trackerUpdates).values({
          sourceId: found.source.id,
          recommendationId: found.recommendation.id,
          kind: 'withdrawn',
          recordedAt: at,
          authorUserId: user.userId,
          authorLabel: user.displayName,
          subject,
          subjectId: id,
          rationale: reason,
          changes: [
            {
              field: subject === 'key_point' ? 'keyPoint' : subject,
              before: found.words,
              after: null,
            },
          ],
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: `tracker.${subject.replace('_', '-')}.withdrawn`,
          recordType: `tracker_${subject}`,
          recordId: id,
          before: found.item,
          after: { ...found.item, ...set },
        });
        return { source: found.source, recommendation: found.recommendation };
      });
    },
  };
}
