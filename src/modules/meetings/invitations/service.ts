/**
 * Meetings attended by delegations of other bodies (the annual conference of all advisory
 * groups, IAG-32): every invitee is invited at once, each invitation e-mailed to its contacts,
 * and attendance is recorded as how many came from each.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { BodyProvider, Invitee } from '../bodies.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingDetailLines, meetingWhen } from '../presenters.js';
import { checkRepresentatives, mayArrangeAgenda } from '../rules.js';
import { meetingInvitations, meetings } from '../schema.js';
import type { Meeting, MeetingsAccess } from '../access.js';
import { say } from '../../../platform/i18n/said.js';

type Input = Record<string, string | string[] | undefined>;
export type MeetingInvitation = typeof meetingInvitations.$inferSelect;

export function createInvitationsService(deps: {
  db: Db;
  meetings: MeetingsAccess;
  mail: MailService;
  publicUrl: string;
  now?: () => Date;
  t: Translate;
}) {
  const { db, meetings: meetingsService, mail, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }

  /** The provider of a body whose meetings invite delegations; any other meeting has no such page. */
  function invitingProvider(meeting: Meeting) {
    const provider = meetingsService.providers.find((p) => p.type === meeting.bodyType);
    if (!provider?.invitees) throw new NotFoundError();
    return provider as BodyProvider & { invitees: NonNullable<BodyProvider['invitees']> };
  }

  function invitationsOf(executor: Executor, meetingId: string) {
    return executor
      .select()
      .from(meetingInvitations)
      .where(eq(meetingInvitations.meetingId, meetingId))
      .orderBy(asc(meetingInvitations.inviteeName));
  }

  function invitationText(meeting: Meeting, bodyName: string, invitee: Invitee, name: string) {
    return [
      t('meetings:common.email.dear', { name }),
      '',
      t('meetings:invitations.email.invited', {
        invitee: invitee.name,
        body: bodyName,
        title: meeting.title,
        when: meetingWhen(meeting, t),
      }),
      ...meetingDetailLines(meeting, t),
      '',
      t('meetings:invitations.email.who'),
      t('meetings:invitations.email.link', {
        url: `${deps.publicUrl}${paths.meeting(meeting.id)}`,
      }),
    ].join('\n');
  }

  return {
    /**
     * The invitations of a meeting, with how many came from each, and the invitees not yet
     * invited (a group formed since the invitations went out, say).
     */
    async invitations(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingsService.meetingAccess(
        db,
        principal,
        meetingId,
      );
      const provider = invitingProvider(meeting);
      const mayArrange = mayArrangeAgenda(relation);
      const [invitations, invitees] = await Promise.all([
        invitationsOf(db, meetingId),
        mayArrange ? provider.invitees(db) : Promise.resolve([]),
      ]);
      const invited = new Set(invitations.map((i) => i.inviteeId));
      return {
        meeting,
        body,
        mayArrange,
        invitations,
        notYetInvited: invitees.filter((i) => !invited.has(i.id)),
        representatives: invitations.reduce((sum, i) => sum + (i.representatives ?? 0), 0),
        attendanceRecorded: invitations.some((i) => i.recordedAt !== null),
        started: meeting.startsAt <= now(),
      };
    },

    /**
     * IAG-32: invites every invitee not yet invited, e-mailing each one's contacts. Sending again
     * later invites only those added since; nobody is invited twice.
     */
    async inviteAll(principal: Principal, meetingId: string, requestId?: string) {
      const user = requireUser(principal);
      return db.transaction(async (tx) => {
        const { meeting, body, relation } = await meetingsService.meetingAccess(
          tx,
          principal,
          meetingId,
          true,
        );
        const provider = invitingProvider(meeting);
        meetingsService.requireArranger(relation);
        if (meeting.status !== 'scheduled')
          throw new ConflictError(
            meeting.status === 'cancelled'
              ? t('meetings:invitations.errors.cancelled')
              : t('meetings:invitations.errors.held'),
            'invitations',
          );
        const [invitees, already] = await Promise.all([
          provider.invitees(tx),
          invitationsOf(tx, meetingId),
        ]);
        const invited = new Set(already.map((i) => i.inviteeId));
        const fresh = invitees.filter((i) => !invited.has(i.id));
        if (fresh.length === 0)
          throw new ConflictError(t('meetings:invitations.errors.allInvited'), 'invitations');
        const at = now();
        const rows = fresh.map((invitee) => ({
          meetingId,
          inviteeId: invitee.id,
          inviteeName: invitee.name,
          contactsEmailed: invitee.contacts.filter((c) => c.email).length,
          invitedBy: user.userId,
          invitedAt: at,
        }));
        await tx.insert(meetingInvitations).values(rows);
        await mail.queueMany(
          tx,
          fresh.flatMap((invitee) =>
            invitee.contacts.flatMap((contact) =>
              contact.email
                ? [
                    {
                      to: contact.email,
                      subject: t('meetings:invitations.email.subject', {
                        title: meeting.title,
                        when: meetingWhen(meeting, t),
                      }),
                      text: invitationText(
                        meeting,
                        body?.name ?? t('meetings:invitations.email.theConference'),
                        invitee,
                        contact.name,
                      ),
                    },
                  ]
                : [],
            ),
          ),
        );
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'meeting.invitations-sent',
          recordType: 'meeting',
          recordId: meetingId,
          after: rows.map((r) => ({
            invitee: r.inviteeId,
            name: r.inviteeName,
            contactsEmailed: r.contactsEmailed,
          })),
        });
        return {
          invited: rows.length,
          withoutContacts: rows.filter((r) => r.contactsEmailed === 0).length,
        };
      });
    },

    async attendanceForm(principal: Principal, meetingId: string) {
      const { meeting, body, relation } = await meetingsService.meetingAccess(
        db,
        principal,
        meetingId,
      );
      invitingProvider(meeting);
      meetingsService.requireArranger(relation);
      meetingsService.requireAttendanceRecordable(meeting);
      const invitations = await invitationsOf(db, meetingId);
      if (invitations.length === 0)
        throw new ConflictError(t('meetings:invitations.errors.nobodyInvited'));
      return { meeting, body, invitations };
    },

    /**
     * IAG-32: how many representatives came from each group invited; recording it marks the
     * meeting held. It may be corrected later.
     */
    async recordAttendance(
      principal: Principal,
      meetingId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      return db.transaction(async (tx) => {
        const { meeting, relation } = await meetingsService.meetingAccess(
          tx,
          principal,
          meetingId,
          true,
        );
        invitingProvider(meeting);
        meetingsService.requireArranger(relation);
        meetingsService.requireAttendanceRecordable(meeting, 'attendance');
        const invitations = await invitationsOf(tx, meetingId);
        if (invitations.length === 0)
          throw new ConflictError(t('meetings:invitations.errors.nobodyInvited'));
        const errors: FieldError[] = [];
        const counts = invitations.map((invitation) => {
          const field = `representatives-${invitation.inviteeId}`;
          const result = checkRepresentatives(input[field], invitation.inviteeName);
          if (typeof result !== 'number') errors.push({ field, message: say(t, result) });
          return { invitation, count: typeof result === 'number' ? result : 0 };
        });
        if (errors.length) throw new ValidationError(errors);
        const at = now();
        // One statement for every invitation: each row's count picked by its invitee.
        const byInvitee = sql.join(
          counts.map((c) => sql`when ${c.invitation.inviteeId}::uuid then ${c.count}::int`),
          sql` `,
        );
        await tx
          .update(meetingInvitations)
          .set({
            representatives: sql`case ${meetingInvitations.inviteeId} ${byInvitee} end`,
            recordedBy: user.userId,
            recordedAt: at,
          })
          .where(eq(meetingInvitations.meetingId, meetingId));
        await tx
          .update(meetings)
          .set({
            status: 'held',
            attendanceRecordedAt: at,
            updatedAt: at,
            version: sql`${meetings.version} + 1`,
          })
          .where(eq(meetings.id, meetingId));
        const corrected = invitations.some((i) => i.recordedAt !== null);
        await recordAudit(tx, actorOf(user, requestId), {
          action: corrected ? 'meeting.attendance-corrected' : 'meeting.attendance-recorded',
          recordType: 'meeting',
          recordId: meetingId,
          before: invitations.map((i) => ({
            invitee: i.inviteeId,
            representatives: i.representatives,
          })),
          after: counts.map((c) => ({ invitee: c.invitation.inviteeId, representatives: c.count })),
        });
        return counts.reduce((sum, c) => sum + c.count, 0);
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
