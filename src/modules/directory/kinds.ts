/** The kinds of organisation the directory holds (reference data names some of them). */
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
