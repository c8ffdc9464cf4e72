export const ORGANISATION_KINDS = [
  'authority',
  'borough',
  'directorate',
  'police_unit',
  'partner',
  'community',
  'other',
] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  authority: 'Police authority',
  borough: 'Borough',
  directorate: 'Police directorate',
  police_unit: 'Police unit',
  partner: 'Partner organisation',
  community: 'Community organisation',
  other: 'Other organisation',
};
