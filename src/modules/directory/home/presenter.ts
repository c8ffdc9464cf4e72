/** The directory's home page: the first matches of a search, and the links to see them all. */
import type { OrganisationKind } from '../kinds.js';
import { ORGANISATION_KIND_LABELS } from '../organisations/presenter.js';
import { directoryPaths as paths } from '../paths.js';

/** The breadcrumbs every directory page starts with. */
export const home = { text: 'Home', href: '/' };
export const directoryCrumb = { text: 'Directory', href: paths.home };

const withSearch = (path: string, q: string | undefined) =>
  q ? `${path}?q=${encodeURIComponent(q)}` : path;

export function homeView(
  q: string | undefined,
  orgs: { items: readonly { id: string; name: string; kind: OrganisationKind }[]; total: number },
  people: {
    items: readonly {
      id: string;
      fullName: string;
      jobTitle: string | null;
      organisationName: string | null;
    }[];
    total: number;
  },
) {
  return {
    q,
    searchAction: paths.home,
    organisations: orgs.items.map((o) => ({
      name: o.name,
      href: paths.organisation(o.id),
      kindLabel: ORGANISATION_KIND_LABELS[o.kind],
    })),
    organisationsTotal: orgs.total,
    allOrganisationsHref: withSearch(paths.organisations, q),
    newOrganisationHref: paths.newOrganisation,
    people: people.items.map((p) => ({
      fullName: p.fullName,
      href: paths.person(p.id),
      jobTitle: p.jobTitle,
      organisationName: p.organisationName,
    })),
    peopleTotal: people.total,
    allPeopleHref: withSearch(paths.people, q),
    newPersonHref: paths.newPerson,
  };
}
