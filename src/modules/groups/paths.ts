/** The groups module's URLs, so no link is built by hand. */
import { meetingPaths } from '../meetings/index.js';

const group = (id: string) => `/groups/${id}`;

export const groupPaths = {
  list: '/groups',
  register: '/groups/new',
  secondTerms: '/groups/second-terms',
  expiringClearances: '/groups/clearances',
  guides: '/groups/guides',
  guide: (id: string) => `/groups/guides/${id}`,
  reviseGuide: (id: string) => `/groups/guides/${id}/new`,
  myGroups: '/my-groups',
  diversity: '/my-groups/diversity',
  group,
  edit: (id: string) => `${group(id)}/edit`,
  termsOfReference: (id: string) => `${group(id)}/terms-of-reference`,
  newTermsOfReference: (id: string) => `${group(id)}/terms-of-reference/new`,
  members: (id: string) => `${group(id)}/members`,
  appoint: (id: string) => `${group(id)}/members/new`,
  importMembers: (id: string) => `${group(id)}/members/import`,
  membership: (id: string, membershipId: string) => `${group(id)}/members/${membershipId}`,
  endMembership: (id: string, membershipId: string) => `${group(id)}/members/${membershipId}/end`,
  proposeSecondTerm: (id: string, membershipId: string) =>
    `${group(id)}/members/${membershipId}/second-term`,
  agreeSecondTerm: (id: string, reappointmentId: string) =>
    `${group(id)}/second-terms/${reappointmentId}/agree`,
  declineSecondTerm: (id: string, reappointmentId: string) =>
    `${group(id)}/second-terms/${reappointmentId}/decline`,
  elections: (id: string) => `${group(id)}/elections`,
  newElection: (id: string) => `${group(id)}/elections/new`,
  deploymentContact: (id: string) => `${group(id)}/deployment-contact`,
  policeAttendance: (id: string) => `${group(id)}/police-attendance`,
  balance: (id: string) => `${group(id)}/balance`,
  /** A group's meetings are the meetings module's pages. */
  meetings: (id: string) => meetingPaths.bodyMeetings(groupPaths.list, id),
  publicCalendar: (id: string) => meetingPaths.bodyFeed(groupPaths.publicList, id),
  myCalendar: meetingPaths.myCalendar,
  declare: (id: string, membershipId: string) =>
    `${group(id)}/members/${membershipId}/declarations/new`,
  addClearance: (id: string, membershipId: string) =>
    `${group(id)}/members/${membershipId}/clearances/new`,
  addExemption: (id: string, membershipId: string) =>
    `${group(id)}/members/${membershipId}/access-exemptions/new`,
  commend: (id: string, membershipId: string) =>
    `${group(id)}/members/${membershipId}/commendations/new`,
  recruitment: (id: string) => `${group(id)}/recruitment`,
  newRound: (id: string) => `${group(id)}/recruitment/new`,
  round: (id: string, roundId: string) => `${group(id)}/recruitment/${roundId}`,
  application: (id: string, roundId: string, applicationId: string) =>
    `${group(id)}/recruitment/${roundId}/applications/${applicationId}`,
  assess: (id: string, roundId: string, applicationId: string) =>
    `${group(id)}/recruitment/${roundId}/applications/${applicationId}/assess`,
  decide: (id: string, roundId: string, applicationId: string) =>
    `${group(id)}/recruitment/${roundId}/applications/${applicationId}/decide`,
  apply: (id: string) => `/advisory-groups/${id}/apply`,
  applied: (id: string) => `/advisory-groups/${id}/applied`,
  publicList: '/advisory-groups',
  publicGroup: (id: string) => `/advisory-groups/${id}`,
};
