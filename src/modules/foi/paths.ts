/**
 * Freedom of Information's addresses, each defined once. The coordination unit keeps the
 * requests under /foi-requests; anyone reads the disclosure log at /disclosure-log.
 */
import { route } from '../../platform/http/route.js';

export const foiPaths = {
  /** FOI-01: the register: `?view=due-this-week|overdue|open|answered|all`. */
  register: '/foi-requests',
  /** A request logged. */
  log: '/foi-requests/new',
  /** A request, its due date and its history. */
  request: route('/foi-requests/:requestId'),
  stop: route('/foi-requests/:requestId/stop-clock'),
  restart: route('/foi-requests/:requestId/restart-clock'),
  extend: route('/foi-requests/:requestId/extend'),
  answer: route('/foi-requests/:requestId/answer'),
  review: route('/foi-requests/:requestId/internal-review'),
  complaint: route('/foi-requests/:requestId/complaint'),
  publish: route('/foi-requests/:requestId/publish'),
  /** An entry taken out of the disclosure log (published by mistake, or to be corrected). */
  unpublish: route('/foi-requests/:requestId/unpublish'),
  attach: route('/foi-requests/:requestId/documents/new'),
  /** Issue 28 part 2: a record the request touches named, or no longer named. */
  link: route('/foi-requests/:requestId/records'),
  unlink: route('/foi-requests/:requestId/records/:linkId/remove'),
  document: route('/foi-requests/:requestId/documents/:documentId'),
  /** A document removed (attached by mistake, or with personal data left in it). */
  removeDocument: route('/foi-requests/:requestId/documents/:documentId/remove'),
  /** FOI-01: the public disclosure log. */
  disclosureLog: '/disclosure-log',
  publicDocument: route('/disclosure-log/:requestId/documents/:documentId'),
};
