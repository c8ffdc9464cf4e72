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
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

/** What a role may be limited to: chair *of this group*, officer *for this borough*. */
export const SCOPE_TYPES = ['group', 'borough'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export interface RoleInfo {
  label: string;
  description: string;
  /** The kind of record this role is held for, if it is always held for one. */
  scope?: ScopeType;
  /** A second factor is compulsory for this role. */
  requiresSecondFactor?: boolean;
}

export const ROLE_INFO: Record<Role, RoleInfo> = {
  advisor: { label: 'Advisor', description: 'Volunteer independent advisor' },
  chair: { label: 'Chair', description: 'Chair or co-chair of an advisory group', scope: 'group' },
  deployment_contact: {
    label: 'Deployment contact',
    description: 'Nominates advisors for requests routed to a group',
    scope: 'group',
  },
  requester: { label: 'Requester', description: 'Police officer or unit asking for advice' },
  ctset: { label: 'Strategic engagement (CTSET)', description: 'Triages every request for advice' },
  coordination_unit: {
    label: 'Coordination unit',
    description: 'Runs the advisory group process',
    requiresSecondFactor: true,
  },
  director: {
    label: 'Director',
    description: 'Director of the Diversity and Citizen Focus Directorate',
  },
  authority_officer: { label: 'Authority officer', description: 'Police authority staff' },
  authority_member: { label: 'Authority member', description: 'Member of the police authority' },
  lay_visitor: { label: 'Lay visitor', description: 'Volunteer independent custody visitor' },
  partnership_officer: {
    label: 'Partnership officer',
    description: "Keeps a borough's partnership record current",
    scope: 'borough',
  },
  administrator: {
    label: 'Administrator',
    description: 'System owner: users, roles, reference data',
    requiresSecondFactor: true,
  },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
