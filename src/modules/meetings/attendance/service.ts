/**
 * Attendance at a meeting, and IAG-21f's withdrawal of a member who has missed three meetings
 * running.
 */
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { BodyType } from '../bodies.js';
import {
  ATTENDANCE_STATUSES,
  CONSECUTIVE_ABSENCE_LIMIT,
  mayBeWithdrawnForAbsence,
  type AttendanceStatus,
} from '../rules.js';
import { meetingAttendance, meetings } from '../schema.js';
import { type MeetingParts } from '../access.js';

type Input = Record<string, string | string[] | undefined>;

export type AttendanceService = ReturnType<typeof createAttendanceService>;

export function createAttendanceService(deps: MeetingParts) {
  const { db, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());
  const {
    provider,
    requireUser,
    access,
    findMeeting,
    meetingAccess,
    requireAttendanceByPerson,
    requireAttendanceRecordable,
    requireArranger,
    absenceRuns,
  } = deps.access;

  return {
    async attendanceForm(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingAccess(db, principal, meetingId);
      requireArranger(relation);
      requireAttendanceByPerson(meeting);
      requireAttendanceRecordable(meeting);
      const [roll, recorded] = await Promise.all([
        provider(meeting.bodyType).roll(db, meeting.bodyId),
        db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)),
      ]);
      // Anyone recorded before who has since left stays on the form, so the record is kept.
      const onRoll = new Set(roll.map((r) => r.personId));
      return {
        meeting,
        body,
        roll,
        recorded: Object.fromEntries(recorded.map((r) => [r.personId, r.status])),
        formerAttendees: recorded.filter((r) => !onRoll.has(r.personId)),
      };
    },

    /**
     * Attendance for each member (present, apologies or absent) and each police attendee
     * (IAG-33); recording it marks the meeting held. It may be corrected later.
     */
    async recordAttendance(
      principal: Principal,
      meetingId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      return db.transaction(async (tx) => {
        const meeting = await findMeeting(tx, meetingId, true);
        const { relation } = await access(tx, principal, meeting.bodyType, meeting.bodyId);
        requireArranger(relation);
        requireAttendanceByPerson(meeting);
        requireAttendanceRecordable(meeting, 'attendance');
        const roll = await provider(meeting.bodyType).roll(tx, meeting.bodyId);
        const before = await tx
          .select()
          .from(meetingAttendance)
          .where(eq(meetingAttendance.meetingId, meetingId));
        const onRoll = new Set(roll.map((r) => r.personId));
        const entries = [
          ...roll.map((r) => ({
            personId: r.personId,
            name: r.name,
            kind: r.kind,
            capacity: r.capacity ?? null,
          })),
          ...before
            .filter((b) => !onRoll.has(b.personId))
            .map((b) => ({
              personId: b.personId,
              name: t('meetings:attendance.form.formerMember'),
              kind: b.kind,
              capacity: b.capacity,
            })),
        ];
        const errors: FieldError[] = [];
        const rows = entries.flatMap((e) => {
          const status = text(input[`attendance-${e.personId}`]);
          if (!status || !(ATTENDANCE_STATUSES as readonly string[]).includes(status)) {
            errors.push({
              field: `attendance-${e.personId}`,
              message: t('meetings:attendance.form.errors.status', { name: e.name }),
            });
            return [];
          }
          return [
            {
              meetingId,
              personId: e.personId,
              kind: e.kind,
              status: status as AttendanceStatus,
              capacity: e.capacity,
              recordedBy: user.userId,
              recordedAt: now(),
            },
          ];
        });
        if (entries.length === 0)
          throw new ConflictError(t('meetings:attendance.form.errors.nobody'), 'attendance');
        if (errors.length) throw new ValidationError(errors);
        await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
        await tx.insert(meetingAttendance).values(rows);
        await tx
          .update(meetings)
          .set({
            status: 'held',
            attendanceRecordedAt: now(),
            updatedAt: now(),
            version: sql`${meetings.version} + 1`,
          })
          .where(eq(meetings.id, meetingId));
        await recordAudit(tx, actorOf(user, requestId), {
          action: before.length ? 'meeting.attendance-corrected' : 'meeting.attendance-recorded',
          recordType: 'meeting',
          recordId: meetingId,
          before: before.map((b) => ({ personId: b.personId, status: b.status })),
          after: rows.map((r) => ({ personId: r.personId, status: r.status })),
        });
      });
    },

    /** IAG-21f: the withdrawal form, for the chair(s) only, with the meetings missed. */
    async withdrawalForm(principal: Principal, type: BodyType, bodyId: string, personId: string) {
      const { body, relation } = await access(db, principal, type, bodyId);
      if (!relation.chair || !provider(type).withdrawsForAbsence) throw new ForbiddenError();
      const run = (await absenceRuns(db, type, bodyId)).find((r) => r.personId === personId);
      if (!run) throw new NotFoundError();
      return { body, member: run, limit: CONSECUTIVE_ABSENCE_LIMIT };
    },

    /**
     * IAG-21f: the chair(s) may withdraw a member who has missed three consecutive meetings,
     * recording the decision; nobody else may, and not before the third.
     */
    async withdrawForAbsence(
      principal: Principal,
      type: BodyType,
      bodyId: string,
      personId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (!reason)
        errors.push({ field: 'reason', message: t('meetings:attendance.withdraw.errors.reason') });
      tooLong(
        t,
        errors,
        'reason',
        t('meetings:attendance.withdraw.errors.reasonName'),
        reason,
        2000,
      );
      if (!isUuid(personId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const { relation } = await access(tx, principal, type, bodyId);
        if (!relation.chair || !provider(type).withdrawsForAbsence) throw new ForbiddenError();
        const run = (await absenceRuns(tx, type, bodyId)).find((r) => r.personId === personId);
        if (!run) throw new NotFoundError();
        if (!mayBeWithdrawnForAbsence(run.missed))
          throw new ConflictError(
            t('meetings:attendance.withdraw.errors.tooFew', {
              name: run.name,
              count: run.missed,
              limit: CONSECUTIVE_ABSENCE_LIMIT,
            }),
          );
        if (errors.length) throw new ValidationError(errors);
        const { membershipId } = await provider(type).withdrawForAbsence(
          tx,
          bodyId,
          personId,
          reason!,
          user,
        );
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'membership.withdrawn-for-absence',
          recordType: 'membership',
          recordId: membershipId,
          after: {
            body: { type, id: bodyId },
            personId,
            decision: reason,
            meetingsMissed: run.meetingsMissed.map((m) => ({
              meetingId: m.meetingId,
              attendance: m.attendance,
            })),
          },
        });
        return { name: run.name };
      });
    },
  };
}
