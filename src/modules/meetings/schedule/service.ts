/**
 * Scheduling a body's meetings (one at a time or as a series), the list of a body's meetings
 * with its notices, and cancelling a meeting.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { londonInstant, parseClockTime } from '../../../platform/calendar/index.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import type { Body, BodyType } from '../bodies.js';
import {
  MAX_SERIES_LENGTH,
  MEETING_FORMATS,
  checkMeetingTimes,
  mayArrangeAgenda,
  mayBeWithdrawnForAbsence,
  seriesDates,
  type MeetingFormat,
} from '../rules.js';
import { meetings } from '../schema.js';
import { type MeetingParts } from '../access.js';
import { say } from '../../../platform/i18n/said.js';

type Input = Record<string, string | string[] | undefined>;

export type ScheduleService = ReturnType<typeof createScheduleService>;

export function createScheduleService(deps: MeetingParts) {
  const { db, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());
  const {
    today,
    provider,
    requireUser,
    access,
    findMeeting,
    meetingAccess,
    requireArranger,
    absenceRuns,
    bodyNotices,
  } = deps.access;

  function validateMeeting(input: Input, body: Body) {
    const errors: FieldError[] = [];
    const title = text(input.title);
    if (!title) errors.push({ field: 'title', message: t('meetings:schedule.form.errors.title') });
    tooLong(t, errors, 'title', t('meetings:schedule.form.errors.titleName'), title, 200);
    const date = dateField(t, input, 'date', t('meetings:schedule.form.errors.dateName'), errors);
    const startText = text(input.startTime);
    const start = startText ? parseClockTime(startText) : null;
    if (!startText)
      errors.push({ field: 'startTime', message: t('meetings:schedule.form.errors.startTime') });
    else if (start === null)
      errors.push({
        field: 'startTime',
        message: t('meetings:schedule.form.errors.startTimeForm'),
      });
    const endText = text(input.endTime);
    const end = endText ? parseClockTime(endText) : null;
    if (endText && end === null)
      errors.push({ field: 'endTime', message: t('meetings:schedule.form.errors.endTimeForm') });
    if (start !== null && end !== null) {
      const refusal = checkMeetingTimes(start, end);
      if (refusal) errors.push({ field: refusal.field, message: say(t, refusal) });
    }
    const format = text(input.format);
    if (!format || !(MEETING_FORMATS as readonly string[]).includes(format))
      errors.push({ field: 'format', message: t('meetings:schedule.form.errors.format') });
    const venue = text(input.venue);
    if ((format === 'in_person' || format === 'hybrid') && !venue)
      errors.push({ field: 'venue', message: t('meetings:schedule.form.errors.venue') });
    tooLong(t, errors, 'venue', t('meetings:schedule.form.errors.venueName'), venue, 500);
    const accessNotes = text(input.accessNotes);
    tooLong(
      t,
      errors,
      'accessNotes',
      t('meetings:schedule.form.errors.accessNotesName'),
      accessNotes,
      2000,
    );
    const joiningDetails = text(input.joiningDetails);
    tooLong(
      t,
      errors,
      'joiningDetails',
      t('meetings:schedule.form.errors.joiningDetailsName'),
      joiningDetails,
      2000,
    );
    const repeat = text(input.repeat) ?? 'once';
    let seriesLength = 1;
    if (repeat === 'series') {
      const n = Number(text(input.count));
      if (!body.intervalMonths)
        errors.push({ field: 'repeat', message: t('meetings:schedule.form.errors.noInterval') });
      else if (!Number.isInteger(n) || n < 2 || n > MAX_SERIES_LENGTH)
        errors.push({
          field: 'count',
          message: t('meetings:schedule.form.errors.count', { max: MAX_SERIES_LENGTH }),
        });
      else seriesLength = n;
    } else if (repeat !== 'once') {
      errors.push({ field: 'repeat', message: t('meetings:schedule.form.errors.repeat') });
    }
    if (date && date < today())
      errors.push({ field: 'date-day', message: t('meetings:schedule.form.errors.pastDate') });
    return {
      errors,
      value: {
        title: title ?? '',
        date: date ?? '',
        start: start ?? 0,
        end,
        format: (format ?? 'in_person') as MeetingFormat,
        venue: format === 'online' ? null : venue,
        accessNotes,
        joiningDetails: format === 'in_person' ? null : joiningDetails,
        seriesLength,
      },
    };
  }

  return {
    /** A body's meetings, upcoming first then past, a page at a time. */
    async bodyMeetings(
      principal: Principal,
      type: BodyType,
      bodyId: string,
      options: { page: number; limit: number },
    ) {
      const { body, relation } = await access(db, principal, type, bodyId);
      const where = and(eq(meetings.bodyType, type), eq(meetings.bodyId, bodyId));
      const startOfToday = londonInstant(today(), 0);
      const [upcoming, past, [total]] = await Promise.all([
        db
          .select()
          .from(meetings)
          .where(and(where, sql`${meetings.startsAt} >= ${startOfToday}`))
          .orderBy(asc(meetings.startsAt))
          .limit(options.limit),
        db
          .select()
          .from(meetings)
          .where(and(where, sql`${meetings.startsAt} < ${startOfToday}`))
          .orderBy(desc(meetings.startsAt))
          .limit(options.limit)
          .offset((options.page - 1) * options.limit),
        db
          .select({ n: count() })
          .from(meetings)
          .where(and(where, sql`${meetings.startsAt} < ${startOfToday}`)),
      ]);
      const absences =
        relation.chair && provider(type).withdrawsForAbsence
          ? (await absenceRuns(db, type, bodyId)).filter((r) => mayBeWithdrawnForAbsence(r.missed))
          : [];
      const notices = await bodyNotices(type, bodyId);
      return {
        body,
        relation,
        mayArrange: mayArrangeAgenda(relation),
        upcoming,
        past,
        pastTotal: Number(total?.n ?? 0),
        absences,
        notices,
      };
    },

    async scheduleForm(principal: Principal, type: BodyType, bodyId: string) {
      const { body, relation } = await access(db, principal, type, bodyId);
      requireArranger(relation);
      return { body };
    },

    /** IAG-21d: one meeting, or a series at the body's agreed interval. */
    async schedule(
      principal: Principal,
      type: BodyType,
      bodyId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      const { body, relation } = await access(db, principal, type, bodyId);
      requireArranger(relation);
      const { errors, value } = validateMeeting(input, body);
      if (errors.length) throw new ValidationError(errors);
      const dates = seriesDates(value.date, body.intervalMonths ?? 1, value.seriesLength);
      const seriesId = value.seriesLength > 1 ? randomUUID() : null;
      return db.transaction(async (tx) => {
        const created = await tx
          .insert(meetings)
          .values(
            dates.map((d) => ({
              bodyType: type,
              bodyId,
              title: value.title,
              startsAt: londonInstant(d, value.start),
              endsAt: value.end === null ? null : londonInstant(d, value.end),
              format: value.format,
              venue: value.venue,
              accessNotes: value.accessNotes,
              joiningDetails: value.joiningDetails,
              seriesId,
              createdBy: user.userId,
            })),
          )
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: value.seriesLength > 1 ? 'meeting.series-scheduled' : 'meeting.scheduled',
          recordType: 'meeting',
          recordId: created[0]!.id,
          after: { body: { type, id: bodyId }, meetings: created },
        });
        return created;
      });
    },

    async cancelForm(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingAccess(db, principal, meetingId);
      requireArranger(relation);
      return { meeting, body };
    },

    /** A cancelled meeting does not count towards anyone's absences (IAG-21f). */
    async cancel(principal: Principal, meetingId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (!reason)
        errors.push({ field: 'reason', message: t('meetings:schedule.cancel.errors.reason') });
      tooLong(t, errors, 'reason', t('meetings:schedule.cancel.errors.reasonName'), reason, 1000);
      return db.transaction(async (tx) => {
        const meeting = await findMeeting(tx, meetingId, true);
        const { relation } = await access(tx, principal, meeting.bodyType, meeting.bodyId);
        requireArranger(relation);
        if (meeting.status !== 'scheduled')
          throw new ConflictError(
            meeting.status === 'held'
              ? t('meetings:schedule.cancel.errors.held')
              : t('meetings:schedule.cancel.errors.alreadyCancelled'),
          );
        if (errors.length) throw new ValidationError(errors);
        const [after] = await tx
          .update(meetings)
          .set({
            status: 'cancelled',
            cancelledReason: reason,
            updatedAt: now(),
            version: sql`${meetings.version} + 1`,
          })
          .where(eq(meetings.id, meetingId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'meeting.cancelled',
          recordType: 'meeting',
          recordId: meetingId,
          before: meeting,
          after,
        });
        return after!;
      });
    },
  };
}
