/**
 * TRK-01: building a source's record by hand, for the tracker's managers: adding a
 * recommendation (numbered as the source numbers it), a key point (with its lead, CON-08) and an
 * action (owner, due date, result), and changing an action's owner, due date or wording.
 */
import { and, eq, max } from 'drizzle-orm';
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
  completionColumns,
  createTrackerAccess,
  readProgress,
  type TrackerServiceDeps,
} from '../access.js';
import { parseRecommendationNumber } from '../rules.js';
import { createLeadReader, leadValues, writeLeads, type LeadPrefix } from './leads.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerRecommendations,
  trackerUpdates,
} from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_TEXT = 20_000;
const MAX_LINE = 300;

export type TrackerRecordsService = ReturnType<typeof createTrackerRecordsService>;

export function createTrackerRecordsService(deps: TrackerServiceDeps) {
  const { db, directory, t } = deps;
  const { now, today, findSource, findRecommendation, sourceView, leadsOf, ownerNames } =
    createTrackerAccess(deps);

  /** CON-08: leads and owners as the forms give them (records/leads.ts). */
  const leadReader = createLeadReader(deps);

  async function findKeyPoint(executor: Executor, id: string) {
    if (!isUuid(id)) throw new NotFoundError();
    const [keyPoint] = await executor
      .select()
      .from(trackerKeyPoints)
      .where(eq(trackerKeyPoints.id, id));
    if (!keyPoint) throw new NotFoundError();
    return { keyPoint, ...(await findRecommendation(executor, keyPoint.recommendationId)) };
  }

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
      return { source: sourceView(source, null) };
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
      const number = parseRecommendationNumber(text(input.number) ?? '');
      if (!number)
        errors.push({
          field: 'number',
          message: t('tracker:records.recommendation.number.missing'),
        });
      const section = text(input.section);
      tooLong(
        t,
        errors,
        'section',
        t('tracker:records.recommendation.section.name'),
        section,
        MAX_LINE,
      );
      const body = text(input.text);
      if (!body)
        errors.push({ field: 'text', message: t('tracker:records.recommendation.text.missing') });
      tooLong(t, errors, 'text', t('tracker:records.recommendation.text.name'), body, MAX_TEXT);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const source = await findSource(tx, sourceId);
        const [taken] = await tx
          .select({ id: trackerRecommendations.id })
          .from(trackerRecommendations)
          .where(
            and(
              eq(trackerRecommendations.sourceId, sourceId),
              eq(trackerRecommendations.number, number!),
            ),
          );
        const duplicate = () =>
          new ConflictError(t('tracker:records.recommendation.number.taken', { number }), 'number');
        if (taken) throw duplicate();
        const [last] = await tx
          .select({ position: max(trackerRecommendations.position) })
          .from(trackerRecommendations)
          .where(eq(trackerRecommendations.sourceId, sourceId));
        const at = now();
        const [recommendation] = await tx
          .insert(trackerRecommendations)
          .values({
            sourceId,
            number: number!,
            position: (last?.position ?? 0) + 1,
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
      const body = text(input.text);
      if (!body)
        errors.push({ field: 'text', message: t('tracker:records.keyPoint.text.missing') });
      tooLong(t, errors, 'text', t('tracker:records.keyPoint.text.name'), body, MAX_TEXT);
      const pendingLeads = await leadReader.read(db, input, 'lead', errors);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const { recommendation } = await findRecommendation(tx, recommendationId);
        const [last] = await tx
          .select({ position: max(trackerKeyPoints.position) })
          .from(trackerKeyPoints)
          .where(eq(trackerKeyPoints.recommendationId, recommendationId));
        const at = now();
        const [keyPoint] = await tx
          .insert(trackerKeyPoints)
          .values({
            recommendationId,
            position: (last?.position ?? 0) + 1,
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

    async actionForm(principal: Principal, keyPointId: string) {
      requireUser(principal, 'tracker.manage');
      const { keyPoint, recommendation, source } = await findKeyPoint(db, keyPointId);
      return {
        keyPoint,
        recommendation,
        source: sourceView(source, null),
        owners: await owners(),
        choices,
      };
    },

    /** An action of a key point, with its owner, due date and first result (TRK-01). */
    async addAction(principal: Principal, keyPointId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const errors: FieldError[] = [];
      const {
        description,
        owners: pendingOwners,
        dueOn,
      } = await readActionDetails(input, errors, true);
      const { result, completed, narrative } = readProgress(input, errors, today(), t);
      if (errors.length || !result) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const { keyPoint, recommendation } = await findKeyPoint(tx, keyPointId);
        const [last] = await tx
          .select({ position: max(trackerActions.position) })
          .from(trackerActions)
          .where(eq(trackerActions.keyPointId, keyPointId));
        const at = now();
        const [action] = await tx
          .insert(trackerActions)
          .values({
            keyPointId,
            sourceId: recommendation.sourceId,
            recommendationId: recommendation.id,
            position: (last?.position ?? 0) + 1,
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
        // Issue 23: nothing withdrawn is changed.
        if (before.withdrawnAt)
          throw new ConflictError(t('tracker:editing.withdrawn.noEdit'), 'description');
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

  async function findAction(executor: Executor, id: string, lock = false) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(trackerActions).where(eq(trackerActions.id, id));
    const [action] = lock ? await query.for('update') : await query;
    if (!action) throw new NotFoundError();
    return action;
  }
}
