/**
 * The reads the funds' pages and the public pages share: a round with its fund, a fund's
 * criteria, and the rounds published to anyone (open now and opening soon, with the criteria each
 * round's applications are judged by).
 */
import { and, asc, count, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { addCalendarDays, todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { grantCriteria, grantFunds, grantRounds } from '../schema.js';
import { criteriaOfRound, criteriaOfRounds } from './round-criteria.js';
import { OPENING_SOON_DAYS } from './rules.js';

export type Criterion = typeof grantCriteria.$inferSelect;

/** A round and its fund; not found for an id that is none. */
export async function findRound(executor: Executor, id: string) {
  const [row] = isUuid(id)
    ? await executor
        .select({ round: grantRounds, fund: grantFunds })
        .from(grantRounds)
        .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
        .where(eq(grantRounds.id, id))
    : [];
  if (!row) throw new NotFoundError();
  return row;
}

/** The criteria of the funds given, in their published order. */
export const criteriaOf = (executor: Executor, fundIds: readonly string[]) =>
  fundIds.length
    ? executor
        .select()
        .from(grantCriteria)
        .where(inArray(grantCriteria.fundId, [...fundIds]))
        .orderBy(asc(grantCriteria.fundId), asc(grantCriteria.position), asc(grantCriteria.id))
    : Promise.resolve([] as Criterion[]);

/** What anyone may read of the rounds, and the home tasks' question of which are open. */
export function createPublishedRounds(deps: { db: Db; now: () => Date }) {
  const { db, now } = deps;
  const today = () => todayInLondon(now());
  return {
    /**
     * Public (CON-04): rounds open now and opening soon, each with its fund's description,
     * conditions and criteria, soonest closing first, a page at a time.
     */
    async published(page: PageRequest) {
      const on = today();
      const where = and(
        gte(grantRounds.closesOn, on),
        lte(grantRounds.opensOn, addCalendarDays(on, OPENING_SOON_DAYS)),
        isNull(grantFunds.closedAt),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({ round: grantRounds, fund: grantFunds })
          .from(grantRounds)
          .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
          .where(where)
          .orderBy(asc(grantRounds.opensOn), asc(grantRounds.closesOn), asc(grantRounds.id))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ n: count() })
          .from(grantRounds)
          .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
          .where(where),
      ]);
      const criteria = await criteriaOfRounds(
        db,
        rows.map((r) => r.round),
      );
      return {
        rounds: rows.map((r) => ({ ...r, criteria: criteria.get(r.round.id) ?? [] })),
        total: Number(total?.n ?? 0),
        today: on,
      };
    },

    /** Public: a round, its fund and the criteria its applications are judged by. */
    async publishedRound(id: string) {
      const found = await findRound(db, id);
      return { ...found, criteria: await criteriaOfRound(db, found.round), today: today() };
    },

    /** The rounds open today with their funds' applicant kinds (a home task's question). */
    async openRounds() {
      const on = today();
      return db
        .select({ id: grantRounds.id, applicantKinds: grantFunds.applicantKinds })
        .from(grantRounds)
        .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
        .where(
          and(
            lte(grantRounds.opensOn, on),
            gte(grantRounds.closesOn, on),
            isNull(grantFunds.closedAt),
          ),
        )
        .limit(50);
    },
  };
}
