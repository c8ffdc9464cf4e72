/**
 * What the public sees of a body's meetings: published agendas and approved minutes, with
 * confidential items withheld and a note that they were. Never the venue's joining details,
 * attendance by name, drafts or unpublished items.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { BodyType } from '../bodies.js';
import {
  agendaItems,
  meetingPapers,
  meetings,
  minuteItems,
  minutedAdvice,
  minutes,
} from '../schema.js';
import type { MeetingsAccess } from '../access.js';

/** How many meetings a body's public page lists, newest first. */
const PUBLIC_MEETINGS_SHOWN = 12;

export type PublicMeetingsService = ReturnType<typeof createPublicMeetingsService>;

export function createPublicMeetingsService(deps: { db: Db; meetings: MeetingsAccess }) {
  const { db } = deps;

  async function publicBody(type: BodyType, bodyId: string) {
    const provider = deps.meetings.providers.find((p) => p.type === type);
    if (!provider || !isUuid(bodyId)) throw new NotFoundError();
    const body = await provider.publicFind(db, bodyId);
    if (!body) throw new NotFoundError();
    return { ...body, publicPrefix: provider.publicPathPrefix };
  }

  const approvedMinutes = sql`exists (select 1 from ${minutes} m where m.meeting_id = ${meetings.id} and m.kind = 'minutes' and m.status = 'approved')`;

  return {
    /** A body's meetings with a published agenda or approved minutes, newest first. */
    async list(type: BodyType, bodyId: string) {
      await publicBody(type, bodyId);
      return db
        .select({
          id: meetings.id,
          title: meetings.title,
          startsAt: meetings.startsAt,
          endsAt: meetings.endsAt,
          status: meetings.status,
          agendaPublished: sql<boolean>`${meetings.agendaPublishedAt} is not null`,
          minutesApproved: sql<boolean>`${approvedMinutes}`,
        })
        .from(meetings)
        .where(
          and(
            eq(meetings.bodyType, type),
            eq(meetings.bodyId, bodyId),
            or(isNotNull(meetings.agendaPublishedAt), approvedMinutes),
          ),
        )
        .orderBy(desc(meetings.startsAt))
        .limit(PUBLIC_MEETINGS_SHOWN);
    },

    /** One meeting's public record: its published agenda and approved minutes. */
    async meeting(type: BodyType, bodyId: string, meetingId: string) {
      const body = await publicBody(type, bodyId);
      if (!isUuid(meetingId)) throw new NotFoundError();
      const [meeting] = await db
        .select()
        .from(meetings)
        .where(
          and(eq(meetings.id, meetingId), eq(meetings.bodyType, type), eq(meetings.bodyId, bodyId)),
        );
      if (!meeting) throw new NotFoundError();
      const approved = await db
        .select()
        .from(minutes)
        .where(and(eq(minutes.meetingId, meetingId), eq(minutes.status, 'approved')))
        .orderBy(asc(minutes.approvedAt));
      if (!meeting.agendaPublishedAt && !approved.some((m) => m.kind === 'minutes'))
        throw new NotFoundError();
      const ids = approved.map((m) => m.id);
      const [items, minuted, advice] = await Promise.all([
        meeting.agendaPublishedAt
          ? db
              .select()
              .from(agendaItems)
              .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.status, 'accepted')))
              .orderBy(asc(agendaItems.position))
          : Promise.resolve([]),
        ids.length
          ? db
              .select()
              .from(minuteItems)
              .where(inArray(minuteItems.minutesId, ids))
              .orderBy(asc(minuteItems.position))
          : Promise.resolve([]),
        ids.length
          ? db
              .select()
              .from(minutedAdvice)
              .where(inArray(minutedAdvice.minutesId, ids))
              .orderBy(asc(minutedAdvice.createdAt))
          : Promise.resolve([]),
      ]);
      const shownItems = items.filter((i) => !i.confidential);
      const papers = shownItems.length
        ? await db
            .select({
              id: meetingPapers.id,
              agendaItemId: meetingPapers.agendaItemId,
              title: meetingPapers.title,
              mediaType: meetingPapers.mediaType,
              sizeBytes: meetingPapers.sizeBytes,
            })
            .from(meetingPapers)
            .where(
              and(
                inArray(
                  meetingPapers.agendaItemId,
                  shownItems.map((i) => i.id),
                ),
                isNull(meetingPapers.removedAt),
              ),
            )
            .orderBy(asc(meetingPapers.uploadedAt))
        : [];
      const main = approved.find((m) => m.kind === 'minutes') ?? null;
      const open = <T extends { confidential: boolean }>(rows: T[]) => ({
        shown: rows.filter((r) => !r.confidential),
        withheld: rows.filter((r) => r.confidential).length,
      });
      const ofMinutes = (id: string) => minuted.filter((i) => i.minutesId === id);
      return {
        body,
        meeting: {
          id: meeting.id,
          title: meeting.title,
          startsAt: meeting.startsAt,
          endsAt: meeting.endsAt,
          status: meeting.status,
          cancelledReason: meeting.cancelledReason,
        },
        agenda: meeting.agendaPublishedAt ? open(items) : null,
        papers,
        minutes: main
          ? {
              approvedAt: main.approvedAt,
              items: open(ofMinutes(main.id)),
              advice: open(advice.filter((a) => a.minutesId === main.id)),
            }
          : null,
        corrections: approved
          .filter((m) => m.kind === 'correction')
          .map((c) => ({ approvedAt: c.approvedAt, items: ofMinutes(c.id) })),
      };
    },
  };
}
