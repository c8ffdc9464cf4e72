/**
 * Meetings of any body that meets: scheduling (one at a time or as a series), agendas tabled by
 * members and the police service and set by the chair, attendance, and the three-absence rule.
 * Each thing a person does is one function here: permission, rules, one transaction, one audit
 * event.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { actorOf, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { londonInstant, parseClockTime, todayInLondon } from '../../platform/calendar/index.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { nextNumber } from '../../platform/db/next-number.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../platform/errors.js';
import { checkedValues, dateField, text, tooLong } from '../../platform/http/form-fields.js';
import { isUuid } from '../../platform/http/params.js';
import type { AgendaTabler, Body, BodyProvider, BodyRelation, BodyType } from './bodies.js';
import {
  ATTENDANCE_STATUSES,
  CONSECUTIVE_ABSENCE_LIMIT,
  MAX_SERIES_LENGTH,
  MEETING_FORMATS,
  checkAttendanceRecording,
  checkMeetingTimes,
  checkTabling,
  consecutiveMissed,
  mayArrangeAgenda,
  mayBeWithdrawnForAbsence,
  maySeeAgendaItem,
  seriesDates,
  type AttendanceStatus,
  type MeetingFormat,
} from './rules.js';
import { agendaItems, meetingAttendance, meetings } from './schema.js';

type Input = Record<string, string | string[] | undefined>;
export type Meeting = typeof meetings.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;

/** What the meeting page shows of a meeting's agenda and attendance, whoever reads it. */
export interface AgendaRecord {
  meeting: Meeting;
  /** Every item bar those withdrawn, in agenda order. */
  items: AgendaItem[];
  /** By name; a person no longer on the body's roll has none (shown as a former member). */
  attendance: (typeof meetingAttendance.$inferSelect & { name: string | null })[];
  nextMeeting: { id: string; startsAt: Date } | null;
}

