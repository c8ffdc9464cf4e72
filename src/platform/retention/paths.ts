import { route } from '../http/route.js';

/** The retention schedule's pages (DP-03), defined once. */
export const retentionPaths = {
  page: '/admin/retention',
  kind: route('/admin/retention/kinds/:kindKey'),
  newHold: '/admin/retention/holds/new',
  liftHold: route('/admin/retention/holds/:holdId/lift'),
  actionsCsv: '/admin/retention/done.csv',
};
