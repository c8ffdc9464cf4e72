/**
 * CON-01: the performance measures and targets the board agrees for consultation: each measure
 * (what it counts, its unit, whether higher is better), its target for a financial year and the
 * actual recorded for that year with a note; and the year's report of each measure's standing.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { reportingYear, reportingYearOf, todayInLondon } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import {
  financialYearAsked,
  measureStanding,
  parseFigure,
  validateMeasure,
} from '../board-rules.js';
import { consultationMeasureYears, consultationMeasures } from './schema.js';

export type BoardMeasuresService = ReturnType<typeof createBoardMeasuresService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);

/** At most this many measures a report lists on one page. */
export const MEASURES_PER_PAGE = 50;

export function createBoardMeasuresService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;
  const currentYear = () => reportingYearOf(todayInLondon(now())).startYear;

  function refuse(refusals: readonly SaidRefusal[]): void {
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
  }

  async function measureOf(id: string) {
    const [measure] = isUuid(id)
      ? await db.select().from(consultationMeasures).where(eq(consultationMeasures.id, id))
      : [];
    if (!measure) throw new NotFoundError();
    return measure;
  }

  /** A year named in an address: four digits, else not found. */
  function yearParam(year: string): number {
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100)
      throw new NotFoundError();
    return Number(year);
  }

  return {
    currentYear,

    /**
     * CON-01: the year's report: each measure with its target, actual, note and standing (met,
     * not met, not yet reported, no target), by name, a page at a time.
     */
    async report(principal: Principal, asked: unknown, page: { limit: number; offset: number }) {
      const user = requireUser(principal, 'consultation.view');
      const startYear = financialYearAsked(asked, currentYear());
      const [rows, [total]] = await Promise.all([
        db
          .select({
            measure: consultationMeasures,
            target: consultationMeasureYears.target,
            actual: consultationMeasureYears.actual,
            note: consultationMeasureYears.note,
          })
          .from(consultationMeasures)
          .leftJoin(
            consultationMeasureYears,
            and(
              eq(consultationMeasureYears.measureId, consultationMeasures.id),
              eq(consultationMeasureYears.startYear, startYear),
            ),
          )
          .orderBy(sql`lower(${consultationMeasures.name})`, asc(consultationMeasures.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(consultationMeasures),
      ]);
      return {
        year: reportingYear(startYear),
        lines: rows.map((r) => ({
          ...r.measure,
          target: r.target,
          actual: r.actual,
          note: r.note,
          standing: measureStanding(r.measure, r.target, r.actual),
        })),
        total: Number(total?.n ?? 0),
        mayManage: can(user, 'consultation.manage'),
      };
    },

    /** CON-01: a measure added. */
    async addMeasure(principal: Principal, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const { refusals, value } = validateMeasure({
          name: one(input.name),
          counts: one(input.counts),
          unit: one(input.unit),
          higherIsBetter: one(input.higherIsBetter),
        });
        if (!refusals.length) {
          const [taken] = await tx
            .select({ id: consultationMeasures.id })
            .from(consultationMeasures)
            .where(sql`lower(${consultationMeasures.name}) = lower(${value.name})`);
          if (taken) refusals.push({ field: 'name', key: 'consultation:board.errors.nameTaken' });
        }
        refuse(refusals);
        const [measure] = await tx.insert(consultationMeasures).values(value).returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-measure.added',
          recordType: 'consultation-measure',
          recordId: measure!.id,
          after: measure,
        });
        return measure!;
      });
    },

    /** A measure with its figures for a year, for the form. */
    async measureYear(principal: Principal, measureId: string, year: string) {
      requireUser(principal, 'consultation.manage');
      const startYear = yearParam(year);
      const measure = await measureOf(measureId);
      const [figures] = await db
        .select()
        .from(consultationMeasureYears)
        .where(
          and(
            eq(consultationMeasureYears.measureId, measure.id),
            eq(consultationMeasureYears.startYear, startYear),
          ),
        );
      return { measure, year: reportingYear(startYear), figures: figures ?? null };
    },

    /**
     * CON-01: a measure's target for a financial year, and the actual once known, with a note.
     * An actual without a target is refused: a year is reported against its target.
     */
    async setYear(
      principal: Principal,
      measureId: string,
      year: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const startYear = yearParam(year);
        const [measure] = isUuid(measureId)
          ? await tx
              .select()
              .from(consultationMeasures)
              .where(eq(consultationMeasures.id, measureId))
          : [];
        if (!measure) throw new NotFoundError();
        const target = parseFigure(one(input.target), 'target', true);
        const actual = parseFigure(one(input.actual), 'actual', false);
        const note = (one(input.note) ?? '').trim();
        const refusals = [target.refusal, actual.refusal].filter(
          (r): r is SaidRefusal => r !== null,
        );
        if (note.length > 2000)
          refusals.push({
            field: 'note',
            key: 'consultation:board.errors.tooLong',
            values: { max: 2000 },
          });
        refuse(refusals);
        const [before] = await tx
          .select()
          .from(consultationMeasureYears)
          .where(
            and(
              eq(consultationMeasureYears.measureId, measure.id),
              eq(consultationMeasureYears.startYear, startYear),
            ),
          );
        const values = {
          measureId: measure.id,
          startYear,
          target: target.value,
          actual: actual.value,
          note: note || null,
          updatedAt: now(),
        };
        const [after] = await tx
          .insert(consultationMeasureYears)
          .values(values)
          .onConflictDoUpdate({
            target: [consultationMeasureYears.measureId, consultationMeasureYears.startYear],
            set: { ...values, version: sql`${consultationMeasureYears.version} + 1` },
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-measure.year-set',
          recordType: 'consultation-measure',
          recordId: measure.id,
          before: before ?? null,
          after: after!,
        });
        return { measure, year: reportingYear(startYear), figures: after! };
      });
    },
  };
}
