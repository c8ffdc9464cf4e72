/**
 * CON-01: "oversees borough consultation including its cost". The officer records a
 * consultation's cost line by line (what, how much, the day spent) and removes a line entered in
 * error; the board reads, for a financial year, each borough's (and the area-wide) consultations,
 * responses and cost, and the cost per response. A consultation counts in the financial year it
 * opens in, with all its costs, so that its cost and its responses are read together. One
 * transaction and one audit event for each action.
 */
import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { reportingYear, reportingYearOf, todayInLondon } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import { costPerResponsePence, financialYearAsked, validateCostLine } from '../board-rules.js';
import { consultations } from '../schema.js';
import { consultationCosts } from './schema.js';

export type BoardCostsService = ReturnType<typeof createBoardCostsService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);

/** How many financial years the report's filter offers: this one, the next, and those before. */
export const YEARS_OFFERED = 10;

/** A borough's line of the report (none: area-wide). */
export interface BoroughLine {
  boroughId: string | null;
  name: string | null;
  consultations: number;
  responses: number;
  costPence: number;
  costPerResponsePence: number | null;
}

const line = (
  boroughId: string | null,
  name: string | null,
  figures: { consultations: number; responses: number; costPence: number },
): BoroughLine => ({
  boroughId,
  name,
  ...figures,
  costPerResponsePence: costPerResponsePence(figures.costPence, figures.responses),
});

