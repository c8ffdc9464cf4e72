/**
 * CON-04: the criteria a round's applications are assessed against. A round follows its fund's
 * criteria until it is fixed: when its first application is submitted, or when the fund's
 * criteria are about to change once it has opened. Fixing copies the fund's criteria as they
 * stand to the round (`grant_round_criteria`); that copy is never changed, so what a submitted
 * application is scored against, and the scores given, stay as they were.
 */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { grantCriteria, grantFunds, grantRoundCriteria, grantRounds } from '../schema.js';

/** A criterion as an application is assessed against it (its id is the round's copy's). */
export interface RoundCriterion {
  id: string;
  title: string;
  guidance: string | null;
  weight: number;
  position: number;
}

const copyColumns = {
  id: grantRoundCriteria.id,
  title: grantRoundCriteria.title,
  guidance: grantRoundCriteria.guidance,
  weight: grantRoundCriteria.weight,
  position: grantRoundCriteria.position,
};

/** Copies the fund's criteria, as they stand, to the rounds just fixed. */
async function copyCriteria(tx: Executor, roundIds: readonly string[]) {
  if (!roundIds.length) return;
  await tx.execute(sql`
    insert into ${grantRoundCriteria} (round_id, criterion_id, position, title, guidance, weight)
    select r.id, c.id, row_number() over (partition by r.id order by c.position, c.id),
      c.title, c.guidance, c.weight
    from ${grantRounds} r join ${grantCriteria} c on c.fund_id = r.fund_id
    where r.id in (${sql.join(
      roundIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
}

/**
 * CON-04: the round's criteria fixed, if they are not yet (its first application is being
 * submitted). The fund's row is held shared so a change to its criteria waits, or is waited for:
 * the copy is the criteria as published, never half-changed.
 */
export async function fixRoundCriteria(tx: Executor, roundId: string, at: Date) {
  const [round] = await tx
    .select({ fundId: grantRounds.fundId })
    .from(grantRounds)
    .where(eq(grantRounds.id, roundId));
  if (!round) return;
  await tx
    .select({ id: grantFunds.id })
    .from(grantFunds)
    .where(eq(grantFunds.id, round.fundId))
    .for('share');
  const fixed = await tx
    .update(grantRounds)
    .set({ criteriaFixedAt: at })
    .where(and(eq(grantRounds.id, roundId), isNull(grantRounds.criteriaFixedAt)))
    .returning({ id: grantRounds.id });
  await copyCriteria(
    tx,
    fixed.map((r) => r.id),
  );
}

/**
 * CON-04: before a fund's criteria change, every round of it that has opened (on or before
 * `today`) and is not yet fixed keeps the criteria it was published with. The caller holds the
 * fund's row for update. Returns how many rounds were fixed.
 */
export async function fixOpenedRounds(tx: Executor, fundId: string, today: IsoDate, at: Date) {
  const fixed = await tx
    .update(grantRounds)
    .set({ criteriaFixedAt: at })
    .where(
      and(
        eq(grantRounds.fundId, fundId),
        isNull(grantRounds.criteriaFixedAt),
        lte(grantRounds.opensOn, today),
      ),
    )
    .returning({ id: grantRounds.id });
  await copyCriteria(
    tx,
    fixed.map((r) => r.id),
  );
  return fixed.length;
}

/**
 * CON-04: the criteria each round is assessed against, in order: its own copy once fixed, its
 * fund's as they stand until then. One query for the copies and one for the funds' criteria.
 */
export async function criteriaOfRounds(
  executor: Executor,
  rounds: readonly { id: string; fundId: string; criteriaFixedAt: Date | null }[],
): Promise<Map<string, RoundCriterion[]>> {
  const fixed = rounds.filter((r) => r.criteriaFixedAt).map((r) => r.id);
  const following = [...new Set(rounds.filter((r) => !r.criteriaFixedAt).map((r) => r.fundId))];
  const [copies, funds] = await Promise.all([
    fixed.length
      ? executor
          .select({ ...copyColumns, roundId: grantRoundCriteria.roundId })
          .from(grantRoundCriteria)
          .where(inArray(grantRoundCriteria.roundId, fixed))
          .orderBy(asc(grantRoundCriteria.roundId), asc(grantRoundCriteria.position))
      : [],
    following.length
      ? executor
          .select({
            id: grantCriteria.id,
            title: grantCriteria.title,
            guidance: grantCriteria.guidance,
            weight: grantCriteria.weight,
            position: grantCriteria.position,
            fundId: grantCriteria.fundId,
          })
          .from(grantCriteria)
          .where(inArray(grantCriteria.fundId, following))
          .orderBy(asc(grantCriteria.fundId), asc(grantCriteria.position), asc(grantCriteria.id))
      : [],
  ]);
  const strip = ({ id, title, guidance, weight, position }: RoundCriterion) => ({
    id,
    title,
    guidance,
    weight,
    position,
  });
  return new Map(
    rounds.map((r) => [
      r.id,
      r.criteriaFixedAt
        ? copies.filter((c) => c.roundId === r.id).map(strip)
        : funds.filter((c) => c.fundId === r.fundId).map(strip),
    ]),
  );
}

/** CON-04: the criteria one round is assessed against (see `criteriaOfRounds`). */
export async function criteriaOfRound(
  executor: Executor,
  round: { id: string; fundId: string; criteriaFixedAt: Date | null },
): Promise<RoundCriterion[]> {
  return (await criteriaOfRounds(executor, [round])).get(round.id) ?? [];
}
