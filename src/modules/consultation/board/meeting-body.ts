/**
 * The consultation strategy board as a body that meets (ADR 0005, CON-01): its meetings, agendas
 * and minutes are the meetings module's pages under /consultation/boards/:id. Its members (the
 * authority's and the police's, serving today) are the roll; its chair chairs; the authority
 * officers who run consultation support it. Its meetings and approved minutes are public, as the
 * authority's committees' are.
 */
import { can } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { Body, BodyProvider, RollEntry } from '../../meetings/index.js';
import { BOARD_BODY_TYPE } from '../board-rules.js';
import { boardPaths } from './paths.js';
import { boardById, existingBoard, membersOn, personServing, type BoardRow } from './read.js';

/** The board meets about quarterly: a series is scheduled every three months. */
export const BOARD_MEETING_INTERVAL_MONTHS = 3;

const asBody = (board: BoardRow, href: string): Body => ({
  type: BOARD_BODY_TYPE,
  id: board.id,
  name: board.name,
  intervalMonths: BOARD_MEETING_INTERVAL_MONTHS,
  href,
});

export function createBoardMeetingBody(deps: {
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}): BodyProvider {
  const { t } = deps;
  const lookups = deps.directory.directory.lookups;
  const none = { member: false, police: false, chair: false, secretariat: false };
  const today = () => todayInLondon(deps.now());

  return {
    type: BOARD_BODY_TYPE,
    pathPrefix: boardPaths.boardPrefix,
    publicPathPrefix: boardPaths.publicBoardPrefix,
    // Members sit for the authority or the police: nobody is withdrawn for absence.
    withdrawsForAbsence: false,

    async find(executor, id) {
      const board = await boardById(executor, id);
      return board ? asBody(board, boardPaths.board) : null;
    },

    async publicFind(executor, id) {
      const board = await boardById(executor, id);
      return board ? asBody(board, boardPaths.publicBoard(board.id)) : null;
    },

    async relation(executor: Executor, principal: Principal, id: string) {
      if (principal?.kind !== 'user') return { ...none, personId: null, mayView: false };
      const board = await boardById(executor, id);
      if (!board) return { ...none, personId: null, mayView: false };
      const personId = (await lookups.personIdForUser(executor, principal.userId)) ?? null;
      const serving = personId
        ? await personServing(executor, board.id, personId, today())
        : undefined;
      const staff = can(principal, 'consultation.view');
      return {
        member: serving?.side === 'authority',
        police: serving?.side === 'police',
        chair: serving?.role === 'chair',
        secretariat: can(principal, 'consultation.manage'),
        personId,
        mayView: staff || !!serving,
        mayOpenBody: staff,
      };
    },

    // A member's board meetings are in their own calendar feed.
    async bodiesFor(executor, userId) {
      const personId = await lookups.personIdForUser(executor, userId);
      if (!personId) return [];
      const board = await existingBoard(executor);
      if (!board) return [];
      const serving = await personServing(executor, board.id, personId, today());
      return serving ? [asBody(board, boardPaths.board)] : [];
    },

    /** The members serving today: the authority's as members, the police's as police. */
    async roll(executor, id) {
      const members = await membersOn(executor, id, today());
      const people = await lookups.people(
        executor,
        members.map((m) => m.personId),
      );
      return members.flatMap((m): RollEntry[] => {
        const person = people.get(m.personId);
        if (!person) return [];
        return [
          {
            personId: m.personId,
            name: person.fullName,
            email: person.email ?? null,
            kind: m.side === 'police' ? 'police' : 'member',
            since: m.fromOn,
            capacity: t(`consultation:board.roles.${m.role}`),
          },
        ];
      });
    },

    withdrawForAbsence() {
      throw new ConflictError(t('consultation:board.noWithdrawal'));
    },
  };
}
