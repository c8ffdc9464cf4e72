/** A meeting's page and its agenda: tabling, arranging and publishing it; approving earlier minutes and closing actions, whose refusals show on the page. */
import type { FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import {
  field,
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormShow,
} from '../../../platform/http/render.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingCrumbs, meetingWhen, saveForMeeting } from '../presenters.js';
import { meetingPageRenderer } from './meeting-page.js';
import { say } from '../../../platform/i18n/said.js';

const T = 'modules/meetings/agenda/views';
// Who may see a meeting depends on the body (its members, chair, staff), so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };

export function registerAgendaRoutes(deps: RouteDeps): void {
  const { app, services, renderPage } = deps;
  const { meetings, meetingMinutes } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  const crumbs = (request: FastifyRequest) => meetingCrumbs(meetings.providers, request.t);

  // One meeting

  const showMeeting = meetingPageRenderer(deps);

  app.get(paths.meeting.pattern, signedIn, async (request, reply) => showMeeting(request, reply));
  // The buttons on the meeting's page: a refusal shows that page again, with its reason.
  const onMeetingPage: FormShow = (request, reply, _values, errors, status) =>
    showMeeting(request, reply, errors, status);

  const showTablingForm = formShow(renderPage, `${T}/table-item.njk`, async (request) => {
    const {
      meeting,
      body: b,
      relation,
    } = await meetings.tablingForm(request.principal, params(request).meetingId!);
    const crumb = crumbs(request);
    return {
      title: request.t('meetings:agenda.table.title'),
      breadcrumbs: [crumb.home, crumb.body(b), crumb.meetings(b), crumb.meeting(meeting)],
      meeting,
      body: b,
      when: meetingWhen(meeting, request.t),
      direct: relation.chair || relation.secretariat,
      action: paths.tableItem(meeting.id),
    };
  });

  registerFormPage(app, paths.tableItem.pattern, signedIn, {
    show: showTablingForm,
    submit: saveForMeeting(meetings.tableItem, (meetingId, item, request) => ({
      to: paths.meeting(meetingId),
      message: request.t(
        item.status === 'accepted'
          ? 'meetings:agenda.table.accepted'
          : 'meetings:agenda.table.tabled',
        { title: item.title },
      ),
    })),
  });

  registerFormPage(app, paths.arrangeItem.pattern, signedIn, {
    shownElsewhere: true,
    show: onMeetingPage,
    async submit(request, reply) {
      const { meetingId, itemId, action } = params(request) as Record<string, string>;
      const { message } = await meetings.arrangeItem(
        request.principal,
        meetingId!,
        itemId!,
        action!,
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.meeting(meetingId!)}#agenda`,
        say(request.t, message),
      );
    },
  });

  registerFormPage(app, paths.publishAgenda.pattern, signedIn, {
    shownElsewhere: true,
    show: onMeetingPage,
    async submit(request, reply) {
      const meetingId = params(request).meetingId!;
      await meetings.publishAgenda(request.principal, meetingId, request.id);
      return redirectWithFlash(
        reply,
        paths.meeting(meetingId),
        request.t('meetings:meeting.agenda.publishedFlash'),
      );
    },
  });

  // Approving earlier minutes, and closing actions, happen at this meeting: refusals show on it.

  registerFormPage(app, paths.approve.pattern, signedIn, {
    shownElsewhere: true,
    show: onMeetingPage,
    async submit(request, reply) {
      const meetingId = params(request).meetingId!;
      const { meeting } = await meetingMinutes.approve(
        request.principal,
        meetingId,
        field(request.body, 'minutesId'),
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.meeting(meetingId)}#minutes`,
        request.t('meetings:meeting.minutes.approvedFlash', {
          when: meetingWhen(meeting, request.t),
        }),
      );
    },
  });

  registerFormPage(app, paths.closeAction.pattern, signedIn, {
    shownElsewhere: true,
    show: onMeetingPage,
    async submit(request, reply) {
      const { meetingId, actionId, outcome } = params(request) as Record<string, string>;
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
        request.t(
          closed.status === 'done'
            ? 'meetings:meeting.actions.doneFlash'
            : 'meetings:meeting.actions.droppedFlash',
        ),
      );
    },
  });
}
