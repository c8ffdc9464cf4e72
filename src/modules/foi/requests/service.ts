/**
 * FOI-01 (Rec 10): the coordination unit's register of Freedom of Information requests. Each
 * action is one person's, checked, done in one transaction with one audit event; an edit carries
 * the request's version, so a stale one is refused. The due date is worked out again by every
 * action that moves it and kept on the request, so the register's filters are indexed.
 */
import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import {
  addCalendarDays,
  londonInstant,
  parseClockTime,
  toLondonDate,
  todayInLondon,
  type IsoDate,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { FormBody } from '../../../platform/http/render.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  answeredOnTime,
  dayOfReceipt,
  dueState,
  EXTENSION_MAX_WORKING_DAYS,
  extensionProblem,
  FOI_CHANNELS,
  needsExemption,
  PART_OUTCOMES,
  restartProblem,
  STAGE_OUTCOMES,
  stopProblem,
  STOP_REASONS,
  type Exemption,
  type PartOutcome,
} from '../rules.js';
import { foiAnswerParts, foiClockStops, foiExtensions, foiRequests } from '../schema.js';

/** The register's views. */
export const REGISTER_VIEWS = ['open', 'due-this-week', 'overdue', 'answered', 'all'] as const;
export type RegisterView = (typeof REGISTER_VIEWS)[number];

/** The answer form offers this many parts; a part left empty is not one. */
export const ANSWER_PARTS = 5;

const MAX_TEXT = 5000;
const MAX_LINE = 300;

export type RequestsService = ReturnType<typeof createRequestsService>;

