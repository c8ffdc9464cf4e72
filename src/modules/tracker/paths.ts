/**
 * The tracker's addresses, each defined once: a pattern with parameters is a `route`, which
 * registers the route (`.pattern`) and builds its links; one without is a string constant.
 */
import { route } from '../../platform/http/route.js';

export const trackerPaths = {
  sources: '/tracker',
  publicSources: '/recommendations',
  publicSource: route('/recommendations/:sourceId'),
  newSource: '/tracker/new',
  importSource: '/tracker/import',
  myActions: '/tracker/my-actions',
  dashboard: '/tracker/dashboard',
  expectAnnualReports: '/tracker/annual-reports',
  scheduleProcessReview: '/tracker/process-review',
  received: route('/tracker/sources/:sourceId/received'),
  source: route('/tracker/sources/:sourceId'),
  exportCsv: route('/tracker/sources/:sourceId/export.csv'),
  report: route('/tracker/sources/:sourceId/report'),
  reportCsv: route('/tracker/sources/:sourceId/report.csv'),
  reportPdf: route('/tracker/sources/:sourceId/report.pdf'),
  attachReport: route('/tracker/sources/:sourceId/report/attach'),
  recordReport: route('/tracker/sources/:sourceId/report/record'),
  newRecommendation: route('/tracker/sources/:sourceId/recommendations/new'),
  recommendation: route('/tracker/recommendations/:recommendationId'),
  newKeyPoint: route('/tracker/recommendations/:recommendationId/key-points/new'),
  newAction: route('/tracker/key-points/:keyPointId/actions/new'),
  newDirectAction: route('/tracker/recommendations/:recommendationId/actions/new'),
  newPart: route('/tracker/sources/:sourceId/parts/new'),
  part: route('/tracker/parts/:partId'),
  withdrawPart: route('/tracker/parts/:partId/withdraw'),
  removePart: route('/tracker/parts/:partId/remove'),
  moveToPart: route('/tracker/recommendations/:recommendationId/part'),
  move: route('/tracker/move/:kind/:id'),
  actionDetails: route('/tracker/actions/:actionId/details'),
  standing: route('/tracker/recommendations/:recommendationId/standing'),
  action: route('/tracker/actions/:actionId'),
  // Editing, removing and withdrawing (editing/, issue 23).
  editSource: route('/tracker/sources/:sourceId/edit'),
  editRecommendation: route('/tracker/recommendations/:recommendationId/edit'),
  editKeyPoint: route('/tracker/key-points/:keyPointId/edit'),
  withdrawRecommendation: route('/tracker/recommendations/:recommendationId/withdraw'),
  removeRecommendation: route('/tracker/recommendations/:recommendationId/remove'),
  withdrawKeyPoint: route('/tracker/key-points/:keyPointId/withdraw'),
  removeKeyPoint: route('/tracker/key-points/:keyPointId/remove'),
  withdrawAction: route('/tracker/actions/:actionId/withdraw'),
  removeAction: route('/tracker/actions/:actionId/remove'),
};
