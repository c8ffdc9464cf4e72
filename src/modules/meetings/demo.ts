/**
 * The meetings module's part of the demonstration dataset (src/demo/demo-data.ts runs the parts
 * in order): the demo group's last meeting and its next, and the year's meetings of the other
 * bodies. Writes only the meetings module's tables; people, accounts and bodies come from the
 * parts before it.
 */
import { inArray, or } from 'drizzle-orm';
import {
  addCalendarDays,
  addCalendarMonths,
  londonInstant,
  type IsoDate,
} from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import type { BodyType } from './bodies.js';
import {
  agendaItems,
  calendarFeeds,
  meetingActions,
  meetingAttendance,
  meetingInvitations,
  meetingPapers,
  meetings,
  minutedAdvice,
  minuteItems,
  minutes,
} from './schema.js';

/** inArray needs at least one value: a UUID no row has stands for "none". */
const NO_ID = '00000000-0000-0000-0000-000000000000';
const some = (ids: readonly string[]) => (ids.length ? [...ids] : [NO_ID]);

/**
 * The demo group's meeting held four months ago, with its agenda and attendance, and its next
 * in three weeks: one item accepted, one waiting for the chair, the agenda not yet published.
 */
export async function loadDemoGroupMeetings(
  tx: Executor,
  groupId: string,
  who: { coordinator: string; chair: string; advisor: string; priya: string; jordan: string },
  today: IsoDate,
): Promise<void> {
  const monthsAgo = (n: number) => addCalendarMonths(today, -n);
  const { coordinator, chair, advisor, priya, jordan } = who;
  const [held, next] = await tx
    .insert(meetings)
    .values(
      [
        { day: monthsAgo(4), status: 'held' as const, format: 'in_person' as const },
        {
          day: addCalendarDays(today, 21),
          status: 'scheduled' as const,
          format: 'hybrid' as const,
        },
      ].map((m) => ({
        bodyType: 'advisory_group' as const,
        bodyId: groupId,
        title: 'Race Independent Advisory Group full meeting',
        startsAt: londonInstant(m.day, 18 * 60),
        endsAt: londonInstant(m.day, 20 * 60),
        format: m.format,
        status: m.status,
        venue: 'Empress State Building, Lillie Road, London SW6',
        accessNotes:
          'Step-free entrance on Lillie Road; hearing loop in the meeting room; advisors are met at reception.',
        joiningDetails:
          m.format === 'hybrid' ? 'A Teams link is sent to members the week before.' : null,
        agendaPublishedAt:
          m.status === 'held' ? londonInstant(addCalendarDays(m.day, -7), 9 * 60) : null,
        attendanceRecordedAt: m.status === 'held' ? londonInstant(m.day, 21 * 60) : null,
        createdBy: coordinator,
      })),
    )
    .returning({ id: meetings.id });
  const item = (
    meetingId: string,
    position: number,
    title: string,
    tabledBy: string,
    tabledAs: 'member' | 'chair',
    status: 'accepted' | 'proposed',
  ) => ({ meetingId, position, title, tabledByPersonId: tabledBy, tabledAs, status });
  await tx
    .insert(agendaItems)
    .values([
      item(
        held!.id,
        1,
        'Stop and search monitoring for the last quarter',
        advisor,
        'member',
        'accepted',
      ),
      item(held!.id, 2, 'Recruitment of new members', chair, 'chair', 'accepted'),
      item(
        next!.id,
        1,
        'Community tension monitoring after the summer',
        chair,
        'chair',
        'accepted',
      ),
      item(next!.id, 2, 'Use of dispersal orders in town centres', advisor, 'member', 'proposed'),
    ]);
  await tx.insert(meetingAttendance).values(
    [chair, advisor, jordan, priya].map((personId) => ({
      meetingId: held!.id,
      personId,
      kind: 'member' as const,
      status: personId === priya ? ('apologies' as const) : ('present' as const),
      recordedBy: coordinator,
    })),
  );
}

/**
 * The year's meetings of the Director with the chairs and of the annual conference, scheduled by
 * the coordination unit.
 */
