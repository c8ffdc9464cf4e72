import type { Translate } from '../i18n/messages.js';

/** The roles of docs/domain.md "Who uses Bridge". The public has no account and so no role. */
export const ROLES = [
  'advisor',
  'chair',
  'deployment_contact',
  'requester',
  'ctset',
  'coordination_unit',
  'director',
  'authority_officer',
  'authority_member',
  'lay_visitor',
  'partnership_officer',
  'scheme_manager',
  'panel_coordinator',
  'custody_inspector',
  'engagement_officer',
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * What a role may be limited to: chair *of this group*, officer *for this borough*, coordinator
 * *of this custody visiting panel*, inspector *for this custody suite*.
 */
export const SCOPE_TYPES = ['group', 'borough', 'panel', 'suite', 'engagement_group'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** What each role is. */
export interface RoleInfo {
  /** The catalogue key of its name as people read it ("Coordination unit"): see `roleLabel`. */
  labelKey: string;
  /** What the role is, for the developers reading this table (not shown to anyone). */
  description: string;
  /** The kind of record this role is held for, if it is always held for one. */
  scope?: ScopeType;
  /** A second factor is compulsory for this role. */
  requiresSecondFactor?: boolean;
}

export const ROLE_INFO: Record<Role, RoleInfo> = {
  advisor: { labelKey: 'roles.advisor', description: 'Volunteer independent advisor' },
  chair: {
    labelKey: 'roles.chair',
    description: 'Chair or co-chair of an advisory group',
    scope: 'group',
  },
  deployment_contact: {
    labelKey: 'roles.deployment_contact',
    description: 'Nominates advisors for requests routed to a group',
    scope: 'group',
  },
  requester: {
    labelKey: 'roles.requester',
    description: 'Police officer or unit asking for advice',
  },
  ctset: { labelKey: 'roles.ctset', description: 'Triages every request for advice' },
  coordination_unit: {
    labelKey: 'roles.coordination_unit',
    description: 'Runs the advisory group process',
    requiresSecondFactor: true,
  },
  director: {
    labelKey: 'roles.director',
    description: 'Director of the Diversity and Citizen Focus Directorate',
  },
  authority_officer: { labelKey: 'roles.authority_officer', description: 'Police authority staff' },
  authority_member: {
    labelKey: 'roles.authority_member',
    description: 'Member of the police authority',
  },
  lay_visitor: {
    labelKey: 'roles.lay_visitor',
    description: 'Volunteer independent custody visitor',
  },
  partnership_officer: {
    labelKey: 'roles.partnership_officer',
    description: "Keeps a borough's partnership record current",
    scope: 'borough',
  },
  scheme_manager: {
    labelKey: 'roles.scheme_manager',
    description: 'Authority staff who run the custody visiting scheme (ICV-01)',
  },
  panel_coordinator: {
    labelKey: 'roles.panel_coordinator',
    description: "Coordinates a custody visiting panel's visitors (ICV-02)",
    scope: 'panel',
  },
  custody_inspector: {
    labelKey: 'roles.custody_inspector',
    description: 'Police inspector responsible for custody suites',
    scope: 'suite',
  },
  engagement_officer: {
    labelKey: 'roles.engagement_officer',
    description:
      "An engagement group's officer (chair, secretary, treasurer): keeps its entry, raises its issues, applies for its funding (CON-04)",
    scope: 'engagement_group',
  },
  administrator: {
    labelKey: 'roles.administrator',
    description: 'System owner: users, roles, reference data',
    requiresSecondFactor: true,
  },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A role's name, as people read it ("Coordination unit"), in the language of `t`. */
export function roleLabel(t: Translate, role: Role): string {
  return t(ROLE_INFO[role].labelKey);
}
