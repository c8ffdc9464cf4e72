/**
 * Reminders by e-mail, sent by the hourly sweep: to everyone expected at a meeting two days
 * before it, and to whoever scheduled a held meeting when its minutes are not drafted within
 * 10 working days. Each is sent once; the sweep is safe on several instances (SKIP LOCKED).
 */
import { and, asc, eq, gt, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { users } from '../../../platform/auth/schema.js';
import { toLondonDate, todayInLondon } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { Db } from '../../../platform/db/database.js';
import type { MailService } from '../../../platform/mail/service.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingDetailLines, meetingWhen } from '../presenters.js';
import { minutesDraftDueOn } from '../rules.js';
import { agendaItems, meetings, minutes } from '../schema.js';
import type { MeetingsAccess } from '../access.js';
import { formatDate } from '../../../platform/i18n/dates.js';

/** Members are reminded this long before a meeting. */
export const REMINDER_HOURS_BEFORE = 48;
/** Held meetings older than this are not chased for minutes any more. */
const MINUTES_CHASE_DAYS = 60;

export type MeetingRemindersService = ReturnType<typeof createMeetingRemindersService>;

export function createMeetingRemindersService(deps: {
  db: Db;
  meetings: MeetingsAccess;
  mail: MailService;
  publicUrl: string;
  now?: () => Date;
  t: Translate;
}) {
  const { db, mail, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());

  return {
    /** Reminds everyone expected at each meeting starting in the next two days. */
    async sendMeetingReminders(batch = 20): Promise<number> {
      const at = now();
      return db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(meetings)
          .where(
            and(
              eq(meetings.status, 'scheduled'),
              isNull(meetings.reminderSentAt),
              gt(meetings.startsAt, at),
              lte(meetings.startsAt, new Date(at.getTime() + REMINDER_HOURS_BEFORE * 3600_000)),
            ),
          )
          .orderBy(asc(meetings.startsAt))
          .limit(batch)
          .for('update', { skipLocked: true });
        if (due.length === 0) return 0;
        const items = await tx
          .select()
          .from(agendaItems)
          .where(
            and(
              inArray(
                agendaItems.meetingId,
                due.map((m) => m.id),
              ),
              eq(agendaItems.status, 'accepted'),
            ),
          )
          .orderBy(asc(agendaItems.position));
        for (const meeting of due) {
          const provider = deps.meetings.providers.find((p) => p.type === meeting.bodyType)!;
          const [body, roll] = await Promise.all([
            provider.find(tx, meeting.bodyId),
            provider.roll(tx, meeting.bodyId),
          ]);
          const agenda = meeting.agendaPublishedAt
            ? items.filter((i) => i.meetingId === meeting.id).map((i, n) => `${n + 1}. ${i.title}`)
            : [];
          const when = meetingWhen(meeting, t);
          for (const person of roll) {
            if (!person.email) continue;
            await mail.queue(tx, {
              to: person.email,
              subject: t('meetings:feeds.reminder.subject', { title: meeting.title, when }),
              text: [
                t('meetings:common.email.dear', { name: person.name }),
                '',
                t('meetings:feeds.reminder.meets', {
                  body: body?.name ?? t('meetings:feeds.reminder.theGroup'),
                  when,
                }),
                ...meetingDetailLines(meeting, t),
                '',
                agenda.length
                  ? t('meetings:feeds.reminder.agenda')
                  : t('meetings:feeds.reminder.noAgenda'),
                ...agenda,
                '',
                t('meetings:feeds.reminder.link', {
                  url: `${deps.publicUrl}${paths.meeting(meeting.id)}`,
                }),
                t('meetings:feeds.reminder.apologies'),
              ].join('\n'),
            });
          }
        }
        await tx
          .update(meetings)
          .set({ reminderSentAt: at })
          .where(
            inArray(
              meetings.id,
              due.map((m) => m.id),
            ),
          );
        return due.length;
      });
    },

    /**
     * Reminds the person who scheduled a held meeting when its minutes are still not drafted
     * 10 working days after it (England and Wales bank holidays skipped).
     */
    async sendMinutesReminders(batch = 20): Promise<number> {
      const at = now();
      const today = todayInLondon(at);
      return db.transaction(async (tx) => {
        const candidates = await tx
          .select({ meeting: meetings, email: users.email, name: users.displayName })
          .from(meetings)
          .innerJoin(users, eq(users.id, meetings.createdBy))
          .where(
            and(
              eq(meetings.status, 'held'),
              isNull(meetings.minutesReminderSentAt),
              gt(meetings.startsAt, new Date(at.getTime() - MINUTES_CHASE_DAYS * 86_400_000)),
              sql`not exists (select 1 from ${minutes} m where m.meeting_id = ${meetings.id} and m.kind = 'minutes')`,
              ne(users.email, ''),
            ),
          )
          .orderBy(asc(meetings.startsAt))
          .limit(batch)
          .for('update', { of: meetings, skipLocked: true });
        const overdue = candidates.filter(
          (c) => minutesDraftDueOn(toLondonDate(c.meeting.startsAt)) < today,
        );
        for (const { meeting, email, name } of overdue)
          await mail.queue(tx, {
            to: email,
            subject: t('meetings:feeds.minutesReminder.subject', {
              title: meeting.title,
              when: meetingWhen(meeting, t),
            }),
            text: [
              t('meetings:common.email.dear', { name }),
              '',
              t('meetings:feeds.minutesReminder.overdue', {
                title: meeting.title,
                when: meetingWhen(meeting, t),
                date: formatDate(t, minutesDraftDueOn(toLondonDate(meeting.startsAt))),
              }),
              '',
              t('meetings:feeds.minutesReminder.link', {
                url: `${deps.publicUrl}${paths.draftMinutes(meeting.id)}`,
              }),
            ].join('\n'),
          });
        if (overdue.length)
          await tx
            .update(meetings)
            .set({ minutesReminderSentAt: at })
            .where(
              inArray(
                meetings.id,
                overdue.map((c) => c.meeting.id),
              ),
            );
        return overdue.length;
      });
    },
  };
}
