/**
 * What a module is to the platform (ADR 0014). Each capability in `src/modules/<name>` has one
 * public face, `index.ts`, whose `create<Name>Module(deps)` returns a `BridgeModule`: its public
 * API (a written-out interface, the only way other modules reach its data), its routes, its
 * entries in the navigation and on the home page, and its scheduled sweeps. app.ts lists the
 * modules; the platform never imports one, it asks every module through this contract.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { ApiTokenService } from './api/service.js';
import type { Principal, UserPrincipal } from './auth/principal.js';
import type { Role } from './auth/roles.js';
import type { SecretBox } from './auth/secret-box.js';
import type { AuthService } from './auth/service.js';
import type { UsersService } from './auth/users-service.js';
import type { BankHolidayService } from './bank-holidays/service.js';
import type { Database, Db, Executor } from './db/database.js';
import type { FileStore } from './files/store.js';
import type { Translate } from './i18n/messages.js';
import type { NavItem } from './http/navigation.js';
import type { RenderPage } from './http/render.js';
import type { MailService } from './mail/service.js';
import type { OpenDataset } from './open-data/dataset.js';
import type { PublicHeadline } from './headlines.js';

export type { PublicFigure, PublicHeadline } from './headlines.js';

/** The platform's services, which every module may use. */
export interface PlatformServices {
  db: Db;
  database: Database;
  config: Config;
  mail: MailService;
  secretBox: SecretBox;
  auth: AuthService;
  users: UsersService;
  apiTokens: ApiTokenService;
  files: FileStore;
  bankHolidays: BankHolidayService;
  /**
   * The messages of the default language, for what a service writes without a request: its
   * refusals (field errors) and its e-mails (ADR 0015). A module's keys carry its namespace.
   */
  t: Translate;
  /** Every module's notes on a record, for the page that shows it (issue 28 part 2). */
  recordNotes: RecordNotes;
}

/**
 * What a route file is given: the application to register on, the page renderer, the settings,
 * and services: the platform's, with whatever its module adds (its own services and the public
 * APIs of the modules it uses).
 */
export interface RouteDeps<S extends object = object> {
  app: FastifyInstance;
  services: PlatformServices & S;
  renderPage: RenderPage;
  config: Config;
}

/** What every module is built from: the platform's services and the clock. */
export interface ModuleDeps {
  platform: PlatformServices;
  now?: () => Date;
}

/** A thing to do, offered on a signed-in person's home page. */
export interface HomeTask {
  href: string;
  text: string;
  hint: string;
}

/**
 * Where a module's entries stand among every module's: lower first. The numbers are spaced
 * (10, 20, ...) so that a new module's entries can go between.
 */
export interface Ordered {
  order: number;
}

export type ModuleNavItem = NavItem & Ordered;
export type ModuleHomeTask = HomeTask &
  Ordered & {
    /**
     * A volunteer's own work (a lay visitor's visit reports), not a staff role's: their home still
     * offers the public pages they may use beside it, as it does to someone with nothing to do.
     */
    volunteer?: boolean;
  };

