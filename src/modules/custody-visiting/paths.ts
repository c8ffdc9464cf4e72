/**
 * The custody visiting module's addresses, each defined once: a route's pattern registers it
 * (`paths.suite.pattern`) and the same object builds its links (`paths.suite(id)`).
 */
import { route } from '../../platform/http/route.js';
import { meetingPaths } from '../meetings/index.js';

const panels = '/custody-visiting/panels';

export const custodyPaths = {
  /** The register of custody suites, filtered by borough or custody area. */
  suites: '/custody-visiting/suites',
  newSuite: '/custody-visiting/suites/new',
  suite: route('/custody-visiting/suites/:suiteId'),
  editSuite: route('/custody-visiting/suites/:suiteId/edit'),
  /** ICV-02: the panels, one per borough or custody area. */
  panels,
  newPanel: '/custody-visiting/panels/new',
  panel: route('/custody-visiting/panels/:panelId'),
  editPanel: route('/custody-visiting/panels/:panelId/edit'),
  /** ICV-02: a panel's meetings are the meetings module's pages, under the panel's (ADR 0005). */
  panelMeetings: (id: string) => meetingPaths.bodyMeetings(panels, id),
  /** Where the meetings module would publish a panel's meetings; it publishes none. */
  publicPanelMeetings: '/public/custody-visiting-panels',
  /** The public pages about the scheme, for anyone, signed in or not. */
  publicScheme: '/custody-visiting',
  becomeAVisitor: '/custody-visiting/become-a-visitor',
  /**
   * ICV-10: a quarter's or a year's statistics (`?quarter=2026-07-01` or `?year=2025-04-01`,
   * `&area=` for its suites), as CSV, and a year's annual report as PDF (`?year=2025-04-01`).
   */
  statistics: '/custody-visiting/statistics',
  statisticsCsv: '/custody-visiting/statistics.csv',
  annualReportPdf: '/custody-visiting/statistics/annual-report.pdf',
  /** ICV-10: each panel's community activities and recruitment in the quarter, as CSV. */
  statisticsPanelsCsv: '/custody-visiting/statistics-panels.csv',
  /** ICV-02: a panel's lay visitors, and a visitor's record with its forms. */
  panelVisitors: route('/custody-visiting/panels/:panelId/visitors'),
  newVisitor: route('/custody-visiting/panels/:panelId/visitors/new'),
  visitor: route('/custody-visiting/visitors/:visitorId'),
  visitorInterview: route('/custody-visiting/visitors/:visitorId/interview'),
  visitorVetting: route('/custody-visiting/visitors/:visitorId/vetting'),
  visitorAppointment: route('/custody-visiting/visitors/:visitorId/appointment'),
  visitorRenewal: route('/custody-visiting/visitors/:visitorId/renewal'),
  visitorProbation: route('/custody-visiting/visitors/:visitorId/probation'),
  visitorCourse: route('/custody-visiting/visitors/:visitorId/courses/new'),
  visitorSuspension: route('/custody-visiting/visitors/:visitorId/suspension'),
  visitorLiftSuspension: route('/custody-visiting/visitors/:visitorId/suspension/lift'),
  /** ICV-03: a panel's rota for a quarter (`?quarter=2027-01-01`), and its actions. */
  panelRota: route('/custody-visiting/panels/:panelId/rota'),
  rotaAsk: route('/custody-visiting/panels/:panelId/rota/ask'),
  rotaDraw: route('/custody-visiting/panels/:panelId/rota/draw'),
  visitSwap: route('/custody-visiting/visits/:visitId/swap'),
  visitMissed: route('/custody-visiting/visits/:visitId/missed'),
  /** ICV-10: a panel's community activities: recorded, changed, removed. */
  newActivity: route('/custody-visiting/panels/:panelId/activities/new'),
  editActivity: route('/custody-visiting/activities/:activityId/edit'),
  removeActivity: route('/custody-visiting/activities/:activityId/remove'),
  /** ICV-02, ICV-10: a visitor recorded as having left the scheme. */
  visitorLeaving: route('/custody-visiting/visitors/:visitorId/leaving'),
  /** ICV-10, LEG-05: surges, raising suites' targets for a period. */
  surges: '/custody-visiting/surges',
  newSurge: '/custody-visiting/surges/new',
  surge: route('/custody-visiting/surges/:surgeId'),
  endSurge: route('/custody-visiting/surges/:surgeId/end'),
  /** ICV-03: a lay visitor's own visits, their availability, and a visit's day and time. */
  yourVisits: '/custody-visiting/your-visits',
  yourAvailability: route('/custody-visiting/your-visits/availability/:quarter'),
  visitTime: route('/custody-visiting/your-visits/:visitId/time'),
  visitMade: route('/custody-visiting/your-visits/:visitId/made'),
};
