/** The directory's URLs, so no link is built by hand. */
export const directoryPaths = {
  home: '/directory',
  organisations: '/directory/organisations',
  newOrganisation: '/directory/organisations/new',
  organisation: (id: string) => `/directory/organisations/${id}`,
  editOrganisation: (id: string) => `/directory/organisations/${id}/edit`,
  archiveOrganisation: (id: string) => `/directory/organisations/${id}/archive`,
  restoreOrganisation: (id: string) => `/directory/organisations/${id}/restore`,
  people: '/directory/people',
  newPerson: '/directory/people/new',
  person: (id: string) => `/directory/people/${id}`,
  editPerson: (id: string) => `/directory/people/${id}/edit`,
  archivePerson: (id: string) => `/directory/people/${id}/archive`,
  restorePerson: (id: string) => `/directory/people/${id}/restore`,
};
