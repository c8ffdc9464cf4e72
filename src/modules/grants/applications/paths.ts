/**
 * Applications' addresses, each defined once. An applicant's pages are under /funding, staff's
 * under /grants.
 */
import { route } from '../../../platform/http/route.js';

export const applicationPaths = {
  /** CON-04: start an application to an open round: choose what you apply for. */
  start: route('/funding/rounds/:roundId/apply'),
  /** A signed-in person's drafts and submitted applications. */
  yours: '/funding/applications',
  /** The applicant's page: the task list of a draft, or what was submitted and its status. */
  application: route('/funding/applications/:applicationId'),
  about: route('/funding/applications/:applicationId/about'),
  objectives: route('/funding/applications/:applicationId/objectives'),
  budget: route('/funding/applications/:applicationId/budget'),
  removeLine: route('/funding/applications/:applicationId/budget/:lineId/remove'),
  outcomes: route('/funding/applications/:applicationId/outcomes'),
  removeOutcome: route('/funding/applications/:applicationId/outcomes/:outcomeId/remove'),
  /** Check your answers, and submit from it. */
  check: route('/funding/applications/:applicationId/check'),
  submit: route('/funding/applications/:applicationId/submit'),
  withdraw: route('/funding/applications/:applicationId/withdraw'),
  /** Staff: every submitted application (`?fund=&round=&status=&borough=&q=&page=`), and one. */
  list: '/grants/applications',
  staffApplication: route('/grants/applications/:applicationId'),
};
