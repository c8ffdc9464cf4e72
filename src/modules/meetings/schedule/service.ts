/**
 * Scheduling a body's meetings (one at a time or as a series), the list of a body's meetings
 * with its notices, and cancelling a meeting.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { londonInstant, parseClockTime } from '../../../platform/calendar/index.js';
import type { Db } from '../../../platform/db/database.js';
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
import { type MeetingsAccess } from '../access.js';

type Input = Record<string, string | string[] | undefined>;

export type ScheduleService = ReturnType<typeof createScheduleService>;

export function createScheduleService(deps: { db: Db; access: MeetingsAccess; now?: () => Date }) {
  const { db } = deps;
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
    if (!title) errors.push({ field: 'title', message: 'Enter a title for the meeting' });
    tooLong(errors, 'title', 'Title', title, 200);
    const date = dateField(input, 'date', 'the date of the meeting', errors);
    const startText = text(input.startTime);
    const start = startText ? parseClockTime(startText) : null;
    if (!startText) errors.push({ field: 'startTime', message: 'Enter the start time' });
    else if (start === null)
      errors.push({ field: 'startTime', message: 'Enter the start time like 6:30pm or 18:30' });
    const endText = text(input.endTime);
    const end = endText ? parseClockTime(endText) : null;
    if (endText && end === null)
      errors.push({ field: 'endTime', message: 'Enter the end time like 8:30pm or 20:30' });
    if (start !== null && end !== null) {
      const refusal = checkMeetingTimes(start, end);
      if (refusal) errors.push(refusal);
    }
    const format = text(input.format);
    if (!format || !(MEETING_FORMATS as readonly string[]).includes(format))
      errors.push({ field: 'format', message: 'Select how the meeting is held' });
    const venue = text(input.venue);
    if ((format === 'in_person' || format === 'hybrid') && !venue)
      errors.push({ field: 'venue', message: 'Enter where the meeting is held' });
    tooLong(errors, 'venue', 'Venue', venue, 500);
    const accessNotes = text(input.accessNotes);
    tooLong(errors, 'accessNotes', 'Access arrangements', accessNotes, 2000);
    const joiningDetails = text(input.joiningDetails);
    tooLong(errors, 'joiningDetails', 'How to join online', joiningDetails, 2000);
    const repeat = text(input.repeat) ?? 'once';
    let seriesLength = 1;
    if (repeat === 'series') {
      const n = Number(text(input.count));
      if (!body.intervalMonths)
        errors.push({ field: 'repeat', message: 'The group has no agreed interval to repeat at' });
      else if (!Number.isInteger(n) || n < 2 || n > MAX_SERIES_LENGTH)
        errors.push({
          field: 'count',
          message: `Enter how many meetings to schedule, from 2 to ${MAX_SERIES_LENGTH}`,
        });
      else seriesLength = n;
    } else if (repeat !== 'once') {
      errors.push({ field: 'repeat', message: 'Select whether this is one meeting or a series' });
    }
    if (date && date < today())
      errors.push({ field: 'date-day', message: 'The date of the meeting must be today or later' });
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
      if (!reason) errors.push({ field: 'reason', message: 'Enter why the meeting is cancelled' });
      tooLong(errors, 'reason', 'The reason', reason, 1000);
      return db.transaction(async (tx) => {
        const meeting = await findMeeting(tx, meetingId, true);
        const { relation } = await access(tx, principal, meeting.bodyType, meeting.bodyId);
        requireArranger(relation);
        if (meeting.status !== 'scheduled')
          throw new ConflictError(
            meeting.status === 'held'
              ? 'The meeting has been held: it cannot be cancelled'
              : 'The meeting has already been cancelled',
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
