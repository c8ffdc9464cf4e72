/**
 * The meeting's page: its agenda with each item's papers, attendance, minutes and actions. Shown
 * at its own address, and again with the refusal when something done on it (arranging the
 * agenda, approving minutes, closing an action, recording attendance) is refused.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/errors.js';
import { fileDescription } from '../../../platform/files/document-types.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingBreadcrumbs, meetingWhen } from '../presenters.js';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { mayAttachPaper } from '../rules.js';

const T = 'modules/meetings/agenda/views';

export function meetingPageRenderer({
  services,
  renderPage,
}: Pick<RouteDeps, 'services' | 'renderPage'>) {
  const { meetings, meetingPage: page } = services;
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { papers, ...result } = await page.show(
      request.principal,
      (request.params as Record<string, string>).meetingId!,
    );
    // What other modules say of the meeting (the FOI requests concerning it), for this person.
    const recordNotes = await services.recordNotes.of(
      request.principal,
      { type: 'meeting', id: result.meeting.id },
      request.t,
    );
    const userId = request.principal?.kind === 'user' ? request.principal.userId : null;
    return renderPage(
      request,
      reply,
      `${T}/meeting.njk`,
      {
        title: `${result.meeting.title}, ${meetingWhen(result.meeting, request.t)}`,
        breadcrumbs: meetingBreadcrumbs(meetings.providers, request.t, result.body),
        ...result,
        recordNotes,
        papersOf: (itemId: string) =>
          papers
            .filter((p) => p.agendaItemId === itemId)
            .map((p) => ({
              ...p,
              href: paths.paper(result.meeting.id, p.id),
              description: fileDescription(request.t, p),
              mayRemove: result.mayArrange || p.uploadedBy === userId,
            })),
        mayAttachTo: (item: { tabledByUserId: string | null }) =>
          result.meeting.status !== 'cancelled' &&
          mayAttachPaper({ arranges: result.mayArrange, userId }, item),
        when: meetingWhen(result.meeting, request.t),
        whenOf: (m: Parameters<typeof meetingWhen>[0]) => meetingWhen(m, request.t),
        paths,
        errors,
      },
      status,
    );
  };
}
