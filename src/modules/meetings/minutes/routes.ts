import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { formatDate } from '../../../platform/calendar/index.js';
import type { FieldError } from '../../../platform/errors.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import type { Body } from '../bodies.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingBreadcrumbs, meetingWhen } from '../presenters.js';
import { ADVICE_USES } from '../rules.js';
import type { Meeting } from '../access.js';

const T = 'modules/meetings/minutes/views';
// Who may see or run a meeting depends on its body, so the services decide.
const signedIn = { config: { access: 'signed-in' as const } };

type Values = Record<string, string | string[] | undefined>;

export function registerMinutesRoutes({ app, services, renderPage }: RouteDeps): void {
  const { meetingMinutes, meetings } = services;
  const meetingId = (request: FastifyRequest) =>
    (request.params as Record<string, string>).meetingId!;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const crumbs = (request: FastifyRequest, b: Body, m: Meeting) =>
    meetingBreadcrumbs(meetings.providers, request.t, b, m);

  app.get(paths.minutes.pattern, signedIn, async (request, reply) => {
    const result = await meetingMinutes.minutesOf(request.principal, meetingId(request));
    return renderPage(request, reply, `${T}/minutes.njk`, {
      title: request.t('meetings:minutes.view.title', {
        title: result.meeting.title,
        when: meetingWhen(result.meeting, request.t),
      }),
      breadcrumbs: crumbs(request, result.body, result.meeting),
      ...result,
      when: meetingWhen(result.meeting, request.t),
      approvedAt: (id: string | null) => {
        const m = id ? result.approvingMeetings[id] : undefined;
        return m ? meetingWhen(m, request.t) : null;
      },
      paths,
    });
  });

  const showDraftForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values | null,
    errors?: FieldError[],
    status = 200,
  ) => {
    const form = await meetingMinutes.draftForm(request.principal, meetingId(request));
    const written = (agendaItemId: string | null, heading?: string) =>
      form.items.find((i) =>
        agendaItemId ? i.agendaItemId === agendaItemId : i.heading === heading,
      )?.body ?? '';
    const entries = [
      ...form.agenda.map((item) => ({
        field: `minute-${item.id}`,
        heading: item.title,
        confidential: item.confidential,
        value: values ? (values[`minute-${item.id}`] ?? '') : written(item.id),
      })),
      {
        field: 'other',
        heading: request.t('meetings:minutes.draft.otherBusiness'),
        confidential: false,
        // Kept under its heading in the default language (the service's), whoever reads it.
        value: values
          ? (values.other ?? '')
          : written(null, services.t('meetings:minutes.draft.otherBusiness')),
      },
    ];
    return renderPage(
      request,
      reply,
      `${T}/minutes-form.njk`,
      {
        title: request.t('meetings:minutes.draft.title'),
        breadcrumbs: crumbs(request, form.body, form.meeting),
        meeting: form.meeting,
        body: form.body,
        when: meetingWhen(form.meeting, request.t),
        entries,
        action: paths.draftMinutes(form.meeting.id),
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.draftMinutes.pattern, signedIn, {
    // Empty at first: the saved draft; after a refusal, what was sent.
    show: (request, reply, values, errors, status) =>
      showDraftForm(request, reply, errors ? values : null, errors, status),
    async submit(request, reply) {
      await meetingMinutes.saveDraft(
        request.principal,
        meetingId(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.minutes(meetingId(request)),
        request.t('meetings:minutes.draft.saved'),
      );
    },
  });

  const showAdviceForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const form = await meetingMinutes.adviceForm(request.principal, meetingId(request));
    return renderPage(
      request,
      reply,
      `${T}/advice-form.njk`,
      {
        title: request.t('meetings:minutes.advice.title'),
        breadcrumbs: crumbs(request, form.body, form.meeting),
        meeting: form.meeting,
        body: form.body,
        when: meetingWhen(form.meeting, request.t),
        useItems: ADVICE_USES.map((u) => ({
          value: u,
          text: request.t(`meetings:adviceUse.${u}`),
          checked: values.use === u,
        })),
        citeItems: [
          { value: '', text: request.t('meetings:minutes.advice.citeNone') },
          ...form.citable.map((a) => ({
            value: a.id,
            text: request.t(
              a.outcome
                ? 'meetings:minutes.advice.citeItem'
                : 'meetings:minutes.advice.citeItemUnknownUse',
              { reference: a.reference, advisor: a.advisor, date: formatDate(a.givenOn) },
            ),
            selected: values.cite === a.id,
          })),
        ],
        action: paths.addAdvice(form.meeting.id),
        values,
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.addAdvice.pattern, signedIn, {
    show: showAdviceForm,
    async submit(request, reply) {
      await meetingMinutes.addAdvice(
        request.principal,
        meetingId(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.minutes(meetingId(request))}#advice`,
        request.t('meetings:minutes.advice.recorded'),
      );
    },
  });

  app.post(paths.removeAdvice.pattern, signedIn, async (request, reply) => {
    const { adviceId } = request.params as { adviceId: string };
    await meetingMinutes.removeAdvice(request.principal, meetingId(request), adviceId, request.id);
    return redirectWithFlash(
      reply,
      `${paths.minutes(meetingId(request))}#advice`,
      request.t('meetings:minutes.advice.removed'),
    );
  });

  const showCorrectionForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const form = await meetingMinutes.correctionForm(request.principal, meetingId(request));
    return renderPage(
      request,
      reply,
      `${T}/correction-form.njk`,
      {
        title: request.t('meetings:minutes.correction.title'),
        breadcrumbs: crumbs(request, form.body, form.meeting),
        ...form,
        when: meetingWhen(form.meeting, request.t),
        action: paths.correction(form.meeting.id),
        values,
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.correction.pattern, signedIn, {
    show: showCorrectionForm,
    async submit(request, reply) {
      await meetingMinutes.draftCorrection(
        request.principal,
        meetingId(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.minutes(meetingId(request)),
        request.t('meetings:minutes.correction.drafted'),
      );
    },
  });

  // Actions arising

  const showActionForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FieldError[],
    status = 200,
  ) => {
    const form = await meetingMinutes.actionForm(request.principal, meetingId(request));
    return renderPage(
      request,
      reply,
      `${T}/action-form.njk`,
      {
        title: request.t('meetings:minutes.action.title'),
        breadcrumbs: crumbs(request, form.body, form.meeting),
        ...form,
        when: meetingWhen(form.meeting, request.t),
        action: paths.addAction(form.meeting.id),
        values,
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.addAction.pattern, signedIn, {
    show: showActionForm,
    async submit(request, reply) {
      await meetingMinutes.addAction(
        request.principal,
        meetingId(request),
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.meeting(meetingId(request))}#actions`,
        request.t('meetings:minutes.action.recorded'),
      );
    },
  });
}
