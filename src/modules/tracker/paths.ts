/** The tracker's URLs, in one place, so no link is built by hand. */
const source = (id: string) => `/tracker/sources/${id}`;

export const trackerPaths = {
  sources: '/tracker',
  newSource: '/tracker/new',
  importSource: '/tracker/import',
  myActions: '/tracker/my-actions',
  source,
  exportCsv: (id: string) => `${source(id)}/export.csv`,
  report: (id: string) => `${source(id)}/report`,
  reportCsv: (id: string) => `${source(id)}/report.csv`,
  recordReport: (id: string) => `${source(id)}/report/record`,
  recommendation: (id: string) => `/tracker/recommendations/${id}`,
  standing: (id: string) => `/tracker/recommendations/${id}/standing`,
  action: (id: string) => `/tracker/actions/${id}`,
};
