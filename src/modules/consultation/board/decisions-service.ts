/**
 * CON-01: the board's decisions on a consultation, each naming the board's minute: its approval
 * of a major consultation before launch (kept on the consultation), withdrawn before launch if
 * need be, and its review of a closed consultation's results before they go to the planning
 * panel. One transaction and one audit event each.
 */
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { toLondonDate, todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, say } from '../../../platform/i18n/said.js';
import type { MinuteReferences } from '../../meetings/index.js';
import {
  BOARD_BODY_TYPE,
  approvalRefusal,
  reviewRefusal,
  withdrawalRefusal,
} from '../board-rules.js';
import { consultationPhase } from '../rules.js';
import { consultations } from '../schema.js';
import { noClearedApproval } from './approval-cleared.js';
import { ensureBoard, type BoardDefaults } from './read.js';
import { consultationBoardReviews } from './schema.js';

export type BoardDecisionsService = ReturnType<typeof createBoardDecisionsService>;
type Input = Record<string, string | string[] | undefined>;

/** How many of the board's minutes the forms offer (each minute of its latest meetings first). */
export const MINUTES_OFFERED = 50;

export function createBoardDecisionsService(deps: {
  db: Db;
  minuteReferences: MinuteReferences;
  now: () => Date;
  t: Translate;
  defaults: () => BoardDefaults;
}) {
  const { db, now, t, minuteReferences } = deps;
  const today = () => todayInLondon(now());

  async function consultationOf(executor: Executor, id: string, lock = false) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(consultations).where(eq(consultations.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new NotFoundError();
    return row;
  }

  /** The minute chosen on a form, as the meetings module cites it (none if it names none). */
  async function chosenMinute(executor: Executor, input: Input) {
    const id = typeof input.minuteItemId === 'string' ? input.minuteItemId : '';
    if (!isUuid(id)) return null;
    return (await minuteReferences.find(executor, [id])).get(id) ?? null;
  }

  const refuse = (refusal: Parameters<typeof fieldErrors>[1][number] | null) => {
    if (refusal) throw new ValidationError(fieldErrors(t, [refusal]));
  };

  /** The board's minutes to choose from, for one who may record a decision. */
  async function choices(executor: Executor, boardId: string, mayManage: boolean) {
    return mayManage
      ? minuteReferences.ofBodies(executor, BOARD_BODY_TYPE, boardId, MINUTES_OFFERED)
      : [];
  }

  return {
    /**
     * CON-01: a consultation's approval page: whether it is major, the approval recorded (its
     * minute, meeting and date), and for those who run consultation, the board's minutes to
     * choose from.
     */
    async approvalPage(principal: Principal, consultationId: string) {
      const user = requireUser(principal, 'consultation.view');
      const consultation = await consultationOf(db, consultationId);
      const board = await ensureBoard(db, deps.defaults());
      const mayManage = can(user, 'consultation.manage');
      const [approval, minutes] = await Promise.all([
        consultation.approvalMinuteItemId
          ? minuteReferences
              .find(db, [consultation.approvalMinuteItemId])
              .then((m) => m.get(consultation.approvalMinuteItemId!) ?? null)
          : Promise.resolve(null),
        choices(db, board.id, mayManage),
      ]);
      return {
        consultation,
        board,
        approval,
        minutes,
        launched: consultation.launchedAt !== null,
        mayManage,
      };
    },

    /**
     * CON-01: the board's approval of a major consultation, before launch, naming one of the
     * board's minutes of a meeting held; its date is the meeting's.
     */
    async approve(principal: Principal, consultationId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const before = await consultationOf(tx, consultationId, true);
        const board = await ensureBoard(tx, deps.defaults());
        const minute = await chosenMinute(tx, input);
        refuse(approvalRefusal(before, minute, board.id, now()));
        if (input.version !== undefined && Number(input.version) !== before.version)
          throw new ConflictError(t('consultation:board.errors.staleEdit'), 'version');
        const approvedOn = toLondonDate(minute!.startsAt);
        const [after] = await tx
          .update(consultations)
          .set({
            approvalMinuteItemId: minute!.minuteItemId,
            approvedOn,
            ...noClearedApproval,
            updatedAt: now(),
            version: sql`${consultations.version} + 1`,
          })
          .where(eq(consultations.id, consultationId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.board-approved',
          recordType: 'consultation',
          recordId: consultationId,
          before: {
            approvalMinuteItemId: before.approvalMinuteItemId,
            approvedOn: before.approvedOn,
          },
          after: { approvalMinuteItemId: after!.approvalMinuteItemId, approvedOn },
        });
        return { consultation: after!, minute: minute! };
      });
    },

    /** CON-01: an approval withdrawn, only before the consultation is launched. */
    async withdrawApproval(
      principal: Principal,
      consultationId: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const before = await consultationOf(tx, consultationId, true);
        const refusal = withdrawalRefusal(before);
        if (refusal) throw new ConflictError(say(t, refusal));
        // Withdrawn from a page read before someone else changed it: refused, nothing changed.
        if (input.version !== undefined && Number(input.version) !== before.version)
          throw new ConflictError(t('consultation:board.errors.staleEdit'), 'version');
        const [after] = await tx
          .update(consultations)
          .set({
            approvalMinuteItemId: null,
            approvedOn: null,
            ...noClearedApproval,
            updatedAt: now(),
            version: sql`${consultations.version} + 1`,
          })
          .where(eq(consultations.id, consultationId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.board-approval-withdrawn',
          recordType: 'consultation',
          recordId: consultationId,
          before: {
            approvalMinuteItemId: before.approvalMinuteItemId,
            approvedOn: before.approvedOn,
          },
          after: { approvalMinuteItemId: null, approvedOn: null },
        });
        return after!;
      });
    },

    /** CON-01: a consultation's review page: the review recorded, and the minutes to choose. */
    async reviewPage(principal: Principal, consultationId: string) {
      const user = requireUser(principal, 'consultation.view');
      const consultation = await consultationOf(db, consultationId);
      const board = await ensureBoard(db, deps.defaults());
      const mayManage = can(user, 'consultation.manage');
      const [review] = await db
        .select()
        .from(consultationBoardReviews)
        .where(eq(consultationBoardReviews.consultationId, consultationId));
      const [minute, minutes] = await Promise.all([
        review
          ? minuteReferences
              .find(db, [review.minuteItemId])
              .then((m) => m.get(review.minuteItemId) ?? null)
          : Promise.resolve(null),
        choices(db, board.id, mayManage),
      ]);
      return {
        consultation,
        board,
        review: review ? { ...review, minute } : null,
        minutes,
        phase: consultationPhase(consultation, today()),
        mayManage,
      };
    },

    /**
     * CON-01: the board reviewed a closed consultation's results, naming its minute, before they
     * go to the planning panel. Recorded again, it names the later minute.
     */
    async recordReview(
      principal: Principal,
      consultationId: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const consultation = await consultationOf(tx, consultationId, true);
        const board = await ensureBoard(tx, deps.defaults());
        const minute = await chosenMinute(tx, input);
        refuse(reviewRefusal(consultationPhase(consultation, today()), minute, board.id, now()));
        const [before] = await tx
          .select()
          .from(consultationBoardReviews)
          .where(eq(consultationBoardReviews.consultationId, consultationId));
        const values = {
          consultationId,
          minuteItemId: minute!.minuteItemId,
          reviewedOn: toLondonDate(minute!.startsAt),
          recordedBy: user.userId,
          recordedAt: now(),
        };
        const [after] = await tx
          .insert(consultationBoardReviews)
          .values(values)
          .onConflictDoUpdate({ target: consultationBoardReviews.consultationId, set: values })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.board-reviewed',
          recordType: 'consultation',
          recordId: consultationId,
          before: before ?? null,
          after: after!,
        });
        return { review: after!, minute: minute! };
      });
    },
  };
}
