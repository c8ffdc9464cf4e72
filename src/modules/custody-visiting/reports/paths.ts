/** The visit report's addresses (ICV-07), each defined once, as `custodyPaths` are. */
import { route } from '../../../platform/http/route.js';

export const reportPaths = {
  /** The reports a person reads: a visitor's own, the sent ones for the police and the manager. */
  reports: '/custody-visiting/reports',
  newReport: '/custody-visiting/reports/new',
  report: route('/custody-visiting/reports/:reportId'),
  visit: route('/custody-visiting/reports/:reportId/visit'),
  newDetainee: route('/custody-visiting/reports/:reportId/detainees/new'),
  detainee: route('/custody-visiting/reports/:reportId/detainees/:detaineeId'),
  removeDetainee: route('/custody-visiting/reports/:reportId/detainees/:detaineeId/remove'),
  checks: route('/custody-visiting/reports/:reportId/checks'),
  confirm: route('/custody-visiting/reports/:reportId/confirm'),
  /** ICV-09: a terrorism report's copy the scheme manager has sent, recorded. */
  copySent: route('/custody-visiting/reports/:reportId/copies'),
  /** ICV-03: the report of a visit on the rota, begun from the visitor's own visits. */
  newReportOf: (visitId: string) => `/custody-visiting/reports/new?visit=${visitId}`,
};
