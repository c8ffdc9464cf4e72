/**
 * The workforce's addresses, each defined once. Staff keep the snapshots under
 * /workforce-figures; anyone reads the published figures at /workforce.
 */
import { route } from '../../platform/http/route.js';

export const workforcePaths = {
  /** LEG-04: the snapshots, newest first. */
  snapshots: '/workforce-figures',
  /** A snapshot added for a date, its figures then typed band by band. */
  add: '/workforce-figures/new',
  /** LEG-04: snapshots imported from a file (`as_at,workforce,rank_band,sex,ethnic_group,headcount`). */
  importFile: '/workforce-figures/import',
  /** A snapshot's figures by workforce and rank band. */
  snapshot: route('/workforce-figures/:snapshotId'),
  /** A rank band's counts typed or corrected. */
  band: route('/workforce-figures/:snapshotId/bands/:band'),
  /** LEG-04, DP-01: the published figures: `?workforce=officer` and `?at=2011-03-31`. */
  publicFigures: '/workforce',
};
