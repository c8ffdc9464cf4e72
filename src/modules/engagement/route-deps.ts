import type { RouteDeps } from '../../platform/modules.js';
import type { MeetingsApi } from '../meetings/index.js';
import type { IssuesService } from './issues/service.js';
import type { PlansService } from './plans/service.js';
import type { RegisterService } from './register/service.js';
import type { StandingService } from './standing/service.js';

/** The engagement module's own services. */
export interface EngagementServices {
  /** CON-04: the register of groups. */
  engagementRegister: RegisterService;
  /** CON-04: the minimum standards and each group's standing. */
  engagementStanding: StandingService;
  /** CON-04: position statements and development plans. */
  engagementPlans: PlansService;
  /** CON-04: feed-up and feed-back. */
  engagementIssues: IssuesService;
}

/** What the engagement module's route files are given: its services and the meetings' reads. */
export type EngagementRouteDeps = RouteDeps<
  EngagementServices & {
    meetingReads: MeetingsApi['meetings'];
    publicMeetings: MeetingsApi['publicMeetings'];
  }
>;
