/**
 * The groups module's addresses, each defined once: a route's pattern registers it
 * (`groupPaths.group.pattern`) and the same object builds its links (`groupPaths.group(id)`).
 */
import { route } from '../../platform/http/route.js';
import { meetingPaths } from '../meetings/index.js';

const list = '/groups';
const publicList = '/advisory-groups';

export const groupPaths = {
  list,
  register: '/groups/new',
  secondTerms: '/groups/second-terms',
  expiringClearances: '/groups/clearances',
  guides: '/groups/guides',
  guide: route('/groups/guides/:documentId'),
  reviseGuide: route('/groups/guides/:documentId/new'),
  myGroups: '/my-groups',
  diversity: '/my-groups/diversity',
  group: route('/groups/:groupId'),
  edit: route('/groups/:groupId/edit'),
  termsOfReference: route('/groups/:groupId/terms-of-reference'),
  newTermsOfReference: route('/groups/:groupId/terms-of-reference/new'),
  members: route('/groups/:groupId/members'),
  appoint: route('/groups/:groupId/members/new'),
  importMembers: route('/groups/:groupId/members/import'),
  membership: route('/groups/:groupId/members/:membershipId'),
  endMembership: route('/groups/:groupId/members/:membershipId/end'),
  proposeSecondTerm: route('/groups/:groupId/members/:membershipId/second-term'),
  agreeSecondTerm: route('/groups/:groupId/second-terms/:reappointmentId/agree'),
  declineSecondTerm: route('/groups/:groupId/second-terms/:reappointmentId/decline'),
  elections: route('/groups/:groupId/elections'),
  newElection: route('/groups/:groupId/elections/new'),
  deploymentContact: route('/groups/:groupId/deployment-contact'),
  policeAttendance: route('/groups/:groupId/police-attendance'),
  balance: route('/groups/:groupId/balance'),
  /** A group's meetings are the meetings module's pages. */
  meetings: (id: string) => meetingPaths.bodyMeetings(list, id),
  publicCalendar: (id: string) => meetingPaths.bodyFeed(publicList, id),
  myCalendar: meetingPaths.myCalendar,
  declare: route('/groups/:groupId/members/:membershipId/declarations/new'),
  addClearance: route('/groups/:groupId/members/:membershipId/clearances/new'),
  addExemption: route('/groups/:groupId/members/:membershipId/access-exemptions/new'),
  commend: route('/groups/:groupId/members/:membershipId/commendations/new'),
  recruitment: route('/groups/:groupId/recruitment'),
  newRound: route('/groups/:groupId/recruitment/new'),
  round: route('/groups/:groupId/recruitment/:roundId'),
  application: route('/groups/:groupId/recruitment/:roundId/applications/:applicationId'),
  assess: route('/groups/:groupId/recruitment/:roundId/applications/:applicationId/assess'),
  decide: route('/groups/:groupId/recruitment/:roundId/applications/:applicationId/decide'),
  apply: route('/advisory-groups/:groupId/apply'),
  applied: route('/advisory-groups/:groupId/applied'),
  publicList,
  publicGroup: route('/advisory-groups/:groupId'),
  /** Where the Director's meetings with the chairs (IAG-31) and the annual conference (IAG-32) meet. */
  directorChairs: '/director-and-chairs',
  publicDirectorChairs: '/public/director-and-chairs',
  annualConference: '/annual-conference',
  publicAnnualConference: '/public/annual-conference',
};
