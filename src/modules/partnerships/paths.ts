/**
 * The partnerships register's addresses, each defined once: a route's pattern registers it and
 * the same object builds its links. Staff keep the register under /partnership-register; anyone
 * reads what is published for inspection under /partnerships.
 */
import { route } from '../../platform/http/route.js';

export const partnershipPaths = {
  /** CDRP-01: the register, `?status=stale|current`. */
  register: '/partnership-register',
  add: '/partnership-register/new',
  entry: route('/partnership-register/:partnershipId'),
  edit: route('/partnership-register/:partnershipId/edit'),
  confirm: route('/partnership-register/:partnershipId/confirm'),
  /** CDRP-15: the information-sharing protocol. */
  protocol: route('/partnership-register/:partnershipId/protocol'),
  /** CDRP-10: an audit, strategy, target or performance figure for a year. */
  newRecord: route('/partnership-register/:partnershipId/records/new'),
  /** CDRP-10: the public's list and a partnership's page, published for inspection. */
  publicList: '/partnerships',
  publicEntry: route('/partnerships/:partnershipId'),
};
