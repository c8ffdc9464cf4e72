import type { RouteDeps } from '../../platform/modules.js';
import type { FeedsService } from './feeds-service.js';
import type { InvitationsService } from './invitations-service.js';
import type { MeetingPageService } from './meeting-page-service.js';
import type { MinutesService } from './minutes-service.js';
import type { PapersService } from './papers-service.js';
import type { PublicMeetingsService } from './public-service.js';
import type { MeetingRemindersService } from './reminders-service.js';
import type { MeetingsService } from './service.js';

/** The meetings module's own services. */
export interface MeetingsServices {
  meetings: MeetingsService;
  meetingMinutes: MinutesService;
  publicMeetings: PublicMeetingsService;
  meetingFeeds: FeedsService;
  meetingReminders: MeetingRemindersService;
  meetingPapers: PapersService;
  meetingPage: MeetingPageService;
  meetingInvitations: InvitationsService;
}

/** What the meetings' route files are given. */
export type MeetingsRouteDeps = RouteDeps<MeetingsServices>;
