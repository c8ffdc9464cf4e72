/**
 * TRK-01: building a source's record by hand, for the tracker's managers: adding a
 * recommendation (numbered as the source numbers it), a key point (with its lead, CON-08) and an
 * action (owner, due date, result), and changing an action's owner, due date or wording.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { isUniqueViolation, type Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import {
  createTrackerAccess,
  readRecommendationFields,
  type TrackerServiceDeps,
} from '../access.js';
import { completionColumns, readProgress } from '../progress.js';
import { parseItemNumber } from '../numbering-rules.js';
import { refuseIfWithdrawn, type Items, type Within } from '../withdrawal.js';
import { makeRoom } from '../structure/order.js';
import { createLeadReader, leadValues, writeLeads, type LeadPrefix } from './leads.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerRecommendations,
  trackerUpdates,
} from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

/** What a new action is under: a key point, or its recommendation or objective directly. */
export type ActionParent = { keyPointId: string } | { recommendationId: string };

const MAX_TEXT = 20_000;

export type TrackerRecordsService = ReturnType<typeof createTrackerRecordsService>;

export function createTrackerRecordsService(deps: TrackerServiceDeps) {
  const { db, directory, t } = deps;
  const {
    now,
    today,
    findSource,
    findRecommendation,
    findKeyPoint,
    sourceView,
    leadsOf,
    ownerNames,
    partsOf,
  } = createTrackerAccess(deps);

  /** Issue 23: nothing is added under what is withdrawn, whatever a page offers (anyWithdrawn). */
  const refuseUnderWithdrawn = (executor: Executor, items: Items, within: Within, field?: string) =>
    refuseIfWithdrawn(executor, items, within, t('tracker:records.withdrawn'), field);

  /**
   * Issue 23: a key point's or action's own number as the form gives it (2.1, a, ii), or none;
   * a number that is not one is refused, naming the field.
   */
  function readItemNumber(input: Input, errors: FieldError[]): string | null {
    const parsed = parseItemNumber(text(input.number) ?? '');
    if (!parsed) errors.push({ field: 'number', message: t('tracker:records.itemNumber.bad') });
    return parsed?.number ?? null;
  }

  /** CON-08: leads and owners as the forms give them (records/leads.ts). */
  const leadReader = createLeadReader(deps);

  /** An action's wording, owner and due date, as adding it or changing its details gives them. */
  async function readActionDetails(input: Input, errors: FieldError[], required: boolean) {
    const description = text(input.description);
    if (required && !description)
      errors.push({
        field: 'description',
        message: t('tracker:records.action.description.missing'),
      });
    const name = t('tracker:records.action.description.name');
    tooLong(t, errors, 'description', name, description, MAX_TEXT);
    const owners = await leadReader.read(db, input, 'owner', errors);
    const dueOn = dateField(t, input, 'dueOn', t('tracker:records.action.dueOn.name'), errors, {
      required: false,
    });
    return { description, owners, dueOn };
  }

  /** The bodies the owner lists offer, for every form here. */
  const owners = () => directory.lookups.ownerOrganisations(db);

  /** The people each lead or owner row typed by name may mean, for the form shown again. */
  const choices = (values: Input, prefix: LeadPrefix) => leadReader.choices(db, values, prefix);

  return {
    async recommendationForm(principal: Principal, sourceId: string) {
      requireUser(principal, 'tracker.manage');
      const source = await findSource(db, sourceId);
      // A withdrawn part takes no more items (issue 23): where every part is withdrawn there is
      // no part to choose, and the page is refused as its submission is.
      const all = await partsOf(db, sourceId);
      const parts = all.filter((p) => !p.withdrawnAt);
      if (all.length && !parts.length) await refuseUnderWithdrawn(db, all, {});
      return { source: sourceView(source, null), parts };
    },

    /** A recommendation as the source numbers it; a number already used is refused. */
    async addRecommendation(
      principal: Principal,
      sourceId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const { number, section, body } = readRecommendationFields(input, errors, t);
      return db.transaction(async (tx) => {
        const source = await findSource(tx, sourceId);
        // Issue 23: a source with parts numbers each part's items afresh: the form says which.
        const parts = await partsOf(tx, sourceId);
        // Every part withdrawn, the form has no part to choose: refused as withdrawn, as it is.
        if (parts.length && parts.every((p) => p.withdrawnAt))
          await refuseUnderWithdrawn(tx, parts, {});
        const partId = text(input.part);
        const part = parts.find((p) => p.id === partId) ?? null;
        if (parts.length && !part)
          errors.push({ field: 'part', message: t('tracker:records.recommendation.part.missing') });
        if (errors.length) throw new ValidationError(errors);
        await refuseUnderWithdrawn(tx, [source, part], {}, part ? 'part' : 'number');
        const [taken] = await tx
          .select({ id: trackerRecommendations.id })
          .from(trackerRecommendations)
          .where(
            and(
              eq(trackerRecommendations.sourceId, sourceId),
              part
                ? eq(trackerRecommendations.partId, part.id)
                : isNull(trackerRecommendations.partId),
              eq(trackerRecommendations.number, number!),
            ),
          );
        const duplicate = () =>
          new ConflictError(
            part
              ? t('tracker:records.recommendation.number.takenInPart', {
                  number,
                  part: part.title,
                })
              : t('tracker:records.recommendation.number.taken', { number }),
            'number',
          );
        if (taken) throw duplicate();
        const position = await makeRoom(
          tx,
          { of: 'recommendations', sourceId, partId: part?.id ?? null },
          number,
        );
        const at = now();
        const [recommendation] = await tx
          .insert(trackerRecommendations)
          .values({
            sourceId,
            partId: part?.id ?? null,
            number: number!,
            position,
            section,
            text: body!,
            createdAt: at,
            updatedAt: at,
          })
          .returning()
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) throw duplicate();
            throw error;
          });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.recommendation.added',
          recordType: 'tracker_recommendation',
          recordId: recommendation!.id,
          after: recommendation,
        });
        return { recommendation: recommendation!, source };
      });
    },

    async keyPointForm(principal: Principal, recommendationId: string) {
      requireUser(principal, 'tracker.manage');
      const { recommendation, source } = await findRecommendation(db, recommendationId);
      return {
        recommendation,
        source: sourceView(source, null),
        owners: await owners(),
        choices,
      };
    },

    /** A key point of a recommendation; a work plan's strand, with its named lead (CON-08). */
    async addKeyPoint(
      principal: Principal,
      recommendationId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const number = readItemNumber(input, errors);
      const body = text(input.text);
      if (!body)
        errors.push({ field: 'text', message: t('tracker:records.keyPoint.text.missing') });
      tooLong(t, errors, 'text', t('tracker:records.keyPoint.text.name'), body, MAX_TEXT);
      const pendingLeads = await leadReader.read(db, input, 'lead', errors);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const { recommendation, source } = await findRecommendation(tx, recommendationId);
        await refuseUnderWithdrawn(tx, [source, recommendation], recommendation, 'text');
        if (number) {
          const [taken] = await tx
            .select({ id: trackerKeyPoints.id })
            .from(trackerKeyPoints)
            .where(
              and(
                eq(trackerKeyPoints.recommendationId, recommendationId),
                eq(trackerKeyPoints.number, number),
              ),
            );
          if (taken)
            throw new ConflictError(
              t('tracker:records.keyPoint.numberTaken', { number }),
              'number',
            );
        }
        const position = await makeRoom(tx, { of: 'keyPoints', recommendationId }, number);
        const at = now();
        const [keyPoint] = await tx
          .insert(trackerKeyPoints)
          .values({
            recommendationId,
            position,
            number,
            text: body!,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        const leads = await leadReader.settle(tx, user, 'lead', pendingLeads, requestId);
        await writeLeads(tx, { keyPointId: keyPoint!.id }, leads, at);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.key-point.added',
          recordType: 'tracker_key_point',
          recordId: keyPoint!.id,
          after: { ...keyPoint, leads },
        });
        return { keyPoint: keyPoint!, recommendation };
      });
    },

    /** The add-action form: of a key point, or directly of a recommendation (`under`). */
    async actionForm(principal: Principal, under: ActionParent) {
      requireUser(principal, 'tracker.manage');
      const { keyPoint, recommendation, source } = await findParent(db, under);
      return {
        keyPoint,
        recommendation,
        source: sourceView(source, null),
        owners: await owners(),
        choices,
      };
    },

    /**
     * An action of a key point, or directly of a recommendation or objective (issue 23), with its
     * number, owner, due date and first result (TRK-01): Not started unless the form says
     * otherwise. An action directly under its recommendation may have no wording of its own: it
     * is the recommendation's own result (a single-line plan item).
     */
    async addAction(principal: Principal, under: ActionParent, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const number = readItemNumber(input, errors);
      const {
        description,
        owners: pendingOwners,
        dueOn,
      } = await readActionDetails(input, errors, 'keyPointId' in under);
      const { result, completed, narrative } = readProgress(
        text(input.result) ? input : { ...input, result: 'not_started' },
        errors,
        today(),
        t,
      );
      if (errors.length || !result) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const { keyPoint, recommendation, source } = await findParent(tx, under);
        await refuseUnderWithdrawn(
          tx,
          [source, recommendation, keyPoint],
          recommendation,
          'description',
        );
        const keyPointId = keyPoint?.id ?? null;
        if (number) {
          const [taken] = await tx
            .select({ id: trackerActions.id })
            .from(trackerActions)
            .where(
              and(
                keyPointId
                  ? eq(trackerActions.keyPointId, keyPointId)
                  : and(
                      eq(trackerActions.recommendationId, recommendation.id),
                      isNull(trackerActions.keyPointId),
                    ),
                eq(trackerActions.number, number),
              ),
            );
          if (taken)
            throw new ConflictError(t('tracker:records.action.numberTaken', { number }), 'number');
        }
        const position = await makeRoom(
          tx,
          { of: 'actions', recommendationId: recommendation.id, keyPointId },
          number,
        );
        const at = now();
        const [action] = await tx
          .insert(trackerActions)
          .values({
            keyPointId,
            sourceId: recommendation.sourceId,
            recommendationId: recommendation.id,
            position,
            number,
            description,
            dueOn,
            result,
            ...completionColumns(completed),
            narrative,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        const owners = await leadReader.settle(tx, user, 'owner', pendingOwners, requestId);
        await writeLeads(tx, { actionId: action!.id }, owners, at);
        await tx.insert(trackerUpdates).values({
          actionId: action!.id,
          recommendationId: recommendation.id,
          sourceId: recommendation.sourceId,
          kind: 'added',
          recordedAt: at,
          authorUserId: user.userId,
          authorLabel: user.displayName,
          result,
          ...completionColumns(completed),
          narrative,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.action.added',
          recordType: 'tracker_action',
          recordId: action!.id,
          after: { ...action, owners },
        });
        return { action: action!, keyPoint, recommendation };
      });
    },

    async detailsForm(principal: Principal, actionId: string) {
      requireUser(principal, 'tracker.manage');
      const action = await findAction(db, actionId);
      const { keyPoint, recommendation, source } = action.keyPointId
        ? await findKeyPoint(db, action.keyPointId)
        : { keyPoint: null, ...(await findRecommendation(db, action.recommendationId)) };
      // Typed in as an address: the page is refused as its submission would be.
      await refuseIfWithdrawn(
        db,
        [action, keyPoint, recommendation, source],
        recommendation,
        t('tracker:editing.withdrawn.noEdit'),
      );
      const current = (await leadsOf(db, { actionIds: [action.id] })).get(action.id) ?? [];
      return {
        action,
        /** Its owners as the form's rows start. */
        ownerValues: leadValues('owner', (await ownerNames(db, current)).named(current)),
        keyPoint,
        recommendation,
        source: sourceView(source, null),
        owners: await owners(),
        choices,
      };
    },

    /** An action's wording, owner and due date (its progress is recorded as an update). */
    async editDetails(principal: Principal, actionId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const {
        description,
        owners: pendingOwners,
        dueOn,
      } = await readActionDetails(input, errors, false);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await findAction(tx, actionId, true);
        // Issue 23: nothing withdrawn, nor anything in what is withdrawn, is changed.
        await refuseIfWithdrawn(
          tx,
          [before],
          before,
          t('tracker:editing.withdrawn.noEdit'),
          'description',
        );
        if (!description && before.description)
          throw new ValidationError([
            { field: 'description', message: t('tracker:records.action.description.missing') },
          ]);
        const ownersBefore = (await leadsOf(tx, { actionIds: [actionId] })).get(actionId) ?? [];
        const at = now();
        const [after] = await tx
          .update(trackerActions)
          .set({
            description,
            dueOn,
            version: before.version + 1,
            updatedAt: at,
          })
          .where(eq(trackerActions.id, actionId))
          .returning();
        const owners = await leadReader.settle(tx, user, 'owner', pendingOwners, requestId);
        await writeLeads(tx, { actionId }, owners, at);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.action.details-changed',
          recordType: 'tracker_action',
          recordId: actionId,
          before: { ...before, owners: ownersBefore },
          after: { ...after, owners },
        });
        return after!;
      });
    },
  };

  /** Where an action is added: a key point, or its recommendation directly. */
  async function findParent(executor: Executor, under: ActionParent) {
    if ('keyPointId' in under) return findKeyPoint(executor, under.keyPointId);
    return { keyPoint: null, ...(await findRecommendation(executor, under.recommendationId)) };
  }

  async function findAction(executor: Executor, id: string, lock = false) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(trackerActions).where(eq(trackerActions.id, id));
    const [action] = lock ? await query.for('update') : await query;
    if (!action) throw new NotFoundError();
    return action;
  }
}
