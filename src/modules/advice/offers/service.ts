/**
 * IAG-09: for serious crimes and critical incidents the strategic engagement team (CTSET)
 * offers independent advice to the senior investigating officer without waiting to be asked;
 * the offer and its answer are recorded, and the request that follows is linked. Each thing a
 * person does is one function here: permission, rules, one transaction, one audit event.
 */
import { asc, count, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import {
  OFFER_KINDS,
  OFFER_RESPONSES,
  checkOfferResponse,
  type OfferKind,
  type OfferResponse,
} from '../rules.js';
import { adviceOffers, adviceRequests } from '../schema.js';
import type { AdviceServiceDeps, Input } from '../shared.js';
import { say } from '../../../platform/i18n/said.js';

export type OffersService = ReturnType<typeof createOffersService>;

export function createOffersService(deps: AdviceServiceDeps) {
  const { db, now, t } = deps;

  async function findOffer(executor: Executor, id: string, lock = false) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(adviceOffers).where(eq(adviceOffers.id, id));
    const [offer] = lock ? await query.for('update') : await query;
    if (!offer) throw new NotFoundError();
    return offer;
  }

  return {
    /**
     * Every offer, those still waiting for an answer first, then the most recent; with how
     * many were taken up and declined.
     */
    async list(principal: Principal, page: { limit: number; offset: number }) {
      requireUser(principal, 'advice.view-all');
      const [items, totals] = await Promise.all([
        db
          .select({ offer: adviceOffers, requestReference: adviceRequests.reference })
          .from(adviceOffers)
          .leftJoin(adviceRequests, eq(adviceRequests.id, adviceOffers.requestId))
          // The response index: 'awaiting' sorts first.
          .orderBy(asc(adviceOffers.response), desc(adviceOffers.offeredOn))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ response: adviceOffers.response, n: count() })
          .from(adviceOffers)
          .groupBy(adviceOffers.response),
      ]);
      const byResponse = Object.fromEntries(
        OFFER_RESPONSES.map((r) => [r, Number(totals.find((t) => t.response === r)?.n ?? 0)]),
      ) as Record<OfferResponse, number>;
      return {
        items: items.map((i) => ({ ...i.offer, requestReference: i.requestReference })),
        byResponse,
        total: Object.values(byResponse).reduce((a, b) => a + b, 0),
      };
    },

    offerForm(principal: Principal) {
      requireUser(principal, 'advice.offer');
      return { today: todayInLondon(now()) };
    },

    /** IAG-09: CTSET records the offer it made to the senior investigating officer. */
    async record(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'advice.offer');
      const errors: FieldError[] = [];
      const kind = text(input.kind);
      if (!OFFER_KINDS.includes(kind as OfferKind))
        errors.push({ field: 'kind', message: t('advice:offers.form.kind.required') });
      const incident = text(input.incident);
      if (!incident)
        errors.push({ field: 'incident', message: t('advice:offers.form.incident.required') });
      tooLong(t, errors, 'incident', t('advice:offers.form.incident.name'), incident, 2000);
      const operation = text(input.operation);
      tooLong(t, errors, 'operation', t('advice:offers.form.operation.name'), operation, 200);
      const sioName = text(input.sioName);
      if (!sioName)
        errors.push({ field: 'sioName', message: t('advice:offers.form.sioName.required') });
      tooLong(t, errors, 'sioName', t('advice:offers.form.sioName.name'), sioName, 200);
      const sioContact = text(input.sioContact);
      tooLong(t, errors, 'sioContact', t('advice:offers.form.sioContact.name'), sioContact, 300);
      const offeredOn = dateField(
        t,
        input,
        'offeredOn',
        t('advice:offers.form.offeredOn.name'),
        errors,
      );
      if (offeredOn && offeredOn > todayInLondon(now()))
        errors.push({ field: 'offeredOn-day', message: t('advice:offers.form.offeredOn.future') });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [offer] = await tx
          .insert(adviceOffers)
          .values({
            kind: kind as OfferKind,
            incident: incident!,
            operation,
            sioName: sioName!,
            sioContact,
            offeredOn: offeredOn!,
            offeredBy: user.userId,
            createdAt: now(),
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'advice-offer.recorded',
          recordType: 'advice-offer',
          recordId: offer!.id,
          after: offer,
        });
        return offer!;
      });
    },

    async responseForm(principal: Principal, id: string) {
      requireUser(principal, 'advice.offer');
      const offer = await findOffer(db, id);
      if (offer.response !== 'awaiting') throw new ConflictError(t('advice:rules.offerAnswered'));
      return { offer };
    },

    /**
     * IAG-09: the officer's answer, taken up (with the request that followed, if there is one
     * yet) or declined with their reason.
     */
    async respond(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'advice.offer');
      const errors: FieldError[] = [];
      const response = text(input.response);
      const answer = (OFFER_RESPONSES as readonly string[]).includes(response ?? '')
        ? (response as OfferResponse)
        : 'awaiting';
      const note = text(input.note);
      tooLong(t, errors, 'note', t('advice:offers.response.note.name'), note, 2000);
      const referenceText = text(input.requestReference);
      if (referenceText && !/^\d{1,9}$/.test(referenceText))
        errors.push({
          field: 'requestReference',
          message: t('advice:offers.response.requestReference.notNumber'),
        });
      return db.transaction(async (tx) => {
        const offer = await findOffer(tx, id, true);
        const problem = checkOfferResponse(offer.response, answer, note);
        const problemText = problem && say(t, problem.words);
        if (problem?.answered) throw new ConflictError(problemText!, problem.field);
        if (problem) errors.unshift({ field: problem.field, message: problemText! });
        let linked: string | null = null;
        if (referenceText && !errors.some((e) => e.field === 'requestReference')) {
          const [request] = await tx
            .select({ id: adviceRequests.id })
            .from(adviceRequests)
            .where(eq(adviceRequests.reference, Number(referenceText)));
          if (!request)
            errors.push({
              field: 'requestReference',
              message: t('advice:offers.response.requestReference.notFound'),
            });
          else linked = request.id;
        }
        if (errors.length) throw new ValidationError(errors);
        const [after] = await tx
          .update(adviceOffers)
          .set({
            response: answer,
            note,
            requestId: answer === 'taken_up' ? linked : null,
            respondedAt: now(),
            respondedBy: user.userId,
          })
          .where(eq(adviceOffers.id, id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'advice-offer.answered',
          recordType: 'advice-offer',
          recordId: id,
          before: { response: offer.response },
          after: { response: answer, note, requestId: after!.requestId },
        });
        return after!;
      });
    },
  };
}
