/**
 * DP-03: once a consultation closed more than the retention period ago, the responses never sent
 * are deleted with their answers (drafts nobody chose to send, of no use once it closed), and the
 * sent ones lose their personal data: the address the link was sent to, the address hash, the link itself and the
 * respondent's own monitoring answers (DP-01), and its link to the invitation it answered (the
 * named consultee or panel member invited: the invitation keeps the day it was responded to, so
 * "responded" reads the same after). The answers and the borough stay for the analysis. One
 * audit event per consultation, with counts only. Safe on two instances at once:
 * each consultation is anonymised under its own lock, and only responses not yet anonymised.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { queryRows, type Db } from '../../../platform/db/database.js';
import { responseMonitoring, responses } from '../schema.js';

export type ResponseRetentionService = ReturnType<typeof createResponseRetentionService>;

/** Consultations anonymised in one run, at most: the next run takes the rest. */
const BATCH = 50;

export function createResponseRetentionService(deps: {
  db: Db;
  now: () => Date;
  retentionDays: number;
}) {
  const { db, now } = deps;
  return {
    /** Deletes or anonymises every response whose consultation's day has come; how many. */
    async anonymiseDue(): Promise<number> {
      const today = todayInLondon(now());
      // The same day as personalDataRemovedOn (response-rules.ts), in SQL. The responses are
      // read from the partial index consultation_responses_personal_idx (those not yet
      // anonymised): on PostgreSQL 15 with a million responses, 80% anonymised, one index-only
      // probe per consultation, about 2ms, where the whole index took about 1.5s.
      const due = await queryRows<{ id: string }>(
        db,
        sql`select c.id from consultations c
            where coalesce((c.closed_early_at at time zone 'Europe/London')::date, c.closes_on)
                  + ${deps.retentionDays + 1}::int <= ${today}::date
              and exists (select 1 from consultation_responses r
                          where r.consultation_id = c.id and r.anonymised_at is null)
            limit ${BATCH}`,
      );
      let done = 0;
      for (const { id } of due)
        done += await db.transaction(async (tx) => {
          await tx.execute(
            sql`select pg_advisory_xact_lock(hashtext(${`consultation-anon:${id}`}))`,
          );
          const deleted = await tx
            .delete(responses)
            .where(
              and(
                eq(responses.consultationId, id),
                isNull(responses.anonymisedAt),
                isNull(responses.submittedAt),
              ),
            )
            .returning({ id: responses.id });
          const anonymised = await tx
            .update(responses)
            .set({
              contactEmail: null,
              addressHash: null,
              resumeTokenHash: null,
              invitationId: null,
              anonymisedAt: now(),
            })
            .where(and(eq(responses.consultationId, id), isNull(responses.anonymisedAt)))
            .returning({ id: responses.id });
          if (anonymised.length + deleted.length === 0) return 0;
          const monitoring = await tx
            .delete(responseMonitoring)
            .where(
              inArray(
                responseMonitoring.responseId,
                tx
                  .select({ id: responses.id })
                  .from(responses)
                  .where(eq(responses.consultationId, id)),
              ),
            )
            .returning({ id: responseMonitoring.responseId });
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'consultation-responses.anonymised',
            recordType: 'consultation',
            recordId: id,
            after: {
              responses: anonymised.length,
              unsentDeleted: deleted.length,
              monitoringRemoved: monitoring.length,
            },
          });
          return anonymised.length + deleted.length;
        });
      return done;
    },
  };
}
