/** The tracker's URLs, in one place, so no link is built by hand. */
const source = (id: string) => `/tracker/sources/${id}`;

export const trackerPaths = {
  sources: '/tracker',
  publicSources: '/recommendations',
  publicSource: (id: string) => `/recommendations/${id}`,
  newSource: '/tracker/new',
  importSource: '/tracker/import',
  myActions: '/tracker/my-actions',
  dashboard: '/tracker/dashboard',
  expectAnnualReports: '/tracker/annual-reports',
  scheduleProcessReview: '/tracker/process-review',
  received: (id: string) => `${source(id)}/received`,
  source,
  exportCsv: (id: string) => `${source(id)}/export.csv`,
  report: (id: string) => `${source(id)}/report`,
  reportCsv: (id: string) => `${source(id)}/report.csv`,
  reportPdf: (id: string) => `${source(id)}/report.pdf`,
  attachReport: (id: string) => `${source(id)}/report/attach`,
  recordReport: (id: string) => `${source(id)}/report/record`,
  newRecommendation: (sourceId: string) => `${source(sourceId)}/recommendations/new`,
  recommendation: (id: string) => `/tracker/recommendations/${id}`,
  newKeyPoint: (recommendationId: string) =>
    `/tracker/recommendations/${recommendationId}/key-points/new`,
  newAction: (keyPointId: string) => `/tracker/key-points/${keyPointId}/actions/new`,
  actionDetails: (id: string) => `/tracker/actions/${id}/details`,
  standing: (id: string) => `/tracker/recommendations/${id}/standing`,
  action: (id: string) => `/tracker/actions/${id}`,
};
