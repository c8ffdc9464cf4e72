/** IAG-27: citing a piece of the group's advice in draft minutes, with whether the police used it and why. */
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { ADVICE_USES, type AdviceUse } from '../rules.js';
import { minutedAdvice } from '../schema.js';
import type { MeetingsAccess } from '../access.js';
import {
  mainMinutes,
  requireDraft,
  requireUser,
  type AdviceCitations,
  type Input,
} from './records.js';

import type { MinutesService } from './service.js';

export type MinuteAdviceService = ReturnType<typeof createMinuteAdviceService>;

export function createMinuteAdviceService(deps: {
  db: Db;
  meetings: MeetingsAccess;
  /** The draft form the advice form is built on. */
  minutes: Pick<MinutesService, 'draftForm'>;
  advice?: AdviceCitations;
  t: Translate;
}) {
  const { db, meetings: meetingsService, t } = deps;

  return {
    /** The form for a piece of advice: the draft, and the group's advice it may cite. */
    async adviceForm(principal: Principal, meetingId: string) {
      const form = await deps.minutes.draftForm(principal, meetingId);
      const citable =
        deps.advice && form.meeting.bodyType === 'advisory_group'
          ? await deps.advice.forGroup(db, form.meeting.bodyId)
          : [];
      return { ...form, citable };
    },

    /**
     * IAG-27: a piece of advice given at or reported to the meeting, and what became of it. It
     * may cite advice a member recorded on a request: what is left blank is taken from there.
     */
    async addAdvice(principal: Principal, meetingId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const citeId = text(input.cite);
      return db.transaction(async (tx) => {
        const { meeting, relation } = await meetingsService.meetingAccess(tx, principal, meetingId);
        meetingsService.requireArranger(relation);
        const row = await mainMinutes(tx, meetingId, true);
        if (!row) throw new ConflictError(t('meetings:minutes.advice.errors.draftFirst'));
        requireDraft(row, t);
        const errors: FieldError[] = [];
        const cited =
          citeId && deps.advice && meeting.bodyType === 'advisory_group' && isUuid(citeId)
            ? await deps.advice.find(tx, meeting.bodyId, citeId)
            : undefined;
        if (citeId && !cited)
          errors.push({ field: 'cite', message: t('meetings:minutes.advice.errors.cite') });
        const summary =
          text(input.summary) ??
          (cited ? `${cited.advisor}, on request ${cited.reference}: ${cited.summary}` : null);
        if (!summary)
          errors.push({ field: 'summary', message: t('meetings:minutes.advice.errors.summary') });
        tooLong(
          t,
          errors,
          'summary',
          t('meetings:minutes.advice.errors.summaryName'),
          summary,
          5000,
        );
        const use = text(input.use) ?? cited?.outcome ?? (cited ? 'not_yet_known' : null);
        if (!use || !(ADVICE_USES as readonly string[]).includes(use))
          errors.push({ field: 'use', message: t('meetings:minutes.advice.errors.use') });
        const rationale = text(input.rationale) ?? cited?.outcomeReason ?? null;
        if (use && use !== 'not_yet_known' && !rationale)
          errors.push({
            field: 'rationale',
            message: t('meetings:minutes.advice.errors.rationale'),
          });
        tooLong(
          t,
          errors,
          'rationale',
          t('meetings:minutes.advice.errors.rationaleName'),
          rationale,
          5000,
        );
        const confidential = text(input.confidential) === 'yes';
        if (errors.length) throw new ValidationError(errors);
        const [advice] = await tx
          .insert(minutedAdvice)
          .values({
            minutesId: row.id,
            summary: summary!,
            use: use as AdviceUse,
            rationale,
            adviceRequestId: cited?.requestId ?? null,
            confidential,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'minutes.advice-recorded',
          recordType: 'meeting',
          recordId: meetingId,
          after: advice,
        });
        return advice!;
      });
    },

    async removeAdvice(
      principal: Principal,
      meetingId: string,
      adviceId: string,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      if (!isUuid(adviceId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const { relation } = await meetingsService.meetingAccess(tx, principal, meetingId);
        meetingsService.requireArranger(relation);
        const row = await mainMinutes(tx, meetingId, true);
        requireDraft(row, t);
        const [removed] = await tx
          .delete(minutedAdvice)
          .where(and(eq(minutedAdvice.id, adviceId), eq(minutedAdvice.minutesId, row.id)))
          .returning();
        if (!removed) throw new NotFoundError();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'minutes.advice-removed',
          recordType: 'meeting',
          recordId: meetingId,
          before: removed,
        });
      });
    },
  };
}