export function createBoardCostsService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, now, t } = deps;
  const lookups = deps.directory.directory.lookups;
  const today = () => todayInLondon(now());
  const boroughs = () => deps.directory.directory.scopeCatalogue.options('borough');

  async function consultationOf(id: string) {
    const [row] = isUuid(id)
      ? await db
          .select({
            id: consultations.id,
            title: consultations.title,
            boroughId: consultations.boroughId,
          })
          .from(consultations)
          .where(eq(consultations.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    /** CON-01: a consultation's cost lines (by the day spent), their total, and its borough. */
    async costsPage(principal: Principal, consultationId: string) {
      const user = requireUser(principal, 'consultation.view');
      const consultation = await consultationOf(consultationId);
      const [lines, borough] = await Promise.all([
        db
          .select()
          .from(consultationCosts)
          .where(eq(consultationCosts.consultationId, consultation.id))
          .orderBy(asc(consultationCosts.spentOn), asc(consultationCosts.recordedAt)),
        consultation.boroughId
          ? lookups.organisations(db, [consultation.boroughId])
          : Promise.resolve(new Map()),
      ]);
      return {
        consultation,
        boroughName: consultation.boroughId
          ? (borough.get(consultation.boroughId)?.name ?? null)
          : null,
        lines,
        totalPence: lines.reduce((sum, l) => sum + l.amountPence, 0),
        mayManage: can(user, 'consultation.manage'),
      };
    },

    /** CON-01: a cost line added: what, the amount in pounds and pence, and the day spent. */
    async addCost(principal: Principal, consultationId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'consultation.manage');
      const consultation = await consultationOf(consultationId);
      const errors: FieldError[] = [];
      const text = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, one(v)]));
      const spentOn = dateField(
        t,
        text,
        'spentOn',
        t('consultation:board.costs.spentOnName'),
        errors,
      );
      const { refusals, value } = validateCostLine(
        { what: one(input.what), amount: one(input.amount) },
        spentOn,
        today(),
      );
      // In the form's order: what, the amount, then the day.
      const isDay = (r: { field: string }) => r.field.startsWith('spentOn');
      const all = [
        ...fieldErrors(
          t,
          refusals.filter((r) => !isDay(r)),
        ),
        ...errors,
        ...fieldErrors(t, refusals.filter(isDay)),
      ];
      if (all.length) throw new ValidationError(all);
      return db.transaction(async (tx) => {
        const [made] = await tx
          .insert(consultationCosts)
          .values({ consultationId: consultation.id, ...value, recordedBy: user.userId })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.cost-added',
          recordType: 'consultation-cost',
          recordId: made!.id,
          after: made,
        });
        return made!;
      });
    },

    /** CON-01: a cost line entered in error, removed. */
    async removeCost(
      principal: Principal,
      consultationId: string,
      costId: string,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      if (!isUuid(consultationId) || !isUuid(costId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const [removed] = await tx
          .delete(consultationCosts)
          .where(
            and(
              eq(consultationCosts.id, costId),
              eq(consultationCosts.consultationId, consultationId),
            ),
          )
          .returning();
        if (!removed) throw new NotFoundError();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation.cost-removed',
          recordType: 'consultation-cost',
          recordId: removed.id,
          before: removed,
        });
        return removed;
      });
    },

    /**
     * CON-01: borough consultation for a financial year: for each borough (every current one,
     * and any other with a consultation that year) and the area-wide, the consultations launched
     * that open in the year, their responses (submitted, not set aside) and their cost, and the
     * cost per response; with the area's total. One query for the figures, one for the boroughs.
     */
    async boroughReport(principal: Principal, asked: unknown) {
      requireUser(principal, 'consultation.view');
      const current = reportingYearOf(today()).startYear;
      const year = reportingYear(financialYearAsked(asked, current));
      const perConsultation = db
        .select({
          boroughId: consultations.boroughId,
          // Correlated by name: drizzle leaves a column unqualified inside a subquery.
          responses: sql<number>`(select count(*) from consultation_responses r
            where r.consultation_id = consultations.id
              and r.submitted_at is not null and r.set_aside_at is null)`.as('responses'),
          cost: sql<number>`(select coalesce(sum(k.amount_pence), 0) from consultation_costs k
            where k.consultation_id = consultations.id)`.as('cost'),
        })
        .from(consultations)
        .where(
          and(
            isNotNull(consultations.launchedAt),
            gte(consultations.opensOn, year.start),
            lte(consultations.opensOn, year.end),
          ),
        )
        .as('per_consultation');
      const [figures, currentBoroughs] = await Promise.all([
        db
          .select({
            boroughId: perConsultation.boroughId,
            consultations: sql<string>`count(*)`,
            responses: sql<string>`coalesce(sum(${perConsultation.responses}), 0)`,
            cost: sql<string>`coalesce(sum(${perConsultation.cost}), 0)`,
          })
          .from(perConsultation)
          .groupBy(perConsultation.boroughId),
        boroughs(),
      ]);
      const byBorough = new Map(
        figures.map((f) => [
          f.boroughId,
          {
            consultations: Number(f.consultations),
            responses: Number(f.responses),
            costPence: Number(f.cost),
          },
        ]),
      );
      const none = { consultations: 0, responses: 0, costPence: 0 };
      const known = new Set(currentBoroughs.map((b) => b.id));
      // A borough since archived still shows the year it consulted in.
      const others = [...byBorough.keys()].filter((id): id is string => !!id && !known.has(id));
      const archived = others.length ? await lookups.organisations(db, others) : new Map();
      const lines = [
        line(null, null, byBorough.get(null) ?? none),
        ...[...currentBoroughs, ...others.map((id) => ({ id, name: archived.get(id)?.name ?? '' }))]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((b) => line(b.id, b.name, byBorough.get(b.id) ?? none)),
      ];
      const sum = (key: 'consultations' | 'responses' | 'costPence') =>
        lines.reduce((total, l) => total + l[key], 0);
      return {
        year,
        lines,
        total: line(null, null, {
          consultations: sum('consultations'),
          responses: sum('responses'),
          costPence: sum('costPence'),
        }),
        // This year, the next and those before, and the year asked for if it is none of them.
        years: [
          ...new Set([
            ...Array.from({ length: YEARS_OFFERED + 1 }, (_, i) => current + 1 - i),
            year.startYear,
          ]),
        ]
          .sort((a, b) => b - a)
          .map((startYear) => reportingYear(startYear)),
      };
    },
  };
}
