/** How organisations are shown: their kinds' names, the form's choices and values, the links. */
import type { Organisation } from '../access.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../kinds.js';
import { directoryPaths as paths } from '../paths.js';

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  authority: 'Police authority',
  borough: 'Borough',
  directorate: 'Police directorate',
  police_unit: 'Police unit',
  partner: 'Partner organisation',
  community: 'Community organisation',
  other: 'Other organisation',
};

/** The kind given in a query, if it is one. */
export function organisationKindOf(value: string | undefined): OrganisationKind | undefined {
  return value && (ORGANISATION_KINDS as readonly string[]).includes(value)
    ? (value as OrganisationKind)
    : undefined;
}

export function kindItems(selected?: string, blank = 'Select a type') {
  return [
    { value: '', text: blank },
    ...ORGANISATION_KINDS.map((k) => ({
      value: k,
      text: ORGANISATION_KIND_LABELS[k],
      selected: k === selected,
    })),
  ];
}

export function organisationItems(
  options: readonly { id: string; name: string }[],
  blank: string,
  excludeId?: string,
) {
  return [
    { value: '', text: blank },
    ...options.filter((o) => o.id !== excludeId).map((o) => ({ value: o.id, text: o.name })),
  ];
}

export function organisationFormValues(o: Organisation): Record<string, string> {
  return {
    name: o.name,
    kind: o.kind,
    parentId: o.parentId ?? '',
    description: o.description ?? '',
    email: o.email ?? '',
    phone: o.phone ?? '',
    address: o.address ?? '',
    website: o.website ?? '',
    version: String(o.version),
  };
}

/** The organisation's people, all of them (its page lists the first 50). */
export function organisationPeopleHref(id: string): string {
  return `${paths.people}?organisation=${encodeURIComponent(id)}`;
}

/** The form to add a person, with this organisation chosen. */
export function newPersonInHref(id: string): string {
  return `${paths.newPerson}?organisation=${encodeURIComponent(id)}`;
}
