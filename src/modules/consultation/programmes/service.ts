/**
 * CON-02: consultation programmes with dated stages. Anyone who may view consultation reads them;
 * an authority officer makes one (from the template or blank), records each stage's actual
 * dates, owner and planned dates, adds, removes and reorders stages, and copies a programme to
 * the next year. Each action is one transaction with one audit event.
 */
import { and, asc, count, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import { personPickerItems, type DirectoryService } from '../../directory/index.js';
import {
  MAX_STAGES,
  parsePlanYear,
  planYearLabel,
  reorderedIds,
  stagesForNextYear,
  templateStages,
  validateStage,
} from '../programme-rules.js';
import { consultations } from '../schema.js';
import { consultationProgrammeStages as stages, consultationProgrammes } from './schema.js';

export type ProgrammesService = ReturnType<typeof createProgrammesService>;
export type Programme = typeof consultationProgrammes.$inferSelect;
export type Stage = typeof stages.$inferSelect;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);
const fields = (input: Input) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, one(v)]));

const MAX_TITLE = 200;
/** The consultations a fieldwork stage may name: those opening around the programme's dates. */
const CONSULTATION_CHOICES = 100;

export function createProgrammesService(deps: {
  db: Db;
  now: () => Date;
  t: Translate;
  directory: DirectoryService;
}) {
  const { db, now, t, directory } = deps;
  const { lookups } = directory;
  const today = () => todayInLondon(now());

  function refuse(refusals: readonly SaidRefusal[], errors: FieldError[] = []): void {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  }

  async function findProgramme(executor: Executor, id: string): Promise<Programme> {
    const [programme] = isUuid(id)
      ? await executor
          .select()
          .from(consultationProgrammes)
          .where(eq(consultationProgrammes.id, id))
      : [];
    if (!programme) throw new NotFoundError();
    return programme;
  }

  const stagesOf = (executor: Executor, programmeId: string) =>
    executor
      .select()
      .from(stages)
      .where(eq(stages.programmeId, programmeId))
      .orderBy(asc(stages.position));

  async function findStage(executor: Executor, programmeId: string, stageId: string) {
    const [stage] = isUuid(stageId)
      ? await executor
          .select()
          .from(stages)
          .where(and(eq(stages.id, stageId), eq(stages.programmeId, programmeId)))
      : [];
    if (!stage) throw new NotFoundError();
    return stage;
  }

  /** Positions 1, 2, 3... in the order given (after a stage is removed or moved). */
  async function renumber(tx: Executor, ids: readonly string[]) {
    if (!ids.length) return;
    const cases = sql.join(
      ids.map((id, i) => sql`when ${stages.id} = ${id}::uuid then ${i + 1}::integer`),
      sql` `,
    );
    await tx
      .update(stages)
      .set({ position: sql`case ${cases} else ${stages.position} end` })
      .where(inArray(stages.id, [...ids]));
  }

  function stale(): never {
    throw new ConflictError(t('consultation:programmes.errors.stale'), 'version');
  }

  /** A stage's form, read and checked: its dates named by field, its owner from the directory. */
  async function readStage(executor: Executor, input: Input, programme: Programme) {
    const text = fields(input);
    const errors: FieldError[] = [];
    const date = (name: string, label: string, required: boolean) =>
      dateField(t, text, name, t(label), errors, { required });
    const dates = {
      plannedStart: date('plannedStart', 'consultation:programmes.stage.plannedStartLabel', true),
      plannedEnd: date('plannedEnd', 'consultation:programmes.stage.plannedEndLabel', true),
      actualStart: date('actualStart', 'consultation:programmes.stage.actualStartLabel', false),
      actualEnd: date('actualEnd', 'consultation:programmes.stage.actualEndLabel', false),
    };
    const { refusals, value } = validateStage(text, dates);
    const ownerId = text.ownerId || null;
    if (ownerId) {
      const found = isUuid(ownerId) ? await lookups.people(executor, [ownerId]) : new Map();
      if (!found.has(ownerId))
        refusals.push({ field: 'ownerId', key: 'consultation:programmes.errors.ownerUnknown' });
    }
    const consultationId = text.consultationId || null;
    if (consultationId) {
      const choices = await consultationChoices(executor, programme);
      if (!choices.some((c) => c.id === consultationId))
        refusals.push({
          field: 'consultationId',
          key: 'consultation:programmes.errors.consultationUnknown',
        });
    }
    refuse(refusals, errors);
    return {
      ...value,
      ...(dates as { plannedStart: IsoDate; plannedEnd: IsoDate } & typeof dates),
      ownerId,
      fieldwork: text.fieldwork === 'yes',
      consultationId: text.fieldwork === 'yes' ? consultationId : null,
    };
  }

  /**
   * The consultations a fieldwork stage may name: those opening from a year before the plan
   * year's April to its end, the latest first, a bounded few.
   */
  function consultationChoices(executor: Executor, programme: Programme) {
    const from = `${programme.planYear - 1}-01-01`;
    const to = `${programme.planYear + 1}-03-31`;
    return executor
      .select({ id: consultations.id, title: consultations.title, opensOn: consultations.opensOn })
      .from(consultations)
      .where(and(gte(consultations.opensOn, from), lte(consultations.opensOn, to)))
      .orderBy(desc(consultations.opensOn), asc(consultations.title))
      .limit(CONSULTATION_CHOICES);
  }

  /** A new programme with its stages, in the caller's transaction. */
  async function insertProgramme(
    tx: Executor,
    title: string,
    planYear: number,
    planned: readonly {
      position: number;
      name: string;
      plannedStart: IsoDate;
      plannedEnd: IsoDate;
      fieldwork: boolean;
      ownerId?: string | null;
    }[],
  ) {
    const [programme] = await tx
      .insert(consultationProgrammes)
      .values({ title, planYear })
      .returning();
    if (planned.length)
      await tx.insert(stages).values(planned.map((s) => ({ ...s, programmeId: programme!.id })));
    return programme!;
  }

  return {
    today,

    /** CON-02: the programmes, the latest plan year first, a page at a time, with their stages. */
    async list(principal: Principal, page: { limit: number; offset: number }) {
      requireUser(principal, 'consultation.view');
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(consultationProgrammes)
          .orderBy(desc(consultationProgrammes.planYear), desc(consultationProgrammes.createdAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(consultationProgrammes),
      ]);
      const all = rows.length
        ? await db
            .select()
            .from(stages)
            .where(
              inArray(
                stages.programmeId,
                rows.map((r) => r.id),
              ),
            )
            .orderBy(asc(stages.position))
        : [];
      const items = rows.map((programme) => ({
        programme,
        stages: all.filter((s) => s.programmeId === programme.id),
      }));
      return { items, total: Number(total?.n ?? 0), today: today() };
    },

    /** CON-02: a programme with its stages in order, each owner's name and fieldwork's title. */
    async get(principal: Principal, id: string) {
      requireUser(principal, 'consultation.view');
      const programme = await findProgramme(db, id);
      const rows = await stagesOf(db, programme.id);
      const ownerIds = rows.flatMap((s) => (s.ownerId ? [s.ownerId] : []));
      const consultationIds = rows.flatMap((s) => (s.consultationId ? [s.consultationId] : []));
      const [owners, linked] = await Promise.all([
        lookups.people(db, ownerIds),
        consultationIds.length
          ? db
              .select({ id: consultations.id, title: consultations.title })
              .from(consultations)
              .where(inArray(consultations.id, consultationIds))
          : [],
      ]);
      const titles = new Map(linked.map((c) => [c.id, c.title]));
      return {
        programme,
        stages: rows.map((s) => ({
          ...s,
          ownerName: s.ownerId ? (owners.get(s.ownerId)?.fullName ?? null) : null,
          consultationTitle: s.consultationId ? (titles.get(s.consultationId) ?? null) : null,
        })),
        today: today(),
      };
    },

    /** A stage with its programme, for its edit and remove pages. */
    async stage(principal: Principal, programmeId: string, stageId: string) {
      requireUser(principal, 'consultation.manage');
      const programme = await findProgramme(db, programmeId);
      const stage = await findStage(db, programme.id, stageId);
      const owners = stage.ownerId ? await lookups.people(db, [stage.ownerId]) : new Map();
      return {
        programme,
        stage,
        ownerName: stage.ownerId ? (owners.get(stage.ownerId)?.fullName ?? null) : null,
      };
    },

    /**
     * What a programme's stage form offers: the consultations its fieldwork may name, the owner
     * chosen (by name), and the people found by the name searched for.
     */
    async stageChoices(
      principal: Principal,
      programmeId: string,
      owner: { ownerId: string | undefined; q: string | undefined },
    ) {
      requireUser(principal, 'consultation.manage');
      const programme = await findProgramme(db, programmeId);
      const ownerId = owner.ownerId && isUuid(owner.ownerId) ? owner.ownerId : undefined;
      const [choices, owners, found] = await Promise.all([
        consultationChoices(db, programme),
        ownerId ? lookups.people(db, [ownerId]) : new Map<string, { fullName: string }>(),
        personPickerItems(directory, principal, owner.q?.trim() || undefined, ownerId),
      ]);
      return {
        programme,
        consultations: choices,
        owner:
          ownerId && owners.get(ownerId)
            ? { id: ownerId, name: owners.get(ownerId)!.fullName }
            : null,
        found: found.filter((p) => p.value !== ownerId),
      };
    },

    /** A stage's form values from what it holds. */
    stageFormValues(stage: Stage): Record<string, string> {
      return {
        name: stage.name,
        note: stage.note ?? '',
        ownerId: stage.ownerId ?? '',
        fieldwork: stage.fieldwork ? 'yes' : 'no',
        consultationId: stage.consultationId ?? '',
        version: String(stage.version),
        ...dateParts('plannedStart', stage.plannedStart),
        ...dateParts('plannedEnd', stage.plannedEnd),
        ...dateParts('actualStart', stage.actualStart),
        ...dateParts('actualEnd', stage.actualEnd),
      };
    },

    /**
     * CON-02: a programme for a plan year, from the shipped template (its eight stages, planned
     * from their usual months) or blank. Its title is the one typed, or the plan's.
     */
    async create(principal: Principal, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const text = fields(input);
        const refusals: SaidRefusal[] = [];
        const year = parsePlanYear(text.planYear);
        if ('refusal' in year) refusals.push(year.refusal);
        const from = text.from;
        if (from !== 'template' && from !== 'blank')
          refusals.push({ field: 'from', key: 'consultation:programmes.errors.fromMissing' });
        const typed = (text.title ?? '').trim().replace(/\s+/g, ' ');
        if (typed.length > MAX_TITLE)
          refusals.push({
            field: 'title',
            key: 'consultation:programmes.errors.titleTooLong',
            values: { max: MAX_TITLE },
          });
        refuse(refusals);
        const planYear = (year as { planYear: number }).planYear;
        const title =
          typed || t('consultation:programmes.defaultTitle', { year: planYearLabel(planYear) });
        const planned = from === 'template' ? templateStages(planYear) : [];
        const programme = await insertProgramme(tx, title, planYear, planned);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-programme.created',
          recordType: 'consultation-programme',
          recordId: programme.id,
          after: { ...programme, from, stages: planned.length },
        });
        return programme;
      });
    },

    /** CON-02: a stage added at the end of the programme. */
    async addStage(principal: Principal, programmeId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const programme = await findProgramme(tx, programmeId);
        const value = await readStage(tx, input, programme);
        const [{ n, last } = { n: 0, last: 0 }] = await tx
          .select({ n: count(), last: sql<number>`coalesce(max(${stages.position}), 0)::int` })
          .from(stages)
          .where(eq(stages.programmeId, programme.id));
        if (Number(n) >= MAX_STAGES)
          refuse([
            {
              field: 'name',
              key: 'consultation:programmes.errors.tooManyStages',
              values: { max: MAX_STAGES },
            },
          ]);
        const [stage] = await tx
          .insert(stages)
          .values({ ...value, programmeId: programme.id, position: Number(last) + 1 })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-programme.stage-added',
          recordType: 'consultation-programme',
          recordId: programme.id,
          after: stage,
        });
        return stage!;
      });
    },

    /**
     * CON-02: a stage changed: its actual dates recorded, its owner, its planned dates, its
     * name, whether it is the fieldwork (and its consultation) and its note.
     */
    async updateStage(
      principal: Principal,
      programmeId: string,
      stageId: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const programme = await findProgramme(tx, programmeId);
        const before = await findStage(tx, programme.id, stageId);
        if (input.version !== undefined && Number(input.version) !== before.version) stale();
        const value = await readStage(tx, input, programme);
        const [after] = await tx
          .update(stages)
          .set({ ...value, updatedAt: now(), version: sql`${stages.version} + 1` })
          .where(and(eq(stages.id, before.id), eq(stages.version, before.version)))
          .returning();
        if (!after) stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-programme.stage-changed',
          recordType: 'consultation-programme',
          recordId: programme.id,
          before,
          after,
        });
        return after;
      });
    },

    /** CON-02: a stage removed; those after it move up. */
    async removeStage(
      principal: Principal,
      programmeId: string,
      stageId: string,
      _input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const programme = await findProgramme(tx, programmeId);
        const stage = await findStage(tx, programme.id, stageId);
        await tx.delete(stages).where(eq(stages.id, stage.id));
        await renumber(
          tx,
          (await stagesOf(tx, programme.id)).map((s) => s.id),
        );
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-programme.stage-removed',
          recordType: 'consultation-programme',
          recordId: programme.id,
          before: stage,
        });
        return stage;
      });
    },

    /** CON-02: a stage moved one place up or down the programme. */
    async moveStage(
      principal: Principal,
      programmeId: string,
      stageId: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const programme = await findProgramme(tx, programmeId);
        const stage = await findStage(tx, programme.id, stageId);
        const direction = one(input.direction);
        const ids = (await stagesOf(tx, programme.id)).map((s) => s.id);
        const order =
          direction === 'up' || direction === 'down'
            ? reorderedIds(ids, stage.id, direction)
            : null;
        if (!order)
          refuse([{ field: 'direction', key: 'consultation:programmes.errors.cannotMove' }]);
        await renumber(tx, order!);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-programme.stage-moved',
          recordType: 'consultation-programme',
          recordId: programme.id,
          before: { position: stage.position },
          after: { stageId: stage.id, position: order!.indexOf(stage.id) + 1 },
        });
        return stage;
      });
    },

    /**
     * CON-02: next year's programme as a copy of this one: the same stages and owners, planned a
     * year on, no actual dates. Its title names the next plan year.
     */
    async copyToNextYear(
      principal: Principal,
      programmeId: string,
      _input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const source = await findProgramme(tx, programmeId);
        const planYear = source.planYear + 1;
        const label = planYearLabel(source.planYear);
        const title = source.title.includes(label)
          ? source.title.replace(label, planYearLabel(planYear))
          : t('consultation:programmes.defaultTitle', { year: planYearLabel(planYear) });
        const copied = stagesForNextYear(await stagesOf(tx, source.id));
        const programme = await insertProgramme(tx, title, planYear, copied);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-programme.copied',
          recordType: 'consultation-programme',
          recordId: programme.id,
          after: { ...programme, copiedFrom: source.id, stages: copied.length },
        });
        return programme;
      });
    },
  };
}
