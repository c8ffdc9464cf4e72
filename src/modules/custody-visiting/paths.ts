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
};
