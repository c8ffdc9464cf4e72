/**
 * The good-practice library's addresses, each defined once: a route's pattern registers it and
 * the same object builds its links. Staff keep the library under /good-practice-library; anyone
 * reads what is published under /good-practice.
 */
import { route } from '../../platform/http/route.js';

export const goodPracticePaths = {
  /** CDRP-08: the library, `?q=&theme=&borough=` (a borough's id, or `area` for area-wide). */
  library: '/good-practice-library',
  /**
   * A new entry; another module prefills it: `?sourceKind=grant&sourceId=<uuid>&title=…` (also
   * `sourceReference`, `sourceLink`, `theme`, `boroughId`).
   */
  add: '/good-practice-library/new',
  entry: route('/good-practice-library/:entryId'),
  edit: route('/good-practice-library/:entryId/edit'),
  publish: route('/good-practice-library/:entryId/publish'),
  withdraw: route('/good-practice-library/:entryId/withdraw'),
  /** CDRP-08: what the public reads: published entries, with the same search and filters. */
  publicList: '/good-practice',
  publicEntry: route('/good-practice/:entryId'),
};