export const ITEM_ACTIONS = ['accept', 'defer', 'withdraw', 'up', 'down'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** How many past meetings of each member the absence watch reads: enough to see a run of three. */
const ABSENCE_LOOKBACK = 12;

export type MeetingsService = ReturnType<typeof createMeetingsService>;

export function createMeetingsService(deps: {
  db: Db;
  bodies: readonly BodyProvider[];
  now?: () => Date;
}) {
  const { db } = deps;
  const now = () => (deps.now ? deps.now() : new Date());
  const today = () => todayInLondon(now());

  function provider(type: BodyType): BodyProvider {
    const found = deps.bodies.find((b) => b.type === type);
    if (!found) throw new NotFoundError();
    return found;
  }

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }

  async function findBody(executor: Executor, type: BodyType, id: string): Promise<Body> {
    if (!isUuid(id)) throw new NotFoundError();
    const body = await provider(type).find(executor, id);
    if (!body) throw new NotFoundError();
    return body;
  }

  /** The body and how the person stands to it; refuses anyone who may not see its meetings. */
  async function access(executor: Executor, principal: Principal, type: BodyType, id: string) {
    const body = await findBody(executor, type, id);
    const relation = await provider(type).relation(executor, principal, id);
    if (!relation.mayView) throw new ForbiddenError();
    return { body: relation.mayOpenBody === false ? { ...body, href: undefined } : body, relation };
  }

  async function findMeeting(executor: Executor, meetingId: string, lock = false) {
    if (!isUuid(meetingId)) throw new NotFoundError();
    const query = executor.select().from(meetings).where(eq(meetings.id, meetingId));
    const [meeting] = lock ? await query.for('update') : await query;
    if (!meeting) throw new NotFoundError();
    return meeting;
  }

  /** The meeting (locked for update when asked), its body, and how the person stands to it. */
  async function meetingAccess(
    executor: Executor,
    principal: Principal,
    meetingId: string,
    lock = false,
  ) {
    const meeting = await findMeeting(executor, meetingId, lock);
    const { body, relation } = await access(executor, principal, meeting.bodyType, meeting.bodyId);
    return { meeting, body, relation };
  }

  function nextAgendaPosition(executor: Executor, meetingId: string) {
    return nextNumber(
      executor,
      agendaItems,
      agendaItems.position,
      eq(agendaItems.meetingId, meetingId),
    );
  }

  /** The body's next scheduled meeting after this one, or null. */
  async function nextMeetingAfter(executor: Executor, meeting: Meeting) {
    const [next] = await executor
      .select({ id: meetings.id, startsAt: meetings.startsAt })
      .from(meetings)
      .where(
        and(
          eq(meetings.bodyType, meeting.bodyType),
          eq(meetings.bodyId, meeting.bodyId),
          eq(meetings.status, 'scheduled'),
          gt(meetings.startsAt, meeting.startsAt),
        ),
      )
      .orderBy(asc(meetings.startsAt))
      .limit(1);
    return next ?? null;
  }

  /** A body attended by delegations (the conference) records attendance by invitee instead. */
  function requireAttendanceByPerson(meeting: Meeting) {
    if (provider(meeting.bodyType).invitees)
      throw new ConflictError(
        'Attendance at this meeting is recorded by group, with the invitations',
      );
  }

  function requireArranger(relation: BodyRelation) {
    if (!mayArrangeAgenda(relation)) throw new ForbiddenError();
  }

  function tablerOf(relation: BodyRelation): AgendaTabler {
    if (relation.chair) return 'chair';
    if (relation.member) return 'member';
    if (relation.police) return 'police';
    return 'secretariat';
  }

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

  /** IAG-21f: each roll member's run of missed meetings, from the latest held meeting back. */
  async function absenceRuns(executor: Executor, type: BodyType, bodyId: string) {
    const roll = (await provider(type).roll(executor, bodyId)).filter((r) => r.kind === 'member');
    if (roll.length === 0) return [];
    const ranked = executor.$with('ranked').as(
      executor
        .select({
          personId: meetingAttendance.personId,
          status: meetingAttendance.status,
          meetingId: meetings.id,
          startsAt: meetings.startsAt,
          endsAt: meetings.endsAt,
          rank: sql<number>`row_number() over (partition by ${meetingAttendance.personId} order by ${meetings.startsAt} desc)`.as(
            'rank',
          ),
        })
        .from(meetingAttendance)
        .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
        .where(
          and(
            eq(meetings.bodyType, type),
            eq(meetings.bodyId, bodyId),
            eq(meetings.status, 'held'),
            inArray(
              meetingAttendance.personId,
              roll.map((r) => r.personId),
            ),
          ),
        ),
    );
    const rows = await executor
      .with(ranked)
      .select()
      .from(ranked)
      .where(sql`${ranked.rank} <= ${ABSENCE_LOOKBACK}`)
      .orderBy(ranked.personId, desc(ranked.startsAt));
    return roll.map((member) => {
      const since = londonInstant(member.since, 0);
      const history = rows
        .filter((r) => r.personId === member.personId && r.startsAt >= since)
        .map((r) => ({
          meetingStatus: 'held' as const,
          attendance: r.status,
          meetingId: r.meetingId,
          startsAt: r.startsAt,
          endsAt: r.endsAt,
        }));
      const missed = consecutiveMissed(history);
      return { ...member, missed, meetingsMissed: history.slice(0, missed) };
    });
  }

  /** The body's warnings (IAG-31 and the like), counting its meetings held or scheduled. */
  async function bodyNotices(type: BodyType, bodyId: string): Promise<string[]> {
    const found = provider(type);
    if (!found.notices) return [];
    return found.notices(db, bodyId, async (from, to) => {
      const [row] = await db
        .select({ n: count() })
        .from(meetings)
        .where(
          and(
            eq(meetings.bodyType, type),
            eq(meetings.bodyId, bodyId),
            ne(meetings.status, 'cancelled'),
            sql`${meetings.startsAt} >= ${from} and ${meetings.startsAt} < ${to}`,
          ),
        );
      return Number(row?.n ?? 0);
    });
  }

  return {
    today,
    bodyNotices,
    /** The kinds of body that meet, each with the URL prefix its meetings live under. */
    providers: deps.bodies,
    /** For the minutes and actions service beside this one: the same checks, in one place. */
    meetingAccess,
    findMeeting,
    requireArranger,

    /**
     * The groups' meetings that took place from one instant to another (not cancelled), newest
     * first: what an advisor can claim expenses for.
     */
    async groupMeetingsBetween(
      executor: Executor,
      groupIds: readonly string[],
      from: Date,
      to: Date,
    ) {
      if (!groupIds.length) return [];
      return executor
        .select({
          id: meetings.id,
          groupId: meetings.bodyId,
          title: meetings.title,
          startsAt: meetings.startsAt,
        })
        .from(meetings)
        .where(
          and(
            eq(meetings.bodyType, 'advisory_group'),
            inArray(meetings.bodyId, [...groupIds]),
            ne(meetings.status, 'cancelled'),
            sql`${meetings.startsAt} >= ${from} and ${meetings.startsAt} < ${to}`,
          ),
        )
        .orderBy(desc(meetings.startsAt))
        .limit(50);
    },

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

    /**
     * What the meeting page shows of a meeting whoever reads it (the meeting, its agenda bar
     * withdrawn items, its attendance by name and the body's next meeting), read from the
     * meetings tables and the body's roll only, so it may be kept while they are unchanged
     * (ADR 0009). Not for a decision: `meetingView` decides what of it the person may see.
     */
    async agendaRecord(executor: Executor, meetingId: string): Promise<AgendaRecord> {
      const meeting = await findMeeting(executor, meetingId);
      const [items, attendance, nextMeeting, roll] = await Promise.all([
        executor
          .select()
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, meetingId), ne(agendaItems.status, 'withdrawn')))
          .orderBy(asc(agendaItems.position)),
        executor.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)),
        nextMeetingAfter(executor, meeting),
        provider(meeting.bodyType).roll(executor, meeting.bodyId),
      ]);
      const names = new Map(roll.map((r) => [r.personId, r.name]));
      return {
        meeting,
        items,
        attendance: attendance
          .map((a) => ({ ...a, name: names.get(a.personId) ?? null }))
          .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
        nextMeeting,
      };
    },

    /** A meeting's record with what the person may see of its agenda. */
    async meetingView(principal: Principal, record: AgendaRecord) {
      const { meeting, items } = record;
      const { body, relation } = await access(db, principal, meeting.bodyType, meeting.bodyId);
      const mayArrange = mayArrangeAgenda(relation);
      const viewer = { arranges: mayArrange, personId: relation.personId };
      return {
        meeting,
        body,
        relation,
        mayArrange,
        mayTable: checkTabling(relation, mayTablingState(meeting)) === null,
        items: items.filter((i) => maySeeAgendaItem(viewer, meeting.agendaPublishedAt !== null, i)),
        proposedCount: items.filter((i) => i.status === 'proposed').length,
        attendance: record.attendance,
        nextMeeting: record.nextMeeting,
        started: meeting.startsAt <= now(),
        /** Attended by delegations of other bodies, recorded with the invitations (IAG-32). */
        byInvitation: provider(meeting.bodyType).invitees !== undefined,
      };
    },

    async tablingForm(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingAccess(db, principal, meetingId);
      const refusal = checkTabling(relation, mayTablingState(meeting));
      if (refusal) throw new ConflictError(refusal);
      return { meeting, body, relation };
    },

    /** IAG-21e: a member or the police service tables an item; the chair's own are accepted. */
    async tableItem(principal: Principal, meetingId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const title = text(input.title);
      if (!title) errors.push({ field: 'title', message: 'Enter what the item is about' });
      tooLong(errors, 'title', 'The item', title, 200);
      const details = text(input.details);
      tooLong(errors, 'details', 'Details', details, 5000);
      const confidential = checkedValues(input.confidential).includes('yes');
      return db.transaction(async (tx) => {
        const meeting = await findMeeting(tx, meetingId, true);
        const { relation } = await access(tx, principal, meeting.bodyType, meeting.bodyId);
        const refusal = checkTabling(relation, mayTablingState(meeting));
        if (refusal) throw new ConflictError(refusal);
        if (errors.length) throw new ValidationError(errors);
        const tabledAs = tablerOf(relation);
        const [item] = await tx
          .insert(agendaItems)
          .values({
            meetingId,
            position: await nextAgendaPosition(tx, meetingId),
            title: title!,
            details,
            confidential,
            status: mayArrangeAgenda(relation) ? 'accepted' : 'proposed',
            tabledByPersonId: relation.personId,
            tabledByUserId: user.userId,
            tabledAs,
            ...(mayArrangeAgenda(relation) ? { decidedBy: user.userId, decidedAt: now() } : {}),
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'agenda-item.tabled',
          recordType: 'meeting',
          recordId: meetingId,
          after: item,
        });
        return item!;
      });
    },

    /**
     * IAG-21e: the chair accepts, defers (to the next scheduled meeting) or withdraws an item,
     * or moves it up or down the agenda.
     */
    async arrangeItem(
      principal: Principal,
      meetingId: string,
      itemId: string,
      action: string,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      if (!(ITEM_ACTIONS as readonly string[]).includes(action) || !isUuid(itemId))
        throw new NotFoundError();
      return db.transaction(async (tx) => {
        const meeting = await findMeeting(tx, meetingId, true);
        const { relation } = await access(tx, principal, meeting.bodyType, meeting.bodyId);
        requireArranger(relation);
        if (meeting.status !== 'scheduled')
          throw new ConflictError(
            'The agenda of a meeting that has been held or cancelled is kept as it was',
            'agenda',
          );
        const items = await tx
          .select()
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, meetingId), ne(agendaItems.status, 'withdrawn')))
          .orderBy(asc(agendaItems.position));
        const index = items.findIndex((i) => i.id === itemId);
        const item = items[index];
        if (!item) throw new NotFoundError();
        let after: unknown;
        let message: string;
        switch (action as ItemAction) {
          case 'accept':
            [after] = await tx
              .update(agendaItems)
              .set({ status: 'accepted', decidedBy: user.userId, decidedAt: now() })
              .where(eq(agendaItems.id, itemId))
              .returning();
            message = `“${item.title}” is on the agenda`;
            break;
          case 'withdraw':
            [after] = await tx
              .update(agendaItems)
              .set({ status: 'withdrawn', decidedBy: user.userId, decidedAt: now() })
              .where(eq(agendaItems.id, itemId))
              .returning();
            message = `“${item.title}” has been taken off the agenda`;
            break;
          case 'defer': {
            const next = await nextMeetingAfter(tx, meeting);
            if (!next)
              throw new ConflictError(
                'There is no later meeting to defer the item to: schedule the next meeting first',
                'agenda',
              );
            [after] = await tx
              .update(agendaItems)
              .set({
                meetingId: next.id,
                position: await nextAgendaPosition(tx, next.id),
                status: 'proposed',
                deferredFromMeetingId: meetingId,
                decidedBy: user.userId,
                decidedAt: now(),
              })
              .where(eq(agendaItems.id, itemId))
              .returning();
            message = `“${item.title}” has been deferred to the next meeting`;
            break;
          }
          case 'up':
          case 'down': {
            const other = items[action === 'up' ? index - 1 : index + 1];
            if (!other)
              throw new ConflictError(
                `“${item.title}” is already ${action === 'up' ? 'first' : 'last'}`,
                'agenda',
              );
            await tx
              .update(agendaItems)
              .set({ position: other.position })
              .where(eq(agendaItems.id, item.id));
            await tx
              .update(agendaItems)
              .set({ position: item.position })
              .where(eq(agendaItems.id, other.id));
            after = { position: other.position };
            message = `“${item.title}” has been moved ${action}`;
            break;
          }
        }
        await recordAudit(tx, actorOf(user, requestId), {
          action: `agenda-item.${action}`,
          recordType: 'meeting',
          recordId: meetingId,
          before: item,
          after,
        });
        return { message };
      });
    },

    /** IAG-21e: the chair publishes the agenda once every tabled item has been decided. */
    async publishAgenda(principal: Principal, meetingId: string, requestId?: string) {
      const user = requireUser(principal);
      return db.transaction(async (tx) => {
        const meeting = await findMeeting(tx, meetingId, true);
        const { relation } = await access(tx, principal, meeting.bodyType, meeting.bodyId);
        requireArranger(relation);
        if (meeting.status !== 'scheduled')
          throw new ConflictError(
            'Only the agenda of a meeting still to be held can be published',
            'agenda',
          );
        const counts = await tx
          .select({ status: agendaItems.status, n: count() })
          .from(agendaItems)
          .where(eq(agendaItems.meetingId, meetingId))
          .groupBy(agendaItems.status);
        const n = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
        if (n('proposed') > 0)
          throw new ConflictError(
            'Accept, defer or take off every item waiting for a decision before publishing the agenda',
            'agenda',
          );
        if (n('accepted') === 0)
          throw new ConflictError(
            'The agenda has no items yet: accept or add at least one',
            'agenda',
          );
        const [after] = await tx
          .update(meetings)
          .set({
            agendaPublishedAt: now(),
            updatedAt: now(),
            version: sql`${meetings.version} + 1`,
          })
          .where(eq(meetings.id, meetingId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: meeting.agendaPublishedAt
            ? 'meeting.agenda-republished'
            : 'meeting.agenda-published',
          recordType: 'meeting',
          recordId: meetingId,
          before: { agendaPublishedAt: meeting.agendaPublishedAt },
          after: { agendaPublishedAt: after!.agendaPublishedAt },
        });
      });
    },

    async attendanceForm(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingAccess(db, principal, meetingId);
      requireArranger(relation);
      requireAttendanceByPerson(meeting);
      const refusal = checkAttendanceRecording(meeting, now());
      if (refusal) throw new ConflictError(refusal);
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
        const refusal = checkAttendanceRecording(meeting, now());
        if (refusal) throw new ConflictError(refusal, 'attendance');
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
              name: 'A former member',
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
              message: `Select whether ${e.name} was present, sent apologies or was absent`,
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
          throw new ConflictError(
            'The group has nobody to record: appoint members first',
            'attendance',
          );
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
        errors.push({ field: 'reason', message: 'Enter the decision and why it was made' });
      tooLong(errors, 'reason', 'The decision', reason, 2000);
      if (!isUuid(personId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const { relation } = await access(tx, principal, type, bodyId);
        if (!relation.chair || !provider(type).withdrawsForAbsence) throw new ForbiddenError();
        const run = (await absenceRuns(tx, type, bodyId)).find((r) => r.personId === personId);
        if (!run) throw new NotFoundError();
        if (!mayBeWithdrawnForAbsence(run.missed))
          throw new ConflictError(
            `${run.name} has missed ${run.missed} meeting${run.missed === 1 ? '' : 's'} in a row; a member may be withdrawn after missing ${CONSECUTIVE_ABSENCE_LIMIT} (IAG-21f)`,
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

function mayTablingState(meeting: Meeting) {
  return { status: meeting.status, agendaPublished: meeting.agendaPublishedAt !== null };
}
