import type { RouteDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import type { MeetingsApi } from '../meetings/index.js';
import type { DiversityService } from './diversity/service.js';
import type { GuidesService } from './guides/service.js';
import type { MemberRecordsService } from './member-records/service.js';
import type { PoliceAttendanceService } from './police-attendance/service.js';
import type { ApplyService } from './recruitment/apply-service.js';
import type { RecruitmentService } from './recruitment/service.js';
import type { GroupsService } from './service.js';

/** The advisory groups module's own services. */
export interface GroupsServices {
  groups: GroupsService;
  recruitment: RecruitmentService & ApplyService;
  memberRecords: MemberRecordsService & PoliceAttendanceService & DiversityService & GuidesService;
}

/** What the groups' route files are given: their services and the modules they show from. */
export type GroupsRouteDeps = RouteDeps<
  GroupsServices & DirectoryApi & Pick<MeetingsApi, 'meetings' | 'publicMeetings'>
>;
