/** How people are shown: the edit form's values, and the person picker other modules' forms use. */
import type { Principal } from '../../../platform/auth/principal.js';
import type { Person } from '../access.js';
import { directoryPaths as paths } from '../paths.js';

export function personFormValues(p: Person, userEmail: string): Record<string, string> {
  return {
    fullName: p.fullName,
    jobTitle: p.jobTitle ?? '',
    organisationId: p.organisationId ?? '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    address: p.address ?? '',
    notes: p.notes ?? '',
    userEmail,
    version: String(p.version),
  };
}

interface PickablePerson {
  id: string;
  fullName: string;
  jobTitle: string | null;
  organisationName: string | null;
  email: string | null;
}

/** What the picker needs of the directory: its search of people (DirectoryService has it). */
interface PeopleSearch {
  people: {
    list(
      principal: Principal,
      query: { q: string; limit: number; offset: number },
    ): Promise<{ items: readonly PickablePerson[] }>;
  };
}

/**
 * The choices a "find the person in the directory" form offers: up to 20 people matching what was
 * typed, as GOV.UK radio items, so every form that picks a person shows them the same way.
 */
export async function personPickerItems(
  directory: PeopleSearch,
  principal: Principal,
  q: string | undefined,
  selected: string | undefined,
) {
  if (!q) return [];
  const { items } = await directory.people.list(principal, { q, limit: 20, offset: 0 });
  return items.map((p) => ({
    value: p.id,
    text: p.fullName,
    hint: {
      text: [p.jobTitle, p.organisationName, p.email].filter(Boolean).join(', ') || undefined,
    },
    checked: p.id === selected,
  }));
}

/** The rows of the people list, each with its links. */
export function personRows(items: readonly (Person & { organisationName: string | null })[]) {
  return items.map((p) => ({
    fullName: p.fullName,
    href: paths.person(p.id),
    archived: p.archivedAt !== null,
    jobTitle: p.jobTitle,
    organisation: p.organisationId
      ? { name: p.organisationName, href: paths.organisation(p.organisationId) }
      : null,
    email: p.email,
  }));
}

/** A person's page: their entry, their organisation, and what an editor may do. */
export function personView(detail: {
  person: Person;
  organisation: { id: string; name: string } | null;
}) {
  const { person, organisation } = detail;
  return {
    person,
    organisation: organisation && {
      name: organisation.name,
      href: paths.organisation(organisation.id),
    },
    hasAccount: person.userId !== null,
    changeHref: paths.editPerson(person.id),
    archiveAction: person.archivedAt
      ? paths.restorePerson(person.id)
      : paths.archivePerson(person.id),
  };
}
