/** How meetings read on a page. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toLondonDate } from '../../platform/calendar/index.js';
import { redirectWithFlash } from '../../platform/http/render.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { Body, BodyProvider } from './bodies.js';
import { meetingPaths } from './paths.js';
import type { Meeting } from './access.js';
import { formatDate, formatTime } from '../../platform/i18n/dates.js';

/** '8 December 2026, 6:30pm to 8:30pm' (London time). */
export function meetingWhen(meeting: Pick<Meeting, 'startsAt' | 'endsAt'>, t: Translate): string {
  const day = formatDate(t, toLondonDate(meeting.startsAt));
  const start = formatTime(t, meeting.startsAt);
  return meeting.endsAt
    ? t('meetings:common.whenFromTo', { day, start, end: formatTime(t, meeting.endsAt) })
    : t('meetings:common.whenAt', { day, start });
}

/** The lines an e-mail about a meeting gives of how, where and with what access it is held. */
export function meetingDetailLines(
  meeting: Pick<Meeting, 'format' | 'venue' | 'accessNotes'>,
  t: Translate,
): string[] {
  return [
    t('meetings:common.email.how', { format: t(`meetings:meetingFormat.${meeting.format}`) }),
    ...(meeting.venue ? [t('meetings:common.email.where', { venue: meeting.venue })] : []),
    ...(meeting.accessNotes
      ? [t('meetings:common.email.access', { notes: meeting.accessNotes })]
      : []),
  ];
}

type Crumb = { text: string; href?: string };

/** The crumbs the meeting pages are made of: home, a body, its meetings, one meeting. */
export function meetingCrumbs(
  providers: readonly Pick<BodyProvider, 'type' | 'pathPrefix'>[],
  t: Translate,
) {
  const prefixOf = (body: Body) => providers.find((p) => p.type === body.type)?.pathPrefix ?? '';
  return {
    home: { text: t('meetings:common.home'), href: '/' } as Crumb,
    body: (body: Body): Crumb => ({ text: body.name, href: body.href }),
    meetings: (body: Body): Crumb => ({
      text: t('meetings:common.meetings'),
      href: meetingPaths.bodyMeetings(prefixOf(body), body.id),
    }),
    meeting: (meeting: Meeting): Crumb => ({
      text: meetingWhen(meeting, t),
      href: meetingPaths.meeting(meeting.id),
    }),
  };
}

/** The breadcrumbs down to a meeting: home, its body, the body's meetings, the meeting. */
export function meetingBreadcrumbs(
  providers: readonly Pick<BodyProvider, 'type' | 'pathPrefix'>[],
  t: Translate,
  body: Body,
  meeting?: Meeting,
): Crumb[] {
  const crumbs = meetingCrumbs(providers, t);
  return [
    crumbs.home,
    crumbs.body(body),
    crumbs.meetings(body),
    ...(meeting ? [crumbs.meeting(meeting)] : []),
  ];
}

/**
 * The submit of a form about one meeting: the service saves what was sent, then the person is
 * taken to the meeting's page (or its minutes, or invitations) and told what was done. The
 * meeting's forms each did it the same way.
 */
export function saveForMeeting<R>(
  save: (
    principal: FastifyRequest['principal'],
    meetingId: string,
    input: Record<string, string | string[] | undefined>,
    requestId: string,
  ) => Promise<R>,
  done: (meetingId: string, saved: R, request: FastifyRequest) => { to: string; message: string },
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { meetingId } = request.params as { meetingId: string };
    const input = (request.body ?? {}) as Record<string, string | string[] | undefined>;
    const saved = await save(request.principal, meetingId, input, request.id);
    const { to, message } = done(meetingId, saved, request);
    return redirectWithFlash(reply, to, message);
  };
}
