/**
 * The indicators' addresses, each defined once: a route's pattern registers it and the same
 * object builds its links. Staff keep them under /performance-indicators; anyone reads the public
 * ones under /indicators.
 */
import { route } from '../../platform/http/route.js';

export const indicatorsPaths = {
  /** CON-01: every indicator, with its latest value, target and RAG. */
  list: '/performance-indicators',
  add: '/performance-indicators/new',
  /** CON-01, CDRP-10: the committee's dashboard; `?borough=<id>` for a borough's. */
  dashboard: '/performance-indicators/dashboard',
  /** The committee pack of the same figures, as a tagged PDF; `?borough=<id>` for a borough's. */
  committeePack: '/performance-indicators/committee-pack.pdf',
  /** An indicator's chart and table; `?borough=<id>` for a borough's, when kept by borough. */
  indicator: route('/performance-indicators/:indicatorId'),
  edit: route('/performance-indicators/:indicatorId/edit'),
  /** A value typed for a period, or corrected. */
  value: route('/performance-indicators/:indicatorId/values'),
  /** The targets of a reporting year's periods: `?year=2026` for 2026-27. */
  targets: route('/performance-indicators/:indicatorId/targets'),
  /** The values of an indicator Bridge counts, counted again for the periods that have ended. */
  refresh: route('/performance-indicators/:indicatorId/refresh'),
  /** A file of values (`period,borough_code,value,note`). */
  upload: route('/performance-indicators/:indicatorId/upload'),
  /** CDRP-10, LEG-04: the public indicators, and one's chart and table. */
  publicList: '/indicators',
  publicIndicator: route('/indicators/:indicatorId'),
};
