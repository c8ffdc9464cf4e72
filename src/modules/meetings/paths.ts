/**
 * The meetings module's addresses, each defined once: a meeting's are `route`s, which register
 * the route (`.pattern`) and build its links. A body's meetings live under the body's own pages,
 * whose prefix the body's module gives (e.g. /groups), so those are built from it.
 */
import { route, underPrefix } from '../../platform/http/route.js';

/** A route under a body's own pages, for any body's prefix (e.g. /groups/:bodyId/meetings). */
const underBody = <const S extends `/${string}`>(suffix: S) => underPrefix(`/:bodyId${suffix}`);

const meeting = route('/meetings/:meetingId');

export const meetingPaths = {
  /** A body's meetings live under the body's own pages, e.g. /groups/:id/meetings. */
  bodyMeetings: underBody('/meetings'),
  schedule: underBody('/meetings/new'),
  withdraw: underBody('/absences/:personId/withdraw'),
  /** A meeting's public record, under the body's public page. */
  publicMeeting: underBody('/meetings/:meetingId'),
  /** A public body's meetings as an iCalendar feed. */
  bodyFeed: underBody('/meetings.ics'),
  myCalendar: '/my-meetings/calendar',
  revokeCalendar: '/my-meetings/calendar/revoke',
  meeting,
  tableItem: route('/meetings/:meetingId/items/new'),
  arrangeItem: route('/meetings/:meetingId/items/:itemId/:action'),
  publishAgenda: route('/meetings/:meetingId/publish'),
  attendance: route('/meetings/:meetingId/attendance'),
  invitations: route('/meetings/:meetingId/invitations'),
  invitationAttendance: route('/meetings/:meetingId/invitations/attendance'),
  cancel: route('/meetings/:meetingId/cancel'),
  addPaper: route('/meetings/:meetingId/items/:itemId/papers/new'),
  paper: route('/meetings/:meetingId/papers/:paperId'),
  removePaper: route('/meetings/:meetingId/papers/:paperId/remove'),
  publicPaper: underBody('/meetings/:meetingId/papers/:paperId'),
  minutes: route('/meetings/:meetingId/minutes'),
  draftMinutes: route('/meetings/:meetingId/minutes/edit'),
  addAdvice: route('/meetings/:meetingId/minutes/advice/new'),
  removeAdvice: route('/meetings/:meetingId/minutes/advice/:adviceId/remove'),
  correction: route('/meetings/:meetingId/minutes/correction'),
  approve: route('/meetings/:meetingId/approvals'),
  addAction: route('/meetings/:meetingId/actions/new'),
  /** Closing an action arising: its outcome is 'done' or 'dropped'. */
  closeAction: route('/meetings/:meetingId/actions/:actionId/:outcome'),
  /** A person's own feed: the token is the secret. */
  personalFeed: route('/calendar/:token/meetings.ics'),
};
