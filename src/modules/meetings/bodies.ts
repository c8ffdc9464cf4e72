/**
 * Meetings are built once for every body that meets. The module that owns a kind of body (the
 * groups module for advisory groups; later the boards, panels and engagement groups) hands the
 * meetings service a provider that answers the few questions meetings need of a body: what it is
 * called, who belongs to it, who chairs it, and how a member is withdrawn.
 */
import type { Principal, UserPrincipal } from '../../platform/auth/principal.js';
import type { DataKind } from '../../platform/cache/versioned-cache.js';
import type { IsoDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/database.js';
import type { AgendaRelation } from './rules.js';

export const BODY_TYPES = [
  'advisory_group',
  'director_chairs',
  'annual_conference',
  'custody_panel',
  'consultation_board',
  'engagement_group',
] as const;
export type BodyType = (typeof BODY_TYPES)[number];

/** In what capacity an item was tabled (IAG-21e). */
export const AGENDA_TABLERS = ['member', 'police', 'chair', 'secretariat'] as const;
export type AgendaTabler = (typeof AGENDA_TABLERS)[number];

export const ATTENDEE_KINDS = ['member', 'police'] as const;
export type AttendeeKind = (typeof ATTENDEE_KINDS)[number];

export interface Body {
  type: BodyType;
  id: string;
  name: string;
  /** The interval the body meets at (IAG-21d), for scheduling a series. */
  intervalMonths: number | null;
  /** The body's own page, for links back; none for a person that page would refuse. */
  href?: string | undefined;
}

export interface BodyRelation extends AgendaRelation {
  /** The person's directory entry, if they have one (to record who tabled an item). */
  personId: string | null;
  /** May read the body's meetings at all: members, office-holders and the staff who oversee it. */
  mayView: boolean;
  /** May open the body's own page (`Body.href`); when false, pages show no link to it. */
  mayOpenBody?: boolean;
}

/**
 * The kinds of data (ADR 0009) every provider's `roll` is read from, so that what the meeting
 * page builds from a roll is kept only while they are unchanged. A provider whose roll reads
 * any other table counts that table under one of these kinds (a trigger, in a migration).
 */
export const ROLL_KINDS = [
  'groups',
  'members',
  'directory',
  'custody',
  'engagement',
] as const satisfies readonly DataKind[];

/** Someone expected at a meeting: a current member, or a police attendee named for the body. */
export interface RollEntry {
  personId: string;
  name: string;
  /** Where reminders go; people without one are not e-mailed. */
  email: string | null;
  kind: 'member' | 'police';
  /** The date they joined, so meetings before it do not count against them (IAG-21f). */
  since: IsoDate;
  /** For police attendees: the role they attend in. */
  capacity?: string;
}

/** A body invited to a meeting as a delegation (IAG-32: each advisory group to the conference). */
export interface Invitee {
  id: string;
  name: string;
  /** Who the invitation is e-mailed to (for a group, its chairs). */
  contacts: { name: string; email: string | null }[];
}

export interface BodyProvider {
  type: BodyType;
  /** The URL prefix of the body's pages, e.g. '/groups'; its meetings live under it. */
  pathPrefix: string;
  /** The prefix of its public pages, e.g. '/advisory-groups'. */
  publicPathPrefix: string;
  find(executor: Executor, id: string): Promise<Body | null>;
  /** The body, if the public may read about it (its `href` is then its public page). */
  publicFind(executor: Executor, id: string): Promise<Body | null>;
  relation(executor: Executor, principal: Principal, id: string): Promise<BodyRelation>;
  /** The bodies whose meetings this user is expected at (for their calendar feed). */
  bodiesFor(executor: Executor, userId: string): Promise<Body[]>;
  /**
   * Current members and police attendees, in the order the attendance form lists them. Read
   * only from tables of the `ROLL_KINDS`.
   */
  roll(executor: Executor, id: string): Promise<RollEntry[]>;
  /**
   * For a body whose meetings are attended by delegations of other bodies rather than by its own
   * members (the annual conference, IAG-32): who is invited. Its meetings record how many came
   * from each invitee instead of each person's attendance.
   */
  invitees?(executor: Executor): Promise<Invitee[]>;
  /** Whether members are withdrawn after three absences (IAG-21f): not where they sit by office. */
  withdrawsForAbsence: boolean;
  /**
   * Warnings for the body's meetings page (IAG-31: too few meetings this year, say), given a way
   * to count its meetings held or scheduled between two instants.
   */
  notices?(
    executor: Executor,
    id: string,
    countMeetings: (from: Date, to: Date) => Promise<number>,
  ): Promise<string[]>;
  /**
   * IAG-21f: withdraws a member for absence inside the caller's transaction; the caller (the
   * meetings service) has checked the rule and the chair, and records the audit event.
   * Returns what changed, for the audit event.
   */
  withdrawForAbsence(
    tx: Executor,
    id: string,
    personId: string,
    reason: string,
    by: UserPrincipal,
  ): Promise<{ membershipId: string }>;
}
