/**
 * CON-01: the board's approval of a major consultation and its review of a closed one's results,
 * each naming the board's minute. Read by those who read consultation; recorded by those who
 * run it.
 */
import type { FastifyRequest } from 'fastify';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { MinuteReference } from '../../meetings/index.js';
import { consultationPaths } from '../paths.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { boardPaths as paths } from './paths.js';
import { presentMinute } from './presenter.js';

const T = 'modules/consultation/board/views';
const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const idOf = (request: FastifyRequest) =>
  (request.params as { consultationId: string }).consultationId;

/** The board's minutes as radio choices: the heading, then the meeting and its date. */
const minuteChoices = (t: Translate, minutes: readonly MinuteReference[], chosen: unknown) =>
  minutes.map((m) => ({
    value: m.minuteItemId,
    text: m.heading,
    hint: { text: presentMinute(t, m).meetingLine },
    checked: chosen === m.minuteItemId,
  }));

export function registerBoardDecisionRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationBoardDecisions: decisions } = services;
  const crumbs = (request: FastifyRequest, consultation: { id: string; title: string }) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('consultation:board.consultations'), href: consultationPaths.consultations },
    { text: consultation.title, href: consultationPaths.consultation(consultation.id) },
  ];

  // The GET is the consultation's approval page for readers; the form on it is the managers'.
  app.get(paths.approval.pattern, viewers, (request, reply) => showApproval(request, reply, {}));
  const showApproval = formShow(renderPage, `${T}/approval.njk`, async (request, values) => {
    const page = await decisions.approvalPage(request.principal, idOf(request));
    return {
      title: request.t('consultation:board.approval.title', { title: page.consultation.title }),
      breadcrumbs: crumbs(request, page.consultation),
      ...page,
      approval: page.approval && presentMinute(request.t, page.approval),
      choices: minuteChoices(request.t, page.minutes, values.minuteItemId),
      action: paths.approval(page.consultation.id),
      withdrawAction: paths.withdrawApproval(page.consultation.id),
      meetingsHref: paths.boardMeetings(page.board.id),
    };
  });
  registerFormPage(app, paths.approval.pattern, managers, {
    shownElsewhere: true,
    show: showApproval,
    async submit(request, reply) {
      const { consultation, minute } = await decisions.approve(
        request.principal,
        idOf(request),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.approval(consultation.id),
        request.t('consultation:board.approval.done', { heading: minute.heading }),
      );
    },
  });
  registerFormPage(app, paths.withdrawApproval.pattern, managers, {
    shownElsewhere: true,
    show: showApproval,
    async submit(request, reply) {
      const consultation = await decisions.withdrawApproval(
        request.principal,
        idOf(request),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.approval(consultation.id),
        request.t('consultation:board.approval.withdrawn'),
      );
    },
  });

  const showReview = formShow(renderPage, `${T}/review.njk`, async (request, values) => {
    const page = await decisions.reviewPage(request.principal, idOf(request));
    return {
      title: request.t('consultation:board.review.title', { title: page.consultation.title }),
      breadcrumbs: crumbs(request, page.consultation),
      ...page,
      reviewed: page.review?.minute ? presentMinute(request.t, page.review.minute) : null,
      choices: minuteChoices(request.t, page.minutes, values.minuteItemId),
      closed: page.phase === 'closed',
      action: paths.review(page.consultation.id),
      meetingsHref: paths.boardMeetings(page.board.id),
    };
  });
  app.get(paths.review.pattern, viewers, (request, reply) => showReview(request, reply, {}));
  registerFormPage(app, paths.review.pattern, managers, {
    shownElsewhere: true,
    show: showReview,
    async submit(request, reply) {
      const { minute } = await decisions.recordReview(
        request.principal,
        idOf(request),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.review(idOf(request)),
        request.t('consultation:board.review.done', { heading: minute.heading }),
      );
    },
  });
}
