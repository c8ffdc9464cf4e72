/** How organisations are shown: their kinds' names, the form's choices and values, the links. */
import type { Translate } from '../../../platform/i18n/messages.js';
import type { Organisation } from '../access.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../kinds.js';
import { directoryPaths as paths } from '../paths.js';

/** A kind's name, as people read it. */
export function organisationKindLabel(t: Translate, kind: OrganisationKind): string {
  return t(`directory:organisationKind.${kind}`);
}

/** The kind given in a query, if it is one. */
export function organisationKindOf(value: string | undefined): OrganisationKind | undefined {
  return value && (ORGANISATION_KINDS as readonly string[]).includes(value)
    ? (value as OrganisationKind)
    : undefined;
}

/** The kinds as select items, after a blank (its words: "Select a type" unless given). */
export function kindItems(t: Translate, selected?: string, blank?: string) {
  return [
    { value: '', text: blank ?? t('directory:organisations.form.selectType') },
    ...ORGANISATION_KINDS.map((k) => ({
      value: k,
      text: organisationKindLabel(t, k),
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

/** The rows of the organisations list, each with its link. */
export function organisationRows(items: readonly Organisation[], t: Translate) {
  return items.map((o) => ({
    name: o.name,
    href: paths.organisation(o.id),
    archived: o.archivedAt !== null,
    kindLabel: organisationKindLabel(t, o.kind),
    email: o.email,
    phone: o.phone,
  }));
}

/** An organisation's page: the organisation, what it is part of and includes, and its people. */
export function organisationView(
  detail: {
    organisation: Organisation;
    parent: { id: string; name: string } | null;
    children: readonly { id: string; name: string }[];
    members: readonly { id: string; fullName: string; jobTitle: string | null }[];
    memberCount: number;
  },
  t: Translate,
) {
  const { organisation, parent } = detail;
  const id = organisation.id;
  return {
    organisation,
    kindLabel: organisationKindLabel(t, organisation.kind),
    parent: parent && { name: parent.name, href: paths.organisation(parent.id) },
    children: detail.children.map((c) => ({ name: c.name, href: paths.organisation(c.id) })),
    members: detail.members.map((m) => ({ ...m, href: paths.person(m.id) })),
    memberCount: detail.memberCount,
    changeHref: paths.editOrganisation(id),
    archiveAction: organisation.archivedAt
      ? paths.restoreOrganisation(id)
      : paths.archiveOrganisation(id),
    allPeopleHref: organisationPeopleHref(id),
    addPersonHref: newPersonInHref(id),
  };
}
