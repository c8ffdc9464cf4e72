/**
 * The strategy board's addresses (CON-01), each defined once. Its meetings are the meetings
 * module's pages under `boardPrefix` (ADR 0005): /consultation/boards/:id/meetings; the public
 * reads its approved minutes under `publicBoardPrefix`.
 */
import { route } from '../../../platform/http/route.js';
import { meetingPaths } from '../../meetings/index.js';

const boardPrefix = '/consultation/boards';
const publicBoardPrefix = '/public/consultation-boards';

export const boardPaths = {
  boardPrefix,
  publicBoardPrefix,
  /** The board: its remit, members, next meeting and a link to its meetings. */
  board: '/consultation/board',
  addMember: '/consultation/board/members/new',
  endMember: route('/consultation/board/members/:membershipId/end'),
  boardMeetings: (boardId: string) => meetingPaths.bodyMeetings(boardPrefix, boardId),
  /** The board as the public reads it: its remit and its published meetings. */
  publicBoard: route('/public/consultation-boards/:boardId'),
  /** CON-01: the board's approval of a major consultation, naming its minute. */
  approval: route('/consultation/consultations/:consultationId/approval'),
  withdrawApproval: route('/consultation/consultations/:consultationId/approval/withdraw'),
  /** CON-01: the board's review of a closed consultation's results. */
  review: route('/consultation/consultations/:consultationId/board-review'),
  /** CON-01: the measures and targets, reported for a financial year (`?year=2026`). */
  measures: '/consultation/board/measures',
  measuresCsv: '/consultation/board/measures.csv',
  newMeasure: '/consultation/board/measures/new',
  measureYear: route('/consultation/board/measures/:measureId/years/:year'),
  /** CON-01: borough consultation and its cost, by borough for a financial year (`?year=2026`). */
  boroughs: '/consultation/board/boroughs',
  boroughsCsv: '/consultation/board/boroughs.csv',
  /** CON-01: a consultation's cost, line by line; a line added, and one removed. */
  costs: route('/consultation/consultations/:consultationId/costs'),
  removeCost: route('/consultation/consultations/:consultationId/costs/:costId/remove'),
};
