/**
 * Custody suites (ICV-02, ICV-03): the register, each suite's page, and the scheme manager's
 * adding and changing of them, each change one transaction with its audit event.
 */
import { and, asc, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import { schemeReach } from '../access.js';
import { addRecord, changeRecord } from '../records.js';
import { seesSuite, validateSuite, type SchemeReach, type SuiteInput } from '../rules.js';
import { custodyPanels, custodySuites } from '../schema.js';

export type Suite = typeof custodySuites.$inferSelect;
export type SuitesService = ReturnType<typeof createSuitesService>;

/** The suites a person may see, as a condition (none for the manager, who sees them all). */
export function suitesSeen(reach: SchemeReach): SQL | undefined {
  if (reach.manager) return undefined;
  const areas = reach.panelAreas.map((a) => a.toLowerCase());
  return (
    or(
      reach.suiteIds.length ? inArray(custodySuites.id, [...reach.suiteIds]) : undefined,
      areas.length ? inArray(sql`lower(${custodySuites.area})`, areas) : undefined,
    ) ?? sql`false`
  );
}

export function createSuitesService(deps: {
  db: Db;
  now: () => Date;
  t: Translate;
  defaultTarget: number;
}) {
  const { db, now, t, defaultTarget } = deps;

  function validate(input: SuiteInput) {
    const { refusals, value } = validateSuite(input, defaultTarget);
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
    return value;
  }

  async function find(executor: Executor, principal: Principal, id: string) {
    const { reach } = await schemeReach(executor, principal, 'custody.view');
    const [suite] = isUuid(id)
      ? await executor.select().from(custodySuites).where(eq(custodySuites.id, id))
      : [];
    // A suite the person may not see is not there for them.
    if (!suite || !seesSuite(reach, suite)) throw new NotFoundError();
    return { suite, reach };
  }

  return {
    /** The register: the suites the person may see, by area then name, a page at a time. */
    async list(
      principal: Principal,
      query: { area?: string | undefined; limit: number; offset: number },
    ) {
      const { reach } = await schemeReach(db, principal, 'custody.view');
      const seen = suitesSeen(reach);
      const where = and(
        seen,
        query.area ? sql`lower(${custodySuites.area}) = ${query.area.toLowerCase()}` : undefined,
      );
      const [items, [total], areas] = await Promise.all([
        db
          .select()
          .from(custodySuites)
          .where(where)
          .orderBy(asc(custodySuites.area), asc(custodySuites.name))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(custodySuites).where(where),
        db
          .selectDistinct({ area: custodySuites.area })
          .from(custodySuites)
          .where(seen)
          .orderBy(asc(custodySuites.area)),
      ]);
      return {
        items,
        total: Number(total?.n ?? 0),
        areas: areas.map((a) => a.area),
        canAdd: reach.manager,
      };
    },

    /** A suite's page, with the panel of its area if there is one. */
    async get(principal: Principal, id: string) {
      const { suite, reach } = await find(db, principal, id);
      const [panel] = await db
        .select({ id: custodyPanels.id, name: custodyPanels.name })
        .from(custodyPanels)
        .where(sql`lower(${custodyPanels.area}) = ${suite.area.toLowerCase()}`);
      return {
        suite,
        panel: panel && (reach.manager || reach.panelIds.includes(panel.id)) ? panel : null,
        // ICV-02: whoever sees the suite takes part in its panel's meetings, its inspector too.
        meetingsOf: panel ?? null,
        canEdit: reach.manager,
      };
    },

    async create(principal: Principal, input: SuiteInput, requestId?: string): Promise<Suite> {
      const { user } = await schemeReach(db, principal, 'custody.manage');
      const value = validate(input);
      return db.transaction((tx) =>
        addRecord(tx, actorOf(user, requestId), 'custody-suite', async () => {
          const [row] = await tx.insert(custodySuites).values(value).returning();
          return row!;
        }),
      );
    },

    async update(
      principal: Principal,
      id: string,
      input: SuiteInput & { version?: string | undefined },
      requestId?: string,
    ): Promise<Suite> {
      const { user } = await schemeReach(db, principal, 'custody.manage');
      const value = validate(input);
      return db.transaction(async (tx) => {
        const { suite: before } = await find(tx, principal, id);
        return changeRecord(tx, {
          actor: actorOf(user, requestId),
          recordType: 'custody-suite',
          before,
          formVersion: input.version,
          t,
          write: async () =>
            (
              await tx
                .update(custodySuites)
                .set({ ...value, updatedAt: now(), version: sql`${custodySuites.version} + 1` })
                .where(and(eq(custodySuites.id, id), eq(custodySuites.version, before.version)))
                .returning()
            )[0],
        });
      });
    },

    /** The suites a custody inspector's role can be held for (the administrator's form). */
    async options() {
      return db
        .select({ id: custodySuites.id, name: custodySuites.name })
        .from(custodySuites)
        .orderBy(asc(custodySuites.name))
        .limit(2000);
    },

    async name(id: string) {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select({ name: custodySuites.name })
        .from(custodySuites)
        .where(eq(custodySuites.id, id));
      return row?.name;
    },
  };
}
