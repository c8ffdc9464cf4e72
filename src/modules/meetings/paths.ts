/** The meetings module's URLs, so no link is built by hand. */
const meeting = (id: string) => `/meetings/${id}`;

export const meetingPaths = {
  /** A body's meetings live under the body's own pages, e.g. /groups/:id/meetings. */
  bodyMeetings: (prefix: string, bodyId: string) => `${prefix}/${bodyId}/meetings`,
  schedule: (prefix: string, bodyId: string) => `${prefix}/${bodyId}/meetings/new`,
  withdraw: (prefix: string, bodyId: string, personId: string) =>
    `${prefix}/${bodyId}/absences/${personId}/withdraw`,
  meeting,
  tableItem: (id: string) => `${meeting(id)}/items/new`,
  arrangeItem: (id: string, itemId: string, action: string) =>
    `${meeting(id)}/items/${itemId}/${action}`,
  publishAgenda: (id: string) => `${meeting(id)}/publish`,
  attendance: (id: string) => `${meeting(id)}/attendance`,
  cancel: (id: string) => `${meeting(id)}/cancel`,
};
