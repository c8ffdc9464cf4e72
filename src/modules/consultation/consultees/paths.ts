/**
 * The consultee database's addresses (CON-03, CON-07), each defined once. Staff pages under
 * /consultation/consultees and under a consultation's page; the unsubscribe link is public.
 */
import { route } from '../../../platform/http/route.js';

export const consulteePaths = {
  /** The consultees, searched by name and filtered by category and borough. */
  list: '/consultation/consultees',
  add: '/consultation/consultees/new',
  /** Makes a consultee of each advisory group not yet one. */
  addAdvisoryGroups: '/consultation/consultees/advisory-groups',
  /** Makes a consultee of each open engagement group not yet one. */
  addEngagementGroups: '/consultation/consultees/engagement-groups',
  consultee: route('/consultation/consultees/:consulteeId'),
  edit: route('/consultation/consultees/:consulteeId/edit'),
  channels: route('/consultation/consultees/:consulteeId/channels'),
  consent: route('/consultation/consultees/:consulteeId/consent'),
  /** CON-07: who was chosen for a consultation and why, and their invitations. */
  chosen: route('/consultation/consultations/:consultationId/consultees'),
  chooseCategory: route('/consultation/consultations/:consultationId/consultees/category'),
  chooseOne: route('/consultation/consultations/:consultationId/consultees/one'),
  remove: route('/consultation/consultations/:consultationId/consultees/:chosenId/remove'),
  invite: route('/consultation/consultations/:consultationId/consultees/invite'),
  remind: route('/consultation/consultations/:consultationId/consultees/remind'),
  /** A consultee's own link, in every e-mail, to stop being contacted. */
  unsubscribe: route('/consultations/unsubscribe/:token'),
};
