/**
 * The engagement module's addresses, each defined once: a route's pattern registers it and the
 * same object builds its links.
 */
import { route } from '../../platform/http/route.js';

export const engagementPaths = {
  /** CON-04: the register (`?borough=&standing=&q=`), a group's page, and its forms. */
  groups: '/engagement-groups',
  newGroup: '/engagement-groups/new',
  group: route('/engagement-groups/:groupId'),
  editGroup: route('/engagement-groups/:groupId/edit'),
  closeGroup: route('/engagement-groups/:groupId/close'),
  /** CON-04: the minimum standards, and a group's standing against them. */
  standards: '/engagement-groups/standards',
  retireStandard: route('/engagement-groups/standards/:standardId/retire'),
  standing: route('/engagement-groups/:groupId/standing'),
  assess: route('/engagement-groups/:groupId/standing/:standardId'),
  /** CON-04: a group's position statement and development plan for a reporting year. */
  plan: route('/engagement-groups/:groupId/plans/:year'),
  planHeading: route('/engagement-groups/:groupId/plans/:year/headings/:heading'),
  agreePlan: route('/engagement-groups/:groupId/plans/:year/agreement'),
  /** CON-04 feed-up and feed-back: issues across the register (`?state=`), one issue, its forms. */
  issues: '/engagement-groups/issues',
  newIssue: route('/engagement-groups/:groupId/issues/new'),
  issue: route('/engagement-groups/issues/:issueId'),
  answerIssue: route('/engagement-groups/issues/:issueId/answer'),
  closeIssue: route('/engagement-groups/issues/:issueId/close'),
  /** ADR 0005: a group's meetings live under its page; its public meetings under this prefix. */
  meetingsPrefix: '/engagement-groups',
  publicMeetingsPrefix: '/public/engagement-groups',
};
