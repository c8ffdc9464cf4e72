/**
 * A meeting's agenda: what the meeting page shows of it, tabling an item (members and the police
 * service), arranging the agenda (the chair) and publishing it.
 */
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { checkedValues, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { checkTabling, mayArrangeAgenda, maySeeAgendaItem } from '../rules.js';
import { agendaItems, meetingAttendance, meetings } from '../schema.js';
import {
  ITEM_ACTIONS,
  type AgendaRecord,
  type ItemAction,
  type Meeting,
  type MeetingParts,
} from '../access.js';

type Input = Record<string, string | string[] | undefined>;

export type AgendaService = ReturnType<typeof createAgendaService>;

export function createAgendaService(deps: MeetingParts) {
  const { db, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());
  const {
    provider,
    requireUser,
    access,
    findMeeting,
    meetingAccess,
    nextAgendaPosition,
    nextMeetingAfter,
    requireArranger,
    tablerOf,
  } = deps.access;

  return {
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
      if (refusal) throw new ConflictError(t(refusal.key));
      return { meeting, body, relation };
    },

    /** IAG-21e: a member or the police service tables an item; the chair's own are accepted. */
    async tableItem(principal: Principal, meetingId: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const title = text(input.title);
      if (!title) errors.push({ field: 'title', message: t('meetings:agenda.table.errors.title') });
      tooLong(t, errors, 'title', t('meetings:agenda.table.errors.titleName'), title, 200);
      const details = text(input.details);
      tooLong(t, errors, 'details', t('meetings:agenda.table.errors.detailsName'), details, 5000);
      const confidential = checkedValues(input.confidential).includes('yes');
      return db.transaction(async (tx) => {
        const meeting = await findMeeting(tx, meetingId, true);
        const { relation } = await access(tx, principal, meeting.bodyType, meeting.bodyId);
        const refusal = checkTabling(relation, mayTablingState(meeting));
        if (refusal) throw new ConflictError(t(refusal.key));
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
          throw new ConflictError(t('meetings:agenda.arrange.errors.kept'), 'agenda');
        const items = await tx
          .select()
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, meetingId), ne(agendaItems.status, 'withdrawn')))
          .orderBy(asc(agendaItems.position));
        const index = items.findIndex((i) => i.id === itemId);
        const item = items[index];
        if (!item) throw new NotFoundError();
        let after: unknown;
        // The flash message's key, worded in the reader's language by the route.
        let done: string;
        switch (action as ItemAction) {
          case 'accept':
            [after] = await tx
              .update(agendaItems)
              .set({ status: 'accepted', decidedBy: user.userId, decidedAt: now() })
              .where(eq(agendaItems.id, itemId))
              .returning();
            done = 'meetings:agenda.arrange.accepted';
            break;
          case 'withdraw':
            [after] = await tx
              .update(agendaItems)
              .set({ status: 'withdrawn', decidedBy: user.userId, decidedAt: now() })
              .where(eq(agendaItems.id, itemId))
              .returning();
            done = 'meetings:agenda.arrange.withdrawn';
            break;
          case 'defer': {
            const next = await nextMeetingAfter(tx, meeting);
            if (!next)
              throw new ConflictError(t('meetings:agenda.arrange.errors.noLaterMeeting'), 'agenda');
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
            done = 'meetings:agenda.arrange.deferred';
            break;
          }
          case 'up':
          case 'down': {
            const other = items[action === 'up' ? index - 1 : index + 1];
            if (!other)
              throw new ConflictError(
                t(
                  action === 'up'
                    ? 'meetings:agenda.arrange.alreadyFirst'
                    : 'meetings:agenda.arrange.alreadyLast',
                  { title: item.title },
                ),
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
            done = `meetings:agenda.arrange.moved.${action}`;
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
        return { message: { key: done, values: { title: item.title } } };
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
          throw new ConflictError(t('meetings:agenda.arrange.errors.notToBeHeld'), 'agenda');
        const counts = await tx
          .select({ status: agendaItems.status, n: count() })
          .from(agendaItems)
          .where(eq(agendaItems.meetingId, meetingId))
          .groupBy(agendaItems.status);
        const n = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
        if (n('proposed') > 0)
          throw new ConflictError(t('meetings:agenda.arrange.errors.undecided'), 'agenda');
        if (n('accepted') === 0)
          throw new ConflictError(t('meetings:agenda.arrange.errors.noItems'), 'agenda');
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
  };
}

function mayTablingState(meeting: Meeting) {
  return { status: meeting.status, agendaPublished: meeting.agendaPublishedAt !== null };
}
