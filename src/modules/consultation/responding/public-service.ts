/**
 * What anyone may read of consultations: those open now (by closing date), those recently
 * closed, and one consultation's page. A draft is not found; an upcoming one is read but not
 * listed until it opens.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
} from 'drizzle-orm';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { closedOn } from '../response-rules.js';
import { consultationPhase } from '../rules.js';
import { consultationOpenData, consultationOpenDataQuestions } from '../analysis/schema.js';
import { consultationOutcomes } from '../outcomes/schema.js';
import { consultations } from '../schema.js';

export type PublicConsultationsService = ReturnType<typeof createPublicConsultationsService>;

/** A consultation by its id, if the id is one. */
export async function findConsultation(executor: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  const [found] = await executor.select().from(consultations).where(eq(consultations.id, id));
  return found;
}

const listed = {
  id: consultations.id,
  title: consultations.title,
  opensOn: consultations.opensOn,
  closesOn: consultations.closesOn,
  closedEarlyAt: consultations.closedEarlyAt,
  audience: consultations.audience,
};

export function createPublicConsultationsService(deps: { db: Db; now: () => Date }) {
  const { db, now } = deps;

  return {
    /** Open consultations, closing soonest first, and closed ones, latest first: a page of each. */
    async lists(open: PageRequest, closed: PageRequest) {
      const today = todayInLondon(now());
      const launched = isNotNull(consultations.launchedAt);
      const isOpen = and(
        launched,
        isNull(consultations.closedEarlyAt),
        lte(consultations.opensOn, today),
        gte(consultations.closesOn, today),
      );
      // The day it closed, in London: early, or on its date (the list runs latest first).
      const closedDay = sql`coalesce((${consultations.closedEarlyAt} at time zone 'Europe/London')::date, ${consultations.closesOn})`;
      const isClosed = and(
        launched,
        or(isNotNull(consultations.closedEarlyAt), lt(consultations.closesOn, today)),
      );
      const [openRows, [openTotal], closedRows, [closedTotal]] = await Promise.all([
        db
          .select(listed)
          .from(consultations)
          .where(isOpen)
          .orderBy(asc(consultations.closesOn), asc(consultations.title))
          .limit(open.limit)
          .offset(open.offset),
        db.select({ n: count() }).from(consultations).where(isOpen),
        db
          .select(listed)
          .from(consultations)
          .where(isClosed)
          .orderBy(desc(closedDay), asc(consultations.title))
          .limit(closed.limit)
          .offset(closed.offset),
        db.select({ n: count() }).from(consultations).where(isClosed),
      ]);
      return {
        open: { items: openRows, total: Number(openTotal?.n ?? 0) },
        closed: {
          items: closedRows.map((c) => ({ ...c, closedOn: closedOn(c) })),
          total: Number(closedTotal?.n ?? 0),
        },
      };
    },

    /** A launched consultation as the public reads it, with where it stands today. */
    async get(id: string) {
      const consultation = await findConsultation(db, id);
      if (!consultation?.launchedAt) throw new NotFoundError();
      // What came of it, if published: "you said, we did" (CON-07) and open data.
      const [outcome, openData] = await Promise.all([
        db
          .select({ id: consultationOutcomes.consultationId })
          .from(consultationOutcomes)
          .where(
            and(
              eq(consultationOutcomes.consultationId, id),
              isNotNull(consultationOutcomes.publishedAt),
            ),
          ),
        db
          .select({ id: consultationOpenData.consultationId })
          .from(consultationOpenData)
          .where(
            and(
              eq(consultationOpenData.consultationId, id),
              or(
                eq(consultationOpenData.quotes, true),
                exists(
                  db
                    .select({ one: sql`1` })
                    .from(consultationOpenDataQuestions)
                    .where(eq(consultationOpenDataQuestions.consultationId, id)),
                ),
              ),
            ),
          ),
      ]);
      return {
        consultation,
        phase: consultationPhase(consultation, todayInLondon(now())),
        closedOn: closedOn(consultation),
        outcomePublished: outcome.length > 0,
        openDataPublished: openData.length > 0,
      };
    },
  };
}
