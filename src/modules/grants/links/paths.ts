/**
 * A grant's ties to the engagement it served (CON-04, LEG-06), each address defined once: a
 * route's pattern registers it and the same object builds its links.
 */
import { route } from '../../../platform/http/route.js';

export const linkPaths = {
  /** An officer ties an awarded grant to a meeting, recommendation or consultation. */
  add: route('/grants/monitoring/:applicationId/links/new'),
  /** An officer unties one. */
  remove: route('/grants/monitoring/:applicationId/links/:linkId/remove'),
};

/** The grant's pages that show its ties, where a form sent from one of them goes back to. */
export const LINK_PAGES = ['application', 'monitoring'] as const;
export type LinkPage = (typeof LINK_PAGES)[number];