export function createRequestsService(deps: {
  db: Db;
  t: Translate;
  now: () => Date;
  officeCloses: number;
  exemptions: readonly Exemption[];
}) {
  const { db, t, now, officeCloses, exemptions } = deps;

  const choice = <T extends string>(
    input: FormBody,
    field: string,
    allowed: readonly T[],
    message: string,
    errors: FieldError[],
  ): T | null => {
    const value = text(input[field]);
    if (value && (allowed as readonly string[]).includes(value)) return value as T;
    errors.push({ field, message });
    return null;
  };

  const required = (input: FormBody, field: string, errors: FieldError[], max = MAX_TEXT) => {
    const value = text(input[field]);
    if (!value) errors.push({ field, message: t(`foi:errors.${field}`) });
    tooLong(t, errors, field, t(`foi:labels.${field}`), value, max);
    return value;
  };

  /** Locks the request for an edit and checks the version the form carried. */
  const lockForEdit = async (tx: Executor, id: string, input: FormBody) => {
    const [row] = isUuid(id)
      ? await tx.select().from(foiRequests).where(eq(foiRequests.id, id)).for('update')
      : [];
    if (!row) throw new NotFoundError();
    if (String(row.version) !== input.version) throw new ConflictError(t('foi:errors.stale'));
    return row;
  };

  const stopsOf = (executor: Executor, id: string) =>
    executor
      .select()
      .from(foiClockStops)
      .where(eq(foiClockStops.requestId, id))
      .orderBy(asc(foiClockStops.stoppedOn));
  const extensionsOf = (executor: Executor, id: string) =>
    executor
      .select()
      .from(foiExtensions)
      .where(eq(foiExtensions.requestId, id))
      .orderBy(asc(foiExtensions.recordedAt));

  /** FOI-01: the due date from receipt, stops and extensions, kept on the request. */
  const settle = async (tx: Executor, id: string, receivedOn: IsoDate) => {
    const state = dueState(receivedOn, await stopsOf(tx, id), await extensionsOf(tx, id));
    await tx
      .update(foiRequests)
      .set({
        dueOn: state.due,
        clockStopped: state.stopped,
        version: sql`${foiRequests.version} + 1`,
        updatedAt: now(),
      })
      .where(eq(foiRequests.id, id));
    return state;
  };

  /** A date of something that has happened (a stop, an answer): never after today. */
  const pastDate = (
    input: FormBody,
    name: string,
    label: string,
    errors: FieldError[],
    options?: { required?: boolean },
  ) => {
    const day = dateField(t, input, name, label, errors, options);
    if (day && day > todayInLondon(now())) {
      errors.push({ field: `${name}-day`, message: t('foi:errors.future', { label }) });
      return null;
    }
    return day;
  };
  const notAnswered = (row: { answeredOn: string | null }) => {
    if (row.answeredOn) throw new ConflictError(t('foi:errors.answered'));
  };

  return {
    /** The register, a page at a time, by view; due soonest first while open. */
    async list(principal: Principal, view: RegisterView, today: IsoDate, page: PageRequest) {
      requireUser(principal, 'foi.view');
      // Due this week: from today to Sunday.
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
      const sunday = addCalendarDays(today, (7 - weekday) % 7);
      const open = isNull(foiRequests.answeredOn);
      const where = {
        open,
        'due-this-week': and(open, gte(foiRequests.dueOn, today), lte(foiRequests.dueOn, sunday)),
        overdue: and(open, lt(foiRequests.dueOn, today)),
        answered: isNotNull(foiRequests.answeredOn),
        all: undefined,
      }[view];
      const order =
        view === 'answered' || view === 'all'
          ? [desc(foiRequests.receivedAt)]
          : [sql`${foiRequests.dueOn} asc nulls last`, asc(foiRequests.receivedAt)];
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: foiRequests.id,
            number: foiRequests.number,
            receivedOn: foiRequests.receivedOn,
            requesterName: foiRequests.requesterName,
            asked: foiRequests.asked,
            dueOn: foiRequests.dueOn,
            clockStopped: foiRequests.clockStopped,
            answeredOn: foiRequests.answeredOn,
            onTime: foiRequests.onTime,
            publishedAt: foiRequests.publishedAt,
          })
          .from(foiRequests)
          .where(where)
          .orderBy(...order)
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(foiRequests).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** FOI-01: of the requests answered in each calendar quarter, how many on time; newest first. */
    async quarters(principal: Principal, limit = 8) {
      requireUser(principal, 'foi.view');
      const quarter = sql<string>`to_char(${foiRequests.answeredOn}, 'YYYY-"Q"Q')`;
      const rows = await db
        .select({
          quarter,
          answered: sql<number>`count(*)::int`,
          onTime: sql<number>`(count(*) filter (where ${foiRequests.onTime}))::int`,
        })
        .from(foiRequests)
        .where(isNotNull(foiRequests.answeredOn))
        .groupBy(quarter)
        .orderBy(desc(quarter))
        .limit(limit);
      return rows.map((r) => ({ ...r, answered: Number(r.answered), onTime: Number(r.onTime) }));
    },

    /** A request with its clock stops, extensions and answer. */
    async get(principal: Principal, id: string) {
      requireUser(principal, 'foi.view');
      const [request] = isUuid(id)
        ? await db.select().from(foiRequests).where(eq(foiRequests.id, id))
        : [];
      if (!request) throw new NotFoundError();
      const [stops, extensions, parts] = await Promise.all([
        stopsOf(db, id),
        extensionsOf(db, id),
        db
          .select()
          .from(foiAnswerParts)
          .where(eq(foiAnswerParts.requestId, id))
          .orderBy(asc(foiAnswerParts.position)),
      ]);
      return { request, stops, extensions, parts };
    },

    /** FOI-01: a request logged; its day of receipt and due date worked out. */
    async log(principal: Principal, input: FormBody, requestId?: string) {
      const user = requireUser(principal, 'foi.manage');
      const errors: FieldError[] = [];
      const day = dateField(t, input, 'received', t('foi:labels.received'), errors);
      const timeText = text(input.receivedTime);
      const minutes = timeText ? parseClockTime(timeText) : null;
      if (minutes === null)
        errors.push({ field: 'receivedTime', message: t('foi:errors.receivedTime') });
      const requesterName = required(input, 'requesterName', errors, MAX_LINE);
      const requesterContact = required(input, 'requesterContact', errors, MAX_LINE);
      const channel = choice(input, 'channel', FOI_CHANNELS, t('foi:errors.channel'), errors);
      const asked = required(input, 'asked', errors);
      if (day && minutes !== null && londonInstant(day, minutes) > now())
        errors.push({ field: 'received-day', message: t('foi:errors.receivedFuture') });
      if (errors.length || !day || minutes === null || !channel) throw new ValidationError(errors);
      const receivedAt = londonInstant(day, minutes);
      const receipt = dayOfReceipt(receivedAt, officeCloses);
      const state = dueState(receipt.date);
      return db.transaction(async (tx) => {
        const [made] = await tx
          .insert(foiRequests)
          .values({
            receivedAt,
            receivedOn: receipt.date,
            receiptMoved: receipt.moved,
            requesterName: requesterName!,
            requesterContact: requesterContact!,
            channel,
            asked: asked!,
            dueOn: state.due,
            createdBy: user.userId,
          })
          .returning({ id: foiRequests.id, number: foiRequests.number, dueOn: foiRequests.dueOn });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'foi.request-logged',
          recordType: 'foi-request',
          recordId: made!.id,
          after: { receivedOn: receipt.date, channel, dueOn: state.due },
        });
        return made!;
      });
    },

    /** FOI-01: the clock stops while a fee or clarification is awaited. */
    async stopClock(principal: Principal, id: string, input: FormBody, requestId?: string) {
      const user = requireUser(principal, 'foi.manage');
      const errors: FieldError[] = [];
      const reason = choice(input, 'reason', STOP_REASONS, t('foi:errors.reason'), errors);
      const stoppedOn = pastDate(input, 'stoppedOn', t('foi:labels.stoppedOn'), errors);
      if (errors.length || !reason || !stoppedOn) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const row = await lockForEdit(tx, id, input);
        notAnswered(row);
        const problem = stopProblem(row.receivedOn, await stopsOf(tx, id), stoppedOn);
        if (problem === 'already-stopped') throw new ConflictError(t('foi:errors.alreadyStopped'));
        if (problem)
          throw new ValidationError([
            { field: 'stoppedOn-day', message: t(`foi:errors.stop.${problem}`) },
          ]);
        await tx
          .insert(foiClockStops)
          .values({ requestId: id, reason, stoppedOn, recordedBy: user.userId });
        const state = await settle(tx, id, row.receivedOn);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'foi.clock-stopped',
          recordType: 'foi-request',
          recordId: id,
          before: { dueOn: row.dueOn },
          after: { reason, stoppedOn, usedWorkingDays: state.used },
        });
        return state;
      });
    },

    /** FOI-01: the fee or clarification arrived; the clock restarts and the date moves on. */
    async restartClock(principal: Principal, id: string, input: FormBody, requestId?: string) {
      const user = requireUser(principal, 'foi.manage');
      const errors: FieldError[] = [];
      const restartedOn = pastDate(input, 'restartedOn', t('foi:labels.restartedOn'), errors);
      if (!restartedOn) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const row = await lockForEdit(tx, id, input);
        const open = (await stopsOf(tx, id)).find((s) => s.restartedOn === null);
        const problem = restartProblem(open, restartedOn);
        if (problem === 'not-stopped') throw new ConflictError(t('foi:errors.notStopped'));
        if (problem)
          throw new ValidationError([
            { field: 'restartedOn-day', message: t('foi:errors.restartBeforeStop') },
          ]);
        await tx.update(foiClockStops).set({ restartedOn }).where(eq(foiClockStops.id, open!.id));
        const state = await settle(tx, id, row.receivedOn);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'foi.clock-restarted',
          recordType: 'foi-request',
          recordId: id,
          after: { restartedOn, dueOn: state.due },
        });
        return state;
      });
    },

    /** FOI-01: an extension for the public interest test, with its reason and new date. */
    async extend(principal: Principal, id: string, input: FormBody, requestId?: string) {
      const user = requireUser(principal, 'foi.manage');
      const errors: FieldError[] = [];
      const newDate = dateField(t, input, 'newDate', t('foi:labels.newDate'), errors);
      const reason = required(input, 'extensionReason', errors);
      if (errors.length || !newDate) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const row = await lockForEdit(tx, id, input);
        notAnswered(row);
        const stops = await stopsOf(tx, id);
        const current = dueState(row.receivedOn, stops, await extensionsOf(tx, id));
        const problem = extensionProblem(current, newDate, dueState(row.receivedOn, stops).due);
        if (problem === 'clock-stopped') throw new ConflictError(t('foi:errors.extendStopped'));
        if (problem)
          throw new ValidationError([
            {
              field: 'newDate-day',
              message:
                problem === 'too-long'
                  ? t('foi:errors.extendTooLong', { days: EXTENSION_MAX_WORKING_DAYS })
                  : t('foi:errors.extendBeforeDue'),
            },
          ]);
        await tx.insert(foiExtensions).values({
          requestId: id,
          newDate,
          reason: reason!,
          recordedBy: user.userId,
          recordedAt: now(),
        });
        const state = await settle(tx, id, row.receivedOn);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'foi.extended',
          recordType: 'foi-request',
          recordId: id,
          before: { dueOn: row.dueOn },
          after: { dueOn: state.due },
        });
        return state;
      });
    },

    /**
     * FOI-01: the answer, part by part: released, withheld in part or in full, and for each part
     * withheld the exemption relied on (from the setting's list). On time or late is kept.
     */
    async answer(principal: Principal, id: string, input: FormBody, requestId?: string) {
      const user = requireUser(principal, 'foi.manage');
      const errors: FieldError[] = [];
      const answeredOn = pastDate(input, 'answeredOn', t('foi:labels.answeredOn'), errors);
      const note = text(input.answerNote);
      tooLong(t, errors, 'answerNote', t('foi:labels.answerNote'), note, MAX_TEXT);
      const parts: {
        description: string;
        outcome: PartOutcome;
        exemption: Exemption | null;
      }[] = [];
      for (let n = 1; n <= ANSWER_PARTS; n += 1) {
        const description = text(input[`part${n}`]);
        if (!description) continue;
        tooLong(t, errors, `part${n}`, t('foi:answer.partLabel', { n }), description, MAX_TEXT);
        const outcome = choice(
          input,
          `part${n}Outcome`,
          PART_OUTCOMES,
          t('foi:errors.partOutcome', { n }),
          errors,
        );
        let exemption: Exemption | null = null;
        if (outcome && needsExemption(outcome)) {
          const code = text(input[`part${n}Exemption`]);
          exemption = exemptions.find((e) => e.code === code) ?? null;
          if (!exemption)
            errors.push({ field: `part${n}Exemption`, message: t('foi:errors.exemption', { n }) });
        }
        if (outcome) parts.push({ description, outcome, exemption });
      }
      if (!parts.length && !errors.some((e) => e.field.startsWith('part')))
        errors.push({ field: 'part1', message: t('foi:errors.noParts') });
      if (errors.length || !answeredOn) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const row = await lockForEdit(tx, id, input);
        notAnswered(row);
        if (row.clockStopped) throw new ConflictError(t('foi:errors.answerStopped'));
        if (answeredOn < toLondonDate(row.receivedAt))
          throw new ValidationError([
            { field: 'answeredOn-day', message: t('foi:errors.answerBeforeReceipt') },
          ]);
        const onTime = answeredOnTime(answeredOn, row.dueOn!);
        await tx.insert(foiAnswerParts).values(
          parts.map((p, i) => ({
            requestId: id,
            position: i + 1,
            description: p.description,
            outcome: p.outcome,
            exemption: p.exemption?.code ?? null,
            exemptionName: p.exemption?.name ?? null,
          })),
        );
        await tx
          .update(foiRequests)
          .set({
            answeredOn,
            onTime,
            answerNote: note,
            version: sql`${foiRequests.version} + 1`,
            updatedAt: now(),
          })
          .where(eq(foiRequests.id, id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'foi.answered',
          recordType: 'foi-request',
          recordId: id,
          after: {
            answeredOn,
            onTime,
            parts: parts.map((p) => ({ outcome: p.outcome, exemption: p.exemption?.code ?? null })),
          },
        });
        return { answeredOn, onTime };
      });
    },

    /**
     * FOI-01: a later stage, with its own dates: the internal review, or the complaint to the
     * Information Commissioner. Each is recorded when it is asked for, then decided with its
     * outcome (the same form again).
     */
    async recordStage(
      principal: Principal,
      id: string,
      stage: 'review' | 'complaint',
      input: FormBody,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'foi.manage');
      const errors: FieldError[] = [];
      const opened = pastDate(input, 'openedOn', t(`foi:stages.${stage}.opened`), errors);
      const decided = pastDate(input, 'decidedOn', t(`foi:stages.${stage}.decided`), errors, {
        required: false,
      });
      const outcomeText = text(input.outcome);
      const outcome =
        outcomeText === null
          ? null
          : choice(input, 'outcome', STAGE_OUTCOMES, t('foi:errors.stageOutcome'), errors);
      if (decided && !outcome)
        errors.push({ field: 'outcome', message: t('foi:errors.stageOutcome') });
      if (outcome && !decided)
        errors.push({ field: 'decidedOn-day', message: t('foi:errors.stageDecided') });
      if (opened && decided && decided < opened)
        errors.push({ field: 'decidedOn-day', message: t('foi:errors.stageOrder') });
      if (errors.length || !opened) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const row = await lockForEdit(tx, id, input);
        if (!row.answeredOn) throw new ConflictError(t('foi:errors.notAnswered'));
        if (opened < row.answeredOn)
          throw new ValidationError([
            { field: 'openedOn-day', message: t('foi:errors.stageBeforeAnswer') },
          ]);
        const values =
          stage === 'review'
            ? { reviewRequestedOn: opened, reviewDecidedOn: decided, reviewOutcome: outcome }
            : { complaintMadeOn: opened, complaintDecidedOn: decided, complaintOutcome: outcome };
        await tx
          .update(foiRequests)
          .set({ ...values, version: sql`${foiRequests.version} + 1`, updatedAt: now() })
          .where(eq(foiRequests.id, id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: `foi.${stage}-recorded`,
          recordType: 'foi-request',
          recordId: id,
          after: { openedOn: opened, decidedOn: decided, outcome },
        });
        return { stage };
      });
    },
  };
}
