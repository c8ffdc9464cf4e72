/**
 * CON-07 "You said, we did": authority officers write what came of a closed consultation (what
 * was heard, what was done as a result, the decision's minute and the tracker source of a change
 * promised), save it as a draft and publish it; the public reads it with the change's actions
 * where they stand now, read live from the tracker's face. Each action is one transaction with
 * one audit event; edits after publishing keep their before and after in the audit trail.
 */
import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import {
  BODY_TYPES,
  type BodyType,
  type MinuteReference,
  type MinuteReferences,
} from '../../meetings/index.js';
import type { TrackerSourceProgress, TrackerSourcesFace } from '../../tracker/index.js';
import {
  outcomePhaseRefusal,
  publishRefusal,
  validateOutcome,
  type OutcomeValue,
} from '../outcome-rules.js';
import { consultationPhase } from '../rules.js';
import { consultations, responses } from '../schema.js';
import { consultationOutcomes } from './schema.js';

export type OutcomesService = ReturnType<typeof createOutcomesService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);

/** How many minutes and sources the form offers to choose from. */
const CHOICES = 50;

export function isBodyType(value: unknown): value is BodyType {
  return BODY_TYPES.includes(value as BodyType);
}

export function createOutcomesService(deps: {
  db: Db;
  now: () => Date;
  t: Translate;
  minutes: MinuteReferences;
  tracker: TrackerSourcesFace;
}) {
  const { db, now, t, minutes, tracker } = deps;

  function refuse(refusals: readonly (SaidRefusal | null)[]): void {
    const all = fieldErrors(
      t,
      refusals.filter((r): r is SaidRefusal => r !== null),
    );
    if (all.length) throw new ValidationError(all);
  }

  async function findConsultation(executor: Executor, id: string) {
    const [consultation] = isUuid(id)
      ? await executor.select().from(consultations).where(eq(consultations.id, id))
      : [];
    if (!consultation) throw new NotFoundError();
    return consultation;
  }

  async function findOutcome(executor: Executor, consultationId: string) {
    const [outcome] = await executor
      .select()
      .from(consultationOutcomes)
      .where(eq(consultationOutcomes.consultationId, consultationId));
    return outcome ?? null;
  }

  /** Responses received: submitted and not set aside. */
  async function responsesReceived(executor: Executor, consultationId: string) {
    const [row] = await executor
      .select({ n: count() })
      .from(responses)
      .where(
        and(
          eq(responses.consultationId, consultationId),
          isNotNull(responses.submittedAt),
          isNull(responses.setAsideAt),
        ),
      );
    return Number(row?.n ?? 0);
  }

  /** The decision's minute and the promised change's source, as their modules give them now. */
  async function links(
    executor: Executor,
    outcome: { decisionMinuteItemId: string | null; trackerSourceId: string | null } | null,
  ): Promise<{ decision: MinuteReference | null; source: TrackerSourceProgress | null }> {
    const minuteId = outcome?.decisionMinuteItemId ?? null;
    const sourceId = outcome?.trackerSourceId ?? null;
    const [found, sources] = await Promise.all([
      minutes.find(executor, minuteId ? [minuteId] : []),
      tracker.progress(executor, sourceId ? [sourceId] : []),
    ]);
    return {
      decision: (minuteId && found.get(minuteId)) || null,
      source: (sourceId && sources.get(sourceId)) || null,
    };
  }

  /** The form's input checked against the rules, with the minute and source it names. */
  async function checked(executor: Executor, input: Input) {
    const minuteId = one(input.decisionMinuteItemId)?.trim();
    const sourceId = one(input.trackerSourceId)?.trim();
    const [found, sources] = await Promise.all([
      minutes.find(executor, minuteId && isUuid(minuteId) ? [minuteId] : []),
      tracker.progress(executor, sourceId && isUuid(sourceId) ? [sourceId] : []),
    ]);
    return validateOutcome(
      {
        youSaid: one(input.youSaid),
        weDid: one(input.weDid),
        changePromised: one(input.changePromised),
        trackerSourceId: sourceId,
        decisionMinuteItemId: minuteId,
      },
      { sourceIds: [...sources.keys()], minuteIds: [...found.keys()] },
    );
  }

  /**
   * Saves what was written (a new draft, or an edit) once the consultation has closed and the
   * rules pass; a published outcome stays published and so keeps its decision minute. Gives
   * the outcome as it was and as it is now.
   */
  async function write(tx: Executor, principal: Principal, consultationId: string, input: Input) {
    const user = requireUser(principal, 'consultation.manage');
    const consultation = await findConsultation(tx, consultationId);
    const phase = consultationPhase(consultation, todayInLondon(now()));
    refuse([outcomePhaseRefusal(phase)]);
    const before = await findOutcome(tx, consultationId);
    const version = one(input.version);
    if (before && version !== undefined && Number(version) !== before.version)
      throw new ConflictError(t('consultation:outcomes.errors.stale'), 'version');
    const { refusals, value } = await checked(tx, input);
    refuse(refusals);
    if (before?.publishedAt) refuse([publishRefusal(value)]);
    const fields: OutcomeValue & { updatedBy: string; updatedAt: Date } = {
      ...value,
      updatedBy: user.userId,
      updatedAt: now(),
    };
    const [after] = before
      ? await tx
          .update(consultationOutcomes)
          .set({ ...fields, version: sql`${consultationOutcomes.version} + 1` })
          .where(
            and(
              eq(consultationOutcomes.consultationId, consultationId),
              eq(consultationOutcomes.version, before.version),
            ),
          )
          .returning()
      : await tx
          .insert(consultationOutcomes)
          .values({ consultationId, ...fields })
          .onConflictDoNothing()
          .returning();
    if (!after) throw new ConflictError(t('consultation:outcomes.errors.stale'), 'version');
    return { user, consultation, before, after };
  }

  return {
    /**
     * The staff page: the consultation, where it stands, its outcome (if written) with its
     * decision and source, and the minutes (of the body type chosen) and sources (by title) to
     * choose from.
     */
    async staffPage(
      principal: Principal,
      consultationId: string,
      choose: { bodyType?: string | undefined; sourceTitle?: string | undefined },
    ) {
      requireUser(principal, 'consultation.manage');
      const consultation = await findConsultation(db, consultationId);
      const outcome = await findOutcome(db, consultationId);
      const { decision, source } = await links(db, outcome);
      const bodyType: BodyType = isBodyType(choose.bodyType)
        ? choose.bodyType
        : (decision?.bodyType ?? BODY_TYPES[0]);
      const [minuteChoices, sourceChoices, received] = await Promise.all([
        minutes.ofBodies(db, bodyType, null, CHOICES),
        tracker.choose(db, { title: choose.sourceTitle, limit: CHOICES }),
        responsesReceived(db, consultationId),
      ]);
      return {
        consultation,
        phase: consultationPhase(consultation, todayInLondon(now())),
        outcome,
        decision,
        source,
        bodyType,
        minuteChoices,
        sourceChoices,
        received,
      };
    },

    /** CON-07: the outcome written or edited; a draft stays a draft, a published one published. */
    async save(principal: Principal, consultationId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, before, after } = await write(tx, principal, consultationId, input);
        await recordAudit(tx, actorOf(user, requestId), {
          action: before ? 'consultation-outcome.edited' : 'consultation-outcome.drafted',
          recordType: 'consultation-outcome',
          recordId: consultationId,
          ...(before && { before }),
          after,
        });
        return after;
      });
    },

    /**
     * CON-07: the outcome saved as written and published, with its decision minute; publishing
     * again what is already published only saves the edit.
     */
    async publish(principal: Principal, consultationId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, before, after } = await write(tx, principal, consultationId, input);
        refuse([publishRefusal(after)]);
        const [published] = after.publishedAt
          ? [after]
          : await tx
              .update(consultationOutcomes)
              .set({ publishedAt: now(), publishedBy: user.userId })
              .where(eq(consultationOutcomes.consultationId, consultationId))
              .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: before?.publishedAt
            ? 'consultation-outcome.edited'
            : 'consultation-outcome.published',
          recordType: 'consultation-outcome',
          recordId: consultationId,
          ...(before && { before }),
          after: published!,
        });
        return published!;
      });
    },

    /**
     * The public page: a published outcome with its consultation's title and dates, the
     * responses received, the decision and the promised change's actions as they stand now.
     */
    async publicOutcome(consultationId: string) {
      const consultation = await findConsultation(db, consultationId);
      const outcome = await findOutcome(db, consultationId);
      if (!outcome?.publishedAt) throw new NotFoundError();
      const [{ decision, source }, received] = await Promise.all([
        links(db, outcome),
        responsesReceived(db, consultationId),
      ]);
      return { consultation, outcome, decision, source, received };
    },

    /** Published outcomes, newest first, a page at a time. */
    async publishedOutcomes(page: PageRequest) {
      const published = isNotNull(consultationOutcomes.publishedAt);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            consultationId: consultations.id,
            title: consultations.title,
            opensOn: consultations.opensOn,
            closesOn: consultations.closesOn,
            closedEarlyAt: consultations.closedEarlyAt,
            publishedAt: consultationOutcomes.publishedAt,
            weDid: consultationOutcomes.weDid,
          })
          .from(consultationOutcomes)
          .innerJoin(consultations, eq(consultations.id, consultationOutcomes.consultationId))
          .where(published)
          .orderBy(desc(consultationOutcomes.publishedAt), desc(consultations.closesOn))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(consultationOutcomes).where(published),
      ]);
      return { items: rows, total: Number(total?.n ?? 0) };
    },
  };
}
