import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { NotFoundError } from '../../../platform/errors.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { meetingPaths as paths } from '../paths.js';

const T = 'modules/meetings/feeds/views';
const signedIn = { config: { access: 'signed-in' as const } };
// Calendar apps poll feeds; a limit per address keeps token guessing slow and cheap.
const feed = {
  config: { access: 'public' as const, rateLimit: { max: 120, timeWindow: '1 minute' } },
};

export function registerFeedRoutes({ app, services, renderPage }: RouteDeps): void {
  const { meetingFeeds, meetings } = services;

  const sendCalendar = (reply: FastifyReply, body: string, name: string) =>
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${name}.ics"`)
      .header('cache-control', 'private, max-age=300')
      .send(body);

  const showMyCalendar = async (
    request: FastifyRequest,
    reply: FastifyReply,
    newUrl: string | null,
  ) =>
    renderPage(request, reply, `${T}/my-calendar.njk`, {
      title: request.t('meetings:feeds.mine.title'),
      breadcrumbs: [{ text: request.t('meetings:common.home'), href: '/' }],
      feed: await meetingFeeds.status(request.principal),
      newUrl,
      paths,
    });

  app.get(paths.myCalendar, signedIn, async (request, reply) =>
    showMyCalendar(request, reply, null),
  );

  app.post(paths.myCalendar, signedIn, async (request, reply) =>
    // The address is shown on this answer only: Bridge keeps a hash of it, not the address.
    showMyCalendar(request, reply, await meetingFeeds.create(request.principal, request.id)),
  );

  app.post(paths.revokeCalendar, signedIn, async (request, reply) => {
    await meetingFeeds.revoke(request.principal, request.id);
    return redirectWithFlash(reply, paths.myCalendar, request.t('meetings:feeds.mine.stopped'));
  });

  app.get(paths.personalFeed.pattern, feed, async (request, reply) => {
    const body = await meetingFeeds.personalFeed((request.params as { token: string }).token);
    if (body === null) throw new NotFoundError();
    return sendCalendar(reply, body, 'meetings');
  });

  for (const provider of meetings.providers)
    app.get(paths.bodyFeed.pattern(provider.publicPathPrefix), feed, async (request, reply) =>
      sendCalendar(
        reply,
        await meetingFeeds.bodyFeed(provider.type, (request.params as { bodyId: string }).bodyId),
        'meetings',
      ),
    );
}
