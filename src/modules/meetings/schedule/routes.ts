/** A body's meetings: the list, scheduling one or a series, cancelling one. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formValues, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import type { Body, BodyType } from '../bodies.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingLabels, meetingWhen } from '../presenters.js';
import { MEETING_FORMAT_LABELS, MEETING_FORMATS } from '../rules.js';
import type { Meeting } from '../access.js';

const T = 'modules/meetings/schedule/views';
// Who may see a meeting depends on the body (its members, chair, staff), so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };
const PAGE_SIZE = 20;

const home = { text: 'Home', href: '/' };

type Values = Record<string, string | string[] | undefined>;

export function registerScheduleRoutes({ app, services, renderPage }: RouteDeps): void {
  const { meetings } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const prefixOf = (type: BodyType) => meetings.providers.find((p) => p.type === type)!.pathPrefix;
  const bodyCrumb = (b: Body) => ({ text: b.name, href: b.href });
  const meetingsCrumb = (b: Body) => ({
    text: 'Meetings',
    href: paths.bodyMeetings(prefixOf(b.type), b.id),
  });
  const meetingCrumb = (m: Meeting) => ({ text: meetingWhen(m), href: paths.meeting(m.id) });
  const labels = meetingLabels;

  for (const provider of meetings.providers) {
    const prefix = provider.pathPrefix;
    const type = provider.type;

    app.get(paths.bodyMeetings.pattern(prefix), signedIn, async (request, reply) => {
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

    registerFormPage(app, paths.schedule.pattern(prefix), signedIn, {
      initial: () => dateParts('date', null),
      show: showScheduleForm,
      async submit(request, reply) {
        const bodyId = params(request).bodyId!;
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
    });
  }

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

  registerFormPage(app, paths.cancel.pattern, signedIn, {
    show: showCancelForm,
    async submit(request, reply) {
      const meetingId = params(request).meetingId!;
      await meetings.cancel(request.principal, meetingId, body(request), request.id);
      return redirectWithFlash(reply, paths.meeting(meetingId), 'The meeting has been cancelled');
    },
  });
}
