/**
 * Surges (ICV-10, LEG-05): in disturbances the scheme manager declares a surge for a period and
 * a set of suites, raising their target visits a week; the rota draws to the raised target and
 * the statistics count it. The manager can end one early. Each action is one transaction with
 * one audit event.
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { FieldError } from '../../../platform/errors.js';
import { checkedValues, dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import { schemeReach } from '../access.js';
import { custodySuites } from '../schema.js';
import { surgeEndRefusal, surgeStartRefusal, validateSurge } from '../surge-rules.js';
import { withSuites } from './read.js';
import { custodySurgeSuites, custodySurges } from './schema.js';

export type SurgesService = ReturnType<typeof createSurgesService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);
const fields = (input: Input) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, one(v)]));

export function createSurgesService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;
  const today = () => todayInLondon(now());

  function refuse(refusals: readonly SaidRefusal[], errors: FieldError[] = []): void {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  }

  /** Every suite, by area then name: the suites a surge may cover. */
  const allSuites = (executor: Executor) =>
    executor
      .select({ id: custodySuites.id, name: custodySuites.name, area: custodySuites.area })
      .from(custodySuites)
      .orderBy(sql`lower(${custodySuites.area})`, asc(custodySuites.name));

  async function find(executor: Executor, principal: Principal, id: string) {
    const { user } = await schemeReach(executor, principal, 'custody.manage');
    const [surge] = isUuid(id)
      ? await executor.select().from(custodySurges).where(eq(custodySurges.id, id))
      : [];
    if (!surge) throw new NotFoundError();
    return { user, surge: (await withSuites(executor, [surge]))[0]! };
  }

  return {
    /** ICV-10: every surge, the latest first, a page at a time, with how many suites each covers. */
    async list(principal: Principal, page: { limit: number; offset: number }) {
      await schemeReach(db, principal, 'custody.manage');
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(custodySurges)
          .orderBy(desc(custodySurges.startsOn), desc(custodySurges.createdAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(custodySurges),
      ]);
      const items = await withSuites(db, rows);
      return { items, total: Number(total?.n ?? 0), today: today() };
    },

    /** The declare form's suites, grouped by area. */
    async suitesByArea(principal: Principal) {
      await schemeReach(db, principal, 'custody.manage');
      const areas = new Map<string, { id: string; name: string }[]>();
      for (const s of await allSuites(db))
        areas.set(s.area, [...(areas.get(s.area) ?? []), { id: s.id, name: s.name }]);
      return [...areas].map(([area, suites]) => ({ area, suites }));
    },

    /** A surge with its suites, by area. */
    async get(principal: Principal, id: string) {
      const { surge } = await find(db, principal, id);
      const suites = surge.suiteIds.length
        ? await db
            .select({ id: custodySuites.id, name: custodySuites.name, area: custodySuites.area })
            .from(custodySuites)
            .where(inArray(custodySuites.id, surge.suiteIds))
            .orderBy(sql`lower(${custodySuites.area})`, asc(custodySuites.name))
        : [];
      return {
        surge,
        suites,
        running: surge.endsOn >= today(),
        endedEarly: surge.endsOn < surge.declaredEndsOn,
      };
    },

    /** What the end-early form starts with: today. */
    endFormValues: () => dateParts('endsOn', today()),

    /**
     * ICV-10, LEG-05: the scheme manager declares a surge: its name or reason, its first and
     * last days, the suites it covers and their raised target visits a week.
     */
    async declare(principal: Principal, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user } = await schemeReach(tx, principal, 'custody.manage');
        const errors: FieldError[] = [];
        const text = fields(input);
        const startsOn = dateField(
          t,
          text,
          'startsOn',
          t('custody-visiting:surges.startsOnLabel'),
          errors,
        );
        const endsOn = dateField(
          t,
          text,
          'endsOn',
          t('custody-visiting:surges.endsOnLabel'),
          errors,
        );
        const known = (await allSuites(tx)).map((s) => s.id);
        const { refusals, value } = validateSurge(
          text,
          { startsOn, endsOn },
          checkedValues(input.suites),
          known,
        );
        const early = startsOn && surgeStartRefusal(startsOn, today());
        refuse(early ? [...refusals, early] : refusals, errors);
        const [surge] = await tx
          .insert(custodySurges)
          .values({
            name: value.name,
            startsOn: value.startsOn,
            endsOn: value.endsOn,
            declaredEndsOn: value.endsOn,
            visitsPerWeek: value.visitsPerWeek,
          })
          .returning();
        await tx
          .insert(custodySurgeSuites)
          .values(value.suiteIds.map((suiteId) => ({ surgeId: surge!.id, suiteId })));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'custody-surge.declared',
          recordType: 'custody-surge',
          recordId: surge!.id,
          after: { ...surge, suiteIds: value.suiteIds },
        });
        return surge!;
      });
    },

    /**
     * ICV-10: a surge ended early, on a day of it not gone: its weeks after that day take the
     * suites' own targets again.
     */
    async end(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, surge: before } = await find(tx, principal, id);
        if (input.version !== undefined && Number(input.version) !== before.version)
          throw new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');
        const errors: FieldError[] = [];
        const on = dateField(
          t,
          fields(input),
          'endsOn',
          t('custody-visiting:surges.endOnLabel'),
          errors,
        );
        refuse([], errors);
        const refusal = surgeEndRefusal(before, on!, today());
        refuse(refusal ? [refusal] : []);
        const [after] = await tx
          .update(custodySurges)
          .set({ endsOn: on!, updatedAt: now(), version: sql`${custodySurges.version} + 1` })
          .where(and(eq(custodySurges.id, id), eq(custodySurges.version, before.version)))
          .returning();
        if (!after) throw new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'custody-surge.ended',
          recordType: 'custody-surge',
          recordId: id,
          before: { endsOn: before.endsOn },
          after: { endsOn: after.endsOn },
        });
        return after;
      });
    },
  };
}
