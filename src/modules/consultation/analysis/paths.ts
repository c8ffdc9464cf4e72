/** The analysis's addresses: staff pages under the consultation's, public open data under its public page. */
import { route } from '../../../platform/http/route.js';

const base = '/consultation/consultations/:consultationId/analysis';

export const analysisPaths = {
  analysis: route(base),
  responsesCsv: route(`${base}/responses.csv`),
  reportPdf: route(`${base}/report.pdf`),
  /** A free-text question's code frame: its themes and a page of its answers to tag. */
  coding: route(`${base}/questions/:questionId`),
  addTheme: route(`${base}/questions/:questionId/themes`),
  theme: route(`${base}/themes/:themeId`),
  removeTheme: route(`${base}/themes/:themeId/remove`),
  openData: route(`${base}/open-data`),
  publicOpenData: route('/consultations/:consultationId/open-data'),
  publicOpenDataCsv: route('/consultations/:consultationId/open-data.csv'),
};
