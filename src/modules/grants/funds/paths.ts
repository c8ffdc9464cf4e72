/**
 * Funds and rounds' addresses, each defined once: a route's pattern registers it and the same
 * object builds its links.
 */
import { route } from '../../../platform/http/route.js';

export const fundPaths = {
  /** Grants' home for staff: the funds, the rounds open now, applications awaiting a decision. */
  home: '/grants',
  newFund: '/grants/funds/new',
  fund: route('/grants/funds/:fundId'),
  editFund: route('/grants/funds/:fundId/edit'),
  /** A fund closed (a confirmation page) or opened again (a button on its page). */
  closeFund: route('/grants/funds/:fundId/close'),
  reopenFund: route('/grants/funds/:fundId/reopen'),
  /** CDRP-12: a reporting year's budget set (`?year=2026` to change one). */
  budget: route('/grants/funds/:fundId/budget'),
  newCriterion: route('/grants/funds/:fundId/criteria/new'),
  editCriterion: route('/grants/criteria/:criterionId/edit'),
  /** A criterion moved up or down the list, or removed (buttons on the fund's page). */
  moveCriterion: route('/grants/criteria/:criterionId/move'),
  removeCriterion: route('/grants/criteria/:criterionId/remove'),
  newRound: route('/grants/funds/:fundId/rounds/new'),
  /** A round's staff page: its applications (`?status=&q=&page=`) with requested totals. */
  round: route('/grants/rounds/:roundId'),
  editRound: route('/grants/rounds/:roundId/edit'),
  /** Public: the rounds open now and opening soon, and one round's page. */
  funding: '/funding',
  publicRound: route('/funding/rounds/:roundId'),
  /** Public: the grants awarded (`?fund=&year=&borough=&page=`), with totals per fund and year. */
  grantsAwarded: '/funding/grants-awarded',
};
