/** The meetings module's URLs, so no link is built by hand. */
const meeting = (id: string) => `/meetings/${id}`;

export const meetingPaths = {
  /** A body's meetings live under the body's own pages, e.g. /groups/:id/meetings. */
  bodyMeetings: (prefix: string, bodyId: string) => `${prefix}/${bodyId}/meetings`,
  schedule: (prefix: string, bodyId: string) => `${prefix}/${bodyId}/meetings/new`,
  withdraw: (prefix: string, bodyId: string, personId: string) =>
    `${prefix}/${bodyId}/absences/${personId}/withdraw`,
  /** A meeting's public record, under the body's public page. */
  publicMeeting: (publicPrefix: string, bodyId: string, id: string) =>
    `${publicPrefix}/${bodyId}/meetings/${id}`,
  /** A public body's meetings as an iCalendar feed. */
  bodyFeed: (publicPrefix: string, bodyId: string) => `${publicPrefix}/${bodyId}/meetings.ics`,
  /** A person's own feed: the token is the secret. */
  personalFeed: (token: string) => `/calendar/${token}/meetings.ics`,
  myCalendar: '/my-meetings/calendar',
  meeting,
  tableItem: (id: string) => `${meeting(id)}/items/new`,
  arrangeItem: (id: string, itemId: string, action: string) =>
    `${meeting(id)}/items/${itemId}/${action}`,
  publishAgenda: (id: string) => `${meeting(id)}/publish`,
  attendance: (id: string) => `${meeting(id)}/attendance`,
  invitations: (id: string) => `${meeting(id)}/invitations`,
  invitationAttendance: (id: string) => `${meeting(id)}/invitations/attendance`,
  cancel: (id: string) => `${meeting(id)}/cancel`,
  addPaper: (id: string, itemId: string) => `${meeting(id)}/items/${itemId}/papers/new`,
  paper: (id: string, paperId: string) => `${meeting(id)}/papers/${paperId}`,
  removePaper: (id: string, paperId: string) => `${meeting(id)}/papers/${paperId}/remove`,
  publicPaper: (publicPrefix: string, bodyId: string, id: string, paperId: string) =>
    `${publicPrefix}/${bodyId}/meetings/${id}/papers/${paperId}`,
  minutes: (id: string) => `${meeting(id)}/minutes`,
  draftMinutes: (id: string) => `${meeting(id)}/minutes/edit`,
  addAdvice: (id: string) => `${meeting(id)}/minutes/advice/new`,
  removeAdvice: (id: string, adviceId: string) =>
    `${meeting(id)}/minutes/advice/${adviceId}/remove`,
  correction: (id: string) => `${meeting(id)}/minutes/correction`,
  approve: (id: string) => `${meeting(id)}/approvals`,
  addAction: (id: string) => `${meeting(id)}/actions/new`,
  closeAction: (id: string, actionId: string, outcome: 'done' | 'dropped') =>
    `${meeting(id)}/actions/${actionId}/${outcome}`,
};