/** Work done on a timer by every running instance (safe on several at once). */
export interface Sweep {
  /** Named in the log when it fails. */
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/** Whose data is asked for: their directory entry, and the user account it signs in with. */
export interface PersonDataSubject {
  personId: string;
  /** Null when the person has no account; records kept by user are then not theirs to hold. */
  userId: string | null;
}

/** A plain value a person can read: dates as ISO strings, money as pence. */
export type PersonDataValue = string | number | boolean | null;

/**
 * One kind of record a module holds about a person (DP-02), e.g. "Memberships": each row one
 * record, in columns named as a person would understand them.
 */
export interface PersonDataSection {
  title: string;
  rows: Record<string, PersonDataValue>[];
  /**
   * The columns (as worded in `rows`) whose values name other people: marked in the archive for
   * redaction before it is released.
   */
  thirdParty?: readonly string[];
  /**
   * The columns (as worded in `rows`) whose values identify the person themselves: their name,
   * contact details, date of birth. Erasure looks for these words in the audit trail.
   */
  identifying?: readonly string[];
  /** The person's files kept with these records (receipts), read through `PlatformServices.files`. */
  files?: readonly PersonDataFile[];
}

/** A file of the person's, by the name it was sent with and its key in the file store. */
export interface PersonDataFile {
  name: string;
  storageKey: string;
}

/** What erasing a person did to one kind of record: no personal data, only how many and how. */
export interface ErasedPart {
  /** The kind of record, in the module's words ("memberships"). */
  kind: string;
  records: number;
  how: 'deleted' | 'anonymised';
}

/** A retention period (DP-03): calendar months (addCalendarMonths) or days. */
export interface RetentionPeriod {
  count: number;
  unit: 'months' | 'days';
}

/**
 * One record whose clock has run (or will run, for a warning): what the owner needs to find it,
 * never the person's data (the reference is the record's own number or title, not a name).
 */
export interface RetentionRecord {
  /** The record's id (a uuid): the key a legal hold and a warning name it by. */
  id: string;
  /** The day its clock started (the trigger), ISO date. */
  startedOn: string;
  /** How its owner finds it: a reference and, where it has one, its page. */
  reference: string;
  href?: string;
  /** The people it is about (directory ids): a hold on one of them holds the record. */
  personIds: readonly string[];
  /** The owner to warn when the owner is a person (a user id); else the part's role. */
  ownerUserId?: string | null;
}

/**
 * What is done with a kind of personal record when its period ends (DP-03), run by the platform's
 * retention sweep (src/platform/retention). Both functions run on the executor given: the sweep
 * holds a lock on the kind and removes in one transaction per batch.
 */
export interface RetentionSchedulePart {
  /** Stable, kept on overrides, holds, warnings and runs: '<module>.<what>' ('expenses.receipts'). */
  key: string;
  /** Its name, as the administrator reads it on the schedule. */
  name: string;
  /** The trigger in words: when the clock starts ('the day the claim was paid'). */
  trigger: string;
  defaultPeriod: RetentionPeriod;
  /** Why the default is what it is (the law, guidance, or the reason the record is kept). */
  reason: string;
  action: 'delete' | 'anonymise';
  /** What stays for the record after anonymising (counts, minutes, decisions). */
  keeps?: string;
  /** Who is warned before: every active holder of this role (unless the record names a person). */
  ownerRole: Role;
  /**
   * Records whose clock started on or before `startedBy` (ISO date), not yet deleted or
   * anonymised, oldest first (then by id, so that pages are stable), at most `limit` after
   * skipping `offset`: one query. The sweep pages past records that are waiting.
   */
  due(
    executor: Executor,
    startedBy: string,
    limit: number,
    offset: number,
  ): Promise<RetentionRecord[]>;
  /** Deletes or anonymises these records (those still due); how many it changed. */
  apply(executor: Executor, ids: readonly string[]): Promise<number>;
  /**
   * Of these records (by id), those about the person (a directory id), as `personIds` says: how a
   * hold on one of them is found to hold the person (issue 28 part 5: no erasure while it stands).
   * Absent when the kind's records are about no one in the directory. One query.
   */
  aboutPerson?(executor: Executor, ids: readonly string[], personId: string): Promise<string[]>;
}

/**
 * A kind of personal record a module keeps, for DP-03: what it is, and, where Bridge acts on it
 * by itself, its schedule (its period, warning and deletion or anonymisation).
 */
export interface RetentionPart {
  kind: string;
  describe: string;
  schedule?: RetentionSchedulePart;
}

/**
 * A figure Bridge already counts, which an indicator may take its values from (issue 27 part 1):
 * a module offers it, the indicators module asks it for each closed period.
 */
export interface Measure {
  /** Stable, kept on the indicator: '<module>.<what>' ("meetings.held"). */
  key: string;
  /** Its name's catalogue key, in the module's namespace. */
  nameKey: string;
  /** What it gives, one of the indicators' units: an indicator taking it has the same unit. */
  unit: 'count' | 'percent' | 'days';
  /** Whether it can be counted for one borough (`value`'s boroughId); else the whole area only. */
  byBorough: boolean;
  /**
   * Its value over [from, to) (instants), for the whole area or a borough, in hundredths as the
   * indicators keep values (3 meetings is 300, 87.5% is 8750, 4.25 days is 425); null when there
   * is nothing to measure (no minutes due in the period), so that no value is written. One query.
   */
  value(executor: Executor, from: Date, to: Date, boroughId?: string): Promise<number | null>;
}

/**
 * A record as the platform names it: its owner's record type in the audit trail ('group',
 * 'meeting', 'advice-request') and its id.
 */
export interface RecordRef {
  type: string;
  id: string;
}

/** One cell of a note's table: its words, and the page they link to. */
export interface RecordNoteCell {
  text: string;
  href?: string;
}

/**
 * What a module says about another module's record, shown on that record's page (issue 28 part
 * 2: the Freedom of Information requests that concern a group, a meeting or a request for
 * advice). The module whose record it is shows every module's notes without knowing which
 * modules give them, so it imports none of them and a module that reads it adds no cycle.
 */
export interface RecordNote extends Ordered {
  /** The id of its heading on the page. */
  id: string;
  heading: string;
  /** Shown above the table, as GOV.UK warning text. */
  warnings: readonly string[];
  /** The table's caption (read out with it, not shown). */
  caption: string;
  head: readonly string[];
  /** Its rows: each row's first cell is its header. */
  rows: readonly (readonly RecordNoteCell[])[];
  /** Under the table: for example, that only the newest are shown. */
  footnote?: string;
}

/** Every module's notes on one record, in their order; what the person may not see left out. */
export interface RecordNotes {
  of(principal: Principal, record: RecordRef, t: Translate): Promise<RecordNote[]>;
}

export interface BridgeModule<Api = unknown> {
  name: string;
  /** What other modules may use: the module's data is reached only through this. */
  api: Api;
  /** Registers the module's pages and API routes (after every module is built). */
  registerRoutes(app: FastifyInstance, renderPage: RenderPage): void | Promise<void>;
  navigation?: readonly ModuleNavItem[];
  /** The public pages offered to a signed-in person who has nothing else to do in Bridge. */
  publicTasks?(t: Translate): readonly ModuleHomeTask[];
  /**
   * Its headline on the public home, in the request's language; null when it has nothing
   * published. Every table it reads must be counted for the public cache (ADR 0016).
   */
  publicHeadline?(t: Translate): Promise<PublicHeadline | null>;
  /** The person's tasks from this module; falsy entries are left out. */
  homeTasks?(
    principal: UserPrincipal,
    /** The request's messages: a task's words in the person's language. */
    t: Translate,
  ): Promise<readonly (ModuleHomeTask | false | null | undefined | 0)[]>;
  sweeps?: readonly Sweep[];
  /** The figures it counts that an indicator may take its values from. */
  measures?: readonly Measure[];
  /**
   * DP-02: everything this module holds about a person, from its own tables only, a query per
   * section at most (never one per record). Run on the executor given, so that every module's
   * part of one export reads the same transaction.
   */
  personData?(executor: Executor, subject: PersonDataSubject): Promise<PersonDataSection[]>;
  /**
   * Erasure (issue 28 part 5, and the anonymisation DP-03 ends with): removes or anonymises
   * everything this module holds about the person, from its own tables only, keeping what must
   * stay for the record (minutes, decisions, counts) with the person no longer named. Run on the
   * executor given, inside the one transaction that erases the person from every module; says
   * what it did by kind and number, never with any of the person's data.
   */
  erasePerson?(executor: Executor, subject: PersonDataSubject): Promise<ErasedPart[]>;
  /** DP-03: the kinds of personal record it keeps (issue 28 adds what is done with them). */
  retention?: readonly RetentionPart[];
  /** Issue 27 part 6: the public tables it offers as open data (only what its public pages show). */
  openData?: readonly OpenDataset[];
  /**
   * Its note on another module's record, for this person, in the request's language: null when
   * it has nothing to say of the record, or nothing the person's role allows them to see. A
   * fixed number of queries, never one per row.
   */
  recordNote?(principal: Principal, record: RecordRef, t: Translate): Promise<RecordNote | null>;
}
