/**
 * The one place that decides who may do what. Every service asks `can` before acting, and
 * every page asks it before showing a link.
 */
import { ForbiddenError } from '../errors.js';
import type { Principal, RoleGrant, UserPrincipal } from './principal.js';
import type { Role, ScopeType } from './roles.js';
import { ROLE_INFO } from './roles.js';

/** A record an action is about, when the answer depends on which record it is. */
export interface Resource {
  type: ScopeType;
  id: string;
}

type Policy = (principal: Exclude<Principal, null>, resource?: Resource) => boolean;

/** Police and authority staff, and group office-holders, who work with the directory. */
const DIRECTORY_READERS: readonly Role[] = [
  'chair',
  'deployment_contact',
  'requester',
  'ctset',
  'coordination_unit',
  'director',
  'authority_officer',
  'authority_member',
  'partnership_officer',
  'administrator',
];
const DIRECTORY_EDITORS: readonly Role[] = [
  'coordination_unit',
  'authority_officer',
  'administrator',
];

/** Police and authority staff who work with the register of advisory groups. */
const GROUP_STAFF: readonly Role[] = [
  'ctset',
  'coordination_unit',
  'director',
  'authority_officer',
  'authority_member',
  'administrator',
];

/** Staff who may be asked to assess an application for a grant. */
export const GRANT_ASSESSOR_ROLES: readonly Role[] = [...GROUP_STAFF, 'partnership_officer'];

const anyRole =
  (roles: readonly Role[]): Policy =>
  (p) =>
    p.kind === 'user' && p.roles.some((g) => roles.includes(g.role));

const userOnly: Policy = (p) => p.kind === 'user';

