/**
 * Grants monitoring's addresses, each defined once: a route's pattern registers it and the same
 * object builds its links.
 */
import { route } from '../../../platform/http/route.js';
import { goodPracticePaths } from '../../good-practice/index.js';

export const monitoringPaths = {
  /** LEG-06, CDRP-12: an awarded grant's monitoring page, for staff and the applicant. */
  grant: route('/grants/monitoring/:applicationId'),
  /** Staff make the schedule of returns for a grant that has none. */
  schedule: route('/grants/monitoring/:applicationId/schedule'),
  /** A return: read when sent; its form for the applicant when it may be sent. */
  ret: route('/grants/monitoring/:applicationId/returns/:returnId'),
  accept: route('/grants/monitoring/:applicationId/returns/:returnId/accept'),
  /** CDRP-12: underspend and clawback. */
  adjustment: route('/grants/monitoring/:applicationId/adjustments/new'),
  /** LEG-06: the evaluation. */
  evaluation: route('/grants/monitoring/:applicationId/evaluation'),
  /** LEG-06: the late returns, most overdue first. */
  late: '/grants/late-returns',
  /** CON-04, CDRP-12: spending per borough in a year (`?year=2026&fund=`), and as CSV. */
  spending: '/grants/spending',
  spendingCsv: '/grants/spending.csv',
  /** Where the good-practice library takes a new entry (another module's page, named there). */
  goodPractice: goodPracticePaths.add,
};
