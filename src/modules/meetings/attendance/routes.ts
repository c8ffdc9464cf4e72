/** Attendance at a meeting, and withdrawing a member for absence (IAG-21f). */
import type { FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingBreadcrumbs, meetingCrumbs, meetingWhen, saveForMeeting } from '../presenters.js';
import { meetingPageRenderer } from '../agenda/meeting-page.js';
import type { Meeting } from '../access.js';

const T = 'modules/meetings/attendance/views';
// Who may see a meeting depends on the body (its members, chair, staff), so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerAttendanceRoutes(deps: RouteDeps): void {
  const { app, services, renderPage } = deps;
  // A refusal that is not about the form's fields shows on the meeting's page.
  const showMeeting = meetingPageRenderer(deps);
  const { meetings } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const crumbs = (request: FastifyRequest) => meetingCrumbs(meetings.providers, request.t);

  for (const provider of meetings.providers) {
    const prefix = provider.pathPrefix;
    const type = provider.type;

    const showWithdrawForm = formShow(renderPage, `${T}/withdraw.njk`, async (request) => {
      const { bodyId, personId } = params(request) as { bodyId: string; personId: string };
      const form = await meetings.withdrawalForm(request.principal, type, bodyId, personId);
      const crumb = crumbs(request);
      return {
        title: request.t('meetings:attendance.withdraw.title', { name: form.member.name }),
        breadcrumbs: [crumb.home, crumb.body(form.body), crumb.meetings(form.body)],
        ...form,
        when: (m: Meeting) => meetingWhen(m, request.t),
        action: paths.withdraw(prefix, bodyId, personId),
      };
    });

    registerFormPage(app, paths.withdraw.pattern(prefix), signedIn, {
      show: showWithdrawForm,
      async submit(request, reply) {
        const { bodyId, personId } = params(request) as { bodyId: string; personId: string };
        const { name } = await meetings.withdrawForAbsence(
          request.principal,
          type,
          bodyId,
          personId,
          body(request),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.bodyMeetings(prefix, bodyId),
          request.t('meetings:attendance.withdraw.withdrawn', { name }),
        );
      },
    });
  }

  const showAttendanceForm = formShow(
    renderPage,
    `${T}/attendance.njk`,
    async (request, values) => {
      const form = await meetings.attendanceForm(request.principal, params(request).meetingId!);
      const valueOf = (personId: string) =>
        (values[`attendance-${personId}`] as string | undefined) ?? form.recorded[personId];
      const row = (entry: { personId: string; name: string; capacity?: string | null }) => ({
        personId: entry.personId,
        name: entry.name,
        capacity: entry.capacity ?? null,
        items: (['present', 'apologies', 'absent'] as const).map((s) => ({
          value: s,
          text: request.t(`meetings:attendanceStatus.${s}`),
          checked: valueOf(entry.personId) === s,
        })),
      });
      return {
        title: request.t('meetings:attendance.form.title'),
        breadcrumbs: meetingBreadcrumbs(meetings.providers, request.t, form.body, form.meeting),
        meeting: form.meeting,
        body: form.body,
        when: meetingWhen(form.meeting, request.t),
        members: form.roll.filter((r) => r.kind === 'member').map(row),
        police: form.roll.filter((r) => r.kind === 'police').map(row),
        former: form.formerAttendees.map((f) =>
          row({
            personId: f.personId,
            name: request.t('meetings:attendance.form.formerMember'),
            capacity: f.capacity,
          }),
        ),
        action: paths.attendance(form.meeting.id),
      };
    },
  );

  registerFormPage(app, paths.attendance.pattern, signedIn, {
    // A refusal about a person's attendance shows on the form; any other, on the meeting's page.
    show: (request, reply, values, errors, status) =>
      !errors || errors.some((e) => e.field.startsWith('attendance-'))
        ? showAttendanceForm(request, reply, values, errors, status)
        : showMeeting(request, reply, errors, status),
    submit: saveForMeeting(meetings.recordAttendance, (meetingId, _saved, request) => ({
      to: paths.meeting(meetingId),
      message: request.t('meetings:attendance.form.recorded'),
    })),
  });
}
