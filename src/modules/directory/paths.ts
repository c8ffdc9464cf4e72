/** The directory's URLs, each defined once: its pattern registers the route, the same object builds links. */
import { route } from '../../platform/http/route.js';

export const directoryPaths = {
  home: '/directory',
  organisations: '/directory/organisations',
  newOrganisation: '/directory/organisations/new',
  organisation: route('/directory/organisations/:id'),
  editOrganisation: route('/directory/organisations/:id/edit'),
  archiveOrganisation: route('/directory/organisations/:id/archive'),
  restoreOrganisation: route('/directory/organisations/:id/restore'),
  people: '/directory/people',
  newPerson: '/directory/people/new',
  person: route('/directory/people/:id'),
  editPerson: route('/directory/people/:id/edit'),
  archivePerson: route('/directory/people/:id/archive'),
  restorePerson: route('/directory/people/:id/restore'),
};

/** The JSON API's addresses, under /api/v1 (where its routes are registered). */
export const directoryApiPaths = {
  organisations: '/organisations',
  organisation: route('/organisations/:id'),
  people: '/people',
  person: route('/people/:id'),
};
