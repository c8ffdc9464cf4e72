import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from './route-deps.js';
import { pageRequest } from '../../platform/db/search.js';
import type { FieldError } from '../../platform/errors.js';
import { documentLabel, fileSizeText } from '../../platform/files/document-types.js';
import { dateParts } from '../../platform/http/form-fields.js';
import { paginationFor } from '../../platform/http/pagination.js';
import {
  field,
  formValues,
  redirectWithFlash,
  withFormErrors,
} from '../../platform/http/render.js';
import type { Body, BodyType } from './bodies.js';
import { meetingPaths as paths } from './paths.js';
import { meetingWhen } from './presenters.js';
import {
  ACTION_STATUS_LABELS,
  ATTENDANCE_LABELS,
  MEETING_FORMAT_LABELS,
  MEETING_FORMATS,
  MEETING_STATUS_LABELS,
  mayAttachPaper,
} from './rules.js';
import type { Meeting } from './service.js';

const T = 'modules/meetings/views';
// Who may see a meeting depends on the body (its members, chair, staff), so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };
const PAGE_SIZE = 20;

const home = { text: 'Home', href: '/' };

type Values = Record<string, string | string[]>;

export function registerMeetingRoutes({ app, services, renderPage }: RouteDeps): void {
  const { meetings, meetingMinutes, meetingPage } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const prefixOf = (type: BodyType) => meetings.providers.find((p) => p.type === type)!.pathPrefix;
  const bodyCrumb = (b: Body) => ({ text: b.name, href: b.href });
  const meetingsCrumb = (b: Body) => ({
    text: 'Meetings',
    href: paths.bodyMeetings(prefixOf(b.type), b.id),
  });
  const meetingCrumb = (m: Meeting) => ({ text: meetingWhen(m), href: paths.meeting(m.id) });
  const labels = {
    formats: MEETING_FORMAT_LABELS,
    statuses: MEETING_STATUS_LABELS,
    attendance: ATTENDANCE_LABELS,
    actions: ACTION_STATUS_LABELS,
  };

  for (const provider of meetings.providers) {
    const prefix = provider.pathPrefix;
    const type = provider.type;

    app.get(`${prefix}/:bodyId/meetings`, signedIn, async (request, reply) => {
      // An absurd page number (1e400, -1) is the first page, never an infinite offset.
      const { page } = pageRequest((request.query as Record<string, unknown>).page, PAGE_SIZE);
      const result = await meetings.bodyMeetings(request.principal, type, params(request).bodyId!, {
        page,
        limit: PAGE_SIZE,
      });
      const base = paths.bodyMeetings(prefix, result.body.id);
      return renderPage(request, reply, `${T}/body-meetings.njk`, {
        title: `Meetings: ${result.body.name}`,
        breadcrumbs: [home, bodyCrumb(result.body)],
        ...result,
        when: meetingWhen,
        pagination: paginationFor(base, {}, page, PAGE_SIZE, result.pastTotal),
        scheduleHref: paths.schedule(prefix, result.body.id),
        withdrawHref: (personId: string) => paths.withdraw(prefix, result.body.id, personId),
        labels,
        paths,
      });
    });

    const showScheduleForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Values,
      errors?: FieldError[],
      status = 200,
    ) => {
      const { body: b } = await meetings.scheduleForm(
        request.principal,
        type,
        params(request).bodyId!,
      );
      return renderPage(
        request,
        reply,
        `${T}/schedule.njk`,
        {
          title: `Schedule a meeting: ${b.name}`,
          breadcrumbs: [home, bodyCrumb(b), meetingsCrumb(b)],
          body: b,
          intervalText: b.intervalMonths === 1 ? 'Every month' : `Every ${b.intervalMonths} months`,
          action: paths.schedule(prefix, b.id),
          formatItems: MEETING_FORMATS.map((f) => ({
            value: f,
            text: MEETING_FORMAT_LABELS[f],
            checked: values.format === f,
          })),
          values: { title: `${b.name} meeting`, repeat: 'once', ...values },
          errors,
        },
        status,
      );
    };

    app.get(`${prefix}/:bodyId/meetings/new`, signedIn, async (request, reply) =>
      showScheduleForm(request, reply, dateParts('date', null)),
    );

    app.post(`${prefix}/:bodyId/meetings/new`, signedIn, async (request, reply) => {
      const bodyId = params(request).bodyId!;
      return withFormErrors(
        async () => {
          const created = await meetings.schedule(
            request.principal,
            type,
            bodyId,
            body(request),
            request.id,
          );
          return redirectWithFlash(
            reply,
            created.length > 1 ? paths.bodyMeetings(prefix, bodyId) : paths.meeting(created[0]!.id),
            created.length > 1
              ? `${created.length} meetings have been scheduled`
              : 'The meeting has been scheduled',
          );
        },
        (errors, status) => showScheduleForm(request, reply, body(request), errors, status),
      );
    });

    const showWithdrawForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Values,
      errors?: FieldError[],
      status = 200,
    ) => {
      const { bodyId, personId } = params(request) as { bodyId: string; personId: string };
      const form = await meetings.withdrawalForm(request.principal, type, bodyId, personId);
      return renderPage(
        request,
        reply,
        `${T}/withdraw.njk`,
        {
          title: `Withdraw ${form.member.name}'s membership`,
          breadcrumbs: [home, bodyCrumb(form.body), meetingsCrumb(form.body)],
          ...form,
          when: meetingWhen,
          action: paths.withdraw(prefix, bodyId, personId),
          values,
          errors,
          labels,
        },
        status,
      );
    };

    app.get(`${prefix}/:bodyId/absences/:personId/withdraw`, signedIn, async (request, reply) =>
      showWithdrawForm(request, reply, {}),
    );

    app.post(`${prefix}/:bodyId/absences/:personId/withdraw`, signedIn, async (request, reply) => {
      const { bodyId, personId } = params(request) as { bodyId: string; personId: string };
      return withFormErrors(
        async () => {
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
            `${name}'s membership has been withdrawn`,
          );
        },
        (errors, status) => showWithdrawForm(request, reply, body(request), errors, status),
      );
    });
  }

  // One meeting

  const showMeeting = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { papers, ...result } = await meetingPage.show(
      request.principal,
      params(request).meetingId!,
    );
    const userId = request.principal?.kind === 'user' ? request.principal.userId : null;
    return renderPage(
      request,
      reply,
      `${T}/meeting.njk`,
      {
        title: `${result.meeting.title}, ${meetingWhen(result.meeting)}`,
        breadcrumbs: [home, bodyCrumb(result.body), meetingsCrumb(result.body)],
        ...result,
        papersOf: (itemId: string) =>
          papers
            .filter((p) => p.agendaItemId === itemId)
            .map((p) => ({
              ...p,
              href: paths.paper(result.meeting.id, p.id),
              description: `${documentLabel(p.mediaType)}, ${fileSizeText(p.sizeBytes)}`,
              mayRemove: result.mayArrange || p.uploadedBy === userId,
            })),
        mayAttachTo: (item: { tabledByUserId: string | null }) =>
          result.meeting.status !== 'cancelled' &&
          mayAttachPaper({ arranges: result.mayArrange, userId }, item),
        when: meetingWhen(result.meeting),
        whenOf: meetingWhen,
        labels,
        paths,
        errors,
      },
      status,
    );
  };

  app.get('/meetings/:meetingId', signedIn, async (request, reply) => showMeeting(request, reply));

  const showTablingForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const {
      meeting,
      body: b,
      relation,
    } = await meetings.tablingForm(request.principal, params(request).meetingId!);
    return renderPage(
      request,
      reply,
      `${T}/table-item.njk`,
      {
        title: 'Table an item for the agenda',
        breadcrumbs: [home, bodyCrumb(b), meetingsCrumb(b), meetingCrumb(meeting)],
        meeting,
        body: b,
        when: meetingWhen(meeting),
        direct: relation.chair || relation.secretariat,
        action: paths.tableItem(meeting.id),
        values,
        errors,
      },
      status,
    );
  };

  app.get('/meetings/:meetingId/items/new', signedIn, async (request, reply) =>
    showTablingForm(request, reply, {}),
  );

  app.post('/meetings/:meetingId/items/new', signedIn, async (request, reply) => {
    const meetingId = params(request).meetingId!;
    return withFormErrors(
      async () => {
        const item = await meetings.tableItem(
          request.principal,
          meetingId,
          body(request),
          request.id,
        );
        return redirectWithFlash(
          reply,
          paths.meeting(meetingId),
          item.status === 'accepted'
            ? `“${item.title}” is on the agenda`
            : `“${item.title}” has been tabled. The chair will decide whether it goes on the agenda`,
        );
      },
      (errors, status) => showTablingForm(request, reply, body(request), errors, status),
    );
  });

  app.post('/meetings/:meetingId/items/:itemId/:action', signedIn, async (request, reply) => {
    const { meetingId, itemId, action } = params(request) as Record<string, string>;
    return withFormErrors(
      async () => {
        const { message } = await meetings.arrangeItem(
          request.principal,
          meetingId!,
          itemId!,
          action!,
          request.id,
        );
        return redirectWithFlash(reply, `${paths.meeting(meetingId!)}#agenda`, message);
      },
      (errors, status) => showMeeting(request, reply, errors, status),
    );
  });

  app.post('/meetings/:meetingId/publish', signedIn, async (request, reply) => {
    const meetingId = params(request).meetingId!;
    return withFormErrors(
      async () => {
        await meetings.publishAgenda(request.principal, meetingId, request.id);
        return redirectWithFlash(reply, paths.meeting(meetingId), 'The agenda has been published');
      },
      (errors, status) => showMeeting(request, reply, errors, status),
    );
  });

  const showAttendanceForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const form = await meetings.attendanceForm(request.principal, params(request).meetingId!);
    const valueOf = (personId: string) =>
      (values[`attendance-${personId}`] as string | undefined) ?? form.recorded[personId];
    const row = (entry: { personId: string; name: string; capacity?: string | null }) => ({
      personId: entry.personId,
      name: entry.name,
      capacity: entry.capacity ?? null,
      items: (['present', 'apologies', 'absent'] as const).map((s) => ({
        value: s,
        text: ATTENDANCE_LABELS[s],
        checked: valueOf(entry.personId) === s,
      })),
    });
    return renderPage(
      request,
      reply,
      `${T}/attendance.njk`,
      {
        title: 'Record attendance',
        breadcrumbs: [
          home,
          bodyCrumb(form.body),
          meetingsCrumb(form.body),
          meetingCrumb(form.meeting),
        ],
        meeting: form.meeting,
        body: form.body,
        when: meetingWhen(form.meeting),
        members: form.roll.filter((r) => r.kind === 'member').map(row),
        police: form.roll.filter((r) => r.kind === 'police').map(row),
        former: form.formerAttendees.map((f) =>
          row({ personId: f.personId, name: 'A former member', capacity: f.capacity }),
        ),
        action: paths.attendance(form.meeting.id),
        errors,
      },
      status,
    );
  };

  app.get('/meetings/:meetingId/attendance', signedIn, async (request, reply) =>
    showAttendanceForm(request, reply, {}),
  );

  app.post('/meetings/:meetingId/attendance', signedIn, async (request, reply) => {
    const meetingId = params(request).meetingId!;
    return withFormErrors(
      async () => {
        await meetings.recordAttendance(request.principal, meetingId, body(request), request.id);
        return redirectWithFlash(reply, paths.meeting(meetingId), 'Attendance has been recorded');
      },
      (errors, status) =>
        errors.some((e) => e.field.startsWith('attendance-'))
          ? showAttendanceForm(request, reply, body(request), errors, status)
          : showMeeting(request, reply, errors, status),
    );
  });

  const showCancelForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { meeting, body: b } = await meetings.cancelForm(
      request.principal,
      params(request).meetingId!,
    );
    return renderPage(
      request,
      reply,
      `${T}/cancel.njk`,
      {
        title: 'Cancel the meeting',
        breadcrumbs: [home, bodyCrumb(b), meetingsCrumb(b), meetingCrumb(meeting)],
        meeting,
        body: b,
        when: meetingWhen(meeting),
        action: paths.cancel(meeting.id),
        values: formValues(values),
        errors,
      },
      status,
    );
  };

  app.get('/meetings/:meetingId/cancel', signedIn, async (request, reply) =>
    showCancelForm(request, reply, {}),
  );

  app.post('/meetings/:meetingId/cancel', signedIn, async (request, reply) => {
    const meetingId = params(request).meetingId!;
    return withFormErrors(
      async () => {
        await meetings.cancel(request.principal, meetingId, body(request), request.id);
        return redirectWithFlash(reply, paths.meeting(meetingId), 'The meeting has been cancelled');
      },
      (errors, status) => showCancelForm(request, reply, body(request), errors, status),
    );
  });

  // Approving earlier minutes, and closing actions, happen at this meeting: refusals show on it.

  app.post('/meetings/:meetingId/approvals', signedIn, async (request, reply) => {
    const meetingId = params(request).meetingId!;
    return withFormErrors(
      async () => {
        const { meeting } = await meetingMinutes.approve(
          request.principal,
          meetingId,
          field(request.body, 'minutesId'),
          request.id,
        );
        return redirectWithFlash(
          reply,
          `${paths.meeting(meetingId)}#minutes`,
          `The minutes of ${meetingWhen(meeting)} have been approved`,
        );
      },
      (errors, status) => showMeeting(request, reply, errors, status),
    );
  });

  app.post('/meetings/:meetingId/actions/:actionId/:outcome', signedIn, async (request, reply) => {
    const { meetingId, actionId, outcome } = params(request) as Record<string, string>;
    return withFormErrors(
      async () => {
        const closed = await meetingMinutes.closeAction(
          request.principal,
          meetingId!,
          actionId!,
          outcome!,
          request.id,
        );
        return redirectWithFlash(
          reply,
          `${paths.meeting(meetingId!)}#actions`,
          closed.status === 'done'
            ? 'The action has been reported done at this meeting'
            : 'The action has been closed as no longer needed',
        );
      },
      (errors, status) => showMeeting(request, reply, errors, status),
    );
  });
}