export async function loadDemoBodyMeetings(
  tx: Executor,
  bodies: { directorChairs: string; annualConference: string },
  coordinator: string,
  today: IsoDate,
): Promise<void> {
  // IAG-31: one of the year's two meetings of the Director with the chairs is scheduled, so
  // the register shows the year is one short.
  const meetsOn = addCalendarDays(today, 45);
  await tx.insert(meetings).values({
    bodyType: 'director_chairs',
    bodyId: bodies.directorChairs,
    title: "The Director's meeting with the corporate IAG chairs",
    startsAt: londonInstant(meetsOn, 14 * 60),
    endsAt: londonInstant(meetsOn, 16 * 60),
    format: 'in_person',
    venue: 'New Scotland Yard, Victoria Embankment',
    createdBy: coordinator,
  });
  // IAG-32: this year's annual conference of all the groups, scheduled, invitations not sent.
  const conferenceOn = addCalendarDays(today, 60);
  await tx.insert(meetings).values({
    bodyType: 'annual_conference',
    bodyId: bodies.annualConference,
    title: 'Annual conference of the advisory groups: learning and good practice',
    startsAt: londonInstant(conferenceOn, 10 * 60),
    endsAt: londonInstant(conferenceOn, 16 * 60),
    format: 'hybrid',
    venue: 'City Hall, Kamal Chunchie Way',
    accessNotes: 'Step-free throughout; hearing loop in the chamber; quiet room on level 2.',
    createdBy: coordinator,
  });
}

/** One meeting of a body as a module's demo gives it (ADR 0005): held and minuted, or to come. */
export interface DemoMinutedMeeting {
  title: string;
  day: IsoDate;
  /** Held (with attendance and minutes) or scheduled (with its agenda only). */
  held: boolean;
  /** Its agenda, each item accepted; a held meeting minutes each under the item's title. */
  items: { title: string; minute?: string }[];
  /** A held meeting's minutes were approved at the meeting at this index of the list. */
  minutesApprovedAt?: number;
}

/**
 * Meetings of a body other modules keep (the consultation strategy board), each with its agenda
 * published a week before (so a meeting to come is less than a week away); a held one with
 * everyone on its roll present and its minutes drafted by the secretariat, approved at a later
 * meeting where the list says so. Returns, per meeting, its minute items' ids in the order of
 * its items (none for a meeting to come).
 */
export async function loadDemoMinutedMeetings(
  tx: Executor,
  body: { type: BodyType; id: string; venue: string; accessNotes: string; startsAtMinute: number },
  who: {
    secretariatUser: string;
    chair: string;
    roll: readonly { personId: string; kind: 'member' | 'police'; capacity?: string }[];
  },
  list: readonly DemoMinutedMeeting[],
): Promise<string[][]> {
  const made = await tx
    .insert(meetings)
    .values(
      list.map((m) => ({
        bodyType: body.type,
        bodyId: body.id,
        title: m.title,
        startsAt: londonInstant(m.day, body.startsAtMinute),
        endsAt: londonInstant(m.day, body.startsAtMinute + 120),
        format: 'in_person' as const,
        status: m.held ? ('held' as const) : ('scheduled' as const),
        venue: body.venue,
        accessNotes: body.accessNotes,
        agendaPublishedAt: londonInstant(addCalendarDays(m.day, -7), 9 * 60),
        attendanceRecordedAt: m.held ? londonInstant(m.day, body.startsAtMinute + 150) : null,
        createdBy: who.secretariatUser,
      })),
    )
    .returning({ id: meetings.id });
  const minuteIds: string[][] = [];
  for (const [i, m] of list.entries()) {
    const meetingId = made[i]!.id;
    const items = await tx
      .insert(agendaItems)
      .values(
        m.items.map((item, p) => ({
          meetingId,
          position: p + 1,
          title: item.title,
          tabledByPersonId: who.chair,
          tabledAs: 'chair' as const,
          status: 'accepted' as const,
        })),
      )
      .returning({ id: agendaItems.id });
    if (!m.held) {
      minuteIds.push([]);
      continue;
    }
    await tx.insert(meetingAttendance).values(
      who.roll.map((r) => ({
        meetingId,
        personId: r.personId,
        kind: r.kind,
        status: 'present' as const,
        capacity: r.capacity ?? null,
        recordedBy: who.secretariatUser,
      })),
    );
    const approvedAt = m.minutesApprovedAt === undefined ? null : list[m.minutesApprovedAt]!;
    const [drafted] = await tx
      .insert(minutes)
      .values({
        meetingId,
        draftedBy: who.secretariatUser,
        ...(approvedAt && {
          status: 'approved' as const,
          approvedAt: londonInstant(approvedAt.day, body.startsAtMinute + 30),
          approvedAtMeetingId: made[m.minutesApprovedAt!]!.id,
          approvedBy: who.secretariatUser,
        }),
      })
      .returning({ id: minutes.id });
    const minuted = await tx
      .insert(minuteItems)
      .values(
        m.items.map((item, p) => ({
          minutesId: drafted!.id,
          agendaItemId: items[p]!.id,
          position: p + 1,
          heading: item.title,
          body: item.minute ?? '',
        })),
      )
      .returning({ id: minuteItems.id });
    minuteIds.push(minuted.map((r) => r.id));
  }
  return minuteIds;
}

