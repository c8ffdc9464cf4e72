import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import type { FieldError } from '../../../platform/errors.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingBreadcrumbs, meetingWhen, saveForMeeting } from '../presenters.js';

const T = 'modules/meetings/invitations/views';
// Who may see or send invitations depends on the meeting's body, so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };

/** 'A, B and C', or the first ten and how many more. */
function namesList(names: string[], t: Translate, shown = 10): string {
  if (names.length > shown)
    return t('meetings:common.list.more', {
      first: names.slice(0, shown).join(', '),
      count: names.length - shown,
    });
  return names.length > 1
    ? t('meetings:common.list.two', { first: names.slice(0, -1).join(', '), last: names.at(-1) })
    : (names[0] ?? '');
}

/** Invitations to a meeting attended by delegations, and attendance by delegation (IAG-32). */
export function registerInvitationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { meetingInvitations: invitations, meetings } = services;
  const meetingIdOf = (request: FastifyRequest) =>
    (request.params as Record<string, string>).meetingId!;

  const showInvitations = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const result = await invitations.invitations(request.principal, meetingIdOf(request));
    return renderPage(
      request,
      reply,
      `${T}/invitations.njk`,
      {
        title: request.t('meetings:invitations.list.title', { title: result.meeting.title }),
        breadcrumbs: meetingBreadcrumbs(meetings.providers, request.t, result.body, result.meeting),
        ...result,
        notYetInvitedNames: namesList(
          result.notYetInvited.map((i) => i.name),
          request.t,
        ),
        when: meetingWhen(result.meeting, request.t),
        paths,
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.invitations.pattern, signedIn, {
    show: (request, reply, _values, errors, status) =>
      showInvitations(request, reply, errors, status),
    async submit(request, reply) {
      const meetingId = meetingIdOf(request);
      const sent = await invitations.inviteAll(request.principal, meetingId, request.id);
      const unreached =
        sent.withoutContacts === 0
          ? ''
          : request.t('meetings:invitations.list.unreached', { count: sent.withoutContacts });
      return redirectWithFlash(
        reply,
        paths.invitations(meetingId),
        request.t('meetings:invitations.list.sent', { count: sent.invited }) + unreached,
      );
    },
  });

  const showAttendanceForm = formShow(
    renderPage,
    `${T}/invitation-attendance.njk`,
    async (request, values) => {
      const form = await invitations.attendanceForm(request.principal, meetingIdOf(request));
      return {
        title: request.t('meetings:invitations.attendance.title'),
        breadcrumbs: meetingBreadcrumbs(meetings.providers, request.t, form.body, form.meeting),
        ...form,
        when: meetingWhen(form.meeting, request.t),
        valueOf: (inviteeId: string, recorded: number | null) =>
          values[`representatives-${inviteeId}`] ?? (recorded === null ? '' : String(recorded)),
        action: paths.invitationAttendance(form.meeting.id),
      };
    },
  );

  registerFormPage(app, paths.invitationAttendance.pattern, signedIn, {
    // A refusal about a group's number shows on the form; any other, on the invitations page.
    show: (request, reply, values, errors, status) =>
      !errors || errors.some((e) => e.field.startsWith('representatives-'))
        ? showAttendanceForm(request, reply, values, errors, status)
        : showInvitations(request, reply, errors, status),
    submit: saveForMeeting(invitations.recordAttendance, (meetingId, came, request) => ({
      to: paths.invitations(meetingId),
      message: request.t('meetings:invitations.attendance.recorded', { count: came }),
    })),
  });
}
