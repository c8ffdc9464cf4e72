/** A body's meetings: the list, scheduling one or a series, cancelling one. */
import type { FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import type { Meeting } from '../access.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  formValues,
  redirectWithFlash,
  registerFormPage,
} from '../../../platform/http/render.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingCrumbs, meetingWhen, saveForMeeting } from '../presenters.js';
import { MEETING_FORMATS } from '../rules.js';

const T = 'modules/meetings/schedule/views';
// Who may see a meeting depends on the body (its members, chair, staff), so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };
const PAGE_SIZE = 20;

type Values = Record<string, string | string[] | undefined>;

export function registerScheduleRoutes({ app, services, renderPage }: RouteDeps): void {
  const { meetings } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const crumbs = (request: FastifyRequest) => meetingCrumbs(meetings.providers, request.t);

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
      const crumb = crumbs(request);
      return renderPage(request, reply, `${T}/body-meetings.njk`, {
        title: request.t('meetings:schedule.list.title', { body: result.body.name }),
        breadcrumbs: [crumb.home, crumb.body(result.body)],
        ...result,
        when: (m: Meeting) => meetingWhen(m, request.t),
        pagination: paginationFor(base, {}, page, PAGE_SIZE, result.pastTotal),
        scheduleHref: paths.schedule(prefix, result.body.id),
        withdrawHref: (personId: string) => paths.withdraw(prefix, result.body.id, personId),
        paths,
      });
    });

    const showScheduleForm = formShow(renderPage, `${T}/schedule.njk`, async (request, values) => {
      const { body: b } = await meetings.scheduleForm(
        request.principal,
        type,
        params(request).bodyId!,
      );
      const { t } = request;
      const crumb = crumbs(request);
      return {
        title: t('meetings:schedule.form.title', { body: b.name }),
        breadcrumbs: [crumb.home, crumb.body(b), crumb.meetings(b)],
        body: b,
        intervalText:
          b.intervalMonths === 1
            ? t('meetings:schedule.form.everyMonth')
            : t('meetings:schedule.form.everyMonths', { months: b.intervalMonths }),
        action: paths.schedule(prefix, b.id),
        formatItems: MEETING_FORMATS.map((f) => ({
          value: f,
          text: t(`meetings:meetingFormat.${f}`),
          checked: values.format === f,
        })),
        values: {
          title: t('meetings:schedule.form.defaultTitle', { body: b.name }),
          repeat: 'once',
          ...values,
        },
      };
    });

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
          request.t('meetings:schedule.form.scheduled', { count: created.length }),
        );
      },
    });
  }

  const showCancelForm = formShow(renderPage, `${T}/cancel.njk`, async (request, values) => {
    const { meeting, body: b } = await meetings.cancelForm(
      request.principal,
      params(request).meetingId!,
    );
    const crumb = crumbs(request);
    return {
      title: request.t('meetings:schedule.cancel.title'),
      breadcrumbs: [crumb.home, crumb.body(b), crumb.meetings(b), crumb.meeting(meeting)],
      meeting,
      body: b,
      when: meetingWhen(meeting, request.t),
      action: paths.cancel(meeting.id),
      values: formValues(values),
    };
  });

  registerFormPage(app, paths.cancel.pattern, signedIn, {
    show: showCancelForm,
    submit: saveForMeeting(meetings.cancel, (meetingId, _saved, request) => ({
      to: paths.meeting(meetingId),
      message: request.t('meetings:schedule.cancel.cancelled'),
    })),
  });
}