/**
 * The demo custody visiting panel's meetings (ICV-02: about quarterly, with the custody
 * inspector): the last one, held two months ago, with its attendance, its minutes drafted by the
 * coordinator for approval at the next, and an action; and the next, in five weeks.
 */
export async function loadDemoPanelMeetings(
  tx: Executor,
  panelId: string,
  who: { coordinatorUser: string; coordinator: string; inspector: string },
  today: IsoDate,
): Promise<void> {
  const { coordinatorUser, coordinator, inspector } = who;
  const heldOn = addCalendarMonths(today, -2);
  const meetsOn = addCalendarDays(today, 35);
  const [held, next] = await tx
    .insert(meetings)
    .values(
      [
        { day: heldOn, status: 'held' as const },
        { day: meetsOn, status: 'scheduled' as const },
      ].map((m) => ({
        bodyType: 'custody_panel' as const,
        bodyId: panelId,
        title: 'Camden custody visiting panel quarterly meeting',
        startsAt: londonInstant(m.day, 18 * 60 + 30),
        endsAt: londonInstant(m.day, 20 * 60),
        format: 'in_person' as const,
        status: m.status,
        venue: 'Camden Town Hall, Judd Street, London WC1H 9JE',
        accessNotes: 'Step-free entrance on Judd Street; hearing loop in committee room 2.',
        agendaPublishedAt:
          m.status === 'held' ? londonInstant(addCalendarDays(m.day, -7), 9 * 60) : null,
        attendanceRecordedAt: m.status === 'held' ? londonInstant(m.day, 20 * 60 + 30) : null,
        createdBy: coordinatorUser,
      })),
    )
    .returning({ id: meetings.id });
  const items = await tx
    .insert(agendaItems)
    .values([
      {
        meetingId: held!.id,
        position: 1,
        title: 'Visits made last quarter against the target',
        tabledByPersonId: coordinator,
        tabledAs: 'chair' as const,
        status: 'accepted' as const,
      },
      {
        meetingId: held!.id,
        position: 2,
        title: 'Report from the custody inspector: cell repairs at Kentish Town',
        tabledByPersonId: inspector,
        tabledAs: 'police' as const,
        status: 'accepted' as const,
      },
      {
        meetingId: next!.id,
        position: 1,
        title: 'Delays in admitting visitors at Holborn',
        tabledByPersonId: coordinator,
        tabledAs: 'chair' as const,
        status: 'accepted' as const,
      },
    ])
    .returning({ id: agendaItems.id });
  await tx.insert(meetingAttendance).values([
    {
      meetingId: held!.id,
      personId: coordinator,
      kind: 'member' as const,
      status: 'present' as const,
      recordedBy: coordinatorUser,
    },
    {
      meetingId: held!.id,
      personId: inspector,
      kind: 'police' as const,
      status: 'present' as const,
      capacity: 'Custody inspector',
      recordedBy: coordinatorUser,
    },
  ]);
  const [drafted] = await tx
    .insert(minutes)
    .values({ meetingId: held!.id, draftedBy: coordinatorUser })
    .returning({ id: minutes.id });
  await tx.insert(minuteItems).values([
    {
      minutesId: drafted!.id,
      agendaItemId: items[0]!.id,
      position: 1,
      heading: 'Visits made last quarter against the target',
      body: 'Both suites were visited every week bar one. The missed week at Kentish Town was made up the week after.',
    },
    {
      minutesId: drafted!.id,
      agendaItemId: items[1]!.id,
      position: 2,
      heading: 'Report from the custody inspector: cell repairs at Kentish Town',
      body: 'Two cells were out of use for repairs to their call bells. The inspector expects them back in use within the month.',
    },
  ]);
  await tx.insert(meetingActions).values({
    meetingId: held!.id,
    bodyType: 'custody_panel',
    bodyId: panelId,
    description: 'Report to the panel when the two cells at Kentish Town are back in use',
    ownerName: 'Custody inspector',
    ownerPersonId: inspector,
    dueOn: addCalendarDays(heldOn, 30),
    createdBy: coordinatorUser,
  });
}

