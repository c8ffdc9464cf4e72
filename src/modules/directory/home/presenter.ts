/** The directory's home page: the first matches of a search, and the links to see them all. */
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OrganisationKind } from '../kinds.js';
import { organisationKindLabel } from '../organisations/presenter.js';
import { directoryPaths as paths } from '../paths.js';

/** The breadcrumbs of a directory page: Home, then the directory (unless it is the page), then any more. */
export function directoryCrumbs(
  t: Translate,
  ...more: { text: string; href: string }[]
): { text: string; href: string }[] {
  return [
    { text: t('nav.home'), href: '/' },
    { text: t('directory:nav.directory'), href: paths.home },
    ...more,
  ];
}

const withSearch = (path: string, q: string | undefined) =>
  q ? `${path}?q=${encodeURIComponent(q)}` : path;

export function homeView(
  t: Translate,
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
      kindLabel: organisationKindLabel(t, o.kind),
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
