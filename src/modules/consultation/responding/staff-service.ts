/**
 * Staff read a consultation's responses (consultation.view): how many are sent, in progress and
 * set aside, the bursts from one address (by an abbreviated keyed hash, never the address), and
 * the day their personal data will be removed (DP-03). Officers running consultation
 * (consultation.manage) set a burst or one response aside with a reason (kept, left out of the
 * analysis) and restore it. Each action is one transaction with one audit event.
 */
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { text } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  BURST,
  burstKey,
  findBursts,
  personalDataRemovedOn,
  REF_LENGTH,
} from '../response-rules.js';
import { responses } from '../schema.js';
import { findConsultation } from './public-service.js';

export type ResponsesService = ReturnType<typeof createResponsesService>;
type Input = Record<string, string | string[] | undefined>;
const MAX_REASON = 500;

export function createResponsesService(deps: {
  db: Db;
  now: () => Date;
  t: Translate;
  retentionDays: number;
}) {
  const { db, now, t } = deps;

  async function consultationFor(executor: Executor, id: string) {
    const consultation = await findConsultation(executor, id);
    if (!consultation) throw new NotFoundError();
    return consultation;
  }

  /** The bursts of a consultation: only addresses with enough responses to make one are read. */
  async function burstsOf(executor: Executor, consultationId: string) {
    const busy = executor
      .select({ hash: responses.addressHash })
      .from(responses)
      .where(and(eq(responses.consultationId, consultationId), isNotNull(responses.addressHash)))
      .groupBy(responses.addressHash)
      .having(gte(count(), BURST.size));
    const rows = await executor
      .select({
        id: responses.id,
        addressHash: responses.addressHash,
        startedAt: responses.startedAt,
        setAsideAt: responses.setAsideAt,
      })
      .from(responses)
      .where(
        and(eq(responses.consultationId, consultationId), inArray(responses.addressHash, busy)),
      );
    return findBursts(
      rows.map((r) => ({
        id: r.id,
        addressHash: r.addressHash!,
        startedAt: r.startedAt,
        setAside: r.setAsideAt !== null,
      })),
    );
  }

  async function burstFor(executor: Executor, consultationId: string, key: string) {
    const burst = (await burstsOf(executor, consultationId)).find((b) => burstKey(b) === key);
    if (!burst) throw new NotFoundError();
    return burst;
  }

  function reasonOf(input: Input): string {
    const reason = text(input.reason);
    if (!reason)
      throw new ValidationError([
        { field: 'reason', message: t('consultation:responding.errors.reason') },
      ]);
    if (reason.length > MAX_REASON)
      throw new ValidationError([
        {
          field: 'reason',
          message: t('consultation:responding.errors.reasonTooLong', { max: MAX_REASON }),
        },
      ]);
    return reason;
  }

  /** Sets aside (or restores) the responses given of one consultation, those not already so. */
  async function mark(
    tx: Executor,
    user: UserPrincipal,
    consultationId: string,
    ids: readonly string[],
    reason: string | null,
  ) {
    const changed = await tx
      .update(responses)
      .set(
        reason
          ? { setAsideAt: now(), setAsideReason: reason, setAsideBy: user.userId }
          : { setAsideAt: null, setAsideReason: null, setAsideBy: null },
      )
      .where(
        and(
          eq(responses.consultationId, consultationId),
          inArray(responses.id, [...ids]),
          reason ? isNull(responses.setAsideAt) : isNotNull(responses.setAsideAt),
        ),
      )
      .returning({ id: responses.id });
    return changed.length;
  }

  return {
    /** DP-03: a consultation's responses: counts, bursts, a page of them, and the removal day. */
    async overview(principal: Principal, consultationId: string, page: PageRequest) {
      requireUser(principal, 'consultation.view');
      const consultation = await consultationFor(db, consultationId);
      const mine = eq(responses.consultationId, consultationId);
      const [[counts], bursts, rows] = await Promise.all([
        db
          .select({
            submitted: sql<number>`count(*) filter (where ${responses.submittedAt} is not null and ${responses.setAsideAt} is null)`,
            inProgress: sql<number>`count(*) filter (where ${responses.submittedAt} is null and ${responses.setAsideAt} is null)`,
            setAside: sql<number>`count(*) filter (where ${responses.setAsideAt} is not null)`,
            personal: sql<number>`count(*) filter (where ${responses.anonymisedAt} is null)`,
            all: count(),
          })
          .from(responses)
          .where(mine),
        burstsOf(db, consultationId),
        db
          .select({
            id: responses.id,
            startedAt: responses.startedAt,
            submittedAt: responses.submittedAt,
            setAsideAt: responses.setAsideAt,
            setAsideReason: responses.setAsideReason,
            addressHash: responses.addressHash,
            invited: sql<boolean>`${responses.invitationId} is not null`,
          })
          .from(responses)
          .where(mine)
          .orderBy(desc(responses.startedAt), desc(responses.id))
          .limit(page.limit)
          .offset(page.offset),
      ]);
      return {
        consultation,
        counts: {
          submitted: Number(counts?.submitted ?? 0),
          inProgress: Number(counts?.inProgress ?? 0),
          setAside: Number(counts?.setAside ?? 0),
        },
        total: Number(counts?.all ?? 0),
        bursts,
        items: rows.map((r) => ({ ...r, ref: r.addressHash?.slice(0, REF_LENGTH) ?? null })),
        removedOn:
          Number(counts?.personal ?? 0) > 0
            ? personalDataRemovedOn(consultation, deps.retentionDays)
            : null,
      };
    },

    /** A response of the consultation, for its set-aside form. */
    async response(principal: Principal, consultationId: string, responseId: string) {
      requireUser(principal, 'consultation.manage');
      const consultation = await consultationFor(db, consultationId);
      const [response] = isUuid(responseId)
        ? await db
            .select()
            .from(responses)
            .where(and(eq(responses.id, responseId), eq(responses.consultationId, consultationId)))
        : [];
      if (!response) throw new NotFoundError();
      return { consultation, response };
    },

    /** A burst, by its key, for its set-aside form. */
    async burst(principal: Principal, consultationId: string, key: string) {
      requireUser(principal, 'consultation.manage');
      const consultation = await consultationFor(db, consultationId);
      return { consultation, burst: await burstFor(db, consultationId, key) };
    },

    /** One response set aside, with the reason: kept, and left out of the analysis. */
    async setAside(
      principal: Principal,
      consultationId: string,
      responseId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      const reason = reasonOf(input);
      return db.transaction(async (tx) => {
        await consultationFor(tx, consultationId);
        if (!isUuid(responseId)) throw new NotFoundError();
        if ((await mark(tx, user, consultationId, [responseId], reason)) === 0)
          throw new ConflictError(t('consultation:responding.errors.alreadySetAside'));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-response.set-aside',
          recordType: 'consultation-response',
          recordId: responseId,
          before: { setAsideAt: null },
          after: { setAsideReason: reason },
        });
      });
    },

    /** A response set aside counted again. */
    async restore(
      principal: Principal,
      consultationId: string,
      responseId: string,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      return db.transaction(async (tx) => {
        await consultationFor(tx, consultationId);
        if (!isUuid(responseId)) throw new NotFoundError();
        const [before] = await tx
          .select({ reason: responses.setAsideReason })
          .from(responses)
          .where(eq(responses.id, responseId));
        if ((await mark(tx, user, consultationId, [responseId], null)) === 0)
          throw new ConflictError(t('consultation:responding.errors.notSetAside'));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-response.restored',
          recordType: 'consultation-response',
          recordId: responseId,
          before: { setAsideReason: before?.reason ?? null },
          after: { setAsideAt: null },
        });
      });
    },

    /** Every response of a burst set aside, with one reason; the count kept in the audit. */
    async setAsideBurst(
      principal: Principal,
      consultationId: string,
      key: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      const reason = reasonOf(input);
      return db.transaction(async (tx) => {
        await consultationFor(tx, consultationId);
        const burst = await burstFor(tx, consultationId, key);
        const n = await mark(tx, user, consultationId, burst.responseIds, reason);
        if (n === 0) throw new ConflictError(t('consultation:responding.errors.alreadySetAside'));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-responses.burst-set-aside',
          recordType: 'consultation',
          recordId: consultationId,
          after: { ref: burst.ref, from: burst.from, to: burst.to, responses: n, reason },
        });
        return { ...burst, count: n };
      });
    },

    /** A burst's responses counted again. */
    async restoreBurst(
      principal: Principal,
      consultationId: string,
      key: string,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      return db.transaction(async (tx) => {
        await consultationFor(tx, consultationId);
        const burst = await burstFor(tx, consultationId, key);
        const n = await mark(tx, user, consultationId, burst.responseIds, null);
        if (n === 0) throw new ConflictError(t('consultation:responding.errors.notSetAside'));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-responses.burst-restored',
          recordType: 'consultation',
          recordId: consultationId,
          after: { ref: burst.ref, from: burst.from, to: burst.to, responses: n },
        });
        return { ...burst, count: n };
      });
    },
  };
}
