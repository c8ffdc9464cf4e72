/**
 * Meetings of any body (ADR 0005): schedules, agendas, attendance, minutes, papers, invitations
 * and calendar feeds. Its one public face (ADR 0014). The bodies that meet (an advisory group,
 * the Director's meetings with the chairs) and the advice the minutes may cite come from other
 * modules, which plug them in through `MeetingsApi`.
 */
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/database.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import { createMeetingsAccess, type Meeting } from './access.js';
import type { BodyProvider, BodyType } from './bodies.js';
import { createMeetingPageService } from './agenda/page-service.js';
import { registerAgendaRoutes } from './agenda/routes.js';
import { createAgendaService } from './agenda/service.js';
import { registerAttendanceRoutes } from './attendance/routes.js';
import { createAttendanceService } from './attendance/service.js';
import { createMeetingRemindersService } from './feeds/reminders-service.js';
import { registerFeedRoutes } from './feeds/routes.js';
import { createFeedsService } from './feeds/service.js';
import { registerInvitationRoutes } from './invitations/routes.js';
import { createInvitationsService } from './invitations/service.js';
import { registerMinutesRoutes } from './minutes/routes.js';
import { createMeetingActionsService } from './minutes/actions-service.js';
import { createMinuteAdviceService } from './minutes/advice-service.js';
import type { AdviceCitations } from './minutes/records.js';
import { createMinuteReferences, type MinuteReferences } from './minutes/references.js';
import { createMinutesService } from './minutes/service.js';
import { registerPaperRoutes } from './papers/routes.js';
import { createPapersService } from './papers/service.js';
import { registerPublicMeetingRoutes } from './public/routes.js';
import { createPublicMeetingsService } from './public/service.js';
import type {
  MeetingMinutesService,
  MeetingsService as MeetingsParts,
  MeetingsServices,
} from './route-deps.js';
import type { meetingPapers } from './schema.js';
import { registerScheduleRoutes } from './schedule/routes.js';
import { createScheduleService } from './schedule/service.js';
import { eraseMeetingsPerson } from './erasure.js';
import { meetingsPersonData } from './person-data.js';
import { meetingTitles } from './titles.js';
import { meetingsHeld } from './measures/held.js';
import { minutesOnTimeMeasure } from './measures/minutes-on-time.js';

export type {
  Body,
  BodyProvider,
  BodyRelation,
  BodyType,
  Invitee,
  RollEntry,
  AgendaTabler,
  AttendeeKind,
} from './bodies.js';
export { BODY_TYPES, ROLL_KINDS } from './bodies.js';
export type { AdviceCitations, CitableAdvice } from './minutes/records.js';
export type { MinuteReference, MinuteReferences } from './minutes/references.js';
export type { Meeting } from './access.js';
export { meetingPaths } from './paths.js';
export { publicMeetingLinks } from './public/routes.js';

/** A group's meeting an advisor may claim expenses for. */
export interface GroupMeeting {
  id: string;
  groupId: string;
  title: string;
  startsAt: Date;
}

/** What a body's public page lists of a meeting. */
export interface PublicMeetingSummary {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  status: Meeting['status'];
  agendaPublished: boolean;
  minutesApproved: boolean;
}

/** An agenda item, of a meeting to come, that a paper may be attached to. */
export interface AttachableItem {
  meetingId: string;
  meetingTitle: string;
  startsAt: Date;
  itemId: string;
  itemTitle: string;
}

/** A paper another module made (e.g. a report's PDF), to attach to an agenda item. */
export interface GeneratedPaper {
  title: string;
  fileName: string;
  mime: string;
  bytes: Buffer;
}

/** A paper as kept against an agenda item. */
export type MeetingPaper = typeof meetingPapers.$inferSelect;

