/**
 * CON-01: the strategy board's pages: the board with its members and next meeting, adding and
 * ending a membership, and the board as the public reads it. Its meetings are the meetings
 * module's pages (ADR 0005).
 */
import type { FastifyRequest } from 'fastify';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { isUuid } from '../../../platform/http/params.js';
import { NotFoundError } from '../../../platform/errors.js';
import { meetingPaths } from '../../meetings/index.js';
import { BOARD_ROLES, BOARD_SIDES } from '../board-rules.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { boardPaths as paths } from './paths.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/consultation/board/views';
const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const saveForMembership = saveFor('membershipId');

export function registerBoardRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationBoard: board } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('consultation:board.title'), href: paths.board },
  ];

  app.get(paths.board, viewers, async (request, reply) => {
    const page = await board.page(request.principal);
    const row = (m: (typeof page.current)[number]) => ({
      ...m,
      sideName: request.t(`consultation:board.sides.${m.side}`),
      roleName: request.t(`consultation:board.roles.${m.role}`),
      endHref: paths.endMember(m.id),
    });
    return renderPage(request, reply, `${T}/board.njk`, {
      title: page.board.name,
      breadcrumbs: crumbs(request).slice(0, 1),
      ...page,
      currentRows: page.current.map(row),
      joiningRows: page.joining.map(row),
      formerRows: page.former.map(row),
      meetingsHref: paths.boardMeetings(page.board.id),
      nextMeetingHref: page.nextMeeting && meetingPaths.meeting(page.nextMeeting.id),
      addMemberHref: paths.addMember,
      measuresHref: paths.measures,
      boroughsHref: paths.boroughs,
      publicHref: paths.publicBoard(page.board.id),
    });
  });

  const options = (
    request: FastifyRequest,
    values: readonly string[],
    kind: string,
    chosen: unknown,
  ) =>
    values.map((value) => ({
      value,
      text: request.t(`consultation:board.${kind}.${value}`),
      checked: chosen === value,
    }));

  registerFormPage(app, paths.addMember, managers, {
    initial: () => board.addFormValues(),
    show: formShow(renderPage, `${T}/add-member.njk`, async (request, values) => ({
      title: request.t('consultation:board.add.title'),
      breadcrumbs: crumbs(request),
      sides: options(request, BOARD_SIDES, 'sides', values.side),
      roles: options(request, BOARD_ROLES, 'roles', values.role),
      action: paths.addMember,
    })),
    async submit(request, reply) {
      const member = await board.addMember(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.board,
        request.t('consultation:board.add.done', { name: member.name }),
      );
    },
  });

  registerFormPage(app, paths.endMember.pattern, managers, {
    initial: async (request) => {
      const id = (request.params as { membershipId: string }).membershipId;
      const member = await board.membership(request.principal, id);
      return { ...board.endFormValues(), version: String(member.version) };
    },
    show: formShow(renderPage, `${T}/end-member.njk`, async (request) => {
      const id = (request.params as { membershipId: string }).membershipId;
      const member = await board.membership(request.principal, id);
      return {
        title: request.t('consultation:board.end.title'),
        breadcrumbs: crumbs(request),
        member,
        action: paths.endMember(member.id),
        backHref: paths.board,
      };
    }),
    submit: saveForMembership(board.endMember, (_id, member, request) => ({
      to: paths.board,
      message: request.t('consultation:board.end.done', { name: member.name }),
    })),
  });

  // The board as the public reads it: its remit and its published meetings.
  app.get(paths.publicBoard.pattern, keptPage(), async (request, reply) => {
    const id = (request.params as { boardId: string }).boardId;
    if (!isUuid(id)) throw new NotFoundError();
    const found = await board.publicBoard(id);
    if (!found) throw new NotFoundError();
    const { meetings } = found;
    return renderPage(request, reply, `${T}/public-board.njk`, {
      title: request.t('consultation:board.publicTitle', { name: found.board.name }),
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      board: found.board,
      meetings: meetings.map((m) => ({
        ...m,
        href: meetingPaths.publicMeeting(paths.publicBoardPrefix, id, m.id),
      })),
    });
  });
}
