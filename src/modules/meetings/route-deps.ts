import type { MinuteReferences } from './minutes/references.js';
import type { RouteDeps } from '../../platform/modules.js';
import type { MeetingsAccess } from './access.js';
import type { MeetingPageService } from './agenda/page-service.js';
import type { AgendaService } from './agenda/service.js';
import type { AttendanceService } from './attendance/service.js';
import type { FeedsService } from './feeds/service.js';
import type { MeetingRemindersService } from './feeds/reminders-service.js';
import type { InvitationsService } from './invitations/service.js';
import type { MeetingActionsService } from './minutes/actions-service.js';
import type { MinuteAdviceService } from './minutes/advice-service.js';
import type { MinutesService } from './minutes/service.js';
import type { PapersService } from './papers/service.js';
import type { PublicMeetingsService } from './public/service.js';
import type { ScheduleService } from './schedule/service.js';

/** A body's meetings: the shared checks, scheduling, agendas and attendance. */
export type MeetingsService = MeetingsAccess & ScheduleService & AgendaService & AttendanceService;

/** Minutes, the advice they cite, and actions arising. */
export type MeetingMinutesService = MinutesService & MinuteAdviceService & MeetingActionsService;

/** The meetings module's own services. */
export interface MeetingsServices {
  meetings: MeetingsService;
  meetingMinutes: MeetingMinutesService;
  publicMeetings: PublicMeetingsService;
  meetingFeeds: FeedsService;
  meetingReminders: MeetingRemindersService;
  meetingPapers: PapersService;
  meetingPage: MeetingPageService;
  meetingInvitations: InvitationsService;
  /** A minute as another module cites it (CON-01, CON-07). */
  meetingMinuteReferences: MinuteReferences;
}

/** What the meetings' route files are given. */
export type MeetingsRouteDeps = RouteDeps<MeetingsServices>;