const POLICIES = {
  'account.manage-own': userOnly,
  'directory.view': (p) =>
    p.kind === 'token' ? p.scopes.includes('directory:read') : anyRole(DIRECTORY_READERS)(p),
  'directory.edit': (p) =>
    p.kind === 'token' ? p.scopes.includes('directory:write') : anyRole(DIRECTORY_EDITORS)(p),
  /** Archived records are kept for the record; only those who can edit see them. */
  'directory.view-archived': anyRole(DIRECTORY_EDITORS),
  'users.manage': anyRole(['administrator']),
  'audit.view': anyRole(['administrator']),
  'api-tokens.manage': anyRole(['administrator']),
  'mail.view-outbox': anyRole(['administrator']),
  /** DP-03: the retention schedule's periods, legal holds, and what was done under it. */
  'retention.manage': anyRole(['administrator']),
  /** The register of groups, with its office-holders and elections due. */
  'groups.view': (p) => anyRole(GROUP_STAFF)(p) || anyRole(['chair', 'deployment_contact'])(p),
  /**
   * Scoped: a group's page with its members. Staff see every group; a chair or deployment
   * contact sees the group they hold that office for.
   */
  'group.view': (p, resource) =>
    anyRole(GROUP_STAFF)(p) ||
    (p.kind === 'user' &&
      resource?.type === 'group' &&
      (hasRole(p, 'chair', resource) || hasRole(p, 'deployment_contact', resource))),
  /** IAG-01: registering a group; only the Director may set up a corporate focus group. */
  'groups.register': anyRole(['coordination_unit', 'director']),
  /** IAG-08: police officers and units ask for independent advice (CTSET may, for them). */
  'advice.request': anyRole(['requester', 'ctset']),
  /** IAG-08: every request goes through CTSET, which routes or declines it. */
  'advice.triage': anyRole(['ctset']),
  /** IAG-10: the coordination unit monitors deployments; the Director reads the same. */
  'advice.equity': anyRole(['coordination_unit', 'director']),
  /** IAG-09: CTSET offers independent advice for serious crimes and critical incidents. */
  'advice.offer': anyRole(['ctset']),
  /** Those who run the process see every request; a requester sees only their own. */
  'advice.view-all': anyRole(['ctset', 'coordination_unit', 'director']),
  /** Scoped, IAG-07: a group's deployment contact nominates advisors for requests passed to it. */
  'advice.nominate': (p, resource) =>
    p.kind === 'user' && resource?.type === 'group' && hasRole(p, 'deployment_contact', resource),
  /** IAG-08, IAG-30: contacting advisors and arranging access: CTSET (urgent), the unit (others). */
  'advice.arrange': anyRole(['ctset', 'coordination_unit']),
  /** IAG-11, IAG-14: advisors (a chair is one too) claim the expenses they incurred. */
  'expenses.claim': anyRole(['advisor', 'chair']),
  /** IAG-11: the coordination unit decides claims, pays them in batches and keeps the budgets. */
  'expenses.process': anyRole(['coordination_unit']),
  /** Budgets, spend and the auditors' report: the unit, and the Director who holds DCFD's budget. */
  'expenses.view-all': anyRole(['coordination_unit', 'director']),
  /** IAG-13: the Director decides a dispute the chair did not resolve. */
  'expenses.dispute-final': anyRole(['director']),
  /**
   * TRK-01: reviews, scrutinies, inquiries and work plans, their recommendations and progress,
   * and the reports to committees: police and authority staff and members read them.
   */
  'tracker.view': anyRole([...GROUP_STAFF, 'partnership_officer']),
  /** TRK-01: the tracker's managers record sources, import them and produce committee reports. */
  'tracker.manage': anyRole(['authority_officer', 'coordination_unit']),
  /** The coordination unit runs the process: groups, appointments, elections (Rec 10). */
  'groups.manage': anyRole(['coordination_unit']),
  /**
   * IAG-17, DP-01: a group's membership balance, as coverage of the diversity areas, never per
   * person; for those who plan recruitment.
   */
  'groups.view-balance': anyRole(['coordination_unit', 'director']),
  /** IAG-16, IAG-18: the Director accepts appointments and agrees second terms. */
  'groups.director-agreement': anyRole(['director']),
  /** Scoped: only the chair(s) of this group. Used by the groups and meetings modules. */
  'group.chair': (p, resource) =>
    p.kind === 'user' && resource?.type === 'group' && hasRole(p, 'chair', resource),
  /** ICV-01: the authority's scheme manager runs the custody visiting scheme: suites and panels. */
  'custody.manage': anyRole(['scheme_manager']),
  /**
   * The scheme's custody suites: the manager sees them all, a panel coordinator those of the
   * panel's area, a custody inspector their own (the custody-visiting service narrows it).
   */
  'custody.view': anyRole(['scheme_manager', 'panel_coordinator', 'custody_inspector']),
  /** The panels: the manager sees them all, a coordinator their own; the police see none. */
  'custody.panels.view': anyRole(['scheme_manager', 'panel_coordinator']),
  /**
   * ICV-03: a panel's rota (asking for availability, the draw, swaps and re-draws): the scheme
   * manager and the panel's coordinator (the service narrows it). No police user sees a visit
   * before it happens: the custody inspector is refused (visits are unannounced).
   */
  'custody.rota.manage': anyRole(['scheme_manager', 'panel_coordinator']),
  /** ICV-03: a lay visitor's own visits: their availability, and the day and time of a visit. */
  'custody.visits.own': anyRole(['lay_visitor']),
  /** Scoped, ICV-02: a panel is changed by the scheme manager or its own coordinator. */
  'custody.panel.edit': (p, resource) =>
    anyRole(['scheme_manager'])(p) ||
    (p.kind === 'user' && resource?.type === 'panel' && hasRole(p, 'panel_coordinator', resource)),
  /**
   * ICV-07: custody visit reports: the lay visitors write theirs; a sent one goes to the custody
   * inspector of its suite and the scheme manager, and is read by the panel's coordinator (the
   * custody-visiting service narrows it).
   */
  'custody.reports.view': anyRole([
    'scheme_manager',
    'custody_inspector',
    'lay_visitor',
    'panel_coordinator',
  ]),
  'custody.reports.write': anyRole(['lay_visitor']),
  /** ICV-08: the scheme manager reviews every sent report and tracks its issues to closure. */
  'custody.reports.review': anyRole(['scheme_manager']),
  /**
   * ICV-08: the issues raised from reports: the manager sees them all, a custody inspector those
   * of their suites (and answers them), a lay visitor those of their reports (the service narrows).
   */
  'custody.issues.view': anyRole(['scheme_manager', 'custody_inspector', 'lay_visitor']),
  'custody.issues.answer': anyRole(['custody_inspector']),
  /**
   * Issue 25: consultations, programmes and their results: police and authority staff and
   * members read them (CON-01: the board's members are among them).
   */
  'consultation.view': anyRole(GROUP_STAFF),
  /**
   * Issue 25: authority officers run consultation: programmes, consultations and their
   * questionnaires, the consultee database and the citizens' panel (their personal data), the
   * analysis, and "you said, we did".
   */
  'consultation.manage': anyRole(['authority_officer']),
  /**
   * CDRP-01, CDRP-10, CDRP-15: the partnerships register with its officers' contacts, stale
   * entries and protocols' compliance notes: police and authority staff and members, and the
   * boroughs' partnership officers (each keeps one entry, and reads the others' as colleagues).
   */
  'partnerships.view': anyRole([...GROUP_STAFF, 'partnership_officer']),
  /**
   * CDRP-01: the authority's officers hold the register: they add a borough's entry, keep any
   * entry, and chase stale ones (the coordination unit runs advisory groups, not partnerships).
   */
  'partnerships.manage': anyRole(['authority_officer']),
  /**
   * Who may reach the forms that keep an entry: the authority's officers, and partnership
   * officers, whom the service narrows to their own borough ('borough.partnership-record.edit').
   */
  'partnerships.keep': anyRole(['authority_officer', 'partnership_officer']),
  /**
   * CDRP-11, IAG-34: training delivered and training needs. Police-side training of deployment
   * and coordination staff is the coordination unit's, partnership training the partnership
   * officers' (seed 004: the Partnership Team); both record courses, sessions, attendance and
   * needs. The authority's officers and members and the Director oversee them (read only).
   */
  'training.view': anyRole([
    'coordination_unit',
    'partnership_officer',
    'authority_officer',
    'authority_member',
    'director',
  ]),
  'training.manage': anyRole(['coordination_unit', 'partnership_officer']),
  /**
   * CDRP-08, LEG-06, CON-04: the good-practice library, read by police and authority staff and
   * members and the boroughs' partnership officers, as the partnerships register is.
   */
  'good-practice.view': anyRole([...GROUP_STAFF, 'partnership_officer']),
  /**
   * The library is kept by the authority's officers and the coordination unit (every entry) and
   * by partnership officers, whom the service narrows to their own borough's entries.
   */
  'good-practice.manage': anyRole([
    'authority_officer',
    'coordination_unit',
    'partnership_officer',
  ]),
  /** CDRP-08: the authority's officers mark an entry public and withdraw it from the public site. */
  'good-practice.publish': anyRole(['authority_officer']),
  /**
   * LEG-04: a month of stop and search brought in from police.uk's file, by the authority's
   * officers who monitor it. Anyone reads the figures (police.uk publishes every search).
   */
  'stop-search.import': anyRole(['authority_officer']),
  /**
   * CON-01, CDRP-10, LEG-04: performance indicators, their targets and figures, read by police
   * and authority staff and members and the boroughs' partnership officers. The public ones
   * anyone reads on the public indicators page.
   */
  'indicators.view': anyRole([...GROUP_STAFF, 'partnership_officer']),
  /** CON-01: the authority's officers define indicators, set targets and give their figures. */
  'indicators.manage': anyRole(['authority_officer']),
  /**
   * LEG-04, DP-01: the workforce's headcounts by sex and ethnic group, every snapshot and its
   * cells unsuppressed (a band's one Black woman superintendent is a person), read only by the
   * authority's officers who keep them. Anyone reads the published figures (small counts
   * suppressed) on the public workforce page.
   */
  'workforce.view': anyRole(['authority_officer']),
  /** LEG-04: the authority's officers type and import the snapshots. */
  'workforce.manage': anyRole(['authority_officer']),
  /**
   * FOI-01 (Rec 10): the coordination unit handles Freedom of Information requests for the
   * advisory groups: the register, requesters' names and contact details, answers and reviews.
   */
  'foi.view': anyRole(['coordination_unit', 'administrator']),
  /** FOI-01: logs requests, stops and restarts the clock, answers and publishes them. */
  'foi.manage': anyRole(['coordination_unit', 'administrator']),
  /** A signed-in person's own training: the sessions they attended and their needs. */
  'training.own': userOnly,
  /**
   * DP-02: the register of subject access requests, the identity checks, extensions and answers,
   * and the archives sent (everything Bridge holds about a person): the coordination unit, which
   * handles information requests (seed 000, recommendation 10), and administrators.
   */
  'subject-access.manage': anyRole(['coordination_unit', 'administrator']),
  /**
   * CON-04: the register of engagement groups, their standing against the minimum standards,
   * plans, meetings and issues: police and authority staff and members, and partnership officers.
   */
  'engagement.view': anyRole([...GROUP_STAFF, 'partnership_officer']),
  /** CON-04: the authority's officers keep the register and assess groups against the standards. */
  'engagement.manage': anyRole(['authority_officer']),
  /**
   * CON-04: a group's own officers keep its plan and raise its issues (the engagement service
   * narrows them to their own group); the authority's officers may do it for any group.
   */
  'engagement.keep': anyRole(['authority_officer', 'engagement_officer']),
  /**
   * CON-04, CON-05, LEG-06, CDRP-12: funds, rounds, applications, awards, payments, returns and
   * evaluations: police and authority staff and members read them. Not partnership officers:
   * their boroughs apply, and must not read their rivals' bids (they may still be asked to
   * assess one, 'grants.assess', never their own borough's).
   */
  'grants.view': anyRole(GROUP_STAFF),
  /**
   * The authority's officers run the funds: rounds, assessors, the panel's decisions, payments,
   * returns accepted, underspend and clawback, evaluations.
   */
  'grants.manage': anyRole(['authority_officer']),
  /** Staff who may be asked to assess an application (the grants service narrows to theirs). */
  'grants.assess': anyRole(GRANT_ASSESSOR_ROLES),
  /**
   * Anyone signed in may apply for what they represent: their engagement group (its officer),
   * their borough's partnership or command (its partnership officer), their community
   * organisation (their directory entry's); the grants service narrows to those.
   */
  'grants.apply': userOnly,
  /** Scoped: only the partnership officer for this borough. */
  'borough.partnership-record.edit': (p, resource) =>
    p.kind === 'user' &&
    resource?.type === 'borough' &&
    hasRole(p, 'partnership_officer', resource),
} satisfies Record<string, Policy>;

export type Action = keyof typeof POLICIES;
export const ACTIONS = Object.keys(POLICIES) as Action[];

/**
 * The signed-in person asking, if they may do the action (when one is named); otherwise the
 * request is refused as forbidden. For services, before anything is read or written.
 */
export function requireUser(principal: Principal, action?: Action): UserPrincipal {
  if (principal?.kind !== 'user' || (action && !can(principal, action))) throw new ForbiddenError();
  return principal;
}

export function can(principal: Principal, action: Action, resource?: Resource): boolean {
  if (!principal) return false;
  return POLICIES[action](principal, resource);
}

/**
 * Whether the person holds a role; with a resource, the role held for that record (a chair
 * *of this group*). An unscoped grant of a role that is normally scoped does not match a scope.
 */
export function hasRole(principal: UserPrincipal, role: Role, resource?: Resource): boolean {
  return principal.roles.some(
    (g: RoleGrant) =>
      g.role === role &&
      (!resource || (g.scopeType === resource.type && g.scopeId === resource.id)),
  );
}

export function requiresSecondFactor(roles: readonly RoleGrant[]): boolean {
  return roles.some((g) => ROLE_INFO[g.role].requiresSecondFactor === true);
}
