/** Actions arising at a meeting: raising one, and closing it as done or dropped. */
import { and, eq, sql } from 'drizzle-orm';
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
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { meetingActions } from '../schema.js';
import type { MeetingsAccess } from '../access.js';
import { requireUser, type Input } from './records.js';

export type MeetingActionsService = ReturnType<typeof createMeetingActionsService>;

export function createMeetingActionsService(deps: {
  db: Db;
  meetings: MeetingsAccess;
  t: Translate;
}) {
  const { db, meetings: meetingsService, t } = deps;

  return {
    async actionForm(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingsService.meetingAccess(
        db,
        principal,
        meetingId,
      );
      meetingsService.requireArranger(relation);
      if (meeting.status === 'cancelled')
        throw new ConflictError(t('meetings:minutes.action.errors.cancelled'));
      return { meeting, body };
    },

    async addAction(principal: Principal, meetingId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const description = text(input.description);
      if (!description)
        errors.push({
          field: 'description',
          message: t('meetings:minutes.action.errors.description'),
        });
      tooLong(
        t,
        errors,
        'description',
        t('meetings:minutes.action.errors.descriptionName'),
        description,
        2000,
      );
      const ownerName = text(input.ownerName);
      if (!ownerName)
        errors.push({ field: 'ownerName', message: t('meetings:minutes.action.errors.owner') });
      tooLong(
        t,
        errors,
        'ownerName',
        t('meetings:minutes.action.errors.ownerName'),
        ownerName,
        200,
      );
      const dueOn = dateField(
        t,
        input,
        'dueOn',
        t('meetings:minutes.action.errors.dueOnName'),
        errors,
        { required: false },
      );
      return db.transaction(async (tx) => {
        const { meeting, relation } = await meetingsService.meetingAccess(tx, principal, meetingId);
        meetingsService.requireArranger(relation);
        if (meeting.status === 'cancelled')
          throw new ConflictError(t('meetings:minutes.action.errors.cancelled'));
        if (errors.length) throw new ValidationError(errors);
        const [action] = await tx
          .insert(meetingActions)
          .values({
            meetingId,
            bodyType: meeting.bodyType,
            bodyId: meeting.bodyId,
            description: description!,
            ownerName: ownerName!,
            dueOn,
            createdBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'meeting-action.raised',
          recordType: 'meeting',
          recordId: meetingId,
          after: action,
        });
        return action!;
      });
    },

    /** An outstanding action reported done (or no longer needed) at this meeting. */
    async closeAction(
      principal: Principal,
      meetingId: string,
      actionId: string,
      outcome: string,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      if (!isUuid(actionId) || (outcome !== 'done' && outcome !== 'dropped'))
        throw new NotFoundError();
      return db.transaction(async (tx) => {
        const { meeting, relation } = await meetingsService.meetingAccess(tx, principal, meetingId);
        meetingsService.requireArranger(relation);
        const [before] = await tx
          .select()
          .from(meetingActions)
          .where(
            and(
              eq(meetingActions.id, actionId),
              eq(meetingActions.bodyType, meeting.bodyType),
              eq(meetingActions.bodyId, meeting.bodyId),
            ),
          )
          .for('update');
        if (!before) throw new NotFoundError();
        if (before.status !== 'open')
          throw new ConflictError(t('meetings:minutes.action.errors.closed'), 'actions');
        if (meeting.status === 'cancelled')
          throw new ConflictError(t('meetings:minutes.action.errors.notHeld'), 'actions');
        const [after] = await tx
          .update(meetingActions)
          .set({
            status: outcome,
            closedAtMeetingId: meetingId,
            version: sql`${meetingActions.version} + 1`,
          })
          .where(eq(meetingActions.id, actionId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: `meeting-action.${outcome}`,
          recordType: 'meeting',
          recordId: meetingId,
          before,
          after,
        });
        return after!;
      });
    },
  };
}
