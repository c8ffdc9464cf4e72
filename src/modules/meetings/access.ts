/**
 * Reading meetings for the module's services: a body and a person's relation to it, a meeting
 * and who may arrange it, the next meeting, the three-absence watch, and the notices a body's
 * page shows. Each journey's service builds on these, so the checks are made in one place.
 */
import { and, asc, count, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { londonInstant, todayInLondon } from '../../platform/calendar/index.js';
import type { Db, Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { nextNumber } from '../../platform/db/next-number.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import type { AgendaTabler, Body, BodyProvider, BodyRelation, BodyType } from './bodies.js';
import { checkAttendanceRecording, consecutiveMissed, mayArrangeAgenda } from './rules.js';
import { agendaItems, meetingAttendance, meetings } from './schema.js';

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

export type MeetingsAccess = ReturnType<typeof createMeetingsAccess>;

/** What each part of the meetings service is built on: the shared checks, the words, the clock. */
export interface MeetingParts {
  db: Db;
  access: MeetingsAccess;
  t: Translate;
  now?: () => Date;
}

export function createMeetingsAccess(deps: {
  db: Db;
  bodies: readonly BodyProvider[];
  t: Translate;
  now?: () => Date;
}) {
  const { db, t } = deps;
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

  /** The body's first scheduled meeting after an instant, or null. */
  async function scheduledAfter(executor: Executor, type: BodyType, bodyId: string, after: Date) {
    const [next] = await executor
      .select({
        id: meetings.id,
        title: meetings.title,
        startsAt: meetings.startsAt,
        endsAt: meetings.endsAt,
      })
      .from(meetings)
      .where(
        and(
          eq(meetings.bodyType, type),
          eq(meetings.bodyId, bodyId),
          eq(meetings.status, 'scheduled'),
          gt(meetings.startsAt, after),
        ),
      )
      .orderBy(asc(meetings.startsAt))
      .limit(1);
    return next ?? null;
  }

  /** The body's next scheduled meeting after this one, or null. */
  function nextMeetingAfter(executor: Executor, meeting: Meeting) {
    return scheduledAfter(executor, meeting.bodyType, meeting.bodyId, meeting.startsAt);
  }

  /** A body attended by delegations (the conference) records attendance by invitee instead. */
  function requireAttendanceByPerson(meeting: Meeting) {
    if (provider(meeting.bodyType).invitees)
      throw new ConflictError(t('meetings:attendance.form.errors.byInvitation'));
  }

  /** Attendance is recorded once a meeting has begun, never for a cancelled one. */
  function requireAttendanceRecordable(meeting: Meeting, field?: string) {
    const refusal = checkAttendanceRecording(meeting, now());
    if (refusal) throw new ConflictError(t(refusal.key), field);
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

  /** The body's next meeting still to come (scheduled, not yet begun), or null. */
  function upcomingMeeting(type: BodyType, bodyId: string) {
    return scheduledAfter(db, type, bodyId, now());
  }

  return {
    today,
    bodyNotices,
    upcomingMeeting,
    /** The kinds of body that meet, each with the URL prefix its meetings live under. */
    providers: deps.bodies,
    /** The same checks for every journey's service, in one place. */
    meetingAccess,
    findMeeting,
    requireArranger,
    provider,
    requireUser,
    findBody,
    access,
    nextAgendaPosition,
    nextMeetingAfter,
    requireAttendanceByPerson,
    requireAttendanceRecordable,
    tablerOf,
    absenceRuns,

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
  };
}
