import type { FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import type { Body } from '../bodies.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingBreadcrumbs, meetingWhen, saveForMeeting } from '../presenters.js';
import { ADVICE_USES } from '../rules.js';
import type { Meeting } from '../access.js';
import { formatDate } from '../../../platform/i18n/dates.js';

const T = 'modules/meetings/minutes/views';
// Who may see or run a meeting depends on its body, so the services decide.
const signedIn = { config: { access: 'signed-in' as const } };

export function registerMinutesRoutes({ app, services, renderPage }: RouteDeps): void {
  const { meetingMinutes, meetings } = services;
  const meetingId = (request: FastifyRequest) =>
    (request.params as Record<string, string>).meetingId!;
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

  // What every form about one meeting shows above its fields.
  const aboutMeeting = (request: FastifyRequest, form: { body: Body; meeting: Meeting }) => ({
    breadcrumbs: crumbs(request, form.body, form.meeting),
    meeting: form.meeting,
    body: form.body,
    when: meetingWhen(form.meeting, request.t),
  });

  const showDraftForm = formShow(
    renderPage,
    `${T}/minutes-form.njk`,
    async (request, values, errors) => {
      // Empty at first: the saved draft; after a refusal, what was sent.
      const sent = errors ? values : null;
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
          value: sent ? (sent[`minute-${item.id}`] ?? '') : written(item.id),
        })),
        {
          field: 'other',
          heading: request.t('meetings:minutes.draft.otherBusiness'),
          confidential: false,
          // Kept under its heading in the default language (the service's), whoever reads it.
          value: sent
            ? (sent.other ?? '')
            : written(null, services.t('meetings:minutes.draft.otherBusiness')),
        },
      ];
      return {
        title: request.t('meetings:minutes.draft.title'),
        ...aboutMeeting(request, form),
        entries,
        action: paths.draftMinutes(form.meeting.id),
      };
    },
  );

  registerFormPage(app, paths.draftMinutes.pattern, signedIn, {
    show: showDraftForm,
    submit: saveForMeeting(meetingMinutes.saveDraft, (id, _saved, request) => ({
      to: paths.minutes(id),
      message: request.t('meetings:minutes.draft.saved'),
    })),
  });

  const showAdviceForm = formShow(renderPage, `${T}/advice-form.njk`, async (request, values) => {
    const form = await meetingMinutes.adviceForm(request.principal, meetingId(request));
    return {
      title: request.t('meetings:minutes.advice.title'),
      ...aboutMeeting(request, form),
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
            { reference: a.reference, advisor: a.advisor, date: formatDate(request.t, a.givenOn) },
          ),
          selected: values.cite === a.id,
        })),
      ],
      action: paths.addAdvice(form.meeting.id),
    };
  });

  registerFormPage(app, paths.addAdvice.pattern, signedIn, {
    show: showAdviceForm,
    submit: saveForMeeting(meetingMinutes.addAdvice, (id, _saved, request) => ({
      to: `${paths.minutes(id)}#advice`,
      message: request.t('meetings:minutes.advice.recorded'),
    })),
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

  registerFormPage(app, paths.correction.pattern, signedIn, {
    show: formShow(renderPage, `${T}/correction-form.njk`, async (request) => {
      const form = await meetingMinutes.correctionForm(request.principal, meetingId(request));
      return {
        title: request.t('meetings:minutes.correction.title'),
        ...form,
        ...aboutMeeting(request, form),
        action: paths.correction(form.meeting.id),
      };
    }),
    submit: saveForMeeting(meetingMinutes.draftCorrection, (id, _saved, request) => ({
      to: paths.minutes(id),
      message: request.t('meetings:minutes.correction.drafted'),
    })),
  });

  // Actions arising

  registerFormPage(app, paths.addAction.pattern, signedIn, {
    show: formShow(renderPage, `${T}/action-form.njk`, async (request) => {
      const form = await meetingMinutes.actionForm(request.principal, meetingId(request));
      return {
        title: request.t('meetings:minutes.action.title'),
        ...form,
        ...aboutMeeting(request, form),
        action: paths.addAction(form.meeting.id),
      };
    }),
    submit: saveForMeeting(meetingMinutes.addAction, (id, _saved, request) => ({
      to: `${paths.meeting(id)}#actions`,
      message: request.t('meetings:minutes.action.recorded'),
    })),
  });
}
