/**
 * TRK-01 (issue 23): changing what a manager wrote. A source's details, a recommendation's
 * number, heading and text, a key point's text and leads are edited, each recorded in the
 * history (tracker_updates: 'edited') with only what changed. Removing and withdrawing are in
 * removal-service.ts; this service offers both.
 */
import { createHash } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { reportingYear } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import {
  createTrackerAccess,
  joinNames,
  readRecommendationFields,
  type Lead,
  type TrackerServiceDeps,
} from '../access.js';
import { createLeadReader, leadValues, writeLeads } from '../records/leads.js';
import { createSourceFieldReader, refuseGroupYearTaken } from '../sources/source-fields.js';
import { createRemovalService } from './removal-service.js';
import {
  trackerKeyPoints,
  trackerRecommendations,
  trackerSources,
  type FieldChange,
} from '../schema.js';
import { recordChange } from '../history.js';
import { withdrawnRefusals } from '../withdrawal.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_TEXT = 20_000;

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

  /**
   * Nothing withdrawn is changed, nor anything in what is withdrawn (anyWithdrawn). Its form,
   * typed in as an address, is refused too (no field: the page is the refusal).
   */
  const { refuseWithdrawn, lock } = withdrawnRefusals(() => t('tracker:editing.withdrawn.noEdit'));

  /** The names of leads, as one line, for the history. */
  async function leadLine(executor: Executor, leads: readonly Lead[]) {
    const names = await ownerNames(executor, leads);
    return joinNames(names.named(leads).map((l) => l.name));
  }

  /**
   * A source's fields as the history writes them; its dates as their days (YYYY-MM-DD), which
   * the history page words in the reader's language.
   */
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
    sourceDate: s.sourceDate,
    reference: s.reference,
    owner: ownerName,
    reportsTo: s.reportsTo,
    monitoredBy: s.monitoredBy,
    coversYear: s.coversYear === null ? null : reportingYear(s.coversYear).label,
    dueOn: s.dueOn,
    isPublic: t(s.isPublic ? 'tracker:common.yes' : 'tracker:common.no'),
  });

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
    ...createRemovalService(deps),

    async sourceEditForm(principal: Principal, sourceId: string) {
      requireUser(principal, 'tracker.manage');
      const source = await findSource(db, sourceId);
      await refuseWithdrawn(db, [source], {});
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
      await refuseWithdrawn(db, [before], {}, 'title');
      const { owner, kind, groupId, ...columns } = await readSourceFields(input, {
        kind: before.kind,
        groupId: before.groupId,
      });
      return db.transaction(async (tx) => {
        const current = await lock(tx, trackerSources, sourceId, { field: 'title' });
        refuseStale(input, await sourceVersion(tx, current), 'title');
        const ownerBefore = await ownerName(tx, current.ownerOrganisationId);
        const changes = changedFields(
          sourceText(current, ownerBefore),
          sourceText(columns, owner?.name ?? null),
        );
        if (!changes.length) return { source: current, changed: false };
        // The edit form has no group field: the refusal names the reporting year.
        await refuseGroupYearTaken(
          tx,
          t,
          { kind, groupId, coversYear: columns.coversYear, exceptId: sourceId },
          'coversYear',
        );
        const at = now();
        const [after] = await tx
          .update(trackerSources)
          .set({ ...columns, ownerOrganisationId: owner?.id ?? null, updatedAt: at })
          .where(eq(trackerSources.id, sourceId))
          .returning();
        await recordChange(tx, user, at, {
          kind: 'edited',
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
      await refuseWithdrawn(db, [recommendation, source], recommendation);
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
        const before = await lock(tx, trackerRecommendations, recommendationId, {
          field: 'number',
        });
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
        await recordChange(tx, user, at, {
          kind: 'edited',
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
      await refuseWithdrawn(db, [keyPoint, recommendation, source], recommendation);
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
        // Refused too when its recommendation, their part or source is withdrawn.
        const before = await lock(tx, trackerKeyPoints, keyPointId, { field: 'text' });
        const { recommendation } = await findRecommendation(tx, before.recommendationId);
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
        await recordChange(tx, user, at, {
          kind: 'edited',
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
  };
}