/** What other modules read of a body's meetings. */
export interface MeetingsReads {
  /** The notices a body's page shows (e.g. members near the three-absence limit). */
  bodyNotices(type: BodyType, bodyId: string): Promise<string[]>;
  /**
   * The body's next meeting still to come, for its own page; the body's module has checked
   * that the reader may see the body.
   */
  upcomingMeeting(
    type: BodyType,
    bodyId: string,
  ): Promise<{ id: string; title: string; startsAt: Date; endsAt: Date | null } | null>;
  /** The groups' meetings held from one instant to another (not cancelled), newest first. */
  groupMeetingsBetween(
    executor: Executor,
    groupIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<GroupMeeting[]>;
}

/** The name the expenses module knows `MeetingsReads` by. */
export type MeetingsService = MeetingsReads;

/** What a body's public page shows of its meetings. */
export interface PublicMeetingsReads {
  list(type: BodyType, bodyId: string): Promise<PublicMeetingSummary[]>;
}

/** Attaching a paper another module made to a meeting's agenda. */
export interface MeetingPapersApi {
  /** The items this person may attach a paper to, of meetings from the given instant. */
  attachableItems(principal: Principal, from: Date, staff: boolean): Promise<AttachableItem[]>;
  /** Attaches the paper; `alsoRecord` runs in the same transaction, so both are kept or neither. */
  attachGenerated(
    principal: Principal,
    meetingId: string,
    itemId: string,
    file: GeneratedPaper,
    requestId?: string,
    alsoRecord?: (tx: Executor, paper: MeetingPaper) => Promise<void>,
  ): Promise<MeetingPaper>;
}

// Its benchmark generator, run in order by bench/data/generate.ts.
export { meetingsGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export {
  loadDemoBodyMeetings,
  loadDemoGroupMeetings,
  loadDemoMinutedMeetings,
  loadDemoPanelMeetings,
  removeDemoMeetingRecords,
} from './demo.js';
export type { DemoMinutedMeeting } from './demo.js';

export interface MeetingsApi {
  meetings: MeetingsReads;
  publicMeetings: PublicMeetingsReads;
  meetingPapers: MeetingPapersApi;
  /** A minute as another module cites it (a decision, an approval), and minutes to choose from. */
  minuteReferences: MinuteReferences;
  /** A module whose bodies meet adds them here (ADR 0005). */
  addBodies(bodies: readonly BodyProvider[]): void;
  /** IAG-27: where the minutes find advice to cite, from the module that keeps it. */
  useAdviceCitations(citations: AdviceCitations): void;
  /** CON-04: meetings named by id, each with its title and page (a grant tied to them). */
  meetingTitles: typeof meetingTitles;
}

export interface MeetingsModule extends BridgeModule<MeetingsApi> {
  services: MeetingsServices;
}

export function createMeetingsModule(deps: ModuleDeps): MeetingsModule {
  const { platform, now } = deps;
  const { db, mail, config } = platform;
  const publicUrl = config.publicUrl;
  const bodies: BodyProvider[] = [];
  let adviceCitations: AdviceCitations | undefined;

  // One service for a body's meetings, made of its journeys' parts on the shared checks.
  const access = createMeetingsAccess({ db, bodies, now, t: platform.t });
  const meetingParts = { db, access, now, t: platform.t };
  const agenda = createAgendaService(meetingParts);
  const meetings: MeetingsParts = {
    ...access,
    ...createScheduleService(meetingParts),
    ...agenda,
    ...createAttendanceService(meetingParts),
  };
  const minutesCore = createMinutesService({ db, meetings, now, t: platform.t });
  const meetingMinutes: MeetingMinutesService = {
    ...minutesCore,
    ...createMinuteAdviceService({
      db,
      meetings,
      minutes: minutesCore,
      t: platform.t,
      // Read when the minutes need it: the advice module plugs it in after this one is built.
      get advice() {
        return adviceCitations;
      },
    }),
    ...createMeetingActionsService({ db, meetings, t: platform.t }),
  };
  const publicMeetings = createPublicMeetingsService({ db, meetings });
  const meetingFeeds = createFeedsService({ db, meetings, publicUrl, now, t: platform.t });
  // What writes to people (reminders, invitations) needs the mail and the words as well.
  const mailing = { db, meetings, mail, publicUrl, now, t: platform.t };
  const meetingReminders = createMeetingRemindersService(mailing);
  const meetingPapers = createPapersService({
    db,
    meetings,
    files: platform.files,
    maxBytes: config.files.maxBytes,
    t: platform.t,
  });
  const meetingPage = createMeetingPageService({
    db,
    meetings,
    minutes: meetingMinutes,
    papers: meetingPapers,
  });
  const meetingInvitations = createInvitationsService(mailing);
  const meetingMinuteReferences = createMinuteReferences(bodies);
  const services: MeetingsServices = {
    meetings,
    meetingMinutes,
    publicMeetings,
    meetingFeeds,
    meetingReminders,
    meetingPapers,
    meetingPage,
    meetingInvitations,
    meetingMinuteReferences,
  };
  const api: MeetingsApi = {
    meetings,
    publicMeetings,
    meetingPapers,
    minuteReferences: meetingMinuteReferences,
    addBodies: (added) => void bodies.push(...added),
    useAdviceCitations: (citations) => void (adviceCitations = citations),
    meetingTitles,
  };
  return {
    name: 'meetings',
    measures: [meetingsHeld, minutesOnTimeMeasure],
    personData: (executor, subject) => meetingsPersonData(executor, subject, platform.t),
    erasePerson: eraseMeetingsPerson,
    api,
    services,
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config,
        services: { ...platform, ...services },
      };
      registerScheduleRoutes(routeDeps);
      registerAttendanceRoutes(routeDeps);
      registerAgendaRoutes(routeDeps);
      registerMinutesRoutes(routeDeps);
      registerPublicMeetingRoutes(routeDeps);
      registerPaperRoutes(routeDeps);
      registerInvitationRoutes(routeDeps);
      registerFeedRoutes(routeDeps);
    },
    sweeps: [
      // Reminders two days before, and to whoever scheduled one whose minutes are late.
      {
        name: 'meeting reminder',
        everyMs: 60 * 60_000,
        run: () =>
          meetingReminders
            .sendMeetingReminders()
            .then(() => meetingReminders.sendMinutesReminders()),
      },
    ],
  };
}