/**
 * The meetings records the demo accounts made or appear in: meetings they scheduled (with
 * everything hanging off them), items they tabled, their attendance, papers and calendar feeds;
 * where they only touched someone else's record, their name is taken off it. Minutes that cite
 * one of the demo accounts' requests for advice (`adviceRequestIds`, which go later) lose the
 * link.
 */
export async function removeDemoMeetingRecords(
  tx: Executor,
  userIds: readonly string[],
  personIds: readonly string[],
  adviceRequestIds: readonly string[],
): Promise<void> {
  const users_ = some(userIds);
  const people_ = some(personIds);
  const scheduled = (
    await tx.select({ id: meetings.id }).from(meetings).where(inArray(meetings.createdBy, users_))
  ).map((m) => m.id);
  const gone = some(scheduled);
  const items = (
    await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(
        or(
          inArray(agendaItems.meetingId, gone),
          inArray(agendaItems.tabledByUserId, users_),
          inArray(agendaItems.tabledByPersonId, people_),
        ),
      )
  ).map((i) => i.id);
  const itemsGone = some(items);
  const minutesGone = (
    await tx.select({ id: minutes.id }).from(minutes).where(inArray(minutes.meetingId, gone))
  ).map((m) => m.id);
  const minutesIds = some(minutesGone);
  await tx.delete(minutedAdvice).where(inArray(minutedAdvice.minutesId, minutesIds));
  await tx
    .delete(minuteItems)
    .where(
      or(inArray(minuteItems.minutesId, minutesIds), inArray(minuteItems.agendaItemId, itemsGone)),
    );
  await tx
    .update(minutes)
    .set({ approvedAtMeetingId: null })
    .where(inArray(minutes.approvedAtMeetingId, gone));
  await tx.update(minutes).set({ correctsMinutesId: null }).where(inArray(minutes.id, minutesIds));
  await tx.delete(minutes).where(inArray(minutes.id, minutesIds));
  await tx.update(minutes).set({ draftedBy: null }).where(inArray(minutes.draftedBy, users_));
  await tx.update(minutes).set({ approvedBy: null }).where(inArray(minutes.approvedBy, users_));
  await tx
    .update(meetingActions)
    .set({ closedAtMeetingId: null })
    .where(inArray(meetingActions.closedAtMeetingId, gone));
  await tx.delete(meetingActions).where(inArray(meetingActions.meetingId, gone));
  await tx
    .update(meetingActions)
    .set({ createdBy: null })
    .where(inArray(meetingActions.createdBy, users_));
  await tx
    .delete(meetingPapers)
    .where(
      or(inArray(meetingPapers.meetingId, gone), inArray(meetingPapers.agendaItemId, itemsGone)),
    );
  await tx
    .update(meetingPapers)
    .set({ uploadedBy: null })
    .where(inArray(meetingPapers.uploadedBy, users_));
  await tx.delete(meetingInvitations).where(inArray(meetingInvitations.meetingId, gone));
  await tx
    .update(meetingInvitations)
    .set({ invitedBy: null })
    .where(inArray(meetingInvitations.invitedBy, users_));
  await tx
    .update(meetingInvitations)
    .set({ recordedBy: null })
    .where(inArray(meetingInvitations.recordedBy, users_));
  await tx
    .delete(meetingAttendance)
    .where(
      or(inArray(meetingAttendance.meetingId, gone), inArray(meetingAttendance.personId, people_)),
    );
  await tx
    .update(meetingAttendance)
    .set({ recordedBy: null })
    .where(inArray(meetingAttendance.recordedBy, users_));
  await tx
    .update(agendaItems)
    .set({ deferredFromMeetingId: null })
    .where(inArray(agendaItems.deferredFromMeetingId, gone));
  await tx.delete(agendaItems).where(inArray(agendaItems.id, itemsGone));
  await tx
    .update(agendaItems)
    .set({ decidedBy: null })
    .where(inArray(agendaItems.decidedBy, users_));
  await tx.delete(meetings).where(inArray(meetings.id, gone));
  await tx.delete(calendarFeeds).where(inArray(calendarFeeds.userId, users_));
  await tx
    .update(minutedAdvice)
    .set({ adviceRequestId: null })
    .where(inArray(minutedAdvice.adviceRequestId, some(adviceRequestIds)));
}
