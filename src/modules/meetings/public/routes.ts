import type { FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { fileDescription } from '../../../platform/files/document-types.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingWhen } from '../presenters.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/meetings/public/views';

/** A meeting's public record: its published agenda and approved minutes. */
export function registerPublicMeetingRoutes({ app, services, renderPage }: RouteDeps): void {
  const params = (request: FastifyRequest) => request.params as Record<string, string>;
  for (const provider of services.meetings.providers) {
    app.get(
      paths.publicMeeting.pattern(provider.publicPathPrefix),
      keptPage(),
      async (request, reply) => {
        const { bodyId, meetingId } = params(request);
        const record = await services.publicMeetings.meeting(provider.type, bodyId!, meetingId!);
        return renderPage(request, reply, `${T}/public-meeting.njk`, {
          title: `${record.meeting.title}, ${meetingWhen(record.meeting, request.t)}`,
          section: record.body.name,
          breadcrumbs: [
            { text: request.t('meetings:common.home'), href: '/' },
            { text: record.body.name, href: record.body.href },
          ],
          ...record,
          papersOf: (itemId: string) =>
            record.papers
              .filter((p) => p.agendaItemId === itemId)
              .map((p) => ({
                title: p.title,
                href: paths.publicPaper(
                  record.body.publicPrefix,
                  record.body.id,
                  record.meeting.id,
                  p.id,
                ),
                description: fileDescription(request.t, p),
              })),
          when: meetingWhen(record.meeting, request.t),
        });
      },
    );
  }
}

/** The list a body's public page shows, with links to each meeting's public record. */
export function publicMeetingLinks(
  publicPrefix: string,
  bodyId: string,
  rows: {
    id: string;
    title: string;
    startsAt: Date;
    endsAt: Date | null;
    agendaPublished: boolean;
    minutesApproved: boolean;
  }[],
  t: Translate,
) {
  return rows.map((m) => ({
    href: paths.publicMeeting(publicPrefix, bodyId, m.id),
    when: meetingWhen(m, t),
    title: m.title,
    published:
      m.agendaPublished || m.minutesApproved
        ? t(`meetings:public.list.published.${publishedKey(m)}`)
        : '',
  }));
}

function publishedKey(m: { agendaPublished: boolean; minutesApproved: boolean }) {
  return m.agendaPublished && m.minutesApproved ? 'both' : m.agendaPublished ? 'agenda' : 'minutes';
}
